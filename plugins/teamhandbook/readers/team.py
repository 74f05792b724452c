"""The team roster, ``working-agreement/team.yml``: who is on the team, where, and when they work."""

from __future__ import annotations

import re
from typing import Any

from ..model.agreement import Away, LocalHours, Person, Team
from ..model.problem import Problem, error
from ..settings.ranges import date_problem
from .clock import read_days, read_spans
from .dates import read_date
from .timezones import timezone_problem
from .yaml_data import DataFile
from .yaml_source import YamlPath

PERSON_KEYS = ("name", "handle", "role", "timezone", "days", "hours", "note", "away", "backup", "email")
AWAY_KEYS = ("from", "until", "note")
_KEY_ALIASES = {
    "tz": "timezone",
    "time-zone": "timezone",
    "zone": "timezone",
    "to": "until",
    "emails": "email",
    "e-mail": "email",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_HANDLE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
DEFAULT_DAYS = (0, 1, 2, 3, 4)
CODE = "invalid-team"


def read_team(file: DataFile) -> tuple[Team, list[Problem]]:
    """Read the roster from a parsed ``team.yml``: a ``people:`` list (or a bare list)."""
    team = Team(file.source)
    root = file.data
    path: YamlPath = ()
    if isinstance(root, dict):
        top = file.mapping(root, (), "the roster")
        if top is not None:
            file.known_keys(top, ("people",), (), "the roster")
            root, path = top.get("people"), file.key_path((), "people")
    if root is None:
        return team, file.problems
    if not isinstance(root, list):
        file.error(path, "the roster must list people, each starting with `- name:`.")
        return team, file.problems
    people: list[Person] = []
    for index, entry in enumerate(root):
        person = _person(file, entry, (*path, index), team)
        if person is None:
            continue
        if any(other.handle == person.handle for other in people):
            file.error(
                file.key_path((*path, index), "handle"),
                f"the handle '{person.handle}' is used twice; handles must be unique.",
            )
            continue
        people.append(person)
    team = Team(file.source, people, team.invalid_handles)
    _check_backups(file, team)
    return team, file.problems


def _person(file: DataFile, entry: Any, path: YamlPath, team: Team) -> Person | None:
    """Read one person; None (with problems reported) when a required field is unusable."""
    fields = file.mapping(entry, path, "a person")
    if fields is None:
        return None
    for alias, key in _KEY_ALIASES.items():
        if alias in fields and key not in fields:
            fields[key] = fields.pop(alias)
    name = file.text(fields, "name", path, "this person", required=True)
    what = f"'{name}'" if name else "this person"
    file.known_keys(fields, PERSON_KEYS, path, "a person")
    handle = _handle(file, fields, path, what)
    before = len(file.problems)
    timezone = _timezone(file, fields, path, what)
    days = _days(file, fields, path)
    hours = _hours(file, fields, path, what)
    away = _away(file, fields.get("away"), file.key_path(path, "away"), what)
    emails = _emails(file, fields.get("email"), file.key_path(path, "email"), what)
    if not name or handle is None or len(file.problems) > before or days is None or hours is None:
        if handle:
            team.invalid_handles.add(handle)
        return None
    lines = {key: file.line(file.key_path(path, key)) for key in fields}
    return Person(
        handle=handle,
        name=name,
        timezone=timezone,
        days=days,
        hours=hours,
        role=file.text(fields, "role", path, what),
        note=file.text(fields, "note", path, what),
        away=away,
        backup=(file.text(fields, "backup", path, what).lstrip("@").lower() or None),
        emails=emails,
        line=file.line(path),
        lines=lines,
    )


def _handle(file: DataFile, fields: dict[str, Any], path: YamlPath, what: str) -> str | None:
    """Read the handle people use for the person: ``maya`` (a leading ``@`` is dropped)."""
    raw = file.text(fields, "handle", path, what, required=True)
    if not raw:
        return None
    handle = raw.lstrip("@").lower()
    if not _HANDLE.match(handle):
        file.error(
            file.key_path(path, "handle"),
            f"the handle '{raw}' of {what} may only use letters, digits, '.', '_' and '-'.",
        )
        return None
    return handle


def _timezone(file: DataFile, fields: dict[str, Any], path: YamlPath, what: str) -> str:
    """Read the person's IANA time zone, reporting names that are not known."""
    name = file.text(fields, "timezone", path, what, required=True)
    if name:
        problem = timezone_problem(name)
        if problem:
            file.error(file.key_path(path, "timezone"), f"the time zone of {what}: {problem}.")
    return name


def _days(file: DataFile, fields: dict[str, Any], path: YamlPath) -> tuple[int, ...] | None:
    """Read the working days; Monday to Friday when none are given."""
    if fields.get("days") is None:
        return DEFAULT_DAYS
    reading = read_days(fields["days"])
    if isinstance(reading, str):
        file.error(file.key_path(path, "days"), f"the working days: {reading}.")
        return None
    return reading


def _hours(
    file: DataFile, fields: dict[str, Any], path: YamlPath, what: str
) -> tuple[LocalHours, ...] | None:
    """Read the working hours: one span, or several for a split day."""
    if fields.get("hours") is None:
        file.error(path, f"{what} has no `hours`; add e.g. `hours: 09:00-17:30` (local time).")
        return None
    reading = read_spans(fields["hours"])
    if isinstance(reading, str):
        file.error(file.key_path(path, "hours"), f"the working hours of {what}: {reading}.")
        return None
    return reading


def _emails(file: DataFile, value: Any, path: YamlPath, what: str) -> tuple[str, ...]:
    """Read the person's e-mail addresses: one, or a list (``handbook write`` matches git's)."""
    found: list[str] = []
    for index, item in enumerate(file.sequence(value, path, "`email`")):
        text = str(item).strip() if not isinstance(item, dict | list) else ""
        if not _EMAIL.match(text):
            where = (*path, index) if isinstance(value, list) else path
            file.error(
                where, f"'{item}' in `email` of {what} is not an e-mail address, such as maya@example.org."
            )
            continue
        found.append(text.lower())
    return tuple(dict.fromkeys(found))


def _away(file: DataFile, value: Any, path: YamlPath, what: str) -> list[Away]:
    """Read the periods the person is away, each with ``from``, ``until`` and a ``note``."""
    periods: list[Away] = []
    for index, entry in enumerate(file.sequence(value, path, "`away`")):
        item_path = (*path, index)
        fields = file.mapping(entry, item_path, "an absence")
        if fields is None:
            continue
        file.known_keys(fields, AWAY_KEYS, item_path, "an absence")
        first = _date(file, fields, "from", item_path)
        last = _date(file, fields, "until", item_path) if fields.get("until") is not None else first
        if first is None or last is None:
            continue
        if last < first:
            file.error(
                file.key_path(item_path, "until"),
                f"the absence of {what} ends ({last}) before it starts ({first}).",
            )
            continue
        periods.append(Away(first, last, file.text(fields, "note", item_path, "an absence")))
    return periods


def _date(file: DataFile, fields: dict[str, Any], key: str, path: YamlPath):
    """Read a date of an absence, reporting one that is missing or unreadable."""
    if fields.get(key) is None:
        file.error(path, f"an absence has no `{key}`; write it as YYYY-MM-DD.")
        return None
    reading = read_date(fields[key])
    if reading.date is None:
        file.error(file.key_path(path, key), f"`{key}`: {reading.problem or 'no date'}.")
        return None
    problem = date_problem(reading.date, f"the `{key}` date")
    if problem is not None:
        file.error(file.key_path(path, key), problem + ".")
        return None
    return reading.date


def _check_backups(file: DataFile, team: Team) -> None:
    """Report a ``backup`` that names nobody on the roster, or the person themselves."""
    for person in team.people:
        if person.backup is None:
            continue
        line = person.line_of("backup")
        if person.backup == person.handle:
            file.problems.append(error(file.source, line, f"{person.name} cannot be their own backup.", CODE))
        elif not team.knows(person.backup):
            message = f"the backup '{person.backup}' of {person.name} is {unknown_handle(team)}."
            file.problems.append(error(file.source, line, message, "unknown-handle"))


def unknown_handle(team: Team) -> str:
    """Say that a handle is not on the roster, and which handles are."""
    handles = ", ".join(person.handle for person in team.people) or "none yet"
    return f"not a handle on the roster ({team.source}: {handles})"
