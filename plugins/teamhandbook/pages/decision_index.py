"""The decision log's index: every decision in one table, with counts, filters and sorting.

The table is Markdown, so the site search indexes it and any Markdown builder can show it; the
filters and sorting are added in the browser by ``decision-index.js`` and are optional.
"""

from __future__ import annotations

from ..model.decision import STATUS_ORDER, DecisionLog
from . import markdown as md

INDEX_PATH = "decisions/index.md"

_FILTERS = '<div class="th-decision-filters" hidden></div>'
"""The placeholder the browser fills with the filter and sort controls."""

_EMPTY = (
    'No decisions are recorded yet. Write the first one with `handbook new "Title"`, '
    "or add a Markdown file to the decisions folder."
)


def decision_index(log: DecisionLog, title: str = "Decision log") -> str:
    """Return the Markdown of the decision index."""
    parts = [
        f"# {md.text(title)}",
        "Every decision the team has recorded, and why it was made. "
        "Filter by status or tag and sort by number or date; "
        "see also the [timeline](timeline.md) and the [relationship graph](graph.md).",
    ]
    if not len(log):
        parts.append(_EMPTY)
        return "\n\n".join(parts) + "\n"
    parts += [counts(log), _FILTERS, _table(log)]
    return "\n\n".join(parts) + "\n"


def counts(log: DecisionLog) -> str:
    """Return the number of decisions per status, in lifecycle order, as one line."""
    per_status = log.status_counts()
    items = []
    for status in STATUS_ORDER:
        if status.value in per_status:
            items.append(_count(status.value, status.label, per_status[status.value]))
    if "unknown" in per_status:
        items.append(_count("unknown", "No or unknown status", per_status["unknown"]))
    total = f'<span class="th-count__total">{len(log)} decision{"s" if len(log) != 1 else ""}</span>'
    return f'<p class="th-counts">{total}: {" · ".join(items)}</p>'


def _count(value: str, label: str, number: int) -> str:
    """Return one status count."""
    return (
        f'<span class="th-count" data-status="{value}">'
        f'<span class="th-status th-status--{value}">{label}</span> '
        f'<span class="th-count__number">{number}</span></span>'
    )


def _table(log: DecisionLog) -> str:
    """Return the Markdown table of decisions."""
    rows = [
        "| # | Decision | Status | Date | Deciders | Tags |",
        "|--:|----------|--------|------|----------|------|",
    ]
    for decision in log:
        number = f"{decision.number:04d}" if decision.number is not None else "—"
        deciders = md.attr(", ".join(decision.deciders)) if decision.deciders else "—"
        tags = md.tag_chips(decision.tags) or "—"
        rows.append(
            f"| {number} | {md.decision_link(decision, INDEX_PATH, decision.title)} | "
            f"{md.status_chip(decision)} | {md.time_tag(decision.date)} | {deciders} | {tags} |"
        )
    return "\n".join(rows)
