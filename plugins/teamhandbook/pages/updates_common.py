"""What every page about updates shares: where pages live, who people are, dates and chips."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import quote

from ..hours.schedule import zone
from ..model.agreement import Team
from ..model.boards import Boards, WritingState, weekly_posts
from ..model.decision import DecisionLog
from ..model.updates import Project, Update, UpdateLog, Week
from . import markdown as md
from .urls import SiteAddress

UPDATES_INDEX = "updates/index.md"
STILL_TO_WRITE = "updates/still-to-write.md"
BLOCKERS = "updates/blockers.md"
ACTION_ITEMS = "updates/action-items.md"
PROJECTS = "projects/index.md"
"""Where the updates section's pages are published, by source path in the site."""

SOON_DAYS = 7
"""Action items due within this many days are marked as due soon."""

WRITING_LABELS = {
    WritingState.POSTED: "Posted",
    WritingState.DUE: "Due",
    WritingState.LATE: "Still to write",
    WritingState.AWAY: "Away",
}


def update_path(update: Update) -> str:
    """The source path of an update's page in the site: ``updates/<path in the folder>.md``."""
    return f"updates/{update.id}.md"


def person_path(handle: str) -> str:
    """The source path of a person's updates page."""
    return f"updates/people/{handle}.md"


def week_path(week: Week) -> str:
    """The source path of a week's page."""
    return f"updates/weeks/{week.slug}.md"


def project_anchor(project: Project | str) -> str:
    """The anchor of a project on the projects page: ``project-digest-mode``."""
    key = project if isinstance(project, str) else project.key
    return f"project-{key}"


def project_target(project: Project | str) -> str:
    """The source path and anchor of a project on the projects page."""
    return f"{PROJECTS}#{project_anchor(project)}"


@dataclass
class UpdateSite:
    """What the updates pages are made from, for one build."""

    log: UpdateLog
    boards: Boards
    team: Team | None
    decisions: DecisionLog
    today: dt.date | None
    now: dt.datetime | None
    address: SiteAddress = field(default_factory=SiteAddress)

    def __post_init__(self) -> None:
        self.posts = weekly_posts(self.log)
        """The weekly update each person wrote for each week, by (handle, week)."""

        self.actions = {item.key: item for item in self.boards.actions}
        """Every action item as its latest notes leave it, by owners and words."""

    def name(self, handle: str) -> str:
        """A person's name from their handle; the handle when they are not on the roster."""
        person = self.team.get(handle) if self.team is not None else None
        return person.name if person is not None else handle

    def place(self, handle: str) -> str:
        """Where a person works, from their time zone: ``America/Los_Angeles`` → ``Los Angeles``."""
        person = self.team.get(handle) if self.team is not None else None
        return place_of(person.timezone) if person is not None else ""

    def handles(self) -> list[str]:
        """Everyone with an updates page: the roster in its order, then other authors by handle."""
        roster = [person.handle for person in self.team] if self.team is not None else []
        others = sorted(handle for handle in self.log.by_author if handle not in roster)
        return roster + others

    def href(self, target: str, from_page: str) -> str:
        """The address of page ``target`` (and its ``#anchor``) from ``from_page``, for a link in HTML."""
        path, _, anchor = target.partition("#")
        return self.address.relative_url(path, from_page, anchor)

    def md_link(self, label: str, target: str, from_page: str) -> str:
        """A Markdown link to another page by its source path (and anchor), with an escaped label."""
        path, hash_, fragment = target.partition("#")
        relative = md.relative(path, from_page) if path else ""
        return f"[{md.text(label)}]({quote(relative, safe='/')}{hash_}{fragment})"

    def html_link(self, label: str, target: str, from_page: str) -> str:
        """An HTML link to another page by its source path, with escaped text."""
        return f'<a href="{md.attr(self.href(target, from_page))}">{md.attr(label)}</a>'

    def has_own_title(self, update: Update) -> bool:
        """Tell whether an update has a title of its own, rather than one that only repeats its kind."""
        return bool(update.title) and update.title.strip().lower() not in _generic_titles(
            self.log, update.kind
        )

    def title_beside_author(self, update: Update) -> str:
        """An update's title where its author and date are shown beside it: its own, else its kind."""
        return update.title if self.has_own_title(update) else self.log.kind_label(update.kind)

    def update_title(self, update: Update) -> str:
        """An update's title as listings show it: its own, else its kind, author and date."""
        if self.has_own_title(update):
            return update.title
        return f"{self.log.kind_label(update.kind)}: {self.name(update.author)}, {long_date(update.date)}"


def _generic_titles(log: UpdateLog, kind: str) -> set[str]:
    """Titles that only repeat the kind (``Weekly update``), which say nothing about one update."""
    label = log.kind_label(kind)
    return {label.lower(), kind.lower(), f"{kind} update".lower(), "handoff", "meeting notes", "update"}


def place_of(timezone: str) -> str:
    """The place a time zone is named after: ``America/Sao_Paulo`` → ``Sao Paulo``."""
    return timezone.rsplit("/", 1)[-1].replace("_", " ") if "/" in timezone else timezone


def long_date(day: dt.date) -> str:
    """A date as people say it: ``Friday 27 November 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """A date for listings: ``Fri 27 Nov 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def local_time(moment: dt.datetime, timezone: str) -> str:
    """An instant in a person's time zone: ``Fri 27 Nov, 18:30``."""
    local = moment.astimezone(zone(timezone))
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def one_value(html: str) -> str:
    """Hold a table cell's text and tags together, so that its card shows them as one value."""
    return f"<span>{html}</span>"


def date_tag(day: dt.date, label: str | None = None) -> str:
    """A machine-readable date showing ``label`` (the short date by default)."""
    return f'<time datetime="{day.isoformat()}">{md.attr(label or short_date(day))}</time>'


def chip(name: str, value: str, label: str, data: str) -> str:
    """A chip: ``<span class="th-NAME th-NAME--VALUE" data-DATA="VALUE">LABEL</span>``, all escaped."""
    value, label = md.attr(value), md.attr(label)
    return f'<span class="th-{name} th-{name}--{value}" data-{data}="{value}">{label}</span>'


def kind_chip(log: UpdateLog, kind: str) -> str:
    """A chip naming an update's kind."""
    return chip("kind", kind, log.kind_label(kind), "kind")


def project_chip(log: UpdateLog, status: str) -> str:
    """A chip showing a project's status."""
    return chip("project-status", status, log.status_label(status), "status")


def writing_chip(state: WritingState) -> str:
    """A chip showing where someone stands with their weekly update."""
    return chip("writing", state.value, WRITING_LABELS[state], "state")


def due_chip(due: dt.date | None, today: dt.date | None) -> str:
    """A chip for an action item's due date: overdue, due soon, or just the date."""
    if due is None:
        return chip("due", "none", "No due date", "due")
    if today is not None and due < today:
        days = (today - due).days
        late = f"{days} day{'s' if days != 1 else ''} ago"
        return f"{chip('due', 'overdue', 'Overdue', 'due')} due {date_tag(due)}, {late}"
    if today is not None and (due - today).days <= SOON_DAYS:
        days = (due - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        return f"{chip('due', 'soon', 'Due soon', 'due')} {date_tag(due)}, {when}"
    return f"{chip('due', 'later', 'Due', 'due')} {date_tag(due)}"


def days_ago(day: dt.date, today: dt.date | None) -> str:
    """How long ago a date was, in days: ``today``, ``1 day``, ``12 days``."""
    if today is None:
        return ""
    days = max((today - day).days, 0)
    return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"
