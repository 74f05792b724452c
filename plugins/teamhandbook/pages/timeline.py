"""The decision timeline: decisions by month, newest first, undated ones last."""

from __future__ import annotations

import calendar

from ..model.decision import Decision, DecisionLog
from . import markdown as md

TIMELINE_PATH = "decisions/timeline.md"


def timeline(log: DecisionLog) -> str:
    """Return the Markdown of the timeline page."""
    parts = [
        "# Decision timeline",
        "When each decision was made, newest first. The [decision log](index.md) lists them by number.",
    ]
    months: dict[tuple[int, int], list[Decision]] = {}
    undated: list[Decision] = []
    for decision in log:
        if decision.date is None:
            undated.append(decision)
        else:
            months.setdefault((decision.date.year, decision.date.month), []).append(decision)
    for year, month in sorted(months, reverse=True):
        entries = sorted(months[(year, month)], key=lambda d: (d.date, d.number or 0), reverse=True)
        parts.append(f"## {calendar.month_name[month]} {year}")
        parts.append("\n".join(_entry(decision) for decision in entries))
    if undated:
        parts.append("## Undated")
        parts.append("These decisions do not say when they were made.")
        parts.append("\n".join(_entry(decision) for decision in undated))
    if not len(log):
        parts.append("No decisions are recorded yet.")
    return "\n\n".join(parts) + "\n"


def _entry(decision: Decision) -> str:
    """Return one timeline line: the day, the status and a link."""
    day = f"{decision.date.day:>2} · " if decision.date else ""
    return f"- {day}{md.status_chip(decision)} {md.decision_link(decision, TIMELINE_PATH)}"
