"""``changes.json``: when each page last changed, for the browser's "changed since your last visit".

Small on purpose: ``{"version": 1, "pages": [[url, changed, title, kind, subject], ...]}``, newest
first, ``url`` relative to the site root, ``changed`` in seconds since 1970 (UTC) and ``subject``
the subject of the commit that made the change ('' when it is not known from git).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..model.history import History
from ..model.page import HandbookPage
from ..pages.urls import SiteAddress

SCHEMA_VERSION = 1


def changes_json(pages: Iterable[HandbookPage], history: History, site: SiteAddress) -> str:
    """Return ``changes.json`` for every page whose last change is known."""
    rows = []
    for page in pages:
        change = history.get(page.source)
        if change is None:
            continue
        url = site.page_url(page.src_uri)
        rows.append([url, int(change.when.timestamp()), page.title, page.kind.value, change.subject])
    rows.sort(key=lambda row: (-row[1], row[0]))
    document = {"version": SCHEMA_VERSION, "pages": rows}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
