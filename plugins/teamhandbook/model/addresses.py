"""Where things are published: every path in the site and every address, computed in one place.

A page's *path in the site* (``src_uri``) is where its Markdown sits among the site's files, such
as ``decisions/0005-use-postgres.md``; its *address* (URL) depends on the site's URL style:
``decisions/0005-use-postgres/`` with directory URLs, ``decisions/0005-use-postgres.html``
without.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from .decision import Decision

DECISIONS_FOLDER = "decisions"
"""Where decision pages live in the site, whatever the decision folder is called."""

INDEX_PATH = f"{DECISIONS_FOLDER}/index.md"
TIMELINE_PATH = f"{DECISIONS_FOLDER}/timeline.md"
GRAPH_PATH = f"{DECISIONS_FOLDER}/graph.md"
DECISIONS_JSON_PATH = "decisions.json"
START_HERE_PATH = "start-here/index.md"
NEEDS_REVIEW_PATH = "needs-review/index.md"
WHATS_NEW_PATH = "whats-new/index.md"
FEED_PATH = "feed.xml"
CHANGES_PATH = "changes.json"
"""Where the generated pages and exports are published, by path in the site."""


def decision_path(decision: Decision) -> str:
    """Return the path in the site of a decision's page: ``decisions/<id>.md``."""
    return f"{DECISIONS_FOLDER}/{decision.id}.md"


@dataclass(frozen=True)
class SiteAddress:
    """How the site lays out addresses: its name, where it is published, and its URL style."""

    name: str = ""
    url: str = ""
    """The site's public address (``site_url``), ending in ``/``; '' when unknown."""

    directory_urls: bool = True

    links_from_source: bool = False
    """The builder rewrites every relative link of a page, raw HTML included, as MkDocs rewrites
    Markdown links: from the page's source file, ``.md`` paths becoming addresses (Zensical).
    Links written into pages are then paths between source files; MkDocs leaves raw HTML alone,
    so for it they are addresses between pages."""

    def page_url(self, src_uri: str) -> str:
        """Return a page's address relative to the site root: ``guide/index.md`` → ``guide/``."""
        folder, name = posixpath.split(src_uri)
        stem, suffix = posixpath.splitext(name)
        if suffix.lower() != ".md":
            return quote(src_uri)  # a file (decisions.json, an image) keeps its path
        if stem in ("index", "README"):
            path = f"{folder}/" if folder else ""
        elif self.directory_urls:
            path = posixpath.join(folder, stem) + "/"
        else:
            path = posixpath.join(folder, stem) + ".html"
        if not self.directory_urls and (not path or path.endswith("/")):
            path += "index.html"
        return quote(path)

    def decision_url(self, decision: Decision) -> str:
        """Return a decision page's address relative to the site root."""
        return self.page_url(decision_path(decision))

    def relative_url(self, target: str, from_page: str, anchor: str = "") -> str:
        """Return a link from page ``from_page`` to page ``target`` (both paths in the site, where
        ``#`` is part of a file name) as raw HTML in the page must carry it for the builder: the
        address relative to the page's (``resolved_url``), or, for a builder that rewrites links
        (``links_from_source``), the path relative to the page's source file."""
        if not self.links_from_source:
            return self.resolved_url(target, from_page, anchor)
        path = posixpath.relpath(target, posixpath.dirname(from_page) or ".")
        return quote(path) + (f"#{anchor}" if anchor else "")

    def state_url(self, target: str, from_page: str, state: str) -> str:
        """Return a link from page ``from_page`` to page ``target`` whose fragment is a script's
        state (``project=relay``), not an anchor a builder could check.

        For a builder that rewrites links it is the target's address relative to the source file's
        folder: not a ``.md`` path, so the builder neither checks the fragment nor converts the path,
        and only adds, as for any relative link, what the page's own address adds to that folder.
        """
        if not self.links_from_source:
            return f"{self.resolved_url(target, from_page)}#{state}"
        url = self.page_url(target)
        relative = posixpath.relpath(url or ".", posixpath.dirname(from_page) or ".")
        if (not url or url.endswith("/")) and relative != ".":
            relative += "/"
        return ("./" if relative == "." else relative) + f"#{state}"

    def resolved_url(self, target: str, from_page: str, anchor: str = "") -> str:
        """Return the address of page ``target`` relative to page ``from_page``'s address, as the
        browser resolves it: for links no builder rewrites (a diagram's)."""
        url, here = self.page_url(target), self.page_url(from_page)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        relative = posixpath.relpath(url or ".", base.rstrip("/") or ".")
        if (not url or url.endswith("/")) and relative != ".":
            relative += "/"
        return ("./" if relative == "." else relative) + (f"#{anchor}" if anchor else "")

    def absolute(self, url: str) -> str:
        """Return a site-relative address as an absolute one; needs ``url``."""
        base = self.url if self.url.endswith("/") else self.url + "/"
        return base + url


def site_address(name: str, url: str, directory_urls: bool = True) -> SiteAddress:
    """Return a site address with ``url`` normalised to end in ``/`` (or '' when unset)."""
    url = (url or "").strip()
    if url and not url.endswith("/"):
        url += "/"
    return SiteAddress(name or "", url, directory_urls)
