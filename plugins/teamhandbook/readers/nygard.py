"""Nygard / adr-tools: the ``## Status`` section and its link lines, located for the writers.

Reading a decision's fields is ``extract``'s job, for every shape at once; this finds where an
edit adds a status or an adr-tools relation line (``Superseded by [4. X](0004-x.md)``).
"""

from __future__ import annotations

import re

from .markdown_scan import Heading

_STATUS_HEADINGS = frozenset({"status", "estado", "situação", "statut", "estatus"})
_LINK_LINE = re.compile(  # linear: spaces inside the words are taken only when a word follows
    r"^[ \t]*(?:[*+-][ \t]+)?[A-Za-z](?:\w|[ ]++(?=\w))*+[ \t]+\[[^\]]*\]\([^)]*\)"
)


def find_status_section(lines: list[str], headings: list[Heading]) -> tuple[int, int] | None:
    """Return the line range of the ``## Status`` section's content (after its heading), if any."""
    for position, heading in enumerate(headings):
        if heading.level == 2 and heading.text.strip().lower() in _STATUS_HEADINGS:
            end = next((h.index for h in headings[position + 1 :] if h.level <= 2), len(lines))
            return heading.index + 1, end
    return None


def is_link_line(text: str) -> bool:
    """Tell whether a line is an adr-tools relation line: ``Supersedes [1. X](0001-x.md)``."""
    return bool(_LINK_LINE.match(text))
