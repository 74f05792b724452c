"""The coming year at a glance: how the overlap and the core window move with daylight saving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model.agreement import (
    CoreWindow,
    LocalHours,
    LocalWindow,
    Period,
    Person,
    Shortfall,
    YearScan,
)
from .overlap import overlap
from .schedule import ONE_DAY, UTC, Schedule, zone
from .spans import Span, intersect, minutes

DAYS_SCANNED = 365
WEEK = dt.timedelta(days=7)
WORKING_WEEK = (0, 1, 2, 3, 4)


def team_dates(
    first: dt.date, days: Sequence[int] = WORKING_WEEK, count: int = DAYS_SCANNED
) -> list[dt.date]:
    """Return the UTC dates, from ``first`` on, whose weekday is one of ``days``."""
    return [d for d in (first + n * ONE_DAY for n in range(count)) if d.weekday() in days]


def scan_year(people: Sequence[Person], core: CoreWindow | None, first: dt.date) -> YearScan:
    """Compute the overlap periods, the core window's local times and its shortfalls for a year.

    Each person's working spans are computed once per local date and shared by every part of the
    scan: about ``365 × people`` conversions in all.
    """
    dates = team_dates(first, core.days if core else WORKING_WEEK)
    scan = YearScan(first, first + (DAYS_SCANNED - 1) * ONE_DAY)
    schedule = Schedule()
    scan.periods = overlap_periods(people, dates, schedule)
    if core is not None:
        for person in people:
            scan.local_windows[person.handle] = local_windows(person, core, dates)
            scan.shortfalls[person.handle] = shortfalls(person, core, dates, schedule)
    return scan


def clock_span(span: Span, day: dt.date) -> LocalHours:
    """Return a span within a UTC date as UTC clock times."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    start = int((span[0] - midnight).total_seconds() // 60)
    return LocalHours(start, start + minutes([span]))


def overlap_periods(people: Sequence[Person], dates: list[dt.date], schedule: Schedule) -> list[Period]:
    """Group the dates into periods with the same weekly overlap, saying what changed between them.

    A date starts a new period when its overlap differs from the period's for the same weekday,
    so a team whose overlap depends on the UTC weekday still gets one period per season.
    """
    periods: list[Period] = []
    run: list[dt.date] = []
    pattern: dict[int, tuple[LocalHours, ...]] = {}
    for day in dates:
        windows = tuple(clock_span(span, day) for span in overlap(people, day, schedule))
        if run and pattern.get(day.weekday(), windows) != windows:
            periods.append(_period(run, pattern, bool(periods), people))
            run, pattern = [], {}
        run.append(day)
        pattern[day.weekday()] = windows
    if run:
        periods.append(_period(run, pattern, bool(periods), people))
    return periods


def _period(
    run: list[dt.date], pattern: dict[int, tuple[LocalHours, ...]], after_another: bool, people
) -> Period:
    """Make a period, explaining the change from the previous one by the week's clock changes."""
    changes = offset_changes(people, run[0] - WEEK, run[0]) if after_another else ()
    return Period(run[0], run[-1], tuple(sorted(pattern.items())), len(run), changes)


def offset_changes(people: Sequence[Person], after: dt.date, until: dt.date) -> tuple[str, ...]:
    """Describe the clock changes of people's zones between two dates: ``Europe/Berlin moved to
    UTC+02:00 on 2027-03-28``; each zone is named once."""
    changes: list[str] = []
    seen: set[str] = set()
    for person in people:
        name = person.timezone
        if name in seen:
            continue
        seen.add(name)
        tz = zone(name)
        previous = _offset_at(after, tz)
        day = after + ONE_DAY
        while day <= until:
            offset = _offset_at(day, tz)
            if offset != previous:
                changes.append(f"{name} moved to {utc_offset(offset)} on {day.isoformat()}")
                previous = offset
            day += ONE_DAY
    return tuple(changes)


def _offset_at(day: dt.date, tz) -> dt.timedelta:
    """Return a zone's UTC offset at the end of a date (clock changes happen at night)."""
    moment = dt.datetime(day.year, day.month, day.day, 23, 59, tzinfo=UTC)
    return moment.astimezone(tz).utcoffset() or dt.timedelta()


def utc_offset(offset: dt.timedelta) -> str:
    """Write an offset the way readers know it: ``UTC−07:00``, ``UTC+05:30``."""
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "−"
    total = abs(total)
    return f"UTC{sign}{total // 60:02d}:{total % 60:02d}"


def window_span(core: CoreWindow, day: dt.date) -> Span:
    """Return the core window's span on a UTC date."""
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    return midnight + dt.timedelta(minutes=core.start), midnight + dt.timedelta(minutes=core.end)


def local_window(person: Person, core: CoreWindow, day: dt.date) -> tuple[LocalHours, int]:
    """Return the core window of a UTC date in a person's clock time, and the day it falls on
    relative to that date (-1, 0 or +1)."""
    start, end = window_span(core, day)
    tz = zone(person.timezone)
    local_start, local_end = start.astimezone(tz), end.astimezone(tz)
    shift = (local_start.date() - day).days
    begin = local_start.hour * 60 + local_start.minute
    finish = begin + int((local_end - local_start).total_seconds() // 60)
    return LocalHours(begin, finish), shift


def local_windows(person: Person, core: CoreWindow, dates: list[dt.date]) -> list[LocalWindow]:
    """Group the dates by what the core window is in the person's clock time."""
    runs: list[LocalWindow] = []
    for day in dates:
        hours, shift = local_window(person, core, day)
        if runs and runs[-1].hours == hours and runs[-1].day_shift == shift:
            runs[-1] = LocalWindow(runs[-1].first, day, hours, shift)
        else:
            runs.append(LocalWindow(day, day, hours, shift))
    return runs


def shortfalls(person: Person, core: CoreWindow, dates: list[dt.date], schedule: Schedule) -> list[Shortfall]:
    """Return the runs of dates on which part of the core window is outside the person's hours.

    A run continues while the shortfall is the same and recurs at least weekly, so "every Friday
    from March to October" is one run. Days the person is away do not count: leave is not a
    schedule problem.
    """
    runs: list[Shortfall] = []
    for day in dates:
        span = window_span(core, day)
        if person.away and person.away_on(span[0].astimezone(zone(person.timezone)).date()):
            continue
        missing = core.minutes - minutes(intersect([span], schedule.utc_spans(person, day)))
        if missing <= 0:
            continue
        hours, _ = local_window(person, core, day)
        last = runs[-1] if runs else None
        if last and last.missing == missing and last.local == hours and day - last.last <= WEEK:
            weekdays = tuple(sorted({*last.weekdays, day.weekday()}))
            runs[-1] = Shortfall(person.handle, last.first, day, last.dates + 1, missing, hours, weekdays)
        else:
            runs.append(Shortfall(person.handle, day, day, 1, missing, hours, (day.weekday(),)))
    return runs
