"""When one person works, as spans of UTC time, computed with their time zone's rules."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from ..model.agreement import DAY_MINUTES, LocalHours, Person
from .spans import Span, clip, merge

UTC = dt.UTC
ONE_DAY = dt.timedelta(days=1)


@functools.cache
def zone(name: str) -> ZoneInfo:
    """Return the time zone with this IANA name (``ZoneInfo`` caches the rules too)."""
    return ZoneInfo(name)


def local_instant(day: dt.date, minute: int, tz: ZoneInfo) -> dt.datetime:
    """Return the UTC instant of a local clock time; minute 1440 is midnight ending the day.

    A clock time skipped when clocks go forward is read with the offset in force before the
    change, as ``zoneinfo`` does (``fold=0``); the browser script does the same.
    """
    if minute >= DAY_MINUTES:
        day, minute = day + ONE_DAY, minute - DAY_MINUTES
    local = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=tz)
    return local.astimezone(UTC)


def utc_day(day: dt.date) -> Span:
    """Return the span of one UTC calendar date."""
    start = dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
    return start, start + ONE_DAY


def spans_of(person: Person, day: dt.date, hours: Iterable[LocalHours]) -> list[Span]:
    """Return local clock spans of one of a person's local dates as UTC spans."""
    tz = zone(person.timezone)
    return merge((local_instant(day, span.start, tz), local_instant(day, span.end, tz)) for span in hours)


def within_hours(person: Person, block: LocalHours) -> list[LocalHours]:
    """Return the parts of a block of local clock time that fall in the person's working hours."""
    parts = (LocalHours(max(span.start, block.start), min(span.end, block.end)) for span in person.hours)
    return [part for part in parts if part.start < part.end]


class Schedule:
    """People's working spans by local date, computed once and reused across a year's dates."""

    def __init__(self, honour_leave: bool = False) -> None:
        self.honour_leave = honour_leave
        """Treat days a person is away as days off (deadlines), or ignore leave (overlap, checks)."""

        self._spans: dict[tuple[str, dt.date], list[Span]] = {}
        self._utc: dict[tuple[str, dt.date], list[Span]] = {}

    def local_spans(self, person: Person, day: dt.date) -> list[Span]:
        """Return a person's working spans on one of their local dates, in UTC."""
        key = (person.handle, day)
        spans = self._spans.get(key)
        if spans is None:
            spans = []
            if person.works_on(day) and not (self.honour_leave and person.away_on(day)):
                spans = spans_of(person, day, person.hours)
            self._spans[key] = spans
        return spans

    def utc_spans(self, person: Person, day: dt.date) -> list[Span]:
        """Return the working spans of a person that fall within one UTC date.

        Local dates from the day before to the day after are enough: no offset is a day or more.
        """
        key = (person.handle, day)
        found = self._utc.get(key)
        if found is None:
            spans = [
                span for offset in (-1, 0, 1) for span in self.local_spans(person, day + offset * ONE_DAY)
            ]
            found = self._utc[key] = clip(merge(spans), *utc_day(day))
        return found
