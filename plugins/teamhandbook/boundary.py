"""Safe access to source files: the repository is the boundary.

A handbook is built in pull-request previews from files anyone can propose, so a source is read
only when it is a regular file of sane size inside the handbook's root (or inside a folder that
``mkdocs.yml`` names outside it). A symbolic link that leaves those folders, points at a device,
FIFO or socket, loops, or dangles is refused with a problem naming it, and never opened: a link
to ``/proc/self/environ`` would otherwise publish the build's secrets, one to ``/dev/zero`` or a
FIFO would exhaust memory or hang. Links that stay inside, to files or folders, keep working.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .model.problem import Problem, error

MAX_SOURCE_BYTES = 10 * 1024 * 1024
"""The largest Markdown or YAML source the handbook reads (10 MiB); a decision is a few KB."""

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


@dataclass(frozen=True)
class SourceBytes:
    """What reading a source gave: its bytes, or None and the problem that says why not."""

    raw: bytes | None
    problem: Problem | None = None


@dataclass
class Listing:
    """The files found below a folder, and the entries refused on the way."""

    files: list[PurePosixPath] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    refused: list[PurePosixPath] = field(default_factory=list)
    """Entries left out (files, or folders with everything below them), relative to the folder."""

    def is_refused(self, relative: PurePosixPath) -> bool:
        """Tell whether a path below the folder is, or lies below, an entry that was refused."""
        return any(relative == entry or entry in relative.parents for entry in self.refused)


def shown_name(name: str) -> str:
    """Return a file name as it can be printed: undecodable bytes and control characters escaped."""
    raw = os.fsencode(name)
    text = raw.decode("utf-8", errors="backslashreplace")
    return "".join(char if char.isprintable() or char == " " else _escape(char) for char in text)


def _escape(char: str) -> str:
    """Write a control character as a visible escape: ``\\x0a``."""
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def name_problem(name: str) -> str | None:
    """Say what is wrong with a file name no page address can carry, or None when it is usable."""
    try:
        os.fsencode(name).decode("utf-8")
    except UnicodeDecodeError:
        return "the file name is not valid UTF-8; rename the file using UTF-8 characters"
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in name):
        return "the file name contains a control character (such as a line break); rename the file"
    return None


class Boundary:
    """The folders sources may be read from, and the checks every source passes first."""

    def __init__(self, roots: Iterable[Path], max_bytes: int = MAX_SOURCE_BYTES) -> None:
        self.roots = tuple(dict.fromkeys(Path(os.path.realpath(root)) for root in roots))
        self.max_bytes = max_bytes

    def contains(self, real: Path) -> bool:
        """Tell whether a resolved path is one of the roots or inside one."""
        return any(real == root or real.is_relative_to(root) for root in self.roots)

    def _describe_roots(self) -> str:
        """Name the allowed folders for a message."""
        return " or ".join(root.as_posix() for root in self.roots)

    def resolve(self, path: Path, shown: str) -> tuple[Path | None, Problem | None]:
        """Resolve a path through its links; refuse one that loops, dangles or leaves the boundary."""
        try:
            real = Path(os.path.realpath(path, strict=True))
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return None, error(
                    shown,
                    1,
                    "this is a symbolic link that loops (it leads back to itself); "
                    "point it at a real file or delete it.",
                    "symlink-loop",
                )
            if os.path.islink(path) or exc.errno == errno.ENOENT:
                return None, error(
                    shown,
                    1,
                    "this is a symbolic link to something that does not exist; fix or delete it.",
                    "broken-symlink",
                )
            return None, unreadable(shown, exc)
        if not self.contains(real):
            return None, error(
                shown,
                1,
                f"this is a symbolic link to {real.as_posix()}, outside the handbook "
                f"({self._describe_roots()}); the handbook does not read it. Copy the file into the "
                "repository, or delete the link.",
                "outside-root",
            )
        return real, None

    def check_folder(self, path: Path, shown: str) -> Problem | None:
        """Refuse a source folder that resolves outside the boundary (it is then not read at all)."""
        real, problem = self.resolve(path, shown)
        if problem is not None:
            return problem
        assert real is not None
        if not real.is_dir():
            return error(shown, 1, "this should be a folder, but it is not one.", "not-a-folder")
        return None

    def check_file(self, path: Path, shown: str) -> Problem | None:
        """Refuse anything but a regular file inside the boundary, without opening it."""
        real, problem = self.resolve(path, shown)
        if problem is not None:
            return problem
        assert real is not None
        try:
            status = os.stat(real)
        except OSError as exc:
            return unreadable(shown, exc)
        return _kind_problem(status, shown)

    def read(self, path: Path, shown: str) -> SourceBytes:
        """Read a source's bytes, or say why not: outside, not a regular file, too large, unreadable."""
        real, problem = self.resolve(path, shown)
        if problem is not None:
            return SourceBytes(None, problem)
        assert real is not None
        try:
            problem = _kind_problem(os.stat(real), shown)
            if problem is not None:
                return SourceBytes(None, problem)
            descriptor = os.open(real, _OPEN_FLAGS)
        except OSError as exc:
            return SourceBytes(None, unreadable(shown, exc))
        try:
            status = os.fstat(descriptor)  # what was opened, in case the file changed meanwhile
            problem = _kind_problem(status, shown)
            if problem is not None:
                return SourceBytes(None, problem)
            if status.st_size > self.max_bytes:
                return SourceBytes(None, self._too_large(shown, status.st_size))
            chunks: list[bytes] = []
            total = 0
            while total <= self.max_bytes:
                chunk = os.read(descriptor, min(1 << 20, self.max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > self.max_bytes:
                return SourceBytes(None, self._too_large(shown, total))
            return SourceBytes(b"".join(chunks))
        except OSError as exc:
            return SourceBytes(None, unreadable(shown, exc))
        finally:
            os.close(descriptor)

    def _too_large(self, shown: str, size: int) -> Problem:
        """Report a source larger than the handbook reads."""
        return error(
            shown,
            1,
            f"the file is larger than {self.max_bytes // (1024 * 1024)} MB "
            f"({size / (1024 * 1024):.1f} MB or more), so the handbook does not read it; move logs, "
            "data or generated text into a file next to it and link to that.",
            "too-large",
        )

    def walk(self, folder: Path, label: str) -> Listing:
        """List the files below ``folder`` as sorted relative paths, hidden entries skipped.

        Linked files and folders that stay inside the boundary are listed like any other; anything
        refused (a link that leaves, loops or dangles, a device, FIFO or socket, a name no address
        can carry) is left out and reported, ``label`` being the folder's path for the problems.
        """
        listing = Listing()
        start = Path(os.path.realpath(folder))
        visiting: list[tuple[Path, PurePosixPath, frozenset[Path]]] = [
            (folder, PurePosixPath("."), frozenset({start}))
        ]
        while visiting:
            directory, relative, ancestors = visiting.pop()
            try:
                entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
            except OSError as exc:
                listing.problems.append(unreadable(_joined(label, relative), exc))
                continue
            subfolders: list[tuple[Path, PurePosixPath, frozenset[Path]]] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                inner = relative / entry.name
                shown = _joined(label, inner)
                bad_name = name_problem(entry.name)
                if bad_name is not None:
                    listing.problems.append(error(shown_name(shown), 1, bad_name + ".", "bad-file-name"))
                    listing.refused.append(inner)
                    continue
                path = Path(entry.path)
                real, problem = self.resolve(path, shown) if entry.is_symlink() else (None, None)
                if problem is not None:
                    listing.problems.append(problem)
                    listing.refused.append(inner)
                    continue
                try:
                    status = os.stat(real or path)
                except OSError as exc:
                    listing.problems.append(unreadable(shown, exc))
                    listing.refused.append(inner)
                    continue
                if stat.S_ISDIR(status.st_mode):
                    real_folder = real or Path(os.path.realpath(path))
                    if real_folder in ancestors:
                        listing.problems.append(
                            error(
                                shown,
                                1,
                                "this folder is a symbolic link to a folder that contains it, so it "
                                "would be listed forever; the handbook does not follow it.",
                                "symlink-loop",
                            )
                        )
                        listing.refused.append(inner)
                        continue
                    subfolders.append((path, inner, ancestors | {real_folder}))
                    continue
                problem = _kind_problem(status, shown)
                if problem is not None:
                    listing.problems.append(problem)
                    listing.refused.append(inner)
                    continue
                listing.files.append(PurePosixPath(inner.as_posix()))
            visiting.extend(reversed(subfolders))
        listing.files.sort(key=_walk_order)
        return listing


def _walk_order(path: PurePosixPath) -> tuple[tuple[int, str], ...]:
    """Order files as ``os.walk`` listed them before: a folder's files, then its subfolders', by name."""
    parts = path.parts
    return (*((0, part) for part in parts[:-1]), (-1, parts[-1]))


def _joined(label: str, relative: PurePosixPath) -> str:
    """Return a listed entry's path as problems show it."""
    if str(relative) == ".":
        return label or "."
    return f"{label.rstrip('/')}/{relative.as_posix()}" if label else relative.as_posix()


def _kind_problem(status: os.stat_result, shown: str) -> Problem | None:
    """Refuse anything that is not a regular file, naming what it is."""
    if stat.S_ISREG(status.st_mode):
        return None
    kind = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
    return error(
        shown,
        1,
        f"this is {kind}, not a regular file; the handbook reads only regular files. Replace it with "
        "a file, or delete it.",
        "not-a-file",
    )


def unreadable(shown: str, exc: OSError) -> Problem:
    """Report a file the system would not let the handbook read, and why."""
    reason = exc.strerror or str(exc)
    return error(shown, 1, f"cannot read the file: {reason.lower()}.", "unreadable")
