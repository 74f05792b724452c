"""Writing files so that nothing an author wrote is lost: the checks every write passes first,
exclusive creation and renaming, and the errors a user reads.

A refusal from the file system becomes a ``WriteError``: one plain sentence naming the file. Changes
to existing files go through a ``Transaction`` (``transaction.py``), made while holding the
handbook's lock (``lock.py``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

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


def umask() -> int:
    """Return the process's file-creation mask."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sync_folder(folder: Path) -> None:
    """Flush a folder's entry list to disk, where the platform allows it, so a rename survives a crash."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
