"""Nygard / adr-tools: ``# 1. Title``, a ``Date:`` line and a ``## Status`` section."""

from __future__ import annotations

import re

from ..model.decision import DecisionFormat
from .fields import Extraction, canonical_key
from .markdown_scan import Heading

_LABEL_LINE = re.compile(r"^(Date|Data|Fecha|Datum|Status|Estado)[ \t]*:[ \t]*(.*[^ \t])[ \t]*$", re.I)
_STATUS_HEADINGS = frozenset({"status", "estado", "situação", "statut", "estatus"})
_LINK_LINE = re.compile(  # linear: spaces inside the words are taken only when a word follows
    r"^[ \t]*(?:[*+-][ \t]+)?[A-Za-z](?:\w|[ ]++(?=\w))*+[ \t]+\[[^\]]*\]\([^)]*\)"
)


def from_nygard(
    lines: list[str], headings: list[Heading], title: Heading | None, body_line: int
) -> Extraction | None:
    """Read a Nygard-style record, or return None when the file is not one.

    The ``Date:`` line is shown in the header instead of the body; the ``## Status`` section stays
    in the body, since teams write history there, and is read for the status and for adr-tools'
    link lines (``Supersedes [1. X](0001-x.md)``, ``Amended by …``).
    """
    extraction = Extraction(DecisionFormat.NYGARD)
    first_section = next((h.index for h in headings if h.level >= 2), len(lines))
    start = title.index + 1 if title else 0
    for i in range(start, first_section):
        match = _LABEL_LINE.match(lines[i])
        if match:
            extraction.put(canonical_key(match.group(1)), match.group(2), body_line + i)
            extraction.hidden_lines.add(i)
    section = _status_section(lines, headings)
    if section is not None:
        _read_status_section(lines, section, extraction, body_line)
    if not extraction.fields:
        return None
    return extraction


def _status_section(lines: list[str], headings: list[Heading]) -> tuple[int, int] | None:
    """Return the line range of the ``## Status`` section's content, if the file has one."""
    for position, heading in enumerate(headings):
        if heading.level == 2 and heading.text.strip().lower() in _STATUS_HEADINGS:
            end = next((h.index for h in headings[position + 1 :] if h.level <= 2), len(lines))
            return heading.index + 1, end
    return None


def _read_status_section(
    lines: list[str], section: tuple[int, int], extraction: Extraction, body_line: int
) -> None:
    """Take the status from the section's first line of prose, and every adr-tools link line.

    Later paragraphs are the section's history ("Accepted. Revisited in 2021 …"), not the status.
    """
    start, end = section
    for i in range(start, end):
        text = lines[i].strip()
        if not text:
            continue
        if _LINK_LINE.match(text):
            extraction.relation_lines.append((text.lstrip("*+- "), body_line + i))
        elif "status" not in extraction.fields:
            extraction.put("status", _first_sentence(text), body_line + i)


def _first_sentence(text: str) -> str:
    """Return a line's first sentence: ``Accepted. We revisited it.`` → ``Accepted``."""
    head, _, _ = text.partition(". ")
    return head


def find_status_section(lines: list[str], headings: list[Heading]) -> tuple[int, int] | None:
    """Return the line range of the ``## Status`` section's content (after its heading), if any."""
    return _status_section(lines, headings)


def is_link_line(text: str) -> bool:
    """Tell whether a line is an adr-tools relation line: ``Supersedes [1. X](0001-x.md)``."""
    return bool(_LINK_LINE.match(text))
