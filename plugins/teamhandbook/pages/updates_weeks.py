"""A page per week: who wrote their weekly update (and who did not, or was away), then every update
of the week by kind."""

from __future__ import annotations

from ..hours.weekly import writing_status
from ..model.updates import Week
from . import markdown as md
from .tables import Column, card_table
from .updates_common import UpdateSite, person_path, week_path, writing_chip
from .updates_people import update_line
from .updates_writing import status_cell

_COLUMNS = [Column(name) for name in ("Person", "Weekly update", "Details")]


def week_pages(site: UpdateSite) -> dict[str, str]:
    """Return each week's page by its source path, for every week with an update."""
    weeks = sorted(site.log.by_week)
    pages = {}
    for position, week in enumerate(weeks):
        previous = weeks[position - 1] if position > 0 else None
        following = weeks[position + 1] if position + 1 < len(weeks) else None
        pages[week_path(week)] = week_page(site, week, previous, following)
    return pages


def week_page(site: UpdateSite, week: Week, previous: Week | None, following: Week | None) -> str:
    """Return the Markdown of one week's page."""
    page = week_path(week)
    around = []
    if previous is not None:
        around.append("← " + site.md_link(previous.label, week_path(previous), page))
    around.append(site.md_link("All updates", "updates/index.md", page))
    if following is not None:
        around.append(site.md_link(following.label, week_path(following), page) + " →")
    parts = [f"# {md.text(week.label)}", f"{md.text(week.span_label)} · " + " · ".join(around)]
    parts += _weekly_updates(site, week, page)
    updates = site.log.by_week.get(week, [])
    by_kind: dict[str, list] = {}
    for update in updates:
        by_kind.setdefault(update.kind, []).append(update)
    order = {kind: position for position, kind in enumerate(site.log.kinds)}
    for kind in sorted(by_kind, key=lambda k: (k != "weekly", order.get(k, len(order)), k)):
        found = by_kind[kind]
        parts.append(f"## {md.text(site.log.kind_label(kind))} ({len(found)})")
        parts.append("\n".join(update_line(site, u, page, author=True) for u in reversed(found)))
    return "\n\n".join(parts) + "\n"


def _weekly_updates(site: UpdateSite, week: Week, page: str) -> list[str]:
    """Return who wrote the week's weekly update, who is late or missed it, and who was away."""
    if site.team is None or not len(site.team) or site.now is None or not site.posts:
        return []
    rows = []
    for person in site.team:
        status = writing_status(person, week, site.now, site.posts.get((person.handle, week)))
        rows.append(
            [
                site.html_link(person.name, person_path(person.handle), page),
                writing_chip(status.state),
                status_cell(site, status, page),
            ]
        )
    return ["## Weekly updates", card_table("week", _COLUMNS, rows)]
