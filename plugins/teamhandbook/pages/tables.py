"""Generated tables as HTML that reads on a phone: a table where there is room, cards where not.

Each cell carries its column's name (``data-label``), so the stylesheet can show a narrow table as
one card per row, each value under or beside its name, without a page that scrolls sideways. The
table itself has no class, so the theme styles it as any other table where there is room.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from . import markdown as md


@dataclass(frozen=True)
class Column:
    """One column: its heading, and how its cells align."""

    label: str
    """The heading, as plain text; it is escaped."""

    numeric: bool = False
    """Right-aligned, as numbers are (Markdown's ``--:``)."""


@dataclass(frozen=True)
class Row:
    """A row whose ``<tr>`` carries data attributes, for a script that filters or sorts the rows."""

    cells: Sequence[str]
    """The cells, already HTML, one per column."""

    data: Mapping[str, str] = field(default_factory=dict)
    """``{"person": "maya"}`` becomes ``data-person="maya"``, in this order; values are escaped."""


_RIGHT = ' style="text-align: right;"'
EMPTY = "—"
"""What a cell with nothing to say holds."""
_UNBREAKABLE = re.compile(r"\d\d:\d\d(?:–\d\d:\d\d)?|\d{4}-\d\d-\d\d")
"""Clock times and ranges (``07:00–15:30``) and ISO dates, which read badly broken at their dash."""


def card_table(kind: str, columns: Sequence[Column], rows: Iterable[Sequence[str] | Row]) -> str:
    """Return a table of ``rows`` (cells already HTML) that turns into cards on narrow screens.

    ``kind`` names the table for the stylesheet (``th-table--<kind>``): ``decisions``, ``roster``…
    Each row must have a cell per column; a ``Row`` also gives its ``<tr>`` data attributes. The
    blocks start and end at a line's start, so Markdown passes them through as they are.
    """
    head = "".join(f"<th{_RIGHT if c.numeric else ''}>{md.attr(c.label)}</th>" for c in columns)
    lines = [f'<div class="th-table th-table--{md.attr(kind)}">', "<table>", "<thead>", f"<tr>{head}</tr>"]
    lines += ["</thead>", "<tbody>"]
    for row in rows:
        cells, data = (row.cells, row.data) if isinstance(row, Row) else (row, {})
        attributes = "".join(f' data-{name}="{md.attr(value)}"' for name, value in data.items())
        lines.append(
            f"<tr{attributes}>"
            + "".join(_cell(column, cell) for column, cell in zip(columns, cells, strict=True))
            + "</tr>"
        )
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def unbroken(text: str) -> str:
    """Keep each clock range and date of an HTML-escaped text (no tags) on one line."""
    return _UNBREAKABLE.sub(lambda match: f'<span class="th-nowrap">{match.group(0)}</span>', text)


def _cell(column: Column, content: str) -> str:
    """Return one cell, labelled with its column's heading for the card layout."""
    align = _RIGHT if column.numeric else ""
    empty = " data-empty" if content == EMPTY else ""  # a card leaves the field out
    return f'<td data-label="{md.attr(column.label)}"{align}{empty}>{content}</td>'
