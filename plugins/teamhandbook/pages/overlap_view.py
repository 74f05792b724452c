"""The overlap on the page: the core window in everyone's local time, a 24-hour strip per person,
and how the overlap moves through the coming year."""

from __future__ import annotations

import datetime as dt

from ..hours.schedule import Schedule, spans_of, utc_day, within_hours
from ..hours.spans import Span, clip, intersect, merge, subtract
from ..hours.year import clock_span, window_span
from ..model.agreement import (
    DAY_MINUTES,
    Agreement,
    LocalHours,
    LocalWindow,
    Period,
    Person,
    YearScan,
    clock,
    day_names,
)
from . import markdown as md
from .tables import Column, card_table, unbroken

_SHIFT = {-1: " (the day before)", 0: "", 1: " (the next day)"}


def display_date(scan: YearScan) -> dt.date:
    """The date the page shows: the first of the team's working dates from the build date on."""
    return scan.periods[0].first if scan.periods else scan.first


def long_date(day: dt.date) -> str:
    """Write a date for readers, in the site's one date style: ``Monday 2026-11-23``."""
    return f"{day:%A} {day.isoformat()}"


def core_window_block(agreement: Agreement) -> str:
    """Return the core window in UTC, then a table of what it is in each member's local time."""
    core = agreement.core_window
    if core is None:
        return "*No core overlap window is agreed yet: add `core-hours` to agreement.yml.*"
    lead = f"**{core.label}**, {day_names(core.days)} (UTC dates)."
    extra = " ".join(md.text(text) for text in (core.purpose, core.note) if text)
    parts = [lead + (" " + extra if extra else "")]
    if agreement.people and agreement.year is not None:
        columns = ("Person", "Time zone", "The core window in their time", "Their working hours")
        rows = []
        for person in agreement.people:
            windows = agreement.year.local_windows.get(person.handle, [])
            short = agreement.year.shortfalls.get(person.handle)
            warning = " <strong>Outside their hours on some dates: see the build log.</strong>"
            warning = warning if short else ""
            rows.append(
                [
                    md.attr(person.name),
                    md.attr(person.timezone),
                    unbroken(_local_runs(windows)) + warning,
                    unbroken(f"{md.attr(person.hours_label)}, {day_names(person.days)}"),
                ]
            )
        parts.append(card_table("core-window", [Column(name) for name in columns], rows))
        parts.append(
            f"Local times follow each place's daylight-saving rules, for the coming year "
            f"({agreement.year.first} to {agreement.year.last})."
        )
    return "\n\n".join(parts) + "\n"


def _local_runs(windows: list[LocalWindow]) -> str:
    """Describe the core window in one person's clock time as it shifts through the year."""
    if not windows:
        return "—"
    if len(windows) == 1:
        return _local(windows[0])
    described = []
    for index, window in enumerate(windows):
        if index == 0:
            when = f"until {window.last}"
        elif index == len(windows) - 1:
            when = f"from {window.first}"
        else:
            when = f"from {window.first} to {window.last}"
        described.append(f"{_local(window)} {when}")
    return "; ".join(described)


def _local(window: LocalWindow) -> str:
    """Write one local rendering of the window: ``07:00–08:00``, with the day when it differs."""
    start, end = window.hours.start, window.hours.end
    return f"{clock(start % DAY_MINUTES)}–{clock(end % DAY_MINUTES)}{_SHIFT.get(window.day_shift, '')}"


def year_table(agreement: Agreement) -> str:
    """Return how everyone's overlap changes through the coming year, and why."""
    scan = agreement.year
    if scan is None or not scan.periods:
        return "*The overlap needs a roster: add people to team.yml.*"
    shortest = min(period.minutes for period in scan.periods)
    longest = max(period.max_minutes for period in scan.periods)
    amount = f"{shortest} minutes" if shortest == longest else f"between {shortest} and {longest} minutes"
    summary = (
        f"On the team's working days from {scan.first} to {scan.last}, everyone overlaps {amount} a day."
    )
    empty = sum(period.dates for period in scan.periods if period.max_minutes == 0)
    if empty:
        summary += f" On {empty} of those days nobody overlaps at all."
    columns = [Column(name) for name in ("Dates", "Everyone overlaps (UTC)", "Each day", "What changed")]
    rows = []
    previous: Period | None = None
    for period in scan.periods:
        dates = str(period.first) if period.first == period.last else f"{period.first} to {period.last}"
        length = f"{period.minutes} min"
        if not period.uniform:
            length = f"{period.minutes}–{period.max_minutes} min"
        change = unbroken(_change(previous, period))
        rows.append([unbroken(dates), unbroken(period_windows(period)), length, change])
        previous = period
    return summary + "\n\n" + card_table("year", columns, rows) + "\n"


