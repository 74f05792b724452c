"""Feed entries for new updates and projects' status changes, when ``feed_updates`` is on.

Ids are stable: an update's page address with ``#posted``; a status change, the project's anchor
on the projects page with the status and its date. An update without a time counts from noon UTC
of its date, so it sorts among the day's other changes.
"""

from __future__ import annotations

import datetime as dt

from ..pages.updates_common import PROJECTS, UpdateSite, project_anchor, update_path
from ..pages.urls import SiteAddress
from .atom import FeedEntry


def update_entries(site: UpdateSite, address: SiteAddress) -> list[FeedEntry]:
    """Return an entry per update and per dated status change of a project; needs ``address.url``."""
    entries = []
    for update in site.log:
        url = address.absolute(address.page_url(update_path(update)))
        kind = site.log.kind_label(update.kind)
        title = site.update_title(update)
        entries.append(
            FeedEntry(
                when=update.moment or _noon(update.date),
                title=title if title.startswith(kind) else f"{kind}: {title}",
                id=f"{url}#posted",
                url=url,
                authors=(site.name(update.author),),
                summary=update.summary,
                categories=(update.kind, *update.projects),
            )
        )
    projects_url = address.absolute(address.page_url(PROJECTS))
    for project in site.log.projects:
        for change in project.changes:
            if change.date is None:
                continue
            label = site.log.status_label(change.status)
            anchor = project_anchor(project)
            entries.append(
                FeedEntry(
                    when=_noon(change.date),
                    title=f"{project.name} is {label.lower()}",
                    id=f"{projects_url}#{anchor}-{change.status}-{change.date.isoformat()}",
                    url=f"{projects_url}#{anchor}",
                    authors=(site.name(project.owner),),
                    summary=change.note or project.summary,
                    categories=("project", project.key),
                )
            )
    return entries


def _noon(day: dt.date) -> dt.datetime:
    """Return noon UTC of a date."""
    return dt.datetime.combine(day, dt.time(12), dt.UTC)
