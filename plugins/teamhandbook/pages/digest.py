"""A digest of what changed since a date, ready for a team channel: Markdown, text or Slack's mrkdwn.

It reports decisions, proposals open for feedback, new updates, projects' status changes, open
blockers, action items due, pages changed and overdue reviews. The same sections feed the chat
payloads (``exports/chat.py``), so a digest reads the same in every tool.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..checks.review import Review, ReviewState
from ..model.boards import Blocker
from ..model.decision import Decision
from ..model.updates import ActionItem, Project, StatusChange, Update
from . import markdown as md
from .changes import ChangeEvent
from .updates_common import (
    ACTION_ITEMS,
    BLOCKERS,
    UPDATES_INDEX,
    UpdateSite,
    project_target,
    update_path,
)
from .urls import NEEDS_REVIEW_PATH, SiteAddress

FORMATS = ("markdown", "text", "slack")
"""How the digest can be printed; ``slack`` is Slack's own mrkdwn."""

DUE_AHEAD_DAYS = 7
"""Action items due up to this many days after the digest's last day are listed."""

LIST_LIMIT = 15
"""Longer lists are cut, with the number left out and a link to the full page."""


@dataclass
class Digest:
    """What a digest reports: events since a date, open proposals, overdue reviews, and the team's
    running record (updates, projects, blockers and action items) when the handbook has one."""

    title: str
    since: dt.date
    until: dt.date
    events: list[ChangeEvent]
    waiting: list[Decision]
    reviews: list[Review] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    """Updates written in the period, newest first."""

    project_changes: list[tuple[Project, StatusChange]] = field(default_factory=list)
    blockers: list[Blocker] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    """Open action items due by a week after the period (overdue ones included)."""

    site: UpdateSite | None = None
    """Names, titles and labels of the updates, when the handbook has an updates folder."""

    @property
    def empty(self) -> bool:
        """Tell whether nothing happened and nothing waits."""
        return not (
            self.events
            or self.waiting
            or self.overdue
            or self.updates
            or self.project_changes
            or self.blockers
            or self.actions
        )

    @property
    def overdue(self) -> list[Review]:
        """The reviews that are overdue."""
        return [r for r in self.reviews if r.state is ReviewState.OVERDUE]


def digest_updates(digest: Digest, site: UpdateSite) -> None:
    """Fill in the running record's part of a digest from the handbook's updates and boards."""
    digest.site = site
    digest.updates = [u for u in site.log if digest.since <= u.date <= digest.until]
    digest.project_changes = [
        (project, change)
        for project in site.log.projects
        for change in project.changes
        if change.date is not None and digest.since <= change.date <= digest.until
    ]
    digest.project_changes.sort(key=lambda pair: (pair[1].date, pair[0].name), reverse=True)
    digest.blockers = list(site.boards.blockers)
    horizon = digest.until + dt.timedelta(days=DUE_AHEAD_DAYS)
    digest.actions = [a for a in site.boards.open_actions if a.due is not None and a.due <= horizon]


@dataclass
class Section:
    """One part of the digest: a heading and its lines, with a closing line when it was cut."""

    heading: str
    lines: list[str]


def digest_title(digest: Digest) -> str:
    """The digest's title: ``Harbor: what changed from 2026-11-23 to 2026-11-29``."""
    return f"{digest.title}: what changed from {digest.since.isoformat()} to {digest.until.isoformat()}"


