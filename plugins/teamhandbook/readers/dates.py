"""Dates as people write them: ISO, day-first, month names — read when certain, else reported."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .markdown_scan import strip_comments

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "janeiro", "enero", "januar", "janvier"),
            ("february", "feb", "fevereiro", "fev", "febrero", "februar", "février"),
            ("march", "mar", "março", "marzo", "märz", "mars"),
            ("april", "apr", "abril", "abr", "avril"),
            ("may", "maio", "mayo", "mai"),
            ("june", "jun", "junho", "junio", "juni", "juin"),
            ("july", "jul", "julho", "julio", "juli", "juillet"),
            ("august", "aug", "agosto", "ago", "août"),
            ("september", "sep", "sept", "setembro", "set", "septiembre", "septembre"),
            ("october", "oct", "outubro", "out", "octubre", "oktober", "octobre", "okt"),
            ("november", "nov", "novembro", "noviembre", "novembre"),
            ("december", "dec", "dezembro", "dez", "diciembre", "dezember", "décembre"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ORDINAL = re.compile(r"(?<!\d)(\d+)(?:st|nd|rd|th|º|ª)\b", re.IGNORECASE)  # linear in long digit runs
_PLACEHOLDER = re.compile(
    r"^(?:yyyy[-/]mm[-/]dd.*|dd[-/]mm[-/]yyyy|insert date|date|tbd|tba|todo|n/?a|-+|\?+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateReading:
    """A date read from text, or the reason it could not be."""

    date: dt.date | None
    problem: str | None = None


def read_date(value: object) -> DateReading:
    """Read a date from a YAML value or free text: ``2024-01-10``, ``Sep 5th, 2023``,
    ``22-10-2024``. Ambiguous numeric dates (``05-06-2024``) are reported, not guessed."""
    if isinstance(value, dt.datetime):
        return DateReading(value.date())
    if isinstance(value, dt.date):
        return DateReading(value)
    if value is None:
        return DateReading(None)
    text = strip_comments(str(value)).strip().strip("*_`").strip()
    if not text:
        return DateReading(None)
    if text[:1] in "[{" or _PLACEHOLDER.match(text):
        return DateReading(None, f"the date is still a placeholder ({text}); write it as YYYY-MM-DD")
    for reader in (_iso, _compact, _numeric, _named):
        reading = reader(text)
        if reading is not None:
            return reading
    return DateReading(None, f"cannot read the date '{text}'; write it as YYYY-MM-DD")


def _make(year: int, month: int, day: int, text: str) -> DateReading:
    """Build a date, reporting impossible ones such as 2024-02-30."""
    try:
        return DateReading(dt.date(year, month, day))
    except ValueError:
        return DateReading(None, f"'{text}' is not a date that exists; write it as YYYY-MM-DD")


def _iso(text: str) -> DateReading | None:
    """Read ``2024-01-10``, ``2024/1/10`` or ``2024-01-10T12:00:00Z``."""
    match = _ISO.match(text)
    return _make(*map(int, match.groups()), text) if match else None


def _compact(text: str) -> DateReading | None:
    """Read ``20240110``, as in log4brains file names."""
    match = _COMPACT.match(text)
    return _make(*map(int, match.groups()), text) if match else None


def _numeric(text: str) -> DateReading | None:
    """Read ``22-10-2024`` or ``10/22/2024``: only when the day cannot be mistaken for the month."""
    match = _NUMERIC_DAY_FIRST.match(text)
    if not match:
        return None
    first, second, year = map(int, match.groups())
    if first > 12 >= second:
        return _make(year, second, first, text)
    if second > 12 >= first:
        return _make(year, first, second, text)
    if first == second:
        return _make(year, first, first, text)
    return DateReading(
        None,
        f"the date '{text}' could be read day-first or month-first; write it as YYYY-MM-DD",
    )


def _named(text: str) -> DateReading | None:
    """Read dates with a month name: ``Sep 5th, 2023``, ``5 September 2023``, ``2023 Sep 5``."""
    words = re.findall(r"[^\W\d_]+\.?|\d+", _ORDINAL.sub(r"\1", text.lower()))
    months = [_MONTHS[w.rstrip(".")] for w in words if w.rstrip(".") in _MONTHS]
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
