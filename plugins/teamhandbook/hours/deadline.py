"""When an answer is due: a response time counted in the recipient's working time."""

from __future__ import annotations

import datetime as dt

from ..model.agreement import Duration, Person, Unit
from .schedule import ONE_DAY, Schedule, zone

SEARCH_DAYS = 800
"""How far ahead a deadline is looked for before giving up (a long leave, no working days)."""


class NoWorkingTime(ValueError):
    """The person has no working time in which the answer could be written."""


def working_minutes(person: Person, within: Duration) -> float:
    """Return how many of the person's working minutes a response time gives them.

    A business day is one of the person's working days, whatever its length: 8.5 hours for a
    07:00–15:30 day, 7 hours for a split day of 3 and 4 hours.
    """
    if within.unit is Unit.DAYS:
        return within.amount * person.day_minutes
    if within.unit is Unit.HOURS:
        return within.amount * 60
    return within.amount


def respond_by(
    person: Person, within: Duration, sent: dt.datetime, schedule: Schedule | None = None
) -> dt.datetime:
    """Return the instant an answer is due, counting only the recipient's working time.

    The clock runs from ``sent`` (or from the start of the next working span, outside working
    hours) through the recipient's working spans, skipping days off and days they are away.
    """
    if sent.tzinfo is None:
        raise ValueError("the sending time needs a time zone")
    schedule = schedule or Schedule(honour_leave=True)
    remaining = dt.timedelta(minutes=working_minutes(person, within))
    day = sent.astimezone(zone(person.timezone)).date()
    for _ in range(SEARCH_DAYS):
        for start, end in schedule.local_spans(person, day):
            start = max(start, sent)
            if end <= start:
                continue
            if remaining <= end - start:
                return start + remaining
            remaining -= end - start
        day += ONE_DAY
    raise NoWorkingTime(f"{person.name} has no working time in the {SEARCH_DAYS} days after {sent:%Y-%m-%d}")
