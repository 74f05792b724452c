"""Writing files so that nothing an author wrote is lost.

- Each file is replaced atomically: a crash leaves the old file or the new one, never half of one.
- A change to several files is a ``Transaction``: it checks every file can be written, writes all
  the new contents beside their files, and only then puts them in place; if any step fails
  (a full disk, a read-only file), the files already changed are put back. Every file ends as it
  was, or as intended.
- An edit through a symbolic link edits the file it points to, and the link stays.
- Commands that edit the handbook hold an operating-system lock (``handbook_lock``), which the
  system releases if the process dies, so commands started together run one after the other.
- A refusal from the file system becomes a ``WriteError``: one plain sentence naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
try:  # Windows
    import msvcrt
except ImportError:
    msvcrt = None  # type: ignore[assignment]

LOCK_NAME = ".handbook.lock"
LOCK_TIMEOUT = 60.0
"""Seconds a command waits for another one editing the same handbook before it gives up."""

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of its path is not a folder",
    errno.ELOOP: "it is a symbolic link that loops",
}


class FileChangedError(RuntimeError):
    """A file changed on disk between the moment it was read and the moment it was to be replaced."""


class WriteError(RuntimeError):
    """A write the file system refused, or that would have left the handbook; the message says
    which file and why, in one sentence."""


def shown_path(path: Path) -> str:
    """Return a path as a user reads it: relative to the current folder when inside it."""
    try:
        relative = Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive, on Windows
        return str(path)
    return str(path) if relative.startswith("../") else relative


def reason(exc: OSError) -> str:
    """Say in a few plain words why the system refused."""
    return _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()


def write_error(action: str, path: Path, exc: OSError, outcome: str = "nothing was changed") -> WriteError:
    """Return the error for a write that failed: what, which file, why, and what became of the rest."""
    return WriteError(f"cannot {action} {shown_path(path)}: {reason(exc)}; {outcome}")


# Checks ---------------------------------------------------------------------------------------


def real_target(path: Path) -> Path:
    """Return the file an edit of ``path`` changes: the target of a symbolic link, else the path."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_writable(path: Path, existing: bool = True) -> None:
    """Refuse a file (or, for a new file, a folder) that is read-only, by its permissions.

    The permission bits are read as well as asked about, so a read-only file is respected even by
    a command running as an administrator, who could otherwise write it.
    """
    folder = path.parent
    if existing:
        try:
            status = os.stat(path)
        except OSError as exc:
            raise write_error("change", path, exc) from None
        if not stat.S_ISREG(status.st_mode):
            raise WriteError(
                f"cannot change {shown_path(path)}: it is not a regular file; nothing was changed"
            )
        if not status.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise WriteError(
                f"cannot change {shown_path(path)}: the file is read-only; make it writable first "
                "(chmod u+w); nothing was changed"
            )
    try:
        status = os.stat(folder)
    except OSError as exc:
        raise write_error("write in", folder, exc) from None
    if not status.st_mode & 0o222 or not os.access(folder, os.W_OK | os.X_OK):
        raise WriteError(
            f"cannot write in {shown_path(folder)}: the folder is read-only; make it writable first "
            "(chmod u+w); nothing was changed"
        )


def check_inside(path: Path, roots: tuple[Path, ...]) -> None:
    """Refuse a file whose folder, once links are followed, is outside every one of ``roots``."""
    folder = Path(os.path.realpath(path.parent))
    for root in roots:
        real_root = Path(os.path.realpath(root))
        if folder == real_root or folder.is_relative_to(real_root):
            return
    raise WriteError(
        f"cannot write {shown_path(path)}: its folder leads outside the handbook (to {folder.as_posix()}); "
        "nothing was changed"
    )


# Single files ----------------------------------------------------------------------------------


