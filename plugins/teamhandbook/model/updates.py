"""The team's running written record: updates, meeting notes, projects, action items and blockers (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, order=True)
class Week:
    """An ISO week: the week a piece of writing reports on."""

    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Week:
        """Return the ISO week a date falls in."""
        year, number, _ = day.isocalendar()
        return cls(year, number)

    @classmethod
    def parse(cls, text: str) -> Week | None:
        """Read ``2026-W47`` (any case, ``-`` or space optional); None when it is not a week."""
        cleaned = text.strip().upper().replace(" ", "").replace("-", "")
        if len(cleaned) not in (6, 7) or cleaned[4] != "W" or not cleaned[:4].isdigit():
            return None
        number = cleaned[5:]
        if not number.isdigit():
            return None
        try:
            dt.date.fromisocalendar(int(cleaned[:4]), int(number), 1)
        except ValueError:
            return None
        return cls(int(cleaned[:4]), int(number))

    @property
    def monday(self) -> dt.date:
        """The week's Monday."""
        return dt.date.fromisocalendar(self.year, self.number, 1)

    @property
    def slug(self) -> str:
        """The week in addresses: ``2026-w47``."""
        return f"{self.year}-w{self.number:02d}"

    @property
    def label(self) -> str:
        """The week as a reader sees it: ``Week 47, 2026``."""
        return f"Week {self.number}, {self.year}"

    @property
    def span_label(self) -> str:
        """The week's Monday to Sunday: ``16–22 November 2026``."""
        first, last = self.monday, self.monday + dt.timedelta(days=6)
        if first.month == last.month:
            return f"{first.day}–{last.day} {last:%B %Y}"
        if first.year == last.year:
            return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
        return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"

    def shifted(self, weeks: int) -> Week:
        """Return the week ``weeks`` later (earlier when negative)."""
        return Week.of(self.monday + dt.timedelta(weeks=weeks))


@dataclass(frozen=True)
class UpdateKind:
    """A kind of update and the sections one has: from its template, or the built-in ones."""

    name: str
    label: str
    sections: tuple[str, ...] = ()
    """The headings an update of this kind has, as the template writes them."""

    template: str | None = None
    """The template's file, relative to the handbook root, when the kind has one."""


class ItemState(StrEnum):
    """Where an item of a list stands, as its author marked it."""

    OPEN = "open"
    TICKED = "ticked"
    """``- [x]``: done, resolved."""

    DROPPED = "dropped"
    """``~~struck through~~``: no longer wanted, or no longer in the way."""


@dataclass(frozen=True)
class Item:
    """One item of a section: a list item or a paragraph, as written."""

    text: str
    """The item's text without its list marker, check box or strike-through, on one line."""

    line: int
    state: ItemState = ItemState.OPEN
    task: bool = False
    """True when written as a task, with a ``[ ]`` or ``[x]`` box."""

    key: str = ""
    """The words as compared across updates: without markup, case or punctuation."""

    placeholder: bool = False
    """True when the item only says there is nothing: ``None``, ``n/a``."""


@dataclass
class Section:
    """A heading of an update and what is written under it."""

    heading: str
    key: str
    """The heading as the handbook compares it: lower case, without punctuation around it."""

    line: int
    items: list[Item] = field(default_factory=list)
    text: str = ""
    """Everything under the heading, comments removed, for telling an empty section from a filled one."""


@dataclass(frozen=True)
class ActionItem:
    """``- [ ] @handle what to do (due YYYY-MM-DD)`` in meeting notes: a task with owners."""

    owners: tuple[str, ...]
    """The handles the item starts with, lower case, without ``@``."""

    text: str
    """What to do, without the owners and the due date."""

    due: dt.date | None
    state: ItemState
    line: int
    source: str
    """The file of the notes it is written in."""

    update_id: str
    key: str = ""
    """Owners and text as compared across notes: the same item carried over to later notes."""

    @property
    def is_open(self) -> bool:
        """Tell whether the item is still to do."""
        return self.state is ItemState.OPEN


@dataclass(frozen=True)
class DecisionMention:
    """A decision named in a meeting's Decisions section: ``ADR-0011``, or a link to its file."""

    text: str
    line: int
    target: str | None = None
    """The id of the decision it names, once resolved."""