def period_windows(period: Period) -> str:
    """Write a period's overlap: ``15:00–16:00``, or per weekday when it depends on the day."""
    if period.uniform:
        return ", ".join(window.label for window in period.windows) or "no overlap"
    groups: list[tuple[list[int], tuple[LocalHours, ...]]] = []
    for weekday, windows in period.weekdays:
        if groups and groups[-1][1] == windows and groups[-1][0][-1] == weekday - 1:
            groups[-1][0].append(weekday)
        else:
            groups.append(([weekday], windows))
    return "; ".join(
        f"{day_names(tuple(days))}: {', '.join(w.label for w in windows) or 'none'}"
        for days, windows in groups
    )


def _change(previous: Period | None, period: Period) -> str:
    """Say how a period differs from the one before, and which clocks changed."""
    if previous is None:
        return "—"
    longer = (period.max_minutes - previous.max_minutes) or (period.minutes - previous.minutes)
    if period.max_minutes == 0:
        what = "The overlap vanishes"
    elif longer < 0:
        what = "Shrinks"
    elif longer > 0:
        what = "Grows"
    else:
        what = "Moves"
    reasons = "; ".join(period.changes) or "the working days differ"
    return f"{what}: {md.attr(reasons)}"


def roster_table(agreement: Agreement) -> str:
    """Return the roster: name, role, time zone, working days and hours, in local time and UTC."""
    if not agreement.people or agreement.year is None:  # the core scans the year of every roster
        return "*Nobody is on the roster yet: add people to team.yml.*"
    day = display_date(agreement.year)
    schedule = Schedule()
    names = ("Name", "Role", "Time zone", "Works (local time)", "In UTC¹", "Notes")
    columns = [Column(name) for name in names]
    rows = []
    for person in agreement.people:
        utc = ", ".join(clock_span(span, day).label for span in schedule.utc_spans(person, day)) or "—"
        rows.append(
            [
                f"<strong>{md.attr(person.name)}</strong> <code>{md.attr(person.handle)}</code>",
                md.attr(person.role) or "—",
                md.attr(person.timezone),
                unbroken(f"{day_names(person.days)} {md.attr(person.hours_label)}"),
                unbroken(utc),
                _notes(agreement, person, day),
            ]
        )
    footnote = (
        f"¹ On {long_date(day)}. Hours are agreed in local time, so the UTC hours move when a "
        "person's clocks change."
    )
    return card_table("roster", columns, rows) + "\n\n" + footnote + "\n"


def _notes(agreement: Agreement, person: Person, today: dt.date) -> str:
    """Return a person's note, their current and coming absences, and their backup, as HTML."""
    notes = [md.attr(person.note)] if person.note else []
    for away in person.away:
        if away.last >= today:
            when = f"{away.first}" if away.first == away.last else f"{away.first} to {away.last}"
            notes.append(f"Away {when}" + (f": {md.attr(away.note)}" if away.note else ""))
    backup = agreement.team.get(person.backup) if agreement.team and person.backup else None
    if backup is not None:
        notes.append(f"Backup: {md.attr(backup.name)}")
    return "; ".join(notes) or "—"


