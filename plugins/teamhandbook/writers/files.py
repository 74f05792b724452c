"""Writing files so that nothing an author wrote is lost: atomic replacement, exclusive creation."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path


class FileChangedError(RuntimeError):
    """A file changed on disk between the moment it was read and the moment it was to be replaced."""


def replace_atomically(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data``: a crash leaves the old file or the new one, never half of one.

    The new content goes to a temporary file in the same folder, is flushed to disk, takes the
    file's permissions, and replaces the file in one ``os.replace``. When ``expected`` is given and
    the file no longer holds it, nothing is written: someone else changed the file meanwhile.
    """
    mode = stat.S_IMODE(path.stat().st_mode)
    if expected is not None and path.read_bytes() != expected:
        raise FileChangedError(f"{path} changed while it was being edited; run the command again")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def create_exclusively(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; raise ``FileExistsError`` if anything is already there.

    ``O_EXCL`` makes the check and the creation one step, so two commands racing for one name
    cannot both win.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def copy_exclusively(source: Path, target: Path) -> None:
    """Copy a file, keeping its permissions; raise ``FileExistsError`` if the target exists."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as reader, open(target, "xb") as writer:
        shutil.copyfileobj(reader, writer)
    shutil.copymode(source, target)


def rename_exclusively(source: Path, target: Path) -> None:
    """Rename a file without ever replacing one; raise ``FileExistsError`` if the target exists."""
    try:
        os.link(source, target)  # fails if the target exists, atomically
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entry list to disk, where the platform allows it, so a rename survives a crash."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def folder_lock(folder: Path, name: str = ".handbook.lock", timeout: float = 10.0, stale: float = 60.0):
    """Hold a lock file in ``folder`` while choosing and creating a new file's name.

    Two ``handbook new`` commands started at once then take numbers one after the other. A lock
    left by a command that crashed is taken over once it is ``stale`` seconds old.
    """
    lock = folder / name
    deadline = time.monotonic() + timeout
    while True:
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            with contextlib.suppress(OSError):
                if time.time() - lock.stat().st_mtime > stale:
                    lock.unlink()
                    continue
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{lock} is held by another command; if none is running, delete the file"
                ) from None
            time.sleep(0.02)
    try:
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
