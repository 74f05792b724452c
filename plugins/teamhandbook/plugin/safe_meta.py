"""Page metadata and edit links made safe for templates that print them unescaped.

MkDocs renders its theme without autoescaping, and Material prints a page's ``title``,
``description`` and ``author`` into ``<title>``, ``<meta>`` tags and the navigation as they are;
a page's edit link goes into an ``href`` as it is. A title taken from a rendered heading is HTML
(``&lt;`` stays ``&lt;``), but Material's ``striptags`` turns it back into ``<`` inside ``<title>``.
So every one of these values is set here as escaped text, whatever page it belongs to.
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

from mkdocs.structure.pages import Page

TEXT_FIELDS = ("title", "description", "author", "subtitle")
"""Front-matter fields Material writes into the page as HTML without escaping them."""

_STATUS_WORD = re.compile(r"[^\w-]")
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"
"""Characters an edit link keeps as they are; anything else (quotes, spaces, ``<``) is percent-encoded."""


def page_title(title: str) -> str:
    """Return a title as MkDocs and Material use it: HTML, shown as text.

    mkdocs-macros renders page titles that contain ``{{`` or ``{%`` even when it leaves the page
    alone, so braces become character references too.
    """
    return html.escape(title, quote=False).replace("{", "&#123;").replace("}", "&#125;")


def escape_front_matter(meta: MutableMapping[str, Any]) -> None:
    """Make an author's front-matter fields safe to print: text fields escaped, ``status`` one word.

    A value that is a list or mapping is written as text first.
    """
    for key in TEXT_FIELDS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        text = " ".join(str(value).split())
        meta[key] = page_title(text) if key == "title" else _attribute(text)
    status = meta.get("status")
    if status is not None:
        meta["status"] = _STATUS_WORD.sub("", str(status)) or None


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
        page.edit_url = html.escape(quote(page.edit_url, safe=_URL_SAFE), quote=True)


def edit_path(path: str) -> str:
    """Return a file's path as the edit link carries it: each name percent-encoded (``#``, ``"``, spaces)."""
    return quote(path, safe="/")


def _attribute(text: str) -> str:
    """Escape text for an HTML attribute, braces included."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
