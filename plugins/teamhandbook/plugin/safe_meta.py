"""Page metadata and edit links made safe for templates that print them unescaped, on MkDocs' pages.

The rules are the core's (``pages.safe_meta``); this applies them to MkDocs' ``Page`` objects.
A title taken from a rendered heading is HTML (``&lt;`` stays ``&lt;``), but Material's
``striptags`` turns it back into ``<`` inside ``<title>``, so it is set as escaped text too.
"""

from __future__ import annotations

import html

from mkdocs.structure.pages import Page

from ..pages.safe_meta import edit_path, escape_front_matter, page_title, safe_url

__all__ = ["edit_path", "escape_front_matter", "page_title", "safe_edit_url", "title_as_text"]


def title_as_text(page: Page) -> None:
    """Set a page's title in its metadata, escaped, once MkDocs has taken it from the heading or file.

    The home page is left alone: Material shows only the site's name in its ``<title>``.
    """
    if page.meta.get("title") or page.is_homepage:
        return
    title = page.title
    if title:
        page.meta["title"] = page_title(html.unescape(str(title)))


def safe_edit_url(page: Page) -> None:
    """Percent-encode what no URL may hold (quotes, spaces, ``<``) and escape the edit link for ``href``."""
    if page.edit_url:
        page.edit_url = safe_url(page.edit_url)
