"""Line-level Markdown scanning that knows which lines are code and which are prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_LINK_REFERENCE_COMMENT = re.compile(r"^\[//\]: #")
_LIST_ITEM = re.compile(r"^( *)(?:[*+-]|\d{1,9}[.)])( +|$)")


@dataclass(frozen=True)
class Heading:
    """A heading found in prose (never in code)."""

    level: int
    text: str
    index: int
    """0-based index of the heading's line in the scanned lines."""


def code_lines(lines: list[str]) -> list[bool]:
    """Mark each line that belongs to a fenced code block (fences included).

    Follows CommonMark: a fence closes only with the same character, at least as long, and an
    unclosed fence runs to the end of the document.
    """
    marks = [False] * len(lines)
    fence: str | None = None
    for i, line in enumerate(lines):
        if fence is None:
            match = _FENCE.match(line)
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                fence = match.group(2)
                marks[i] = True
            continue
        marks[i] = True
        stripped = line.strip()
        if (
            stripped.startswith(fence[0] * len(fence))
            and set(stripped) == {fence[0]}
            and len(line) - len(line.lstrip(" ")) <= 3
        ):
            fence = None
    return marks


def code_block_lines(lines: list[str]) -> list[bool]:
    """Mark the lines of fenced code blocks and of indented code blocks.

    An indented block is four or more spaces deeper than the list item it is in (or than the
    margin), after a blank line. Where Markdown dialects disagree on how deep a list item's
    content is, this marks the larger set of lines.
    """
    marks = code_lines(lines)
    content_indent = 0
    previous_blank = True
    in_indented = False
    for i, line in enumerate(lines):
        if marks[i]:
            previous_blank = in_indented = False
            continue
        if not line.strip():
            previous_blank = True
            continue
        indent = 4 + content_indent if line.startswith("\t") else len(line) - len(line.lstrip(" "))
        if (in_indented or previous_blank) and indent >= content_indent + 4:
            marks[i] = in_indented = True
            previous_blank = False
            continue
        in_indented = False
        item = _LIST_ITEM.match(line)
        if item:
            content_indent = len(item.group(0)) if item.group(2) else len(item.group(1)) + 2
        elif indent < content_indent and previous_blank:
            content_indent = 0
        previous_blank = False
    return marks


def headings(lines: list[str], in_code: list[bool] | None = None) -> list[Heading]:
    """Return the ATX and setext headings of the prose, in order."""
    in_code = in_code if in_code is not None else code_lines(lines)
    found: list[Heading] = []
    for i, line in enumerate(lines):
        if in_code[i]:
            continue
        match = _ATX.match(line)
        if match:
            found.append(Heading(len(match.group(1)), (match.group(2) or "").strip(), i))
            continue
        heading = _setext(lines, in_code, i)
        if heading:
            found.append(heading)
    return found


def _setext(lines: list[str], in_code: list[bool], i: int) -> Heading | None:
    """Return the setext heading whose text is on line ``i``, if the next line underlines it."""
    if i + 1 >= len(lines) or in_code[i + 1] or not lines[i].strip():
        return None
    if lines[i].startswith(("    ", "\t")):
        return None
    underline = lines[i + 1]
    if _SETEXT_H1.match(underline):
        return Heading(1, lines[i].strip(), i)
    if _SETEXT_H2.match(underline) and not lines[i].lstrip().startswith(("-", "*", "+")):
        return Heading(2, lines[i].strip(), i)
    return None


def first_content_line(lines: list[str], start: int = 0) -> tuple[int, str] | None:
    """Return the index and text of the first line that is not blank or an HTML comment.

    Text that follows a comment on the same line counts as content, and is what is returned.
    """
    i = start
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped or _LINK_REFERENCE_COMMENT.match(stripped):
            i += 1
            continue
        if not stripped.startswith(_COMMENT_OPEN):
            return i, lines[i]
        rest = stripped[len(_COMMENT_OPEN) :]
        if _COMMENT_CLOSE in rest:
            after = rest.split(_COMMENT_CLOSE, 1)[1].strip()
            if after:
                return i, after
            i += 1
            continue
        i = next((j + 1 for j in range(i + 1, len(lines)) if _COMMENT_CLOSE in lines[j]), len(lines))
    return None


def leading_h1(lines: list[str]) -> Heading | None:
    """Return the document's leading level-1 heading: the first content, not one deep inside.

    Blank lines and HTML comments may come before it; anything else means there is none.
    """
    found = first_content_line(lines)
    if found is None:
        return None
    index, text = found
    match = _ATX.match(text)
    if match and len(match.group(1)) == 1 and match.group(2):
        return Heading(1, match.group(2).strip(), index)
    if index + 1 < len(lines) and _SETEXT_H1.match(lines[index + 1]) and text.strip():
        return Heading(1, text.strip(), index)
    return None


def strip_comments(text: str) -> str:
    """Remove HTML comments from a one-line value, such as ``accepted <!-- optional -->``."""
    while _COMMENT_OPEN in text:
        start = text.index(_COMMENT_OPEN)
        end = text.find(_COMMENT_CLOSE, start)
        text = text[:start] + ("" if end < 0 else text[end + len(_COMMENT_CLOSE) :])
    return text.strip()
