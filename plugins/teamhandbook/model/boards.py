"""Boards made from what people wrote: open blockers, action items, and who still has to write.

A blocker is an item under a Blocked or Help needed heading. It stays on the board, aged from the
first update that listed it, until a later update of the same author ticks it (``- [x]``), strikes
it (``~~…~~``) or no longer lists it. An action item is ``- [ ] @handle … (due YYYY-MM-DD)`` in
meeting notes; the same words carried over to later notes are the same item, and the latest notes
say whether it is still open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .agreement import Away
from .updates import ActionItem, ItemState, Update, UpdateLog, Week

BLOCKER_SECTIONS = frozenset(
    {"blocked", "blockers", "blocker", "help needed", "help wanted", "need help", "needs help", "asks"}
)
"""Headings whose items are blockers or requests for help (compared in lower case)."""

WEEKLY = "weekly"
"""The kind of update everyone writes once a week, by the end of their own working week."""

CLEARED_DAYS = 14
"""How many days the blockers board keeps showing what was cleared."""


@dataclass(frozen=True)
class Blocker:
    """Something in someone's way, as they keep listing it."""

    author: str
    text: str
    section: str
    """The heading it is listed under, as written: ``Blocked``, ``Help needed``."""

    since: dt.date
    """The date of the first update, in the current run, that listed it."""

    first_update: str
    latest_update: str
    source: str
    """The file of the latest update listing it."""

    line: int
    """Its line in that file."""

    projects: tuple[str, ...] = ()
    """The projects the latest update listing it is about."""

    def age(self, today: dt.date) -> int:
        """Days since it was first listed."""
        return max((today - self.since).days, 0)


@dataclass(frozen=True)
class ClearedBlocker:
    """A blocker a later update ticked, struck or stopped listing."""

    blocker: Blocker
    how: ItemState
    """``ticked`` or ``dropped`` (struck through, or no longer listed)."""

    on: dt.date
    update_id: str


class WritingState(StrEnum):
    """Where a person stands with one week's update."""

    POSTED = "posted"
    DUE = "due"
    """Not written yet, and their working week is not over."""

    LATE = "late"
    """Not written, and their working week is over."""

    AWAY = "away"
    """Away (or not working) on every day of the week: nothing is expected."""


@dataclass(frozen=True)
class WritingStatus:
    """One person's update for one week: written, due (by when), late, or not expected."""

    handle: str
    week: Week
    state: WritingState
    deadline: dt.datetime | None = None
    """The end of their last working hours that week, in UTC (None when away all week)."""

    update_id: str | None = None
    """The update they wrote for the week, when they did."""

    away: Away | None = None
    """Why nothing is expected, when they are away."""


@dataclass(frozen=True)
class PersonWriting:
    """Where one person stands with this week's update and last week's."""

    handle: str
    current: WritingStatus
    previous: WritingStatus


@dataclass
class Boards:
    """Every board, computed once per build from the updates."""

    blockers: list[Blocker] = field(default_factory=list)
    """Open blockers, the oldest first."""

    cleared: list[ClearedBlocker] = field(default_factory=list)
    """Blockers cleared in the last ``CLEARED_DAYS`` days, the latest first."""

    actions: list[ActionItem] = field(default_factory=list)
    """Every action item as its latest notes leave it, open or not, in the order of the notes."""

    writing: list[PersonWriting] = field(default_factory=list)
    """Where each person stands with the weekly update, in roster order; empty without a roster or
    without weekly updates."""

    @property
    def open_actions(self) -> list[ActionItem]:
        """The action items still to do, the soonest due first (undated ones last)."""
        found = [item for item in self.actions if item.is_open]
        return sorted(
            found, key=lambda item: (item.due is None, item.due or dt.date.max, item.source, item.line)
        )

    def overdue_actions(self, today: dt.date) -> list[ActionItem]:
        """The open action items whose due date has passed."""
        return [item for item in self.open_actions if item.due is not None and item.due < today]

    def blockers_of(self, handle: str) -> list[Blocker]:
        """One person's open blockers."""
        return [blocker for blocker in self.blockers if blocker.author == handle]

    def actions_of(self, handle: str) -> list[ActionItem]:
        """The open action items one person owns."""
        return [item for item in self.open_actions if handle in item.owners]


def blocker_board(log: UpdateLog, today: dt.date | None) -> tuple[list[Blocker], list[ClearedBlocker]]:
    """Return the open blockers (oldest first) and those cleared lately (latest first)."""
    open_blockers: list[Blocker] = []
    cleared: list[ClearedBlocker] = []
    for updates in log.by_author.values():
        still, gone = _author_blockers(sorted(updates, key=lambda u: u.sort_key))
        open_blockers += still
        cleared += gone
    open_blockers.sort(key=lambda b: (b.since, b.author, b.source, b.line))
    if today is not None:
        cleared = [c for c in cleared if (today - c.on).days <= CLEARED_DAYS]
    cleared.sort(key=lambda c: (-c.on.toordinal(), c.blocker.author))
    return open_blockers, cleared


def _author_blockers(updates: list[Update]) -> tuple[list[Blocker], list[ClearedBlocker]]:
    """Follow one author's blockers through their updates, oldest first."""
    current: dict[str, Blocker] = {}
    cleared: list[ClearedBlocker] = []
    for update in updates:
        sections = [s for s in update.sections if s.key in BLOCKER_SECTIONS]
        if not sections:
            continue  # an update without a Blocked heading says nothing about blockers
        listed: dict[str, Blocker] = {}
        for section in sections:
            for item in section.items:
                if item.placeholder:
                    continue
                key = item.key
                known = current.get(key)
                if item.state is not ItemState.OPEN:
                    if known is not None:
                        cleared.append(ClearedBlocker(known, item.state, update.date, update.id))
                        del current[key]
                    continue
                since, first = (known.since, known.first_update) if known else (update.date, update.id)
                listed[key] = Blocker(
                    update.author,
                    item.text,
                    section.heading,
                    since,
                    first,
                    update.id,
                    update.source,
                    item.line,
                    tuple(update.projects),
                )
        for key, known in current.items():
            if key not in listed:
                cleared.append(ClearedBlocker(known, ItemState.DROPPED, update.date, update.id))
        current = listed
    return list(current.values()), cleared


def action_board(log: UpdateLog) -> list[ActionItem]:
    """Return every action item as the latest notes that mention it leave it."""
    latest: dict[str, ActionItem] = {}
    for update in sorted(log.updates, key=lambda u: u.sort_key):
        for item in update.action_items:
            latest.pop(item.key, None)  # keep the order of the latest mention
            latest[item.key] = item
    return list(latest.values())


def weekly_posts(log: UpdateLog) -> dict[tuple[str, Week], str]:
    """Return the first weekly update each person wrote for each week, by (handle, week)."""
    posted: dict[tuple[str, Week], str] = {}
    for update in sorted(log.updates, key=lambda u: u.sort_key):
        if update.kind == WEEKLY and update.week is not None:
            posted.setdefault((update.author, update.week), update.id)
    return posted
