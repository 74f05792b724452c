"""Where pages are published: addresses in the site, relative and absolute, as MkDocs lays them out."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from . import markdown as md


@dataclass(frozen=True)
class SiteAddress:
    """What the generated pages need to know about the site: its name and where it is published."""

    name: str = ""
    url: str = ""
    """The site's public address (``site_url``), ending in ``/``; '' when unknown."""

    directory_urls: bool = True

    def page_url(self, src_uri: str) -> str:
        """Return a page's address relative to the site root: ``guide/index.md`` → ``guide/``."""
        folder, name = posixpath.split(src_uri)
        stem = posixpath.splitext(name)[0]
        if stem in ("index", "README"):
            path = f"{folder}/" if folder else ""
        elif self.directory_urls:
            path = posixpath.join(folder, stem) + "/"
        else:
            path = posixpath.join(folder, stem) + ".html"
        if not self.directory_urls and (not path or path.endswith("/")):
            path += "index.html"
        return quote(path)

    def absolute(self, url: str) -> str:
        """Return a site-relative address as an absolute one; needs ``url``."""
        base = self.url if self.url.endswith("/") else self.url + "/"
        return base + url


def page_link(title: str, src_uri: str, from_page: str) -> str:
    """Return a Markdown link to a page by its source path, relative to another page."""
    return f"[{md.text(title)}]({quote(md.relative(src_uri, from_page), safe='/')})"  # '#' is encoded


def site_address(name: str, url: str, directory_urls: bool = True) -> SiteAddress:
    """Return a site address with ``url`` normalised to end in ``/`` (or '' when unset)."""
    url = (url or "").strip()
    if url and not url.endswith("/"):
        url += "/"
    return SiteAddress(name or "", url, directory_urls)


START_HERE_PATH = "start-here/index.md"
NEEDS_REVIEW_PATH = "needs-review/index.md"
WHATS_NEW_PATH = "whats-new/index.md"
FEED_PATH = "feed.xml"
CHANGES_PATH = "changes.json"
"""Where the onboarding and change pages and exports are published, by source path in the site."""
