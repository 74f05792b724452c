"""The blockers board and the action items board, from what people wrote."""

from __future__ import annotations

from ..model.boards import CLEARED_DAYS
from ..model.updates import ActionItem, ItemState
from . import markdown as md
from .tables import EMPTY, Column, card_table
from .updates_common import (
    ACTION_ITEMS,
    BLOCKERS,
    UpdateSite,
    date_tag,
    days_ago,
    due_chip,
    one_value,
    person_path,
    update_path,
)

_BLOCKER_COLUMNS = [Column(name) for name in ("Who", "What", "Under", "Since", "Age", "Latest")]


def blockers_page(site: UpdateSite) -> str:
    """Return the Markdown of the blockers board: open blockers, oldest first, then what cleared lately."""
    page = BLOCKERS
    blockers = site.boards.blockers
    parts = [
        "# Blockers",
        "What is in someone's way, or where they asked for help: every item under *Blocked*, "
        "*Blockers* or *Help needed* in their latest update, aged from the first update that listed "
        "it. An item leaves the board when a later update of the same author ticks it (`- [x]`), "
        "strikes it through (`~~…~~`) or no longer lists it.",
    ]
    if blockers:
        rows = [
            [
                site.html_link(site.name(blocker.author), person_path(blocker.author), page),
                md.attr(blocker.text),
                md.attr(blocker.section),
                date_tag(blocker.since),
                f'<span class="th-age" data-days="{blocker.age(site.today) if site.today else 0}">'
                f"{days_ago(blocker.since, site.today) or EMPTY}</span>",
                _latest(site, blocker.latest_update, page),
            ]
            for blocker in blockers
        ]
        parts += [f"**{len(blockers)} open.**", card_table("blockers", _BLOCKER_COLUMNS, rows)]
    else:
        parts.append("**Nothing is blocking anyone**, as far as their latest updates say.")
    parts.append(f"## Cleared in the last {CLEARED_DAYS} days")
    if site.boards.cleared:
        lines = []
        for cleared in site.boards.cleared:
            how = "ticked" if cleared.how is ItemState.TICKED else "dropped"
            lines.append(
                f"- {date_tag(cleared.on)} · {md.text(site.name(cleared.blocker.author))}: "
                f"<del>{md.attr(cleared.blocker.text)}</del> "
                f'<span class="th-cleared" data-how="{how}">{how}</span> '
                f"in {_update_link(site, cleared.update_id, page)}"
            )
        parts.append("\n".join(lines))
    else:
        parts.append("Nothing was cleared lately.")
    return "\n\n".join(parts) + "\n"


def actions_page(site: UpdateSite) -> str:
    """Return the Markdown of the action items board: open items by owner, soonest due first."""
    page = ACTION_ITEMS
    open_items = site.boards.open_actions
    parts = [
        "# Action items",
        "Every open `- [ ] @handle … (due YYYY-MM-DD)` in meeting notes, by owner, the soonest due "
        "first. Tick it (`- [x]`) or strike it through (`~~…~~`) in the notes, or in later notes "
        "that carry it over, and it leaves the board.",
    ]
    overdue = site.boards.overdue_actions(site.today) if site.today is not None else []
    done = sum(1 for item in site.boards.actions if item.state is ItemState.TICKED)
    dropped = sum(1 for item in site.boards.actions if item.state is ItemState.DROPPED)
    parts.append(
        f"**{len(open_items)} open**, {len(overdue)} of them overdue; {done} done and {dropped} dropped."
    )
    if not open_items:
        parts.append("Nothing is waiting to be done.")
        return "\n\n".join(parts) + "\n"
    owners = [h for h in site.handles() if any(h in item.owners for item in open_items)]
    for handle in owners:
        mine = [item for item in open_items if handle in item.owners]
        parts.append(f"## {md.text(site.name(handle))} ({len(mine)})")
        parts.append("\n".join(action_line(site, item, page, handle) for item in mine))
        parts.append(site.md_link(f"{site.name(handle)}'s page", person_path(handle), page))
    return "\n\n".join(parts) + "\n"


def action_line(site: UpdateSite, item: ActionItem, page: str, owner: str | None = None) -> str:
    """Return one action item as a list item: due date, what, the other owners, the notes it is from."""
    others = [h for h in item.owners if h != owner]
    with_others = f" (with {', '.join(md.text(site.name(h)) for h in others)})" if others else ""
    return (
        f"- {due_chip(item.due, site.today)} — {md.text(item.text)}{with_others} — from "
        f"{_update_link(site, item.update_id, page)}"
    )


def _update_link(site: UpdateSite, update_id: str, page: str) -> str:
    """Link an update by its id, titled as listings title it."""
    update = site.log.by_id.get(update_id)
    if update is None:
        return ""
    return site.md_link(site.update_title(update), update_path(update), page)


def _latest(site: UpdateSite, update_id: str, page: str) -> str:
    """Link the latest update listing a blocker, in HTML, by its title (or kind) and date: its author
    is the blocker's."""
    update = site.log.by_id.get(update_id)
    if update is None:
        return EMPTY
    link = site.html_link(site.title_beside_author(update), update_path(update), page)
    return one_value(f"{link}, {date_tag(update.date)}")