def strips(agreement: Agreement) -> str:
    """Return a 24-hour strip per person (UTC, on the display date) with the overlap and core window.

    Plain HTML and CSS, readable without JavaScript; ``agreement.js`` redraws it in the reader's
    own time zone.
    """
    if not agreement.people or agreement.year is None:  # the core scans the year of every roster
        return "*The strips need a roster: add people to team.yml.*"
    day = display_date(agreement.year)
    schedule = Schedule()
    core = (
        [window_span(agreement.core_window, day)]
        if agreement.core_window and day.weekday() in agreement.core_window.days
        else []
    )
    rows = []
    everyone: list[Span] | None = None
    for person in agreement.people:
        work = schedule.utc_spans(person, day)
        everyone = work if everyone is None else intersect(everyone, work)
        focus = subtract(_focus_spans(agreement, person, day), core)  # the core window wins
        label = f"{person.name}: works {_labels(work, day) or 'not at all'} UTC"
        rows.append(
            _row(person.name, person.handle, label, [("work", work), ("focus", focus), ("core", core)], day)
        )
    together = everyone or []
    label = f"Everyone: {_labels(together, day) or 'no overlap'} UTC"
    rows.append(_row("Everyone", "", label, [("overlap", together), ("core", core)], day))
    caption = (
        f'<p class="th-strips__caption">Working hours on <time datetime="{day.isoformat()}">'
        f"{long_date(day)}</time>, in UTC.</p>"
    )
    legend = (
        '<p class="th-strips__legend">'
        + " ".join(
            f'<span class="th-strips__legend-item">'
            f'<span class="th-strips__key th-strips__key--{key}"></span> {label}</span>'
            for key, label in _LEGEND
        )
        + "</p>"
    )
    return (
        f'<div class="th-strips" data-th-widget="strips" data-date="{day.isoformat()}">\n'
        + caption
        + "\n"
        + "\n".join(rows)
        + "\n"
        + axis_row()
        + "\n"
        + legend
        + "\n</div>\n"
    )


_LEGEND = (
    ("work", "working"),
    ("focus", "focus time"),
    ("core", "core window"),
    ("overlap", "everyone overlaps"),
)
"""The legend's keys: a layer of the strips, and what it shows."""

AXIS_HOURS = range(0, 25, 3)
"""The hours the axis labels: every third, from the midnight that starts the day to the one that ends it."""


def axis_row() -> str:
    """Return the hour axis as a row of the strips: it shares the rows' grid, so at any width each
    hour sits over the same point of every bar. Each hour is a tick at its place, with its label."""
    hours = "".join(
        f'<span class="th-strips__hour" data-hour="{hour}" style="left:{hour / 24 * 100:.4f}%">'
        f'<span class="th-strips__label">{hour:02d}</span></span>'
        for hour in AXIS_HOURS
    )
    return (
        '<div class="th-strips__row th-strips__row--axis" aria-hidden="true">'
        f'<span class="th-strips__name"></span><span class="th-strips__axis">{hours}</span></div>'
    )


def _focus_spans(agreement: Agreement, person: Person, day: dt.date) -> list[Span]:
    """Return a person's focus time falling in a UTC date: focus blocks within their working hours."""
    spans: list[Span] = []
    for offset in (-1, 0, 1):
        local = day + dt.timedelta(days=offset)
        if not person.works_on(local):
            continue
        for block in agreement.focus:
            spans += spans_of(person, local, within_hours(person, block.hours))
    return clip(merge(spans), *utc_day(day))


def _labels(spans: list[Span], day: dt.date) -> str:
    """Write spans of a UTC date as clock times: ``15:00–23:30``."""
    return ", ".join(clock_span(span, day).label for span in spans)


def _row(name: str, handle: str, label: str, layers: list[tuple[str, list[Span]]], day: dt.date) -> str:
    """Return one strip: a name and a bar with a positioned span per layer."""
    bars = "".join(
        f'<span class="th-strips__span th-strips__span--{kind}" '
        f'style="{_position(clock_span(span, day))}"></span>'
        for kind, spans in layers
        for span in spans
    )
    data = f' data-handle="{md.attr(handle)}"' if handle else ' data-everyone=""'
    return (
        f'<div class="th-strips__row"{data}><span class="th-strips__name">{md.attr(name)}</span>'
        f'<span class="th-strips__bar" role="img" aria-label="{md.attr(label)}">{bars}</span></div>'
    )


def _position(hours: LocalHours) -> str:
    """Return the CSS placing a span on a 24-hour bar."""
    return f"left:{hours.start / DAY_MINUTES * 100:.4f}%;width:{hours.minutes / DAY_MINUTES * 100:.4f}%"
