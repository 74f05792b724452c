"""Keeping mkdocs-macros to the prose: code is shown as written.

Agreement pages (and decisions, with ``render_macros: true``) are rendered by mkdocs-macros, so a
``{{ }}`` in a code sample (a GitHub Actions secret, a Helm value) would be run as a template.
Before macros sees a page, every template marker inside code (fenced blocks, indented blocks, code
spans) is replaced by an expression that prints the marker itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ..readers.markdown_scan import code_block_lines, code_spans

_BACKTICKS = re.compile(r"`+")


@dataclass(frozen=True)
class Markers:
    """The template markers of the macros environment (mkdocs-macros lets a site change them)."""

    variable_start: str = "{{"
    variable_end: str = "}}"
    block_start: str = "{%"
    comment_start: str = "{#"
    block_end: str = "%}"
    comment_end: str = "#}"

    @property
    def starts(self) -> tuple[str, ...]:
        """The markers that open something the template engine would run."""
        return (self.variable_start, self.block_start, self.comment_start)

    def literal(self, marker: str) -> str:
        """Return an expression that prints ``marker`` as text."""
        return f"{self.variable_start} {marker!r} {self.variable_end}"

    @classmethod
    def from_jinja(cls, options: Mapping[str, str]) -> Markers:
        """Return the markers Jinja options set (``variable_start_string``…), the others as default."""
        fields = {name: options[f"{name}_string"] for name in JINJA_NAMES if options.get(f"{name}_string")}
        return cls(**fields)

    def jinja_options(self) -> dict[str, str]:
        """Return the markers as keyword arguments of ``jinja2.Environment``."""
        return {f"{name}_string": getattr(self, name) for name in JINJA_NAMES}


JINJA_NAMES = ("variable_start", "variable_end", "block_start", "block_end", "comment_start", "comment_end")
"""The markers' names, which Jinja's options (and mkdocs-macros' ``j2_`` options) add ``_string`` to."""


def protect_code(markdown: str, markers: Markers | None = None) -> str:
    """Return the Markdown with template markers in code blocks and code spans made literal.

    Lines keep their number and indentation, so later messages still point at the right line.
    """
    markers = markers or Markers()
    if not any(start in markdown for start in markers.starts):
        return markdown
    pattern = re.compile("|".join(re.escape(start) for start in markers.starts))

    def escape(text: str) -> str:
        return pattern.sub(lambda match: markers.literal(match.group(0)), text)

    lines = markdown.split("\n")
    in_code = code_block_lines(lines)
    for index, line in enumerate(lines):
        if not any(start in line for start in markers.starts):
            continue
        if in_code[index]:
            lines[index] = escape(line)
        elif "`" in line:
            lines[index] = _in_code_spans(line, escape)
    return "\n".join(lines)


def _in_code_spans(line: str, change: Callable[[str], str]) -> str:
    """Apply ``change`` to the text inside each code span of a line, keeping the backticks."""
    parts: list[str] = []
    last = 0
    for start, end in code_spans(line):
        ticks = _BACKTICKS.match(line, start).end() - start
        parts += [
            line[last : start + ticks],
            change(line[start + ticks : end - ticks]),
            line[end - ticks : end],
        ]
        last = end
    parts.append(line[last:])
    return "".join(parts)


def template_lines(markdown: str, markers: Markers | None = None, including_code: bool = False) -> list[int]:
    """Return the 1-based lines that use template markers outside code (anywhere, ``including_code``)."""
    markers = markers or Markers()
    lines = markdown.split("\n")
    in_code = code_block_lines(lines)
    found = []
    for index, line in enumerate(lines):
        if in_code[index] and not including_code:
            continue
        prose = (
            line if including_code else "".join(line[a:b] for a, b in _outside(code_spans(line), len(line)))
        )
        if any(start in prose for start in markers.starts):
            found.append(index + 1)
    return found


def _outside(spans: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """Yield the stretches of a line between its code spans."""
    last = 0
    for start, end in spans:
        yield last, start
        last = end
    yield last, length
