"""Still to write: who has not posted this week's update by the end of their own working week.

Each person's week, and its end, come from the roster: their time zone, working days and hours,
and the days they are away. Someone whose Friday ended in Kolkata is late while Los Angeles is
still in its Friday morning; someone away all week owes nothing.
"""

from __future__ import annotations

import datetime as dt

from ..model.boards import WritingState, WritingStatus
from . import markdown as md
from .tables import EMPTY, Column, card_table
from .updates_common import (
    STILL_TO_WRITE,
    UpdateSite,
    local_time,
    long_date,
    one_value,
    person_path,
    update_path,
    week_path,
    writing_chip,
)

_COLUMNS = [Column(name) for name in ("Person", "This week", "Status", "When", "Last week")]


def still_to_write(site: UpdateSite) -> str:
    """Return the Markdown of the Still to write page."""
    page = STILL_TO_WRITE
    parts = [
        "# Still to write",
        "Each of us posts a weekly update by the end of our own working week, in our own time zone. "
        "This page says, person by person, whether this week's is written, still due, or late.",
    ]
    if not site.boards.writing:
        parts.append(_why_empty(site))
        return "\n\n".join(parts) + "\n"
    assert site.now is not None
    parts.append(f"As of {long_date(site.now.date())}, {site.now:%H:%M} UTC.")
    late = [w for w in site.boards.writing if w.current.state is WritingState.LATE]
    due = [w for w in site.boards.writing if w.current.state is WritingState.DUE]
    if late:
        names = ", ".join(site.md_link(site.name(w.handle), person_path(w.handle), page) for w in late)
        parts.append(f"**Still to write ({len(late)}):** {names}.")
    elif due:
        parts.append(f"**Nobody is late.** {len(due)} of us still have time before the end of our week.")
    else:
        parts.append("**Everyone has written this week's update**, or is away.")
    parts.append(_last_written(site))
    rows = []
    for writing in site.boards.writing:
        current, previous = writing.current, writing.previous
        rows.append(
            [
                site.html_link(site.name(writing.handle), person_path(writing.handle), page),
                _week(site, current, page),
                writing_chip(current.state),
                status_cell(site, current, page),
                _last_week(site, previous, page),
            ]
        )
    parts.append(card_table("writing", _COLUMNS, rows))
    return "\n\n".join(parts) + "\n"


def _why_empty(site: UpdateSite) -> str:
    """Say why nobody is listed: no roster, no weekly updates, or no date to work from."""
    if site.team is None or not len(site.team):
        return "The roster (`team.yml` in the working agreement) is needed to know who writes when."
    if site.now is None:
        return "The build has no date, so nobody can be late."
    return "Nobody writes weekly updates here yet. Write the first with `handbook write weekly`."


def _last_written(site: UpdateSite) -> str:
    """Say when the latest weekly update was written, so a quiet team is seen as one."""
    latest = next((u for u in site.log if u.kind == "weekly"), None)
    if latest is None or site.today is None:
        return ""
    days = (site.today - latest.date).days
    ago = "today" if days <= 0 else f"{days} day{'s' if days != 1 else ''} ago"
    link = site.md_link(site.update_title(latest), update_path(latest), STILL_TO_WRITE)
    return f"The latest weekly update is {link}, {ago}."


def _week(site: UpdateSite, status: WritingStatus, page: str) -> str:
    """Name a person's week in HTML, on one line, linked when it has a page."""
    if status.week in site.log.by_week:
        name = site.html_link(status.week.label, week_path(status.week), page)
    else:
        name = md.attr(status.week.label)
    return f'<span class="th-nowrap">{name}</span>'


def _last_week(site: UpdateSite, status: WritingStatus, page: str) -> str:
    """Show last week's status and the update written, on one line."""
    link = _posted_link(site, status, page, html=True)
    return f'<span class="th-nowrap">{writing_chip(status.state)}{" " + link if link else ""}</span>'


def _posted_link(site: UpdateSite, status: WritingStatus, page: str, html: bool = False) -> str:
    """Link the update a week's status points at, when there is one, in Markdown or HTML."""
    update = site.log.by_id.get(status.update_id) if status.update_id else None
    if update is None:
        return ""
    link = site.html_link if html else site.md_link
    return link(f"{update.date:%a} {update.date.day} {update.date:%b}", update_path(update), page)


def status_detail(site: UpdateSite, status: WritingStatus, page: str, html: bool = False) -> str:
    """Say more about a status: the update written, the deadline and how far off it is, the leave.

    Markdown for a paragraph, or HTML (``html``) for a table's cell.
    """
    escape = md.attr if html else md.text
    person = site.team.get(status.handle) if site.team is not None else None
    if status.state is WritingState.POSTED:
        link = _posted_link(site, status, page, html)
        return f"written: {link}" if link else "written"
    if status.state is WritingState.AWAY:
        note = f" ({escape(status.away.note)})" if status.away and status.away.note else ""
        return f"away that week{note}, nothing expected"
    if status.deadline is None or person is None:
        return ""
    local = local_time(status.deadline, person.timezone)
    when = f"{escape(local)} in {escape(site.place(status.handle))} ({status.deadline:%H:%M} UTC)"
    if site.now is None:
        return f"due by {when}"
    gap = _duration(abs(status.deadline - site.now))
    if status.state is WritingState.DUE:
        return f"due by {when}, in {gap}"
    return f"was due by {when}, {gap} ago"


def status_cell(site: UpdateSite, status: WritingStatus, page: str) -> str:
    """Say more about a status in a table's cell, in HTML; a dash when there is nothing to say."""
    detail = status_detail(site, status, page, html=True)
    return one_value(detail) if detail else EMPTY


def _duration(delta: dt.timedelta) -> str:
    """A span of time in the largest unit that reads well: ``3 hours``, ``2 days``."""
    hours = int(delta.total_seconds() // 3600)
    if hours < 1:
        minutes = max(int(delta.total_seconds() // 60), 1)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    days = hours // 24
    return f"{days} days"
