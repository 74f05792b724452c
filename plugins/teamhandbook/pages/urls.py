"""Links between pages, written as the site lays out addresses (see ``model.addresses``)."""

from __future__ import annotations

from urllib.parse import quote

from ..model.addresses import (
    CHANGES_PATH,
    FEED_PATH,
    NEEDS_REVIEW_PATH,
    START_HERE_PATH,
    WHATS_NEW_PATH,
    SiteAddress,
    site_address,
)
from . import markdown as md

__all__ = [
    "CHANGES_PATH",
    "FEED_PATH",
    "NEEDS_REVIEW_PATH",
    "START_HERE_PATH",
    "WHATS_NEW_PATH",
    "SiteAddress",
    "page_link",
    "site_address",
]


def page_link(title: str, src_uri: str, from_page: str) -> str:
    """Return a Markdown link to a page by its source path, relative to another page."""
    return f"[{md.text(title)}]({quote(md.relative(src_uri, from_page), safe='/')})"  # '#' is encoded
