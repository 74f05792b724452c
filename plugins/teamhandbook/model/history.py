"""When each source file last changed, and who changed it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class HistorySource(StrEnum):
    """Where a file's last change was taken from."""

    GIT = "git"
    FILES = "files"
    """The file's modification time: no git history for it (not a checkout, shallow, new file)."""


@dataclass(frozen=True)
class Change:
    """The last change of one file."""

    when: dt.datetime
    """When it changed, time-zone aware (UTC)."""

    author: str | None = None
    """Who changed it, when known (git); None for file times."""

    source: HistorySource = HistorySource.GIT
    commit: str | None = None
    created: bool = False
    """True when the change added the file: it has not been edited since."""

    subject: str = ""
    """The first line of the commit's message, saying what changed; '' for file times."""


@dataclass
class History:
    """The last change of every source file, by path relative to the handbook root."""

    changes: dict[str, Change] = field(default_factory=dict)
    method: str = "none"
    """How the history was read: ``git``, ``git (shallow)``, ``files`` or ``none``."""

    reason: str = ""
    """Why file times were used instead of git, when they were: ``not a git repository``."""

    since: dt.datetime | None = None
    """The start of the period whose changes are kept one by one in ``recent``."""

    recent: dict[str, list[Change]] = field(default_factory=dict)
    """Every change of each file since ``since``, newest first, by path (git history only)."""

    added: dict[str, Change] = field(default_factory=dict)
    """The commit that first added each file asked for (decisions that state no date), by path."""

    def get(self, source: str) -> Change | None:
        """Return the last change of a file, if known."""
        return self.changes.get(source)

    def changes_of(self, source: str) -> list[Change]:
        """Return a file's changes since ``since``, newest first; at least its last change, if known."""
        recent = self.recent.get(source)
        if recent:
            return recent
        last = self.changes.get(source)
        return [last] if last is not None else []