@dataclass
class Update:
    """One piece of the team's running record: a daily or weekly update, a handoff, meeting notes…"""

    id: str
    """The file's path in the updates folder, without ``.md``: ``2026-11-20-maya-weekly``."""

    source: str
    """The file, relative to the handbook root."""

    author: str
    """The author's handle, lower case, without ``@``."""

    date: dt.date
    """The day it was written, in the author's own time zone."""

    kind: str
    title: str
    """The title the author gave it (front matter ``title`` or the first heading), or ''."""

    moment: dt.datetime | None = None
    """When it was written, in UTC, if the author gave a time."""

    week: Week | None = None
    """The week it reports on, in the author's own working week; set once the roster is known."""

    week_written: Week | None = None
    """The week written in front matter (``week: 2026-W47``), for an update written late."""

    deadline: dt.date | None = None
    """For a request: the date by which it wants an answer (front matter ``deadline``)."""

    projects: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    summary: str = ""
    """The author's one-line summary: an ``In short:`` line, else the first paragraph."""

    body: str = ""
    """The Markdown under the front matter, as written."""

    body_line: int = 1
    sections: list[Section] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    decisions: list[DecisionMention] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)
    """Where each front-matter key was written: ``{"author": 2}``."""

    item_lines: dict[str, list[int]] = field(default_factory=dict)
    """Where each item of a front-matter list was written: ``{"projects": [5, 6]}``."""

    def line_of(self, key: str) -> int:
        """Return the line a front-matter key is on, or 1."""
        return self.lines.get(key, 1)

    @property
    def sort_key(self) -> tuple[dt.date, dt.datetime, str]:
        """Order updates as they were written: by local date, then by time when given, then by file."""
        moment = self.moment or dt.datetime.combine(self.date, dt.time(), dt.UTC)
        return (self.date, moment, self.id)


@dataclass(frozen=True)
class StatusChange:
    """A project's status from a date on."""

    status: str
    date: dt.date | None
    note: str = ""
    line: int = 1


@dataclass
class Project:
    """Something the team is working towards, and where it stands."""

    key: str
    """The key updates and decisions name the project by: ``digest-mode``."""

    name: str
    source: str
    owner: str
    """The owner's handle, lower case."""

    status: str
    """The current status's key: ``on-track``, ``at-risk``…"""

    summary: str = ""
    target: dt.date | None = None
    since: dt.date | None = None
    """When the current status began, if the file says."""

    note: str = ""
    """Why the project stands where it does: most useful when it is at risk or blocked."""

    history: list[StatusChange] = field(default_factory=list)
    """Earlier statuses, oldest first."""

    line: int = 1
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        """Return the line a field was read from, or the line of the entry."""
        return self.lines.get(key, self.line)

    @property
    def changes(self) -> list[StatusChange]:
        """Every dated status the project had, the current one last."""
        current = StatusChange(self.status, self.since, self.note, self.line_of("status"))
        return [*(change for change in self.history if change.date is not None), current]


NEEDS_ATTENTION = frozenset({"at-risk", "blocked"})
"""Project statuses the home page radiator shows."""

DONE = "done"


@dataclass
class UpdateLog:
    """Every update and project of a handbook, with the lookups the pages need, built once."""

    updates: list[Update] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    kinds: dict[str, UpdateKind] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    """Every project status, by key, with its label."""

    assets: list[str] = field(default_factory=list)
    """Other files in the folder (images) that updates may link to, relative to the root."""

    def __post_init__(self) -> None:
        self.updates.sort(key=lambda update: update.sort_key, reverse=True)
        self.by_id: dict[str, Update] = {update.id: update for update in self.updates}
        self.by_project_key: dict[str, Project] = {project.key: project for project in self.projects}
        self.by_author: dict[str, list[Update]] = {}
        self.by_week: dict[Week, list[Update]] = {}
        self.by_project: dict[str, list[Update]] = {}
        for update in self.updates:
            self.by_author.setdefault(update.author, []).append(update)
            if update.week is not None:
                self.by_week.setdefault(update.week, []).append(update)
            for key in update.projects:
                self.by_project.setdefault(key, []).append(update)

    def __iter__(self):
        return iter(self.updates)

    def __len__(self) -> int:
        return len(self.updates)

    def kind_label(self, kind: str) -> str:
        """Return a kind's label, or the kind as written when it is not known."""
        found = self.kinds.get(kind)
        return found.label if found is not None else kind

    def status_label(self, status: str) -> str:
        """Return a project status's label, or the status as written when it is not known."""
        return self.statuses.get(status, status)


def decision_projects(value: object) -> list[str]:
    """Return the project keys a decision's ``projects:`` front matter names (a list, or text with
    commas), as the projects file keys them: ``Digest mode`` → ``digest-mode``."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    keys = ["-".join(str(item).strip().lower().replace("_", "-").split()) for item in items]
    return [key for key, item in zip(keys, items, strict=True) if key and not isinstance(item, dict | list)]