def digest_sections(digest: Digest, site: SiteAddress, fmt: str = "markdown") -> list[Section]:
    """Return the digest's sections, written for ``fmt`` (markdown, text or slack)."""
    writer = _writer(fmt, site)
    if digest.empty:
        return [Section("", ["Nothing changed, and nothing is waiting for feedback."])]
    decisions = [e for e in digest.events if e.decision is not None]
    pages = [e for e in digest.events if e.decision is None]
    running = digest.site
    sections = [
        Section("Decisions", [writer.event(e) for e in decisions]),
        Section("Open for feedback", [writer.proposal(d, digest.until) for d in digest.waiting]),
    ]
    if running is not None:
        sections += [
            Section("Projects", [writer.project(running, p, c) for p, c in digest.project_changes]),
            Section(
                "New updates",
                _cut(
                    [writer.update(running, u) for u in digest.updates],
                    writer.link("the updates index", UPDATES_INDEX),
                ),
            ),
            Section(
                "Open blockers",
                _cut(
                    [writer.blocker(running, b, digest.until) for b in digest.blockers],
                    writer.link("the blockers board", BLOCKERS),
                ),
            ),
            Section(
                "Action items due",
                _cut(
                    [writer.action(running, a, digest.until) for a in digest.actions],
                    writer.link("the action items board", ACTION_ITEMS),
                ),
            ),
        ]
    sections.append(Section("Pages changed", [writer.event(e) for e in pages]))
    if digest.overdue:
        sections.append(Section("", [writer.reviews(len(digest.overdue))]))
    return [section for section in sections if section.lines]


def _cut(lines: list[str], where: str) -> list[str]:
    """Keep the first ``LIST_LIMIT`` lines, saying how many more there are and where they are."""
    if len(lines) <= LIST_LIMIT:
        return lines
    return [*lines[:LIST_LIMIT], f"… and {len(lines) - LIST_LIMIT} more: see {where}."]


def render_digest(digest: Digest, site: SiteAddress, fmt: str = "markdown") -> str:
    """Return the digest as Markdown (links, escaped titles), plain text or Slack mrkdwn."""
    writer = _writer(fmt, site)
    lines = [writer.heading(digest_title(digest), top=True)]
    for section in digest_sections(digest, site, fmt):
        lines.append("")
        if section.heading:
            lines.append(writer.heading(section.heading))
        lines += section.lines
    return "\n".join(lines) + "\n"


def _writer(fmt: str, site: SiteAddress) -> _Markdown:
    """Return the writer of a format."""
    return {"markdown": _Markdown, "text": _Text, "slack": _Slack}[fmt](site)


