"""Reading source files as text, whatever bytes they hold."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.problem import Problem, error


@dataclass
class SourceText:
    """The text of a source file, decoded, with any problem met while decoding it."""

    text: str
    problem: Problem | None = None


def read_source(path: Path, rel: str) -> SourceText:
    """Read a file as UTF-8; bytes that are not UTF-8 become U+FFFD and are reported.

    The page still builds, so one file saved in the wrong encoding never hides the rest.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SourceText("", error(rel, 1, f"cannot read the file: {exc.strerror}.", "unreadable"))
    return decode_source(raw, rel)


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
