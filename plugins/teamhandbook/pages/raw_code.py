"""Keeping code literal in pages that a Jinja renderer (mkdocs-macros) will process.

Decision records quote GitHub Actions (``${{ secrets.X }}``), Helm (``{{ .Values.x }}``) and Jinja
itself in their code. When a handbook lets mkdocs-macros render decisions, the code must still
show as written, so every code block and code span is wrapped in a raw block first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..readers.markdown_scan import code_lines

_LIST_ITEM = re.compile(r"^( *)(?:[*+-]|\d{1,9}[.)])( +|$)")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")


@dataclass(frozen=True)
class JinjaSyntax:
    """The delimiters of the Jinja environment that will render the page."""

    block_start: str = "{%"
    block_end: str = "%}"
    variable_start: str = "{{"
    variable_end: str = "}}"

    def raw(self, text: str) -> str:
        """Wrap text in a raw block, so Jinja outputs it as it is."""
        return f"{self._tag('raw')}{self._escape_endraw(text)}{self._tag('endraw')}"

    def _tag(self, name: str) -> str:
        """Return a block tag such as ``{% raw %}``."""
        return f"{self.block_start} {name} {self.block_end}"

    def _escape_endraw(self, text: str) -> str:
        """Split the raw block around an ``endraw`` tag that the text itself contains."""
        endraw = re.compile(re.escape(self.block_start) + r"-?\s*endraw\s*-?" + re.escape(self.block_end))
        return endraw.sub(
            lambda m: (
                f"{self._tag('endraw')}{self.variable_start} {m.group(0)!r} "
                f"{self.variable_end}{self._tag('raw')}"
            ),
            text,
        )

    def has_syntax(self, text: str) -> bool:
        """Tell whether text holds anything Jinja would interpret."""
        return self.block_start in text or self.variable_start in text or "{#" in text


def protect_code(markdown: str, jinja: JinjaSyntax | None = None) -> str:
    """Wrap fenced and indented code blocks and inline code spans in Jinja raw blocks.

    Lines keep their number and indentation: the opening tag goes in front of a block's first
    line and the closing tag after its last, and Jinja removes both.
    """
    jinja = jinja or JinjaSyntax()
    if not jinja.has_syntax(markdown):
        return markdown
    lines = markdown.split("\n")
    in_code = _code_blocks(lines)
    start = 0
    while start < len(lines):
        if not in_code[start]:
            lines[start] = _protect_spans(lines[start], jinja)
            start += 1
            continue
        end = start
        while end + 1 < len(lines) and in_code[end + 1]:
            end += 1
        block = "\n".join(lines[start : end + 1])
        if jinja.has_syntax(block):
            lines[start : end + 1] = jinja.raw(block).split("\n")
        start = end + 1
    return "\n".join(lines)


def _protect_spans(line: str, jinja: JinjaSyntax) -> str:
    """Wrap the code spans of a prose line that hold Jinja syntax."""
    if "`" not in line:
        return line
    return _CODE_SPAN.sub(
        lambda m: jinja.raw(m.group(0)) if jinja.has_syntax(m.group(0)) else m.group(0), line
    )


def _code_blocks(lines: list[str]) -> list[bool]:
    """Mark the lines of fenced code blocks and of indented code blocks.

    An indented block is four or more spaces deeper than the list item it is in (or than the
    margin), after a blank line. Where Markdown dialects disagree on list indentation, this
    marks the larger set: protecting a line too many only keeps a macro from running there.
    """
    marks = code_lines(lines)
    content_indent = 0
    previous_blank = True
    in_indented = False
    for i, line in enumerate(lines):
        if marks[i]:
            previous_blank, in_indented = False, False
            continue
        if not line.strip():
            previous_blank = True
            continue
        indent = len(line) - len(line.lstrip(" "))
        if line.startswith("\t"):
            indent = 4 + content_indent
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
    _mark_blank_lines_inside_blocks(lines, marks)
    return marks


def _mark_blank_lines_inside_blocks(lines: list[str], marks: list[bool]) -> None:
    """Mark blank lines between two code lines, so a block is wrapped once, not piece by piece."""
    for i in range(1, len(lines) - 1):
        if not marks[i] and not lines[i].strip() and marks[i - 1]:
            following = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
            if following is not None and marks[following]:
                marks[i] = True