class _Markdown:
    """Writes digest lines as Markdown, with links when the site's address is known."""

    bullet = "-"

    def __init__(self, site: SiteAddress) -> None:
        self.site = site

    def escape(self, value: str) -> str:
        """Return an author's text so that it shows as written."""
        return md.text(value)

    def heading(self, text: str, top: bool = False) -> str:
        """Return a bold line: chat tools show it where they would not show a heading."""
        return f"**{md.text(text)}**"

    def link(self, title: str, src_uri: str) -> str:
        """Return a title, linked to its page when the site's address is known."""
        if not self.site.url:
            return md.text(title)
        return f"[{md.text(title)}]({self.url(src_uri)})"

    def url(self, src_uri: str) -> str:
        """Return a page's absolute address (an anchor is kept)."""
        path, hash_, fragment = src_uri.partition("#")
        return self.site.absolute(self.site.page_url(path)) + hash_ + fragment

    def event(self, event: ChangeEvent) -> str:
        """Return one event, followed by what changed in the words of its commits."""
        date = event.when.date().isoformat()
        said = self.subjects(event)
        if event.decision is None:
            who = f", {self.escape(', '.join(event.authors))}" if event.authors else ""
            return f"{self.bullet} {self.link(event.page.title, event.page.src_uri)} ({date}{who}){said}"
        line = f"{self.bullet} {event.label}: {self._decision(event.decision)}"
        if event.successor is not None:
            line += " by " + self._decision(event.successor)
        return f"{line} ({date}){said}"

    def subjects(self, event: ChangeEvent) -> str:
        """Return the subjects of the commits behind an event, after a colon ('' if none)."""
        if not event.subjects:
            return ""
        return ": " + "; ".join(self.escape(subject) for subject in event.subjects)

    def proposal(self, decision: Decision, today: dt.date) -> str:
        """Return one proposal open for feedback, with its deadline."""
        return f"{self.bullet} {self._decision(decision)} — {_deadline(decision, today)}"

    def reviews(self, count: int) -> str:
        """Return the line about overdue reviews."""
        where = self.link("Needs review", NEEDS_REVIEW_PATH)
        return f"{count} page review{'s are' if count != 1 else ' is'} overdue: see {where}."

    def update(self, running: UpdateSite, update: Update) -> str:
        """Return one new update: who, what kind, its title or summary, and its date."""
        kind = running.log.kind_label(update.kind)
        title = running.update_title(update) if running.has_own_title(update) else update.summary or kind
        who = self.escape(running.name(update.author))
        link = self.link(title, update_path(update))
        return f"{self.bullet} {who}, {self.escape(kind.lower())}: {link} ({update.date.isoformat()})"

    def project(self, running: UpdateSite, project: Project, change: StatusChange) -> str:
        """Return one project's status change, with why when the file says."""
        label = running.log.status_label(change.status).lower()
        why = f": {self.escape(change.note)}" if change.note else ""
        assert change.date is not None
        return (
            f"{self.bullet} {self.link(project.name, project_target(project))} is {self.escape(label)} "
            f"since {change.date.isoformat()}{why}"
        )

    def blocker(self, running: UpdateSite, blocker: Blocker, today: dt.date) -> str:
        """Return one open blocker, with its author and age."""
        days = blocker.age(today)
        age = "since today" if days == 0 else f"for {days} day{'s' if days != 1 else ''}"
        who = self.escape(running.name(blocker.author))
        return f"{self.bullet} {who}: {self.escape(blocker.text)} ({age})"

    def action(self, running: UpdateSite, item: ActionItem, today: dt.date) -> str:
        """Return one action item due, overdue ones said so."""
        assert item.due is not None
        owners = ", ".join(running.name(h) for h in item.owners)
        when = f"overdue since {item.due.isoformat()}" if item.due < today else f"due {item.due.isoformat()}"
        return f"{self.bullet} {self.escape(owners)}: {self.escape(item.text)} ({when})"

    def _decision(self, decision: Decision) -> str:
        """Return a decision's number and title, linked."""
        return self.link(md.full_title(decision), md.decision_path(decision))


class _Text(_Markdown):
    """Writes digest lines as plain text, each address after its title."""

    bullet = "*"

    def escape(self, value: str) -> str:
        """Return text as it is: plain text needs no escaping."""
        return value

    def heading(self, text: str, top: bool = False) -> str:
        """Return a heading, underlined at the top."""
        return f"{text}\n{'=' * len(text)}" if top else text

    def link(self, title: str, src_uri: str) -> str:
        """Return a title followed by its address in angle brackets, when known."""
        if not self.site.url:
            return title
        return f"{title} <{self.url(src_uri)}>"


class _Slack(_Markdown):
    """Writes digest lines in Slack's mrkdwn: ``*bold*``, ``<address|title>``, and ``&``, ``<``
    and ``>`` escaped, so nothing an author wrote becomes a mention or a link."""

    bullet = "•"

    def escape(self, value: str) -> str:
        """Return text with the three characters Slack reads as markup escaped."""
        return " ".join(value.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def heading(self, text: str, top: bool = False) -> str:
        """Return a bold line."""
        return f"*{self.escape(text)}*"

    def link(self, title: str, src_uri: str) -> str:
        """Return a title linked the Slack way, when the site's address is known."""
        if not self.site.url:
            return self.escape(title)
        return f"<{self.url(src_uri)}|{self.escape(title).replace('|', '¦')}>"


def _deadline(decision: Decision, today: dt.date) -> str:
    """Return a proposal's feedback deadline, relative to today."""
    assert decision.feedback_by is not None
    days = (decision.feedback_by - today).days
    when = decision.feedback_by.isoformat()
    if days < 0:
        return f"feedback was due {when}: overdue"
    if days == 0:
        return f"feedback by {when} (today)"
    return f"feedback by {when} (in {days} day{'s' if days != 1 else ''})"
