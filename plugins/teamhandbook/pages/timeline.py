"""The decision timeline: decisions by month, newest first, undated ones last.

As for the index, a builder that knows the address of every decision page gets each month's list
as HTML, which is much cheaper to render than a long Markdown list of links.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable

from ..model.addresses import TIMELINE_PATH
from ..model.decision import Decision, DecisionLog
from . import markdown as md


def timeline(log: DecisionLog, href: Callable[[Decision], str] | None = None) -> str:
    """Return the Markdown of the timeline page.

    ``href`` is a decision page's address relative to the timeline; with it, the lists are HTML.
    """
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
        parts.append(_list(entries, href))
    if undated:
        parts.append("## Undated")
        parts.append("These decisions do not say when they were made.")
        parts.append(_list(undated, href))
    if not len(log):
        parts.append("No decisions are recorded yet.")
    return "\n\n".join(parts) + "\n"


def _list(decisions: list[Decision], href: Callable[[Decision], str] | None) -> str:
    """Return the entries of one month, as a Markdown list or, given addresses, an HTML one."""
    if href is None:
        return "\n".join(
            f"- {_day(d)}{md.status_chip(d)} {md.decision_link(d, TIMELINE_PATH)}" for d in decisions
        )
    items = (
        f'<li>{_day(d)}{md.status_chip(d)} <a href="{md.attr(href(d))}">{md.attr(md.full_title(d))}</a></li>'
        for d in decisions
    )
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def _day(decision: Decision) -> str:
    """Return the day of the month an entry starts with, or nothing for undated decisions."""
    return f"{decision.date.day:>2} · " if decision.date else ""
