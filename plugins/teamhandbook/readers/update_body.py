"""The body of a written update: its title, its summary, and the items under each heading.

An update is ordinary Markdown. Its sections are its headings; under each, every list item (or,
where the author wrote prose, every paragraph) is an item. ``- [x]`` ticks an item and
``~~text~~`` drops it. Code blocks and HTML comments (the template's hints) are never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.updates import Item, ItemState, Section
from .markdown_scan import code_block_lines, headings, leading_h1

_LIST_ITEM = re.compile(r"^( {0,3})(?:[*+-]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
_NESTED_ITEM = re.compile(r"^\s+(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_TASK_BOX = re.compile(r"^\[([ xX])\](?:[ \t]+|$)")
_STRUCK = re.compile(r"^~~(.+?)~~(.*)$")
_SUMMARY_LABEL = re.compile(
    r"^\s*(?:[*+-]\s+)?(?:\*\*|__)?(in short|tl;?dr|summary|status)\s*:?\s*(?:\*\*|__)?\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~|`)")
_PAIRED = (
    re.compile(r"`+([^`]+?)`+"),
    re.compile(r"\*\*(.+?)\*\*"),
    re.compile(r"__(.+?)__"),
    re.compile(r"~~(.+?)~~"),
    re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"),
    re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])"),
)
"""Emphasis, strike-through and code spans, each with its content as group 1."""
_PUNCTUATION = " \t:.-–—*_#`"
SUMMARY_LENGTH = 240
"""Summaries longer than this are cut at a word, so a listing stays a listing."""

PLACEHOLDERS = frozenset(
    {
        "",
        "none",
        "nothing",
        "no",
        "n/a",
        "na",
        "-",
        "—",
        "–",
        "none this week",
        "nothing this week",
        "nothing blocking",
        "no blockers",
        "nothing blocking me",
        "all good",
        "none today",
        "nothing today",
    }
)
"""What authors write to say a section is empty on purpose."""


@dataclass
class Body:
    """What an update's Markdown says, line numbers relative to the file."""

    title: str = ""
    title_line: int = 0
    summary: str = ""
    sections: list[Section] = field(default_factory=list)


def section_key(heading: str) -> str:
    """Return a heading as the handbook compares it: ``Help needed:`` → ``help needed``."""
    plain = _EMPHASIS.sub("", _LINK.sub(r"\1", heading))
    return " ".join(plain.strip(_PUNCTUATION + "!?").lower().split())


def item_key(text: str) -> str:
    """Return an item's text as compared across updates: without markup, case or punctuation."""
    plain = _EMPHASIS.sub("", _LINK.sub(r"\1", text))
    return " ".join(re.sub(r"[^\w@#/-]+", " ", plain.lower()).split())


def is_placeholder(text: str) -> bool:
    """Tell whether an item only says that there is nothing: ``None``, ``n/a``, ``-``."""
    return section_key(text) in PLACEHOLDERS


def plain_text(markdown: str) -> str:
    """Return inline Markdown as plain text, on one line: links become their text, emphasis and code
    their content (``pg_partman`` keeps its underscore)."""
    text = _LINK.sub(r"\1", markdown)
    for pattern in _PAIRED:
        text = pattern.sub(r"\1", text)
    return " ".join(text.split())


def read_body(body: str, first_line: int) -> Body:
    """Read an update's body; ``first_line`` is the file's line number of the body's first line."""
    lines = without_comments(body.split("\n"))
    in_code = code_block_lines(lines)
    found = headings(lines, in_code)
    result = Body()
    title = leading_h1(lines)
    if title is not None:
        result.title, result.title_line = plain_text(title.text), first_line + title.index
    starts = [h for h in found if h.level >= 2]
    for position, heading in enumerate(starts):
        end = starts[position + 1].index if position + 1 < len(starts) else len(lines)
        content = range(heading.index + 1, end)
        section = Section(heading.text, section_key(heading.text), first_line + heading.index)
        section.items = _items(lines, in_code, content, first_line)
        section.text = "\n".join(lines[i] for i in content if not in_code[i] or lines[i].strip()).strip()
        result.sections.append(section)
    first_section = starts[0].index if starts else len(lines)
    result.summary = _summary(lines, in_code, first_section, title.index if title else -1)
    return result


def without_comments(lines: list[str]) -> list[str]:
    """Blank out HTML comments (kept line for line, so line numbers stay right)."""
    cleaned: list[str] = []
    open_comment = False
    for line in lines:
        kept = ""
        rest = line
        while rest:
            if open_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                    break
                rest, open_comment = rest[end + 3 :], False
            else:
                start = rest.find("<!--")
                if start < 0:
                    kept += rest
                    break
                kept += rest[:start]
                rest, open_comment = rest[start + 4 :], True
        cleaned.append(kept.rstrip() if kept != line else line)
    return cleaned


def _items(lines: list[str], in_code: list[bool], content: range, first_line: int) -> list[Item]:
    """Return the items under one heading: each top-level list item, else each paragraph."""
    items: list[Item] = []
    current: list[str] = []
    start = 0
    list_indent: int | None = None
    """The indent of the list being read; None outside a list."""

    def close() -> None:
        if current:
            item = _item(" ".join(current), first_line + start)
            if item is not None:
                items.append(item)
            current.clear()

    for index in content:
        line = lines[index]
        if in_code[index] or not line.strip():
            close()
            continue
        indent = len(line) - len(line.lstrip(" "))
        match = _LIST_ITEM.match(line)
        if list_indent is not None and indent >= list_indent + 2 and _NESTED_ITEM.match(line):
            continue  # a nested list belongs to the item above, as detail
        if match:
            close()
            list_indent, start = indent, index
            current.append((match.group(2) or "").strip())
        else:
            if not current:
                start, list_indent = index, None
            current.append(line.strip())
    close()
    return items


def _item(text: str, line: int) -> Item | None:
    """Read one item's check box and strike-through; None for a template's empty bullet."""
    task = False
    state = ItemState.OPEN
    box = _TASK_BOX.match(text)
    if box:
        task = True
        state = ItemState.TICKED if box.group(1) in "xX" else ItemState.OPEN
        text = text[box.end() :]
    struck = _STRUCK.match(text.strip())
    if struck:
        text = (struck.group(1) + struck.group(2)).strip()
        if state is ItemState.OPEN:
            state = ItemState.DROPPED
    text = " ".join(text.split())
    if not text.strip(_PUNCTUATION):
        return None
    return Item(text, line, state, task, item_key(text), is_placeholder(text))


def _summary(lines: list[str], in_code: list[bool], end: int, title_index: int) -> str:
    """Return the author's summary: an ``In short:`` line anywhere, else the first paragraph."""
    for index in range(end):
        line = lines[index]
        if in_code[index]:
            continue
        match = _SUMMARY_LABEL.match(line)
        if match and match.group(2).strip(_PUNCTUATION):
            return _shorten(plain_text(match.group(2)))
    paragraph: list[str] = []
    for index in range(end):
        line = lines[index]
        if index == title_index or in_code[index]:
            if paragraph:
                break
            continue
        stripped = line.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if stripped.startswith(("#", "<", "|", ">", "- [", "---", "===")) and not paragraph:
            continue
        paragraph.append(stripped)
    return _shorten(plain_text(" ".join(paragraph)))


def _shorten(text: str) -> str:
    """Cut a summary at a word once it is longer than ``SUMMARY_LENGTH``; start it with a capital."""
    text = text[:1].upper() + text[1:]
    if len(text) <= SUMMARY_LENGTH:
        return text
    cut = text[:SUMMARY_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"
