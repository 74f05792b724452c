"""Problems found in a handbook's sources: one file, one line, one plain sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (an escape sequence could clear or recolour a terminal or CI log) and
bidirectional overrides (which reorder what a reader sees): shown as escapes in problems."""


class Severity(StrEnum):
    """How much a problem matters.

    - ``error``: something an author wrote is wrong; ``mkdocs build --strict`` and
      ``handbook check`` fail on it.
    - ``warning``: a reminder that depends on the date, such as a review that is overdue, or advice
      on how something is written, such as a request that leaves out its deadline; it is shown by
      ``handbook check`` and in the build's log, but never fails a build, so a build that passed
      yesterday does not fail today just because time went by, and a team's writing habits never
      block publishing.
    - ``note``: a hint.
    """

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a source file, told in terms its author understands."""

    file: str
    """Path of the file, relative to the handbook's root, with forward slashes."""

    line: int
    """1-based line the problem is on; 1 when it concerns the file as a whole."""

    message: str
    """A plain sentence, saying what is wrong and, where possible, how to fix it."""

    severity: Severity = Severity.ERROR

    code: str = "invalid"
    """A stable, short identifier of the kind of problem, e.g. ``unknown-status``."""

    page: str = ""
    """For a link that leads nowhere: the path in the site of the page that holds it."""

    link: str = ""
    """For a link that leads nowhere: the link as written."""

    def __post_init__(self) -> None:
        # The file and message often quote what an author wrote; they are printed to terminals.
        object.__setattr__(self, "file", visible(self.file))
        object.__setattr__(self, "message", visible(self.message))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        """Return the problem as plain data, as ``decisions.json`` and ``handbook check`` print it."""
        return {
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "severity": self.severity.value,
            "code": self.code,
            **({"page": self.page, "link": self.link} if self.link else {}),
        }


def visible(text: str) -> str:
    """Return text with control characters and direction overrides written as escapes (``\\x1b``)."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def error(file: str, line: int, message: str, code: str) -> Problem:
    """Return an error-level problem."""
    return Problem(file, max(line, 1), message, Severity.ERROR, code)


def warning(file: str, line: int, message: str, code: str) -> Problem:
    """Return a warning-level problem."""
    return Problem(file, max(line, 1), message, Severity.WARNING, code)


def note(file: str, line: int, message: str, code: str) -> Problem:
    """Return a note: worth showing to an author, never a reason to fail a build."""
    return Problem(file, max(line, 1), message, Severity.NOTE, code)
