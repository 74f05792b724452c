"""Links in a Markdown body: where they are, outside code, and which point at other files."""

from __future__ import annotations

import re
from collections.abc import Callable

from .markdown_scan import code_spans

INLINE_LINK = re.compile(r"(!?\[[^\[\]]*\]\()(<[^<>]*>|[^)\s]+)")
REFERENCE_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>]*>|\S+)")
ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#|\?)", re.I)


def outside_inline_code(line: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of a line that are not inline code."""
    parts: list[str] = []
    last = 0
    for start, end in code_spans(line):
        parts.append(change(line[last:start]))
        parts.append(line[start:end])
        last = end
    parts.append(change(line[last:]))
    return "".join(parts)


def relative_targets(line: str) -> list[str]:
    """Return the relative link targets of one prose line, as written, without angle brackets."""
    if "](" not in line and "]:" not in line:
        return []
    found: list[str] = []

    def collect(part: str) -> str:
        for pattern in (INLINE_LINK, REFERENCE_DEFINITION):
            for match in pattern.finditer(part):
                target = match.group(2)
                target = target[1:-1] if target.startswith("<") else target
                if not ABSOLUTE.match(target):
                    found.append(target)
        return part

    outside_inline_code(line, collect)
    return found


def markdown_file_links(
    lines: list[str], in_code: list[bool], first_line: int, skip: set[int]
) -> list[tuple[str, int]]:
    """Return the relative links to ``.md`` files in prose, with their 1-based lines.

    Lines in code (fenced or indented) and the 0-based lines in ``skip`` are not read.
    """
    links: list[tuple[str, int]] = []
    for i, line in enumerate(lines):
        if in_code[i] or i in skip or line.startswith(("    ", "\t")):
            continue
        for target in relative_targets(line):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if path.lower().endswith(".md"):
                links.append((target, first_line + i))
    return links
