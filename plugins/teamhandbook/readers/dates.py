"""Dates as people write them: ISO, day-first, month names — read when certain, else reported."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .markdown_scan import strip_comments
from .vocabulary import month_names, normal_word

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_CJK = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
_LEADING_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=[\s,;(]|$)")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|º|ª|er|e|re|ème)(?=\W|$)", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"^(?:yyyy[-/]mm[-/]dd.*|dd[-/]mm[-/]yyyy.*|mm[-/]dd[-/]yyyy.*|insert date|date|tbd|tba|todo|n/?a|-+|\?+"
    r"|\.{2,}|…)$",
    re.IGNORECASE,
)

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
"""The two ways a team may declare it writes numeric dates (``numeric_dates`` option)."""


@dataclass(frozen=True)
class DateReading:
    """A date read from text, or the reason it could not be."""

    date: dt.date | None
    problem: str | None = None


def read_date(value: object, order: str | None = None) -> DateReading:
    """Read a date from a YAML value or free text: ``2024-01-10``, ``Sep 5th, 2023``,
    ``12 de março de 2023``, ``2017年11月22日``, ``[2021-11-30]``, ``22-10-2024``.

    Ambiguous numeric dates (``05-06-2024``) are reported, not guessed, unless the team declared
    how it writes them: ``order`` is ``day-first`` or ``month-first``."""
    if isinstance(value, dt.datetime):
        return DateReading(value.date())
    if isinstance(value, dt.date):
        return DateReading(value)
    if value is None:
        return DateReading(None)
    text = strip_comments(str(value)).strip().strip("*_`").strip()
    if text.endswith(".") and text[-2:-1].isdigit():
        text = text[:-1]  # "Date: 2024-02-01." ends a sentence
    if not text:
        return DateReading(None)
    written = text
    while len(text) > 2 and text[0] + text[-1] in ("[]", "{}", "()"):
        text = text[1:-1].strip().strip("*_`").strip()
    if (written[:1] in "[{" and not _looks_like_date(text)) or _PLACEHOLDER.match(text):
        return DateReading(None, f"the date is still a placeholder ({written}); write it as YYYY-MM-DD")
    for reader in (_iso, _compact, _cjk, _numeric, _leading_iso, _named):
        reading = reader(text) if reader is not _numeric else _numeric(text, order)
        if reading is not None:
            return reading
    head = text.split(" (", 1)[0].strip()
    if head and head != text:
        reading = read_date(head, order)  # "24/09/2020 (Updated 27/11/2020)": the date, then a remark
        if reading.date is not None:
            return reading
    return DateReading(None, f"cannot read the date '{written}'; write it as YYYY-MM-DD")


def _looks_like_date(text: str) -> bool:
    """Tell whether text inside template brackets is a real date: it has a year and no placeholder."""
    return bool(re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)) and not _PLACEHOLDER.match(text)


def _make(year: int, month: int, day: int, text: str) -> DateReading:
    """Build a date, reporting impossible ones such as 2024-02-30."""
    try:
        return DateReading(dt.date(year, month, day))
    except ValueError:
        hint = ""
        if month > 12 >= day:
            hint = f" (if it means day {month} of month {day}, write {year:04d}-{day:02d}-{month:02d})"
        return DateReading(None, f"'{text}' is not a date that exists{hint}; write it as YYYY-MM-DD")


def _iso(text: str) -> DateReading | None:
    """Read ``2024-01-10``, ``2024/1/10`` or ``2024-01-10T12:00:00Z``."""
    match = _ISO.match(text)
    return _make(*map(int, match.groups()), text) if match else None


def _compact(text: str) -> DateReading | None:
    """Read ``20240110``, as in log4brains file names."""
    match = _COMPACT.match(text)
    return _make(*map(int, match.groups()), text) if match else None


def _cjk(text: str) -> DateReading | None:
    """Read a Chinese or Japanese date: ``2017年11月22日``."""
    match = _CJK.match(text)
    return _make(*map(int, match.groups()), text) if match else None


def _leading_iso(text: str) -> DateReading | None:
    """Read an ISO date followed by a remark: ``2019-04-12 (updated 2019-11-29)``."""
    match = _LEADING_ISO.match(text)
    return _make(*map(int, match.groups()), text) if match else None


def _numeric(text: str, order: str | None = None) -> DateReading | None:
    """Read ``22-10-2024`` or ``10/22/2024``: only when the day cannot be mistaken for the month,
    or when the team declared its ``order``. A two-digit year needs the declared order."""
    match = _NUMERIC_DAY_FIRST.match(text)
    if not match:
        return None
    first, second, year = map(int, match.groups())
    if year < 100:
        if order not in (DAY_FIRST, MONTH_FIRST):
            return DateReading(
                None,
                f"the date '{text}' has a two-digit year and could be read several ways; write it as "
                "YYYY-MM-DD",
            )
        year += 2000
    if order == DAY_FIRST:
        return _make(year, second, first, text)
    if order == MONTH_FIRST:
        return _make(year, first, second, text)
    if first > 12 >= second:
        return _make(year, second, first, text)
    if second > 12 >= first:
        return _make(year, first, second, text)
    if first == second:
        return _make(year, first, first, text)
    return DateReading(
        None,
        f"the date '{text}' could be read day-first or month-first; write it as YYYY-MM-DD, or say "
        "how the log writes dates with the `numeric_dates` option (day-first or month-first)",
    )


def _named(text: str) -> DateReading | None:
    """Read dates with a month name: ``Sep 5th, 2023``, ``5 September 2023``, ``2023 Sep 5``."""
    words = re.findall(r"[^\W\d_]+\.?|\d+", _ORDINAL.sub(r"\1", normal_word(text)))
    names = month_names()
    months = [names[w.rstrip(".")] for w in words if w.rstrip(".") in names]
    numbers = [int(w) for w in words if w.isdecimal() and len(w) <= 9]  # not '²', not 10**5000
    if len(months) != 1:
        return None
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(years) != 1:
        return DateReading(None, f"the date '{text}' has no year; write it as YYYY-MM-DD")
    if len(days) != 1:
        return DateReading(None, f"the date '{text}' has no day; write it as YYYY-MM-DD")
    return _make(years[0], months[0], days[0], text)
