"""The decision log's index: every decision in one table, with counts, filters and sorting.

The table is Markdown, so the site search indexes it and any Markdown builder can show it; the
filters and sorting are added in the browser by ``decision-index.js`` and are optional.

A builder that knows the address of every decision page (the MkDocs plugin) gets the same table
as one block of HTML instead: parsing a thousand rows of inline Markdown and checking a thousand
links was most of the cost of rebuilding the log after an edit under ``mkdocs serve --dirty``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.addresses import INDEX_PATH
from ..model.decision import Decision, DecisionLog
from ..model.lifecycle import in_reading_order
from . import markdown as md
from .tables import Column, card_table

_FILTERS = '<div class="th-decision-filters" hidden></div>'
"""The placeholder the browser fills with the filter and sort controls."""

_EMPTY = (
    'No decisions are recorded yet. Write the first one with `handbook new "Title"`, '
    "or add a Markdown file to the decisions folder."
)


_COLUMNS = ("#", "Decision", "Status", "Date", "Deciders", "Tags")
_HTML_COLUMNS = (Column("#", numeric=True), *(Column(name) for name in _COLUMNS[1:]))
"""The number column is right-aligned, as Markdown's ``--:`` makes it."""


def decision_index(
    log: DecisionLog, title: str = "Decision log", href: Callable[[Decision], str] | None = None
) -> str:
    """Return the Markdown of the decision index.

    ``href`` is a decision page's address relative to the index; with it, the table is written in
    HTML (same rows, same classes; cards on narrow screens), without it in Markdown with links to
    the decisions' files.
    """
    parts = [
        f"# {md.text(title)}",
        "Every decision the team has recorded, and why it was made. "
        "Filter by status or tag and sort by number or date; "
        "see also the [timeline](timeline.md) and the [relationship graph](graph.md).",
    ]
    if not len(log):
        parts.append(_EMPTY)
        return "\n\n".join(parts) + "\n"
    parts += [counts(log), _FILTERS, _table(log) if href is None else _html_table(log, href)]
    return "\n\n".join(parts) + "\n"


def counts(log: DecisionLog) -> str:
    """Return the number of decisions per status, in lifecycle order, as one line."""
    per_status = log.status_counts()
    items = []
    present = {d.status.key: d.status for d in log if d.status is not None}
    for status in in_reading_order(present.values()):
        items.append(
            _count(status.value, status.label, per_status[status.value], status.state.value, status.colour)
        )
    if "unknown" in per_status:
        items.append(_count("unknown", "No or unknown status", per_status["unknown"]))
    total = f'<span class="th-count__total">{len(log)} decision{"s" if len(log) != 1 else ""}</span>'
    return f'<p class="th-counts">{total}: {" · ".join(items)}</p>'


def _count(value: str, label: str, number: int, state: str = "", colour: str = "") -> str:
    """Return one status count, with the status's badge."""
    return (
        f'<span class="th-count" data-status="{md.attr(value)}">'
        f"{md.status_badge(value, label, state, colour)} "
        f'<span class="th-count__number">{number}</span></span>'
    )


def _table(log: DecisionLog) -> str:
    """Return the Markdown table of decisions."""
    rows = [f"| {' | '.join(_COLUMNS)} |", "|--:|----------|--------|------|----------|------|"]
    for decision in log:
        link = md.decision_link(decision, INDEX_PATH, decision.title)
        rows.append(f"| {' | '.join(_cells(decision, link))} |")
    return "\n".join(rows)


def _html_table(log: DecisionLog, href: Callable[[Decision], str]) -> str:
    """Return the table of decisions as HTML, linking each to the address ``href`` gives."""
    rows = (
        _cells(decision, f'<a href="{md.attr(href(decision))}">{md.attr(decision.title)}</a>')
        for decision in log
    )
    return card_table("decisions", _HTML_COLUMNS, rows)


def _cells(decision: Decision, link: str) -> list[str]:
    """Return a decision's row: number, link, status, date, deciders and tags."""
    number = f"{decision.number:04d}" if decision.number is not None else "—"
    deciders = md.attr(", ".join(decision.deciders)) if decision.deciders else "—"
    tags = md.tag_chips(decision.tags) or "—"
    return [number, link, md.status_chip(decision), md.time_tag(decision.date), deciders, tags]
