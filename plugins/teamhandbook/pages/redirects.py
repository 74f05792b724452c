"""Redirect pages: an address that moved keeps working, and says where the page went."""

from __future__ import annotations

import posixpath

from . import markdown as md
from .links import rewrite_links

INDEX_STEMS = frozenset({"index", "readme"})
"""File stems a site builder publishes as their folder's own address."""


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """Return the address a page source gets in the site, relative to its root: ``adr/0001-x/``."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    prefix = f"{folder}/" if folder else ""
    if stem.lower() in INDEX_STEMS:
        return prefix if use_directory_urls else f"{prefix}index.html"
    return f"{prefix}{stem}/" if use_directory_urls else f"{prefix}{stem}.html"


def redirect_file(src_uri: str, use_directory_urls: bool) -> str:
    """Return the file that answers at a page source's old address: ``adr/0001-x/index.html``."""
    url = page_url(src_uri, use_directory_urls)
    return url + "index.html" if url.endswith("/") or not url else url


def relative_url(target_url: str, from_file: str) -> str:
    """Return ``target_url`` (from the site root) as a link from the file ``from_file``."""
    relative = posixpath.relpath(target_url or ".", posixpath.dirname(from_file) or ".")
    if target_url.endswith("/") or not target_url:
        relative = relative.rstrip("/") + "/"
    return "./" if relative == "./" else relative


def redirect_page(target: str, title: str) -> str:
    """Return an HTML page that sends a reader (and a search engine) on to ``target``."""
    href = md.attr(target)
    name = md.attr(title)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {name}</title>\n"
        f'<link rel="canonical" href="{href}">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>This page moved: <a href="{href}">{name}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def follow_moves(markdown: str, src_uri: str, moved: dict[str, str]) -> str:
    """Point a page's relative links to moved pages at their new sources (paths from the docs root)."""
    folder = posixpath.dirname(src_uri)

    def rewrite(target: str) -> str:
        """Return a link target, pointed at the new source when it led to a moved page."""
        path, hash_, fragment = target.partition("#")
        if not path:
            return target
        resolved = posixpath.normpath(posixpath.join(folder, path))
        new = moved.get(resolved)
        if new is None:
            return target
        return posixpath.relpath(new, folder or ".") + hash_ + fragment

    return rewrite_links(markdown, rewrite)
