"""A page per person: where their weekly update stands, their open blockers and action items, and
everything they wrote, newest first."""

from __future__ import annotations

from ..model.boards import WritingStatus
from ..model.updates import Update
from . import markdown as md
from .updates_common import (
    ACTION_ITEMS,
    BLOCKERS,
    UpdateSite,
    date_tag,
    days_ago,
    due_chip,
    kind_chip,
    person_path,
    update_path,
    week_path,
    writing_chip,
)
from .updates_writing import status_detail


def person_pages(site: UpdateSite) -> dict[str, str]:
    """Return each person's page by its source path: everyone on the roster and every other author."""
    return {person_path(handle): person_page(site, handle) for handle in site.handles()}


def person_page(site: UpdateSite, handle: str) -> str:
    """Return the Markdown of one person's page."""
    page = person_path(handle)
    person = site.team.get(handle) if site.team is not None else None
    parts = [f"# {md.text(site.name(handle))}"]
    if person is not None:
        about = [md.text(person.role)] if person.role else []
        about.append(f"works from {md.text(site.place(handle))} (`{md.text(person.timezone)}`)")
        parts.append(f"@{md.text(handle)} · " + ", ".join(about) + ".")
    else:
        parts.append(f"@{md.text(handle)} is not on the roster.")
    writing = next((w for w in site.boards.writing if w.handle == handle), None)
    if writing is not None:
        parts.append(
            f"**This week's update** ({_week_link(site, writing.current, page)}): "
            f"{writing_chip(writing.current.state)} {status_detail(site, writing.current, page)}  \n"
            f"**Last week's** ({_week_link(site, writing.previous, page)}): "
            f"{writing_chip(writing.previous.state)} {status_detail(site, writing.previous, page)}"
        )
    parts += _blockers(site, handle, page) + _actions(site, handle, page)
    updates = site.log.by_author.get(handle, [])
    parts.append(f"## Updates ({len(updates)})")
    parts.append("\n".join(update_line(site, u, page) for u in updates) or "Nothing written yet.")
    return "\n\n".join(parts) + "\n"


def _week_link(site: UpdateSite, status: WritingStatus, page: str) -> str:
    """Link a week's page when it has one, else name the week."""
    if status.week in site.log.by_week:
        return site.md_link(status.week.label, week_path(status.week), page)
    return md.text(status.week.label)


def _blockers(site: UpdateSite, handle: str, page: str) -> list[str]:
    """Return the person's open blockers, if any."""
    found = site.boards.blockers_of(handle)
    if not found:
        return []
    lines = []
    for blocker in found:
        latest = site.md_link("the latest update", f"updates/{blocker.latest_update}.md", page)
        lines.append(
            f"- {md.text(blocker.text)} — under *{md.text(blocker.section)}* since {date_tag(blocker.since)}"
            f" ({days_ago(blocker.since, site.today)}), in {latest}"
        )
    return [
        f"## Open blockers ({len(found)})",
        "\n".join(lines),
        site.md_link("All blockers", BLOCKERS, page),
    ]


def _actions(site: UpdateSite, handle: str, page: str) -> list[str]:
    """Return the open action items the person owns, if any."""
    found = site.boards.actions_of(handle)
    if not found:
        return []
    lines = []
    for item in found:
        notes = site.log.by_id.get(item.update_id)
        source = site.md_link(site.update_title(notes), update_path(notes), page) if notes else ""
        lines.append(f"- {md.text(item.text)} — {due_chip(item.due, site.today)} — from {source}")
    return [
        f"## Action items ({len(found)})",
        "\n".join(lines),
        site.md_link("All action items", ACTION_ITEMS, page),
    ]


def update_line(site: UpdateSite, update: Update, page: str, author: bool = False) -> str:
    """Return one update as a list item: date, kind, title (linked), summary."""
    who = f"{md.text(site.name(update.author))} · " if author else ""
    if site.has_own_title(update) or not update.summary:
        summary = f" — {md.text(update.summary)}" if update.summary else ""
        link = site.md_link(site.update_title(update), update_path(update), page)
    else:  # the date, kind and author are already on the line: the summary says the rest
        summary, link = "", site.md_link(update.summary, update_path(update), page)
    return f"- {date_tag(update.date)} · {who}{kind_chip(site.log, update.kind)} {link}{summary}"
