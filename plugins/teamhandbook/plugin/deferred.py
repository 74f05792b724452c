"""Long HTML blocks of generated pages skip Python-Markdown: set aside before it, put back after.

The decision index and the timeline are mostly HTML the core wrote (a table of every decision, a
list per month). Python-Markdown would parse each of them as raw HTML only to pass it through
unchanged, which was the largest part of rebuilding those pages after an edit. The adapter puts a
comment in their place before conversion and the HTML back afterwards, so the page comes out the
same, and the search index (built from the HTML) still holds every row.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"^<(table|ul)>\n.*?^</\1>$", re.MULTILINE | re.DOTALL)
"""A block the core writes: an attribute-free ``<table>`` or ``<ul>`` from line start to line start.
Without a ``markdown`` attribute, Python-Markdown leaves such a block as it is."""

_LONG = 2000
"""Blocks shorter than this are left to Markdown: setting them aside would gain nothing."""

_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
"""A fenced code block, inside which a block is code to show, not HTML to pass through."""

_PLACEHOLDER = "<!--teamhandbook-block-{}-->"


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """Return the Markdown with its long HTML blocks replaced by placeholders, and the blocks."""
    blocks: list[str] = []
    if _FENCE.search(markdown):  # rare in generated pages, and telling code apart is not worth it
        return markdown, blocks

    def replace(match: re.Match[str]) -> str:
        """Keep one block and return its placeholder."""
        if len(match.group(0)) < _LONG:
            return match.group(0)
        blocks.append(match.group(0))
        return _PLACEHOLDER.format(len(blocks) - 1)

    return _BLOCK.sub(replace, markdown), blocks


def put_back(html: str, blocks: list[str]) -> str:
    """Return the HTML with each placeholder replaced by its block."""
    for number, block in enumerate(blocks):
        html = html.replace(_PLACEHOLDER.format(number), block, 1)
    return html
