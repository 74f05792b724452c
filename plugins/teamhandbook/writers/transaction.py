"""Changes to several files made together or not at all.

A ``Transaction`` checks every file can be written (writable, unchanged since it was read, a new
name free, inside the handbook), writes all the new contents beside their files and flushes them to
disk, and only then puts them in place; if any step fails (a full disk, a read-only file), the
files already changed are put back. Every file ends as it was, or as intended. An edit through a
symbolic link edits the file it points to, and the link stays.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .files import (
    FileChangedError,
    WriteError,
    check_inside,
    check_writable,
    real_target,
    rename_exclusively,
    shown_path,
    sync_folder,
    umask,
    write_error,
)


@dataclass
class _Write:
    """One file to write: replaced (``expected`` its bytes as read) or created, or copied."""

    path: Path
    """The file as named; for a replacement, the file the link points to once checked."""

    data: bytes | None
    expected: bytes | None = None
    create: bool = False
    source: Path | None = None
    """For a copy: the file whose bytes are written."""

    temporary: Path | None = None
    backup: Path | None = None
    done: bool = False


@dataclass
class _Rename:
    """One file to rename; the new name must be free."""

    old: Path
    new: Path
    done: bool = False


class Transaction:
    """Changes to several files that are made together or not at all."""

    def __init__(self, roots: tuple[Path, ...] = ()) -> None:
        self.roots = roots
        """Folders every written file must stay in, links followed; empty for no such check."""

        self._steps: list[_Write | _Rename] = []
        self._current: _Write | _Rename | None = None

    def replace(self, path: Path, data: bytes, expected: bytes | None = None) -> None:
        """Replace a file's bytes (through a link: its target's); ``expected`` its bytes as read."""
        self._steps.append(_Write(path, data, expected))

    def create(self, path: Path, data: bytes) -> None:
        """Create a new file; the transaction fails with ``FileExistsError`` if one is there."""
        self._steps.append(_Write(path, data, create=True))

    def copy(self, source: Path, path: Path) -> None:
        """Copy a file to a new name; the transaction fails with ``FileExistsError`` if one is there."""
        self._steps.append(_Write(path, None, create=True, source=source))

    def rename(self, old: Path, new: Path) -> None:
        """Rename a file (a link stays a link) to a name that must be free."""
        self._steps.append(_Rename(old, new))

    def commit(self) -> None:
        """Check, prepare and apply every change; on any failure, put back what was changed.

        Raises ``WriteError`` (the file system refused), ``FileChangedError`` (a file changed since
        it was read) or ``FileExistsError`` (a new name is taken); in each case no file has changed.
        """
        created_folders: list[Path] = []
        try:
            self._check(created_folders)
            self._prepare()
        except BaseException:
            self._discard(created_folders)
            raise
        try:
            self._apply()
        except BaseException as exc:
            failures = self._undo()
            self._discard(created_folders)
            if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
                raise self._failed(exc, failures) from None
            raise
        self._finish()

    def _check(self, created_folders: list[Path]) -> None:
        """Make sure every change can be made before anything is written."""
        for step in self._steps:
            if isinstance(step, _Rename):
                if self.roots:
                    check_inside(step.new, self.roots)
                check_writable(step.old, existing=False)
                if os.path.lexists(step.new):
                    raise FileExistsError(str(step.new))
                continue
            if step.create:
                if self.roots:
                    check_inside(step.path, self.roots)
                if os.path.lexists(step.path):
                    raise FileExistsError(str(step.path))
                _make_folders(step.path.parent, created_folders)
                check_writable(step.path, existing=False)
                continue
            step.path = real_target(step.path)
            if self.roots:
                check_inside(step.path, self.roots)
            check_writable(step.path)
            if step.expected is not None:
                try:
                    current = step.path.read_bytes()
                except OSError as exc:
                    raise write_error("read", step.path, exc) from None
                if current != step.expected:
                    raise FileChangedError(
                        f"{shown_path(step.path)} changed while it was being edited; run the command again"
                    )

    def _prepare(self) -> None:
        """Write every new content into a temporary file beside its file, flushed to disk."""
        for step in self._steps:
            if isinstance(step, _Write):
                step.temporary = _temporary_copy(step)

    def _apply(self) -> None:
        """Put the changes in place, one by one, keeping what is needed to undo each."""
        for step in self._steps:
            self._current = step
            if isinstance(step, _Rename):
                rename_exclusively(step.old, step.new)
                step.done = True
                continue
            assert step.temporary is not None
            if step.create:
                _place_new(step.temporary, step.path)
                step.temporary = None
            else:
                step.backup = _backup(step.path)
                os.replace(step.temporary, step.path)
                step.temporary = None
            step.done = True

    def _undo(self) -> list[str]:
        """Put back every change made so far, last first; return the files that could not be."""
        failures: list[str] = []
        for step in reversed(self._steps):
            if not step.done:
                continue
            try:
                if isinstance(step, _Rename):
                    rename_exclusively(step.new, step.old)
                elif step.create:
                    os.unlink(step.path)
                elif step.backup is not None:
                    os.replace(step.backup, step.path)
                    step.backup = None
            except OSError:
                failures.append(shown_path(step.old if isinstance(step, _Rename) else step.path))
        return failures

    def _discard(self, created_folders: list[Path]) -> None:
        """Remove temporary files, backups and folders made for new files, after a failure."""
        for step in self._steps:
            if isinstance(step, _Write):
                for leftover in (step.temporary, step.backup):
                    if leftover is not None:
                        with contextlib.suppress(OSError):
                            os.unlink(leftover)
        for folder in reversed(created_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()

    def _finish(self) -> None:
        """Remove the backups and flush the folders' entries to disk."""
        folders: set[Path] = set()
        for step in self._steps:
            if isinstance(step, _Write):
                if step.backup is not None:
                    with contextlib.suppress(OSError):
                        os.unlink(step.backup)
                folders.add(step.path.parent)
            else:
                folders |= {step.old.parent, step.new.parent}
        for folder in folders:
            sync_folder(folder)

    def _failed(self, exc: OSError, failures: list[str]) -> WriteError:
        """Describe a failure while changes were being put in place, and what became of them."""
        if failures:
            outcome = "these files could not be put back and need checking: " + ", ".join(failures)
        else:
            outcome = "every file was put back as it was"
        step = self._current
        if isinstance(step, _Rename):
            return write_error("rename", step.old, exc, outcome)
        return write_error("write", step.path if step is not None else Path("."), exc, outcome)


