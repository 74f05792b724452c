"""Checks of the working agreement: the core window against everyone's hours across the coming year,
and the names that agreement pages quote."""

from __future__ import annotations

import re

from ..model.agreement import Agreement, Shortfall, clock, day_names
from ..model.problem import Problem, error
from ..readers.markdown_scan import code_lines

SHOWN_RUNS = 3
"""How many runs of dates a core-window problem lists before summing up the rest."""

_QUOTING_MACRO = re.compile(r"\{\{-?\s*(response_time|person|channel)\s*\(\s*(['\"])([^'\"\n]*)\2")
"""Macros whose first argument names a tier, a person or a channel."""


def check_agreement(agreement: Agreement) -> list[Problem]:
    """Run every agreement check; the year scan must have been computed already."""
    return check_core_window(agreement) + check_quoted_names(agreement)


def check_core_window(agreement: Agreement) -> list[Problem]:
    """Report each person whose working hours do not contain the core window on some dates."""
    core, scan, team = agreement.core_window, agreement.year, agreement.team
    if core is None or scan is None or team is None or agreement.data_source is None:
        return []
    problems = []
    for person in team:
        runs = scan.shortfalls.get(person.handle) or []
        if not runs:
            continue
        total = sum(run.dates for run in runs)
        listed = "; ".join(_run(run, core.days) for run in runs[:SHOWN_RUNS])
        if len(runs) > SHOWN_RUNS:
            listed += f"; and {len(runs) - SHOWN_RUNS} more runs of dates"
        message = (
            f"the core window {core.label} is not inside the working hours of {person.name} "
            f"({person.hours_label} {person.timezone}, {team.source}:{person.line_of('hours')}) "
            f"on {total} of the working dates from {scan.first} to {scan.last}: {listed}. "
            "Move the window, or agree different hours."
        )
        problems.append(error(agreement.data_source, core.line, message, "core-window-outside-hours"))
    return problems


def _run(run: Shortfall, days: tuple[int, ...]) -> str:
    """Describe one run of dates: when, what the window is locally, and how much is outside."""
    when = f"on {run.first}" if run.first == run.last else f"from {run.first} to {run.last}"
    if run.first != run.last and run.weekdays != tuple(sorted(days)):
        when = f"on {day_names(run.weekdays)} {when}"
    local = f"{clock(run.local.start % 1440)}–{clock(run.local.end % 1440)} local time"
    return f"{when} it is {local}, {run.missing} minutes outside them"


def check_quoted_names(agreement: Agreement) -> list[Problem]:
    """Report agreement pages that quote a tier, person or channel the data does not have."""
    problems: list[Problem] = []
    for page in agreement.pages:
        lines = page.text.split("\n")
        in_code = code_lines(lines)
        for index, line in enumerate(lines):
            if in_code[index] or "{{" not in line:
                continue
            for match in _QUOTING_MACRO.finditer(line):
                problem = _unknown_name(agreement, match.group(1), match.group(3))
                if problem:
                    problems.append(error(page.source, index + 1, problem, "unknown-name"))
    return problems


def _unknown_name(agreement: Agreement, macro: str, name: str) -> str | None:
    """Say why a quoted name is unknown, or None when the data has it."""
    if macro == "response_time" and agreement.tier(name) is None:
        known = ", ".join(tier.name for tier in agreement.tiers) or "none are defined"
        return f"`{macro}('{name}')` quotes a tier that agreement.yml does not define (tiers: {known})."
    if macro == "channel" and agreement.channel(name) is None:
        known = ", ".join(channel.name for channel in agreement.channels) or "none are listed"
        return f"`{macro}('{name}')` quotes a channel that agreement.yml does not list (channels: {known})."
    if macro == "person" and (agreement.team is None or not agreement.team.knows(name)):
        known = ", ".join(p.handle for p in agreement.people) or "there is no roster"
        return f"`{macro}('{name}')` quotes a handle that is not on the roster (handles: {known})."
    return None
