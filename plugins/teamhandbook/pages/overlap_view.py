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
    clock,
    day_names,
)
from . import markdown as md

_SHIFT = {-1: " (the day before)", 0: "", 1: " (the next day)"}


def display_date(agreement: Agreement) -> dt.date:
    """The date the page shows: the first of the team's working dates from the build date on."""
    scan = agreement.year
    if scan is None:
        return dt.datetime.now(dt.UTC).date()
    return scan.periods[0].first if scan.periods else scan.first


def long_date(day: dt.date) -> str:
    """Write a date for readers: ``Monday 23 November 2026``."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def core_window_block(agreement: Agreement) -> str:
    """Return the core window in UTC, then a table of what it is in each member's local time."""
    core = agreement.core_window
    if core is None:
        return "*No core overlap window is agreed yet: add `core-hours` to agreement.yml.*"
    lead = f"**{core.label}**, {day_names(core.days)} (UTC dates)."
    extra = " ".join(md.text(text) for text in (core.purpose, core.note) if text)
    parts = [lead + (" " + extra if extra else "")]
    if agreement.people and agreement.year is not None:
        rows = [
            "| Person | Time zone | The core window in their time | Their working hours |",
            "|---|---|---|---|",
        ]
        for person in agreement.people:
            windows = agreement.year.local_windows.get(person.handle, [])
            short = agreement.year.shortfalls.get(person.handle)
            warning = " **Outside their hours on some dates: see the build log.**" if short else ""
            rows.append(
                f"| {md.text(person.name)} | {md.text(person.timezone)} | {_local_runs(windows)}{warning} | "
                f"{md.text(person.hours_label)}, {day_names(person.days)} |"
            )
        parts.append("\n".join(rows))
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
    rows = ["| Dates | Everyone overlaps (UTC) | Each day | What changed |", "|---|---|---|---|"]
    previous: Period | None = None
    for period in scan.periods:
        dates = str(period.first) if period.first == period.last else f"{period.first} to {period.last}"
        length = f"{period.minutes} min"
        if not period.uniform:
            length = f"{period.minutes}–{period.max_minutes} min"
        rows.append(f"| {dates} | {period_windows(period)} | {length} | {_change(previous, period)} |")
        previous = period
    return summary + "\n\n" + "\n".join(rows) + "\n"


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
    return f"{what}: {md.text(reasons)}"


def roster_table(agreement: Agreement) -> str:
    """Return the roster: name, role, time zone, working days and hours, in local time and UTC."""
    if not agreement.people:
        return "*Nobody is on the roster yet: add people to team.yml.*"
    day = display_date(agreement)
    schedule = Schedule()
    rows = ["| Name | Role | Time zone | Works (local time) | In UTC¹ | Notes |", "|---|---|---|---|---|---|"]
    for person in agreement.people:
        utc = ", ".join(clock_span(span, day).label for span in schedule.utc_spans(person, day)) or "—"
        rows.append(
            f"| **{md.text(person.name)}** `{md.text(person.handle)}` | {md.text(person.role) or '—'} | "
            f"{md.text(person.timezone)} | {day_names(person.days)} {md.text(person.hours_label)} | {utc} | "
            f"{_notes(agreement, person, day)} |"
        )
    footnote = (
        f"¹ On {long_date(day)}. Hours are agreed in local time, so the UTC hours move when a "
        "person's clocks change."
    )
    return "\n".join(rows) + "\n\n" + footnote + "\n"


def _notes(agreement: Agreement, person: Person, today: dt.date) -> str:
    """Return a person's note, their current and coming absences, and their backup."""
    notes = [md.text(person.note)] if person.note else []
    for away in person.away:
        if away.last >= today:
            when = f"{away.first}" if away.first == away.last else f"{away.first} to {away.last}"
            notes.append(f"Away {when}" + (f": {md.text(away.note)}" if away.note else ""))
    backup = agreement.team.get(person.backup) if agreement.team and person.backup else None
    if backup is not None:
        notes.append(f"Backup: {md.text(backup.name)}")
    return "; ".join(notes) or "—"


def strips(agreement: Agreement) -> str:
    """Return a 24-hour strip per person (UTC, on the display date) with the overlap and core window.

    Plain HTML and CSS, readable without JavaScript; ``agreement.js`` redraws it in the reader's
    own time zone.
    """
    if not agreement.people:
        return "*The strips need a roster: add people to team.yml.*"
    day = display_date(agreement)
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
        '<p class="th-strips__legend"><span class="th-strips__key th-strips__key--work"></span> working '
        '<span class="th-strips__key th-strips__key--focus"></span> focus time '
        '<span class="th-strips__key th-strips__key--core"></span> core window '
        '<span class="th-strips__key th-strips__key--overlap"></span> everyone overlaps</p>'
    )
    axis = "".join(f'<span style="left:{hour / 24 * 100:.4f}%">{hour:02d}</span>' for hour in range(0, 25, 3))
    return (
        f'<div class="th-strips" data-th-widget="strips" data-date="{day.isoformat()}">\n'
        + caption
        + "\n"
        + "\n".join(rows)
        + f'\n<div class="th-strips__axis" aria-hidden="true">{axis}</div>\n'
        + legend
        + "\n</div>\n"
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
