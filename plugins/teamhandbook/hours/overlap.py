"""The real overlap of several people's working hours on a UTC date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..model.agreement import Person
from .schedule import Schedule, utc_day
from .spans import Span, intersect


def overlap(people: Sequence[Person], day: dt.date, schedule: Schedule | None = None) -> list[Span]:
    """Return the spans of a UTC date in which every one of ``people`` is working.

    Each person's working intervals come from their own local working days, so a Monday in Tokyo
    that starts on Sunday in UTC counts, and a weekend in one zone empties the overlap.
    """
    if not people:
        return []
    schedule = schedule or Schedule()
    common = [utc_day(day)]
    for person in people:
        common = intersect(common, schedule.utc_spans(person, day))
        if not common:
            break
    return common
