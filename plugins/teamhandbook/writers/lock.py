"""The handbook's lock: commands that edit the handbook run one after the other.

It is an operating-system lock (``flock``, or ``msvcrt.locking`` on Windows) on ``.handbook.lock``
next to ``mkdocs.yml``: the system releases it when its holder dies, so a command that was killed
never blocks the next one.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .files import check_writable, shown_path, write_error

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
