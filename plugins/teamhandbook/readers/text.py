"""Reading source files as text, whatever bytes they hold."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..boundary import Boundary
from ..model.problem import Problem, error


@dataclass
class SourceText:
    """The text of a source file, decoded, with any problem met while reading or decoding it."""

    text: str
    problem: Problem | None = None
    read: bool = True
    """False when the file could not be read at all (the problem says why); its text is then ''."""


def read_source(path: Path, rel: str, boundary: Boundary) -> SourceText:
    """Read a file as UTF-8 through the boundary's checks; bytes that are not UTF-8 become U+FFFD.

    The page still builds, so one file saved in the wrong encoding never hides the rest. A file
    the boundary refuses (outside the handbook, not a regular file, too large) or the system
    will not let us read gives no text and a problem saying why.
    """
    found = boundary.read(path, rel)
    if found.raw is None:
        return SourceText("", found.problem, read=False)
    return decode_source(found.raw, rel)


def decode_source(raw: bytes, rel: str) -> SourceText:
    """Decode bytes as UTF-8 (a byte-order mark is dropped), reporting the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = (
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} on this line); "
            "save it as UTF-8. Unreadable characters are shown as \ufffd."
        )
        text = raw.decode("utf-8", errors="replace")
        return SourceText(_normalise_newlines(text), error(rel, line, message, "encoding"))
    return SourceText(_normalise_newlines(text))


def _normalise_newlines(text: str) -> str:
    """Use ``\\n`` line endings only, so line numbers mean the same everywhere."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
