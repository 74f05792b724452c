"""Rewriting relative links in a body whose page is published somewhere other than its file."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ..readers.body_links import ABSOLUTE, REFERENCE_DEFINITION, outside_inline_code
from ..readers.markdown_scan import code_lines

INLINE_WHOLE_LINK = re.compile(r"(!?\[[^\]]*\]\()(<[^>]*>|[^)\s]+)((?:\s+(?:\"[^\"]*\"|'[^']*'))?\))?")
"""An inline link or image: its opening up to the target, the target, and what closes it."""


def rewrite_links(markdown: str, rewrite: Callable[[str], str | None]) -> str:
    """Apply ``rewrite`` to every relative link target outside code; others are left alone.

    When ``rewrite`` returns None, the link goes and its text stays (an image goes entirely, and
    a reference definition becomes a comment).
    """
    lines = markdown.split("\n")
    in_code = code_lines(lines)

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        bracketed = target.startswith("<")
        bare = target[1:-1] if bracketed else target
        if ABSOLUTE.match(bare):
            return match.group(0)
        new = rewrite(bare)
        if new is None:
            return _without_link(match)
        closing = (match.group(3) or "") if match.re is INLINE_WHOLE_LINK else ""
        return match.group(1) + (f"<{new}>" if bracketed else new) + closing

    for i, line in enumerate(lines):
        if in_code[i] or line.startswith(("    ", "\t")) or ("](" not in line and "]:" not in line):
            continue
        lines[i] = outside_inline_code(
            line, lambda part: REFERENCE_DEFINITION.sub(replace, INLINE_WHOLE_LINK.sub(replace, part))
        )
    return "\n".join(lines)


def _without_link(match: re.Match[str]) -> str:
    """Return what stands for a link that leads nowhere: its text, or a comment for a definition."""
    if match.re is REFERENCE_DEFINITION:
        return f"<!-- {match.group(0).strip()} -->"
    opening = match.group(1)
    return "" if opening.startswith("!") else opening[1 : opening.rindex("]")]


def rebase(target: str, from_folder: str) -> str:
    """Make a link written in ``from_folder`` work from the folder above it, where pages live."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    return posixpath.normpath(posixpath.join(from_folder, path)) + hash_ + fragment
