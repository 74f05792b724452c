"""What the agreement commands share: the roster, people by handle, and times as people read them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..handbook import Handbook
from ..hours.schedule import zone
from ..model.agreement import WEEKDAYS, Agreement, Person, Team
from ..model.problem import Severity
from .context import CommandError, clock_of, handbook, in_range


def load_agreement(args: argparse.Namespace) -> tuple[Handbook, Agreement, Team]:
    """Read the handbook; report the agreement's errors on stderr; fail without a roster."""
    book = handbook(args)
    agreement = book.agreement
    folder = book.settings.agreement_dir.rstrip("/") + "/"
    for problem in book.problems:
        if problem.severity is Severity.ERROR and problem.file.startswith(folder):
            print(f"handbook: {problem}", file=sys.stderr)
    if agreement is None:
        raise CommandError(f"this handbook has no {folder} folder; add a roster there as team.yml")
    if agreement.team is None:
        raise CommandError(f"this handbook has no roster: add {folder}team.yml")
    return book, agreement, agreement.team


def person(team: Team, handle: str) -> Person:
    """Return the person with a handle, or explain which handles there are."""
    found = team.get(handle)
    if found is not None:
        return found
    if team.knows(handle):
        raise CommandError(f"the roster entry of '{handle}' has errors (shown above); fix them first")
    handles = ", ".join(p.handle for p in team) or "none"
    raise CommandError(f"no one on the roster has the handle '{handle}' (handles: {handles})")


def people(team: Team, handles: str | None) -> list[Person]:
    """Return everyone on the roster, or the people named by comma-separated handles."""
    if not handles:
        return list(team)
    chosen: list[Person] = []
    for handle in (h.strip() for h in handles.split(",")):
        if handle and person(team, handle) not in chosen:
            chosen.append(person(team, handle))
    if not chosen:
        raise CommandError("--members names nobody; give handles separated by commas, e.g. maya,lukas")
    return chosen


def member_data(person: Person) -> dict[str, object]:
    """Return a person as read, so anyone can recompute an answer: handle, zone, days, hours."""
    return {
        "handle": person.handle,
        "tz": person.timezone,
        "days": [WEEKDAYS[day] for day in person.days],
        "hours": [span.pair for span in person.hours],
    }


def utc_iso(moment: dt.datetime) -> str:
    """Write an instant in UTC, ISO 8601: ``2026-11-24T15:00:00Z``."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def read_date_argument(value: str | None, handbook: Handbook) -> dt.date:
    """Read ``--date``; the command's date (today in UTC, as the site's) when it is not given."""
    if value is None:
        return clock_of(handbook.settings).today
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: cannot read '{value}'; write it as YYYY-MM-DD") from None
    return in_range(date, "--date")


def local_label(moment: dt.datetime, timezone: str) -> str:
    """Write an instant in someone's local time: ``Wed 25 Nov 12:00 Europe/Berlin``."""
    local = moment.astimezone(zone(timezone))
    return f"{local:%a} {local.day} {local:%b %H:%M} {timezone}"


def local_span_label(start: dt.datetime, end: dt.datetime, timezone: str) -> str:
    """Write a span in someone's local time: ``Tue 07:00–08:00 America/Los_Angeles``."""
    tz = zone(timezone)
    first, last = start.astimezone(tz), end.astimezone(tz)
    return f"{first:%a %H:%M}–{last:%H:%M} {timezone}"
