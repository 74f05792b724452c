"""What changed in a handbook, as a list of events: decisions accepted, proposed, superseded…
and pages changed. The What's new page, the Atom feed and the digest all read the same list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase

from ..model.decision import Decision, DecisionLog, State, Status
from ..model.history import Change, History, HistorySource
from ..model.page import HandbookPage, PageKind

NOT_NEWS = frozenset({Status.DRAFT})
"""Statuses not worth announcing: drafts are not news yet. Every other status is."""

CHANGED = "changed"
ADDED = "added"
UPDATED = "updated"


@dataclass(frozen=True)
class ChangeEvent:
    """One thing that happened to one page."""

    when: dt.datetime
    """When it happened, in UTC; a decision's status counts from its ``date``."""

    kind: str
    """A status (``accepted``, ``superseded``…), ``updated`` (a decision's text edited later),
    ``added`` or ``changed`` (a page)."""

    page: HandbookPage
    decision: Decision | None = None
    change: Change | None = None
    """The file change behind the event, when history knows it."""

    successor: Decision | None = None
    """For a superseded decision, the decision that replaced it."""

    commits: tuple[Change, ...] = ()
    """The commits behind the event, newest first, each with the subject that says what changed:
    the page's changes in the period history lists one by one, or at least its last change."""

    @property
    def subjects(self) -> list[str]:
        """What changed, in the words of the commits: their subjects, newest first, each once."""
        return list(dict.fromkeys(commit.subject for commit in self.commits if commit.subject))

    @property
    def authors(self) -> list[str]:
        """Everyone who made the changes behind the event, the latest first, each once."""
        names = [commit.author for commit in self.commits if commit.author]
        if not names and self.author:
            names = [self.author]
        return list(dict.fromkeys(names))

    @property
    def author(self) -> str | None:
        """Who made the change, when history knows it."""
        return self.change.author if self.change is not None else None

    @property
    def label(self) -> str:
        """The event as a reader sees it: ``Accepted``, ``Changed``."""
        return self.kind.capitalize()

    @property
    def from_history(self) -> bool:
        """Tell whether the event is a file's change, rather than a decision's status."""
        return self.kind in (ADDED, CHANGED, UPDATED)

    @property
    def stable(self) -> bool:
        """Tell whether the event looks the same in every build (not taken from file times)."""
        if self.from_history:
            return self.change is not None and self.change.source is HistorySource.GIT
        return True


def change_events(
    pages: Iterable[HandbookPage], log: DecisionLog, history: History, exclude: Iterable[str] = ()
) -> list[ChangeEvent]:
    """Return every event of the handbook, newest first; pages matching ``exclude`` are left out."""
    pages_by_source = {page.source: page for page in reader_facing(pages, exclude)}
    events: list[ChangeEvent] = []
    for page in pages_by_source.values():
        change = history.get(page.source)
        if page.kind is not PageKind.DECISION and change is not None:
            kind = ADDED if change.created else CHANGED
            commits = _commits(history, page)
            events.append(ChangeEvent(change.when, kind, page, change=change, commits=commits))
    for decision in log:
        page = pages_by_source.get(decision.source)
        if page is not None:
            events += _decision_events(decision, page, log, history)
    events.sort(key=lambda e: (e.when, e.page.source), reverse=True)
    return events


def reader_facing(pages: Iterable[HandbookPage], exclude: Iterable[str]) -> list[HandbookPage]:
    """Return the pages whose changes readers are told about: those no ``exclude`` pattern matches.

    Patterns match a page's path in the site (``guide/changes.md``), with ``*`` matching across
    folders, as in ``guide/*``; a pattern that names a folder (``guide/``) matches everything in it.
    """
    patterns = [p + "*" if p.endswith("/") else p for p in exclude]
    if not patterns:
        return list(pages)
    return [page for page in pages if not any(fnmatchcase(page.src_uri, p) for p in patterns)]


def _commits(history: History, page: HandbookPage) -> tuple[Change, ...]:
    """Return the commits that changed a page in the period history lists, or its last one."""
    return tuple(change for change in history.changes_of(page.source) if change.source is HistorySource.GIT)


def between(events: Iterable[ChangeEvent], since: dt.date, until: dt.date | None = None) -> list[ChangeEvent]:
    """Return the events on or after ``since`` (and on or before ``until``), keeping their order;
    each keeps the commits of that period only."""
    chosen = []
    for event in events:
        if _within(event.when.date(), since, until):
            commits = tuple(c for c in event.commits if _within(c.when.date(), since, until))
            chosen.append(event if commits == event.commits else replace(event, commits=commits))
    return chosen


def _within(day: dt.date, since: dt.date, until: dt.date | None) -> bool:
    """Tell whether a day falls in a period; ``until`` None leaves it open."""
    return day >= since and (until is None or day <= until)


def open_for_feedback(log: DecisionLog) -> list[Decision]:
    """Return the proposed decisions that ask for feedback by a date, the soonest deadline first."""
    waiting = [
        d for d in log if d.status is not None and d.status.state is State.OPEN and d.feedback_by is not None
    ]
    return sorted(waiting, key=lambda d: (d.feedback_by, d.number or 0, d.id))


def _decision_events(
    decision: Decision, page: HandbookPage, log: DecisionLog, history: History
) -> list[ChangeEvent]:
    """Return a decision's status event and, when its text changed later, an ``updated`` event."""
    change = history.get(decision.source)
    status_event = _status_event(decision, page, log, history, change)
    commits = _commits(history, page)
    edited = change is not None and not change.created
    if edited and (status_event is None or change.when.date() > status_event.when.date()):
        updated = ChangeEvent(change.when, UPDATED, page, decision, change, commits=commits)
        return [status_event, updated] if status_event is not None else [updated]
    if status_event is None:
        return []
    # No later edit: the commits are those that wrote the status, and say why.
    return [replace(status_event, commits=commits)]


def _status_event(
    decision: Decision, page: HandbookPage, log: DecisionLog, history: History, change: Change | None
) -> ChangeEvent | None:
    """Return the event of a decision's status, dated by the decision (or by its successor)."""
    if decision.status is None or decision.status in NOT_NEWS:
        return None
    successors = [log.get(i) for i in decision.relation_ids("superseded_by")]
    dated = [s for s in successors if s is not None and s.date is not None]
    if decision.status.state is State.SUPERSEDED and dated:
        successor = max(dated, key=lambda s: s.date)
        return ChangeEvent(
            _moment(successor.date, history.get(successor.source)),
            decision.status.value,
            page,
            decision,
            change,
            successor,
        )
    if decision.date is None:
        return None
    return ChangeEvent(_moment(decision.date, change), decision.status.value, page, decision, change)


def _moment(date: dt.date, change: Change | None) -> dt.datetime:
    """Return a date as a moment: the time of the commit that day, else midnight UTC."""
    if change is not None and change.source is HistorySource.GIT and change.when.date() == date:
        return change.when
    return dt.datetime.combine(date, dt.time(), dt.UTC)