def replace_atomically(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` (the target, when ``path`` is a symbolic link).

    When ``expected`` is given and the file no longer holds it, nothing is written: someone else
    changed the file meanwhile. Raises ``WriteError`` when the file system refuses.
    """
    transaction = Transaction()
    transaction.replace(path, data, expected)
    transaction.commit()


def create_exclusively(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; raise ``FileExistsError`` if anything is already there.

    ``O_EXCL`` makes the check and the creation one step, so two commands racing for one name
    cannot both win. A file left half-written (the disk filled up) is removed again.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error("create the folder", path.parent, exc) from None
    check_writable(path, existing=False)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except FileExistsError:
        raise
    except OSError as exc:
        raise write_error("create", path, exc) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(path)
        if isinstance(exc, OSError):
            raise write_error("write", path, exc) from None
        raise


def copy_exclusively(source: Path, target: Path) -> None:
    """Copy a file, keeping its permissions; raise ``FileExistsError`` if the target exists."""
    transaction = Transaction()
    transaction.copy(source, target)
    transaction.commit()


def rename_exclusively(source: Path, target: Path) -> None:
    """Rename a file (a symbolic link itself, not its target) without ever replacing one.

    Raises ``FileExistsError`` if the target exists.
    """
    try:
        os.link(source, target, follow_symlinks=False)  # fails if the target exists, atomically
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


# Several files at once -------------------------------------------------------------------------


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
            _sync_folder(folder)

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
            os.chmod(temporary, 0o666 & ~_umask())
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


def _umask() -> int:
    """Return the process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entry list to disk, where the platform allows it, so a rename survives a crash."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# The handbook's lock ---------------------------------------------------------------------------

_HELD: dict[str, int] = {}
"""Locks this process holds, by lock file, so a command may take its lock again without waiting."""


@contextlib.contextmanager
def handbook_lock(root: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the handbook's lock (``.handbook.lock`` next to ``mkdocs.yml``) while editing.

    An operating-system lock (``flock``, or ``msvcrt.locking`` on Windows): commands started
    together run one after the other, and a command that dies releases it at once. Raises
    ``TimeoutError`` when another command holds it for more than ``timeout`` seconds, and
    ``WriteError`` when it cannot be taken at all (a read-only folder).
    """
    lock = Path(os.path.realpath(root)) / LOCK_NAME
    key = str(lock)
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    check_writable(lock, existing=False)
    descriptor = _acquire(lock, timeout)
    _HELD[key] = 1
    try:
        yield
    finally:
        del _HELD[key]
        _release(lock, descriptor)


def _acquire(lock: Path, timeout: float) -> int:
    """Open and lock the lock file; make sure it is still the file at that name once locked."""
    deadline = time.monotonic() + timeout
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        try:
            descriptor = os.open(lock, flags, 0o644)
        except OSError as exc:
            raise write_error("lock the handbook with", lock, exc) from None
        if _try_lock(descriptor):
            if _still_there(lock, descriptor):
                with contextlib.suppress(OSError):
                    os.ftruncate(descriptor, 0)
                    os.write(descriptor, f"{os.getpid()}\n".encode())
                return descriptor
            _unlock(descriptor)
        os.close(descriptor)
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"another handbook command is editing this handbook (it holds {shown_path(lock)}); "
                "wait for it to finish and run this command again"
            )
        time.sleep(0.05)


def _still_there(lock: Path, descriptor: int) -> bool:
    """Tell whether the locked file is still the one named ``lock`` (its holder may have removed it)."""
    try:
        named, opened = os.stat(lock, follow_symlinks=False), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)


def _try_lock(descriptor: int) -> bool:
    """Take the lock without waiting; False when another process holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        elif msvcrt is not None:  # pragma: no cover - Windows
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(descriptor: int) -> None:
    """Let go of the lock."""
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
        elif msvcrt is not None:  # pragma: no cover - Windows
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)


def _release(lock: Path, descriptor: int) -> None:
    """Remove the lock file while still holding it, then let go (Windows keeps the file)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            os.unlink(lock)
    _unlock(descriptor)
    os.close(descriptor)