def _make_folders(folder: Path, created: list[Path]) -> None:
    """Create a new file's folder and the ones above it that are missing, remembering each."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise write_error("create the folder", path, exc) from None
        created.append(path)


def _temporary_copy(step: _Write) -> Path:
    """Write a step's new bytes into a temporary file in its folder, with the file's permissions."""
    folder = step.path.parent
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{step.path.name}.", suffix=".tmp")
    except OSError as exc:
        raise write_error("write in", folder, exc) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if step.source is not None:
                with step.source.open("rb") as reader:
                    shutil.copyfileobj(reader, stream)
            else:
                stream.write(step.data or b"")
            stream.flush()
            os.fsync(stream.fileno())
        if step.source is not None:
            shutil.copymode(step.source, temporary)
        elif step.create:
            os.chmod(temporary, 0o666 & ~umask())
        else:
            os.chmod(temporary, stat.S_IMODE(os.stat(step.path).st_mode))
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise write_error("write", step.path, exc) from None
    return temporary


def _place_new(temporary: Path, path: Path) -> None:
    """Give a temporary file its new name, never replacing a file that appeared meanwhile."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        os.unlink(temporary)
        raise
    except OSError:
        if os.path.lexists(path):
            os.unlink(temporary)
            raise FileExistsError(str(path)) from None
        os.rename(temporary, path)
        return
    os.unlink(temporary)


def _backup(path: Path) -> Path:
    """Keep a file's current version under a second name (a hard link: no extra space) to undo with."""
    backup = path.with_name(f".{path.name}.{os.getpid()}.bak")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(backup)
    try:
        os.link(path, backup)
    except OSError:  # no hard links here: copy it aside instead
        shutil.copy2(path, backup)
    return backup
