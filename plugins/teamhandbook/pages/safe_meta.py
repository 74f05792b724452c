"""Page metadata and edit links made safe for templates that print them unescaped.

MkDocs renders its theme without autoescaping, and so does Zensical; Material (and Zensical's
theme) print a page's ``title``, ``description`` and ``author`` into ``<title>``, ``<meta>`` tags
and the navigation as they are, and a page's edit link into an ``href`` as it is. So every one of
these values is written as escaped text, whatever builder shows it: the plugin sets them so, and
``handbook render`` writes them so into each page's front matter.
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import quote

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
        meta[key] = page_title(text) if key == "title" else attribute_text(text)
    status = meta.get("status")
    if status is not None:
        meta["status"] = _STATUS_WORD.sub("", str(status)) or None


def safe_url(url: str) -> str:
    """Percent-encode what no URL may hold (quotes, spaces, ``<``) and escape the rest for ``href``."""
    return html.escape(quote(url, safe=_URL_SAFE), quote=True)


def edit_path(path: str) -> str:
    """Return a file's path as the edit link carries it: each name percent-encoded (``#``, ``"``, spaces)."""
    return quote(path, safe="/")


def attribute_text(text: str) -> str:
    """Escape text for an HTML attribute, braces included."""
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")
