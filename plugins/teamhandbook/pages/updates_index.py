"""The updates index: every update, newest first, with filters by person, kind, project and week.

The table is HTML whose rows carry what the filters need (``data-person``, ``data-kind``,
``data-week``, ``data-projects``); ``updates-index.js`` adds the filters and keeps the choice in the
address (``#person=maya&kind=weekly``), so a filtered view can be shared. Without JavaScript the
table is complete and searchable. On a narrow screen each row is a card (``pages/tables.py``).
"""

from __future__ import annotations

from ..model.boards import WritingState
from ..model.updates import Update
from . import markdown as md
from .tables import EMPTY, Column, Row, card_table
from .updates_common import (
    ACTION_ITEMS,
    BLOCKERS,
    PROJECTS,
    STILL_TO_WRITE,
    UPDATES_INDEX,
    UpdateSite,
    date_tag,
    kind_chip,
    person_path,
    project_target,
    update_path,
    week_path,
)

FILTERS = '<div class="th-update-filters" hidden></div>'
"""The placeholder the browser fills with the filters."""

RECENT_WEEKS = 8
"""How many weeks the line above the table links to; every week is listed below it."""


def updates_index(site: UpdateSite) -> str:
    """Return the Markdown of the updates index."""
    page = UPDATES_INDEX
    parts = [
        "---\nhide:\n  - toc\n---",  # the table needs the width, and the page has no sections to list
        "# Updates",
        "What the team wrote instead of meeting: weekly updates, handoffs, meeting notes and requests, "
        "newest first. Filter by person, kind, project or week; the address keeps the filter, so a "
        "filtered view can be shared.",
        _boards_line(site, page),
    ]
    if not len(site.log):
        parts.append("No updates yet. Write the first with `handbook write weekly`.")
        return "\n\n".join(parts) + "\n"
    weeks = sorted(site.log.by_week, reverse=True)
    recent = " · ".join(_unbroken(site.md_link(w.label, week_path(w), page)) for w in weeks[:RECENT_WEEKS])
    parts += [f"**Weeks:** {recent}" + (" · [all weeks](#all-weeks)" if len(weeks) > RECENT_WEEKS else "")]
    parts += [FILTERS, _table(site)]
    if len(weeks) > RECENT_WEEKS:
        parts += ['<h2 id="all-weeks">All weeks</h2>', _all_weeks(site)]
    return "\n\n".join(parts) + "\n"


def _boards_line(site: UpdateSite, page: str) -> str:
    """Return the line linking the boards, each with its count."""
    boards = site.boards
    late = sum(1 for p in boards.writing if p.current.state is WritingState.LATE)
    items = [
        site.md_link(f"Still to write ({late})", STILL_TO_WRITE, page),
        site.md_link(f"Blockers ({len(boards.blockers)})", BLOCKERS, page),
        site.md_link(f"Action items ({len(boards.open_actions)})", ACTION_ITEMS, page),
        site.md_link(f"Projects ({len(site.log.projects)})", PROJECTS, page),
    ]
    return " · ".join(_unbroken(item) for item in items)


def _unbroken(link: str) -> str:
    """Keep a link's words on one line (``Week 46, 2026``), so that a narrow screen breaks between links."""
    return f'<span class="th-nowrap">{link}</span>'


_COLUMNS = [Column(name) for name in ("Date", "Who", "Kind", "Update", "Projects")]


def _table(site: UpdateSite) -> str:
    """Return the table of updates as HTML, newest first; cards on a narrow screen."""
    return card_table("updates", _COLUMNS, (_row(site, update) for update in site.log))


def _row(site: UpdateSite, update: Update) -> Row:
    """Return one update's row, with what the filters read in its attributes."""
    page = UPDATES_INDEX
    if site.has_own_title(update) or not update.summary:
        title = site.html_link(site.update_title(update), update_path(update), page)
        summary = (
            f'<br><span class="th-update-summary">{md.attr(update.summary)}</span>' if update.summary else ""
        )
    else:  # the kind, author and date have their own columns: the summary says the rest
        title, summary = site.html_link(update.summary, update_path(update), page), ""
    cells = [
        date_tag(update.date),
        site.html_link(site.name(update.author), person_path(update.author), page),
        kind_chip(site.log, update.kind),
        title + summary,
        _projects(site, update),
    ]
    data = {
        "person": update.author,
        "kind": update.kind,
        "week": update.week.slug if update.week is not None else "",
        "projects": " ".join(update.projects),
    }
    return Row(cells, data)


def _projects(site: UpdateSite, update: Update) -> str:
    """Link the projects an update names; each link says its project's key, for the filters."""
    links = [
        f'<a href="{md.attr(site.href(project_target(key), UPDATES_INDEX))}" data-project="{md.attr(key)}">'
        f"{md.attr(site.log.by_project_key[key].name)}</a>"
        for key in update.projects
        if key in site.log.by_project_key
    ]
    return ", ".join(links) or EMPTY


def _all_weeks(site: UpdateSite) -> str:
    """Return every week with updates, newest first, with how many each has."""
    lines = []
    for week in sorted(site.log.by_week, reverse=True):
        count = len(site.log.by_week[week])
        link = site.md_link(f"{week.label} ({week.span_label})", week_path(week), UPDATES_INDEX)
        lines.append(f"- {link}: {count} update{'s' if count != 1 else ''}")
    return "\n".join(lines)
