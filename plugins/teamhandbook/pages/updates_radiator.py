"""The home page's radiator: what needs someone's attention now, each a link.

Projects at risk or blocked, proposals open for feedback with their deadlines, reviews that are
overdue and action items that are overdue; then how many still have to write this week's update
and how many blockers are open. It is Markdown, so the site builder checks every link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..checks.review import Review
from ..model.boards import WritingState
from ..model.decision import Decision
from ..model.updates import NEEDS_ATTENTION
from . import markdown as md
from .updates_common import (
    ACTION_ITEMS,
    BLOCKERS,
    STILL_TO_WRITE,
    UpdateSite,
    long_date,
    project_target,
    short_date,
    update_path,
)

LIMIT = 5
"""How many items of each kind the radiator lists before pointing to the full page."""


@dataclass
class Glance:
    """What the radiator reads, for one build."""

    today: dt.date | None
    site: UpdateSite | None
    """The updates and their boards; None when the handbook has no updates folder."""

    proposals: list[Decision] = field(default_factory=list)
    overdue_reviews: list[Review] = field(default_factory=list)
    needs_review: str | None = None
    """The source path of the Needs review page, when the site has one."""


def radiator(glance: Glance, page: str) -> str:
    """Return the radiator's Markdown for a page at ``page``."""
    when = f"As of {long_date(glance.today)}:" if glance.today else "Now:"
    items = (
        _projects(glance, page) + _proposals(glance, page) + _reviews(glance, page) + _actions(glance, page)
    )
    lines = [when, ""]

    if items:
        lines += items
    else:
        lines.append("- Nothing needs attention right now: no project at risk, nothing overdue.")
    footer = _footer(glance, page)
    if footer:
        lines += ["", footer]
    return "\n".join(lines) + "\n"


def _item(kind: str, label: str, rest: str, status: str = "") -> str:
    """Return one list item, marked with what it is about (and, for a project, its status)."""
    extra = f' th-project-status--{md.attr(status)}" data-status="{md.attr(status)}' if status else ""
    span = f'<span class="th-glance th-glance--{kind}{extra}" data-glance="{kind}">{md.attr(label)}</span>'
    return f"- {span} {rest}"


def _more(count: int, label: str, target: str, page: str) -> list[str]:
    """Point to the full list when the radiator shows only part of it."""
    if count <= LIMIT:
        return []
    relative = md.relative(target.partition("#")[0], page)
    return [f"- … and {count - LIMIT} more: [{md.text(label)}]({relative})"]


def _projects(glance: Glance, page: str) -> list[str]:
    """Projects at risk or blocked."""
    site = glance.site
    if site is None:
        return []
    found = [p for p in site.log.projects if p.status in NEEDS_ATTENTION]
    items = []
    for project in found[:LIMIT]:
        label = site.log.status_label(project.status)
        note = f": {md.text(project.note)}" if project.note else ""
        owner = f" (owner: {md.text(site.name(project.owner))})"
        rest = f"{site.md_link(project.name, project_target(project), page)}{owner}{note}"
        items.append(_item("project", label, rest, project.status))
    return items + _more(len(found), "Projects", "projects/index.md", page)


def _proposals(glance: Glance, page: str) -> list[str]:
    """Proposals open for feedback, with their deadlines."""
    items = []
    for decision in glance.proposals[:LIMIT]:
        assert decision.feedback_by is not None
        days = (decision.feedback_by - glance.today).days if glance.today else None
        if days is not None and days < 0:
            label = f"Feedback was due {short_date(decision.feedback_by)}"
        else:
            label = f"Feedback by {short_date(decision.feedback_by)}"
        items.append(_item("proposal", label, md.decision_link(decision, page)))
    return items + _more(len(glance.proposals), "What's new", "whats-new/index.md", page)


def _reviews(glance: Glance, page: str) -> list[str]:
    """Pages whose review is overdue."""
    items = []
    for review in glance.overdue_reviews[:LIMIT]:
        link = f"[{md.text(review.page.title)}]({md.relative(review.page.src_uri, page)})"
        items.append(_item("review", f"Review overdue since {short_date(review.due)}", link))
    target = glance.needs_review or "needs-review/index.md"
    return items + _more(len(glance.overdue_reviews), "Needs review", target, page)


def _actions(glance: Glance, page: str) -> list[str]:
    """Action items whose due date has passed."""
    site = glance.site
    if site is None or glance.today is None:
        return []
    overdue = site.boards.overdue_actions(glance.today)
    items = []
    for item in overdue[:LIMIT]:
        assert item.due is not None
        owners = ", ".join(site.name(h) for h in item.owners)
        notes = site.log.by_id.get(item.update_id)
        source = site.md_link(site.update_title(notes), update_path(notes), page) if notes else ""
        rest = f"{md.text(owners)}: {md.text(item.text)} — from {source}"
        items.append(_item("action", f"Action overdue since {short_date(item.due)}", rest))
    return items + _more(len(overdue), "Action items", ACTION_ITEMS, page)


def _footer(glance: Glance, page: str) -> str:
    """Return the line counting who still has to write and the open blockers, linked to their boards."""
    site = glance.site
    if site is None:
        return ""
    parts = []
    if site.boards.writing:
        late = sum(1 for w in site.boards.writing if w.current.state is WritingState.LATE)
        due = sum(1 for w in site.boards.writing if w.current.state is WritingState.DUE)
        parts.append(site.md_link(f"Still to write this week: {late} late, {due} due", STILL_TO_WRITE, page))
    parts.append(site.md_link(f"Open blockers: {len(site.boards.blockers)}", BLOCKERS, page))
    parts.append(site.md_link(f"Open action items: {len(site.boards.open_actions)}", ACTION_ITEMS, page))
    return " · ".join(parts)
