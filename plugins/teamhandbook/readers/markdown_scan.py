"""Line-level Markdown scanning that knows which lines are code and which are prose."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_SETEXT_H1 = re.compile(r"^ {0,3}=+[ \t]*$")
_SETEXT_H2 = re.compile(r"^ {0,3}-+[ \t]*$")
_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_LINK_REFERENCE_COMMENT = re.compile(r"^\[//\]: #")
_LIST_ITEM = re.compile(r"^( *)(?:[*+-]|\d{1,9}[.)])( +|$)")
_BACKTICKS = re.compile(r"`+")


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
        atx = atx_heading(line)
        if atx:
            found.append(Heading(atx[0], atx[1], i))
            continue
        heading = _setext(lines, in_code, i)
        if heading:
            found.append(heading)
    return found


def atx_heading(line: str) -> tuple[int, str] | None:
    """Return the level and text of an ATX heading (``## Text ##``), or None for any other line.

    Written with string methods: the equivalent pattern reads a long run of spaces again for
    every space in it.
    """
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return None
    level = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[level:]
    if not 1 <= level <= 6 or (rest and rest[0] not in " \t"):
        return None
    text = rest.strip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and (not unclosed or unclosed[-1] in " \t"):
        text = unclosed.rstrip(" \t")  # the optional closing sequence of #s
    return level, text


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
    atx = atx_heading(text)
    if atx and atx[0] == 1 and atx[1]:
        return Heading(1, atx[1], index)
    if index + 1 < len(lines) and _SETEXT_H1.match(lines[index + 1]) and text.strip():
        return Heading(1, text.strip(), index)
    return None


def code_spans(line: str) -> list[tuple[int, int]]:
    """Return the start and end of each inline code span in a line, in linear time.

    As CommonMark says, a run of backticks opens a span that the next run of exactly as many
    backticks closes; a run nothing closes is literal text. (A regular expression with a
    back-reference reads the rest of the line again for every unclosed run.)
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    next_of_length = dict.fromkeys(by_length, 0)
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        position = next_of_length[end - start]
        while position < len(same) and same[position] <= index:
            position += 1
        next_of_length[end - start] = position
        if position < len(same):
            closing = same[position]
            spans.append((start, runs[closing][1]))
            index = closing + 1
        else:
            index += 1
    return spans


def without_spans(text: str, opener: re.Pattern[str], closer: re.Pattern[str], replacement: str = " ") -> str:
    """Replace each span from ``opener`` to the first ``closer`` after it, in linear time.

    An opener nothing closes ends the work: no later opener can be closed either. (``<!--.*?-->``
    and its kind read the rest of the text again for every unclosed opener.)
    """
    pieces: list[str] = []
    position = 0
    while True:
        opening = opener.search(text, position)
        if opening is None:
            break
        closing = closer.search(text, opening.end())
        if closing is None:
            break
        pieces += [text[position : opening.start()], replacement]
        position = closing.end()
    pieces.append(text[position:])
    return "".join(pieces)


def strip_comments(text: str) -> str:
    """Remove HTML comments from a one-line value, such as ``accepted <!-- optional -->``."""
    while _COMMENT_OPEN in text:
        start = text.index(_COMMENT_OPEN)
        end = text.find(_COMMENT_CLOSE, start)
        text = text[:start] + ("" if end < 0 else text[end + len(_COMMENT_CLOSE) :])
    return text.strip()
