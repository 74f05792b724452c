"""Rewriting relative links in a body whose page is published somewhere other than its file."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from ..readers.markdown_scan import code_lines

_INLINE_LINK = re.compile(r"(!?\[[^\]]*\]\()(<[^>]*>|[^)\s]+)")
_REFERENCE_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>]*>|\S+)")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#|\?)", re.I)


def rewrite_links(markdown: str, rewrite: Callable[[str], str]) -> str:
    """Apply ``rewrite`` to every relative link target outside code; others are left alone."""
    lines = markdown.split("\n")
    in_code = code_lines(lines)

    def replace(match: re.Match[str]) -> str:
        target = match.group(2)
        bracketed = target.startswith("<")
        bare = target[1:-1] if bracketed else target
        if _ABSOLUTE.match(bare):
            return match.group(0)
        new = rewrite(bare)
        return match.group(1) + (f"<{new}>" if bracketed else new)

    for i, line in enumerate(lines):
        if in_code[i] or line.startswith(("    ", "\t")) or ("](" not in line and "]:" not in line):
            continue
        lines[i] = _outside_inline_code(
            line, lambda part: _REFERENCE_DEFINITION.sub(replace, _INLINE_LINK.sub(replace, part))
        )
    return "\n".join(lines)


def _outside_inline_code(line: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the parts of a line that are not inline code."""
    parts: list[str] = []
    last = 0
    for match in _INLINE_CODE.finditer(line):
        parts.append(change(line[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(change(line[last:]))
    return "".join(parts)


def rebase(target: str, from_folder: str) -> str:
    """Make a link written in ``from_folder`` work from the folder above it, where pages live."""
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    return posixpath.normpath(posixpath.join(from_folder, path)) + hash_ + fragment


def link_targets(markdown: str) -> list[tuple[int, str]]:
    """Return every relative link target outside code, with the 0-based line it is on."""
    lines = markdown.split("\n")
    in_code = code_lines(lines)
    return [
        (index, target)
        for index, line in enumerate(lines)
        if not in_code[index]
        for target in _targets_of_line(line)
    ]


def _targets_of_line(line: str) -> list[str]:
    """Return the relative link targets of one line of prose."""
    targets: list[str] = []

    def keep(target: str) -> str:
        targets.append(target)
        return target

    rewrite_links(line, keep)
    return targets
