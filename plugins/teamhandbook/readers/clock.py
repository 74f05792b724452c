"""Clock times, spans of hours, weekdays and response times, as people write them in YAML.

Each reader returns a value or a sentence saying what is wrong and how to write it instead.
"""

from __future__ import annotations

import itertools
import re

from ..model.agreement import DAY_MINUTES, WEEKDAYS, Duration, LocalHours, Unit

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_SPAN_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*")
_DAY_NAMES = {
    **{name: index for index, name in enumerate(WEEKDAYS)},
    **{
        name: index
        for index, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{name: index for index, name in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))},
    "tues": 1,
    "wednes": 2,
    "thur": 3,
    "thurs": 3,
}
_DAY_ALIASES = {"weekdays": "mon-fri", "every day": "mon-sun", "daily": "mon-sun"}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_DURATION = re.compile(
    r"^(?P<amount>\d+(?:\.\d+)?|[a-z]+)\s+(?:business\s+|working\s+|work\s+)?"
    r"(?P<unit>minutes?|mins?|hours?|hrs?|days?)$"
)
_UNITS = {"min": Unit.MINUTES, "hou": Unit.HOURS, "hrs": Unit.HOURS, "hr": Unit.HOURS, "day": Unit.DAYS}
TIME_HINT = "write times as HH:MM on a 24-hour clock, e.g. 09:30 or 17:00"
DURATION_HINT = "write a number and a unit, e.g. `4 business hours` or `1 business day`"


def read_clock(text: str, allow_midnight_end: bool = False) -> int | str:
    """Read ``09:30`` as minutes after midnight; ``24:00`` only as the end of a span."""
    match = _CLOCK.match(text.strip())
    if not match:
        return f"'{text}' is not a time; {TIME_HINT}"
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes == 0 and allow_midnight_end:
        return DAY_MINUTES
    if hours > 23 or minutes > 59:
        return f"'{text}' is not a time of day; {TIME_HINT}"
    return hours * 60 + minutes


def read_span(value: object) -> LocalHours | str:
    """Read ``09:00-17:30`` (also with an en dash or ``to``) as a span within one day."""
    text = str(value).strip()
    parts = _SPAN_SEPARATOR.split(text)
    if len(parts) != 2 or not all(parts):
        return f"'{text}' is not a span of hours; write it as start-end, e.g. 09:00-17:30"
    start = read_clock(parts[0])
    end = read_clock(parts[1], allow_midnight_end=True)
    for reading in (start, end):
        if isinstance(reading, str):
            return reading
    assert isinstance(start, int) and isinstance(end, int)
    if end < start:
        return (
            f"'{text}' ends ({parts[1]}) before it starts ({parts[0]}); "
            "hours must fit within one local day, and a span may end at 24:00"
        )
    if end == start:
        return f"'{text}' is empty: it starts and ends at the same time"
    return LocalHours(start, end)


def read_spans(value: object) -> tuple[LocalHours, ...] | str:
    """Read one span, or several for a split day, checking they do not overlap."""
    values = value if isinstance(value, list) else [value]
    if not values or any(item is None or item == "" for item in values):
        return "no hours are given; write them as start-end, e.g. 09:00-17:30"
    spans: list[LocalHours] = []
    for item in values:
        reading = read_span(item)
        if isinstance(reading, str):
            return reading
        spans.append(reading)
    spans.sort()
    for earlier, later in itertools.pairwise(spans):
        if later.start < earlier.end:
            return f"{earlier.label} and {later.label} overlap; list each span of hours once"
    return tuple(spans)


def read_days(value: object) -> tuple[int, ...] | str:
    """Read working days: ``mon-fri``, ``sun-thu``, ``mon, wed, fri`` or a YAML list."""
    items = value if isinstance(value, list) else re.split(r"\s*,\s*", str(value or "").strip())
    days: list[int] = []
    for item in items:
        text = _DAY_ALIASES.get(str(item).strip().lower(), str(item).strip().lower())
        if not text:
            continue
        reading = _read_day_range(text) if re.search(r"[-–—]", text) else _read_day(text)
        if isinstance(reading, str):
            return reading
        days.extend(day for day in reading if day not in days)
    if not days:
        return "no days are given; write them as mon-fri, or list them: [mon, tue, wed]"
    return tuple(sorted(days))


def _read_day(text: str) -> tuple[int, ...] | str:
    """Read one day name."""
    day = _DAY_NAMES.get(text.rstrip("."))
    if day is None:
        return f"'{text}' is not a day; write mon, tue, wed, thu, fri, sat or sun, or a range such as mon-fri"
    return (day,)


def _read_day_range(text: str) -> tuple[int, ...] | str:
    """Read ``mon-fri``; a range may wrap round the week: ``sun-thu``."""
    parts = re.split(r"\s*[-–—]\s*", text)
    if len(parts) != 2:
        return f"'{text}' is not a range of days; write it as first-last, e.g. mon-fri"
    first, last = _read_day(parts[0]), _read_day(parts[1])
    for reading in (first, last):
        if isinstance(reading, str):
            return reading
    assert isinstance(first, tuple) and isinstance(last, tuple)
    count = (last[0] - first[0]) % 7 + 1
    return tuple((first[0] + offset) % 7 for offset in range(count))


def read_duration(value: object) -> Duration | str:
    """Read a response time: ``4 business hours``, ``1 business day``, ``30 minutes``.

    Hours and days always count the recipient's working time; ``next business day`` is one day.
    """
    if isinstance(value, bool) or value is None or value == "":
        return f"no response time is given; {DURATION_HINT}"
    if isinstance(value, int | float):
        return f"'{value}' has no unit; {DURATION_HINT}"
    text = " ".join(str(value).split())
    lowered = text.lower()
    if lowered == "next business day":
        return Duration(1, Unit.DAYS, text)
    match = _DURATION.match(lowered)
    if not match:
        if not re.search(r"\d", lowered) and not any(word in _NUMBER_WORDS for word in lowered.split()):
            return f"'{text}' has no number; {DURATION_HINT}"
        return f"cannot read the response time '{text}'; {DURATION_HINT}"
    amount_text = match.group("amount")
    amount = float(amount_text) if amount_text[0].isdigit() else _NUMBER_WORDS.get(amount_text)
    if amount is None:
        return f"'{text}' has no number; {DURATION_HINT}"
    if amount <= 0:
        return f"'{text}' is no time at all; {DURATION_HINT}"
    unit_text = match.group("unit")
    unit = _UNITS.get(unit_text[:3], _UNITS.get(unit_text[:2], Unit.HOURS))
    if amount > _LONGEST[unit]:
        return (
            f"'{text}' is longer than a year of working time; a response time is at most "
            f"{_LONGEST[Unit.DAYS]} business days ({_LONGEST[Unit.HOURS]:,} business hours)"
        )
    return Duration(int(amount) if float(amount).is_integer() else amount, unit, text)


_LONGEST = {Unit.DAYS: 365, Unit.HOURS: 365 * 8, Unit.MINUTES: 365 * 8 * 60}
"""The longest response time in each unit: a year of working days, checked here so that counting
working time never runs past the dates the handbook can hold."""
