"""Each person's own working week: which week a date belongs to, and when their week's update is due.

A week is named by its ISO week. For most people it runs Monday to Sunday; for someone who works
Sunday to Thursday it starts on Sunday, and carries the number of the ISO week that holds most of
its days, so their Sunday update counts for the week they are starting, not the one that ended.
"""

from __future__ import annotations

import datetime as dt

from ..model.agreement import Person
from ..model.boards import PersonWriting, WritingState, WritingStatus
from ..model.updates import Week
from .schedule import local_instant, zone


def week_start(days: tuple[int, ...]) -> int:
    """Return the weekday a person's working week starts on: the first working day after their
    longest run of days off (Monday when that does not decide it, or when they work every day)."""
    working = set(days)
    if not working or len(working) == 7:
        return 0
    best, longest = 0, -1
    for day in sorted(working, key=lambda d: (d != 0, d)):
        gap = 0
        while (day - gap - 1) % 7 not in working:
            gap += 1
        if gap > longest:
            best, longest = day, gap
    return best


def week_of(day: dt.date, start: int = 0) -> Week:
    """Return the week a local date belongs to, for a working week starting on weekday ``start``."""
    first = day - dt.timedelta(days=(day.weekday() - start) % 7)
    return Week.of(first + dt.timedelta(days=3))


def week_dates(week: Week, start: int = 0) -> list[dt.date]:
    """Return the seven local dates of a week, for a working week starting on weekday ``start``."""
    first = week.monday + dt.timedelta(days=(start + 3) % 7 - 3)
    return [first + dt.timedelta(days=offset) for offset in range(7)]


def person_week(person: Person, day: dt.date) -> Week:
    """Return the week one of a person's local dates belongs to, in their own working week."""
    return week_of(day, week_start(person.days))


def local_date(person: Person, moment: dt.datetime) -> dt.date:
    """Return the date it is for a person at an instant."""
    return moment.astimezone(zone(person.timezone)).date()


def deadline(person: Person, week: Week) -> dt.datetime | None:
    """Return when a person's working week ends: the end of their last working hours on their last
    working day of the week that they are not away; None when they work no day that week."""
    if not person.hours:
        return None
    tz = zone(person.timezone)
    end = max(span.end for span in person.hours)
    for day in reversed(week_dates(week, week_start(person.days))):
        if person.works_on(day) and person.away_on(day) is None:
            return local_instant(day, end, tz)
    return None


def writing_status(person: Person, week: Week, now: dt.datetime, update_id: str | None) -> WritingStatus:
    """Say where a person stands with a week's update at the instant ``now``."""
    if update_id is not None:
        return WritingStatus(person.handle, week, WritingState.POSTED, deadline(person, week), update_id)
    due = deadline(person, week)
    if due is None:
        days = week_dates(week, week_start(person.days))
        away = next((found for day in days if (found := person.away_on(day)) is not None), None)
        return WritingStatus(person.handle, week, WritingState.AWAY, away=away)
    state = WritingState.DUE if now < due else WritingState.LATE
    return WritingStatus(person.handle, week, state, due)


def current_week(person: Person, now: dt.datetime) -> Week:
    """Return the week a person is in at an instant, in their own time zone and working week."""
    return person_week(person, local_date(person, now))


def writing_statuses(
    people: list[Person], posted: dict[tuple[str, Week], str], now: dt.datetime
) -> list[PersonWriting]:
    """Return where each person stands with this week's update and last week's, at ``now``.

    ``posted`` maps (handle, week) to the update each person wrote for that week.
    """
    found = []
    for person in people:
        week = current_week(person, now)
        previous = week.shifted(-1)
        found.append(
            PersonWriting(
                person.handle,
                writing_status(person, week, now, posted.get((person.handle, week))),
                writing_status(person, previous, now, posted.get((person.handle, previous))),
            )
        )
    return found
