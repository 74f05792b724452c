"""The ranges every number and date an author or user gives must fall in, checked where it is read.

Dates are added to and subtracted from (a review interval, the days What's new looks back, the
coming year of the overlap check, a deadline counted in working hours). Python's dates end at
the years 1 and 9999, so a value near either end would overflow far from where it was written.
Refusing it where it is read lets the message name the file and line, or the option.
"""

from __future__ import annotations

import datetime as dt

EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(9000, 12, 31)
"""The dates the handbook accepts: any real decision, review or absence lies far inside them."""

MAX_INTERVAL_YEARS = 100
"""The longest review interval: 100 years, in whatever unit it is written."""

MAX_DAYS = 36_500
"""The most days an option counts (What's new, due soon): 100 years."""


def date_problem(date: dt.date | dt.datetime, what: str = "the date") -> str | None:
    """Say why a date is out of range, or return None when it is usable."""
    day = date.date() if isinstance(date, dt.datetime) else date
    if EARLIEST_DATE <= day <= LATEST_DATE:
        return None
    return (
        f"{what} {day.isoformat()} is out of range; the handbook reads dates from "
        f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
    )


def interval_problem(months: int, days: int, text: str) -> str | None:
    """Say why a review interval is too long, or return None when it is usable."""
    if months <= MAX_INTERVAL_YEARS * 12 and days <= MAX_DAYS:
        return None
    return f"the review interval '{text}' is longer than {MAX_INTERVAL_YEARS} years; choose a shorter one"
