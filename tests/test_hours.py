"""Time-zone arithmetic on hard cases: daylight saving, half-hour zones, days that cross midnight."""

from __future__ import annotations

import datetime as dt

import pytest
from teamhandbook.hours.deadline import NoWorkingTime, respond_by
from teamhandbook.hours.overlap import overlap
from teamhandbook.hours.schedule import Schedule, local_instant, zone
from teamhandbook.hours.year import clock_span, scan_year
from teamhandbook.model.agreement import Away, CoreWindow, Duration, LocalHours, Person, Unit
from teamhandbook.pages.overlap_view import period_windows

from .conftest import REPOSITORY

WEEK = (0, 1, 2, 3, 4)
UTC = dt.UTC


def person(handle: str, tz: str, *hours: str, days: tuple[int, ...] = WEEK, away=()) -> Person:
    """Return a person working the given ``HH:MM-HH:MM`` spans in a time zone."""
    spans = []
    for text in hours:
        start, end = text.split("-")
        spans.append(LocalHours(_minutes(start), _minutes(end)))
    return Person(handle, handle.capitalize(), tz, days, tuple(spans), away=list(away))


def _minutes(clock: str) -> int:
    """Read ``HH:MM`` as minutes after midnight."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def windows(people: list[Person], day: str) -> list[str]:
    """Return the overlap of a UTC date as UTC clock spans: ``["15:00–16:00"]``."""
    date = dt.date.fromisoformat(day)
    return [clock_span(span, date).label for span in overlap(people, date)]


LOS_ANGELES = person("la", "America/Los_Angeles", "09:00-17:00")
TOKYO = person("tokyo", "Asia/Tokyo", "09:00-18:00")
NEW_YORK = person("ny", "America/New_York", "09:00-17:00")
BERLIN = person("berlin", "Europe/Berlin", "09:00-17:00")
SYDNEY = person("sydney", "Australia/Sydney", "09:00-17:00")
KOLKATA = person("kolkata", "Asia/Kolkata", "09:00-17:00")
SAO_PAULO = person("saopaulo", "America/Sao_Paulo", "09:00-17:00")
AUCKLAND = person("auckland", "Pacific/Auckland", "09:00-17:00")
JERUSALEM = person("jerusalem", "Asia/Jerusalem", "09:00-17:00", days=(6, 0, 1, 2, 3))

OVERLAPS = [
    # (case, people, UTC date, overlap in UTC)
    ("UTC-8 to UTC+9: LA's Monday crosses midnight UTC", [LOS_ANGELES, TOKYO], "2027-01-12", ["00:00–01:00"]),
    ("UTC-8 to UTC+9: no overlap on the UTC date LA's day starts", [LOS_ANGELES, TOKYO], "2027-01-11", []),
    ("UTC-7 to UTC+9 in US summer: the hour vanishes", [LOS_ANGELES, TOKYO], "2027-07-13", []),
    ("US and EU both on winter time", [NEW_YORK, BERLIN], "2027-03-12", ["14:00–16:00"]),
    ("US moved its clocks, EU not yet", [NEW_YORK, BERLIN], "2027-03-15", ["13:00–16:00"]),
    ("both on summer time", [NEW_YORK, BERLIN], "2027-03-29", ["13:00–15:00"]),
    ("EU back on winter time, US not yet", [NEW_YORK, BERLIN], "2027-11-01", ["13:00–16:00"]),
    ("both back on winter time", [NEW_YORK, BERLIN], "2027-11-08", ["14:00–16:00"]),
    (
        "southern summer: Sydney on UTC+11, India half an hour off",
        [SYDNEY, KOLKATA],
        "2027-01-12",
        ["03:30–06:00"],
    ),
    ("southern winter: Sydney on UTC+10", [SYDNEY, KOLKATA], "2027-07-13", ["03:30–07:00"]),
    ("a subset with no overlap at all", [TOKYO, SAO_PAULO], "2027-01-12", []),
    ("Saturday: nobody works", [NEW_YORK, BERLIN], "2027-01-16", []),
    ("Sunday in UTC is Monday in Auckland", [AUCKLAND], "2027-01-17", ["20:00–24:00"]),
    ("Friday in UTC: Sunday–Thursday week in Jerusalem", [JERUSALEM, BERLIN], "2027-01-15", []),
    ("Sunday in UTC: Jerusalem works alone", [JERUSALEM], "2027-01-17", ["07:00–15:00"]),
    ("one person: their own hours", [KOLKATA], "2027-01-12", ["03:30–11:30"]),
]


@pytest.mark.parametrize(("case", "people", "day", "expected"), OVERLAPS, ids=[c[0] for c in OVERLAPS])
def test_overlap_on_a_date(case: str, people: list[Person], day: str, expected: list[str]) -> None:
    """The overlap is the intersection of everyone's local working spans within the UTC date."""
    assert windows(people, day) == expected


def test_a_split_day_overlaps_in_both_spans() -> None:
    """Each span of a split day counts: Priya's morning meets Berlin's early morning too."""
    priya = person("priya", "Asia/Kolkata", "10:00-13:00", "17:30-21:30")
    early_berlin = person("early", "Europe/Berlin", "06:00-17:00")
    assert windows([priya, early_berlin], "2027-01-12") == ["05:00–07:30", "12:00–16:00"]


def test_a_clock_time_skipped_by_daylight_saving_uses_the_offset_before() -> None:
    """02:30 does not exist in Los Angeles on 14 March 2027; it is read as 02:30 PST (10:30 UTC)."""
    moment = local_instant(dt.date(2027, 3, 14), 150, zone("America/Los_Angeles"))
    assert moment == dt.datetime(2027, 3, 14, 10, 30, tzinfo=UTC)


def test_a_repeated_clock_time_is_its_first_occurrence() -> None:
    """01:30 happens twice in Los Angeles on 7 November 2027; the first is 01:30 PDT (08:30 UTC)."""
    moment = local_instant(dt.date(2027, 11, 7), 90, zone("America/Los_Angeles"))
    assert moment == dt.datetime(2027, 11, 7, 8, 30, tzinfo=UTC)


HOURS = Duration(4, Unit.HOURS, "4 business hours")
DAY = Duration(1, Unit.DAYS, "1 business day")
LUKAS = person("lukas", "Europe/Berlin", "09:30-18:00")
MAYA = person("maya", "America/Los_Angeles", "07:00-15:30")
PRIYA = person("priya", "Asia/Kolkata", "10:00-13:00", "17:30-21:30")
ON_LEAVE = person(
    "lukas",
    "Europe/Berlin",
    "09:30-18:00",
    away=[Away(dt.date(2026, 11, 25), dt.date(2026, 11, 27), "leave")],
)

DEADLINES = [
    # (case, recipient, within, sent UTC, deadline UTC)
    ("within hours, runs into the next day", LUKAS, HOURS, "2026-11-24T15:30", "2026-11-25T11:00"),
    ("Friday afternoon runs into Monday", LUKAS, HOURS, "2026-11-27T15:30", "2026-11-30T11:00"),
    ("sent at night: counts from the next morning", LUKAS, HOURS, "2026-11-24T22:00", "2026-11-25T12:30"),
    ("a business day: same time next working day", MAYA, DAY, "2026-11-24T19:00", "2026-11-25T19:00"),
    ("sent on Saturday: due at the end of Monday", MAYA, DAY, "2026-11-28T18:00", "2026-11-30T23:30"),
    ("across the US clock change", MAYA, DAY, "2027-03-12T22:00", "2027-03-15T21:00"),
    ("a split day of 7 hours", PRIYA, DAY, "2026-11-24T05:30", "2026-11-25T05:30"),
    ("between the spans of a split day", PRIYA, HOURS, "2026-11-24T08:00", "2026-11-24T16:00"),
    ("leave is skipped", ON_LEAVE, HOURS, "2026-11-24T15:30", "2026-11-30T11:00"),
    (
        "ADR-0004's example: Lukas to Priya at 17:00 Berlin",
        PRIYA,
        HOURS,
        "2027-01-12T16:00",
        "2027-01-13T13:00",
    ),
]


@pytest.mark.parametrize(
    ("case", "recipient", "within", "sent", "deadline"), DEADLINES, ids=[c[0] for c in DEADLINES]
)
def test_response_deadline(case: str, recipient: Person, within: Duration, sent: str, deadline: str) -> None:
    """The deadline counts only the recipient's working time, in their own time zone."""
    moment = dt.datetime.fromisoformat(sent).replace(tzinfo=UTC)
    assert respond_by(recipient, within, moment) == dt.datetime.fromisoformat(deadline).replace(tzinfo=UTC)


def test_no_working_time_is_an_error_not_a_hang() -> None:
    """Someone away for years has no deadline; the search stops and says so."""
    gone = person("gone", "UTC", "09:00-17:00", away=[Away(dt.date(2026, 1, 1), dt.date(2030, 1, 1))])
    with pytest.raises(NoWorkingTime):
        respond_by(gone, HOURS, dt.datetime(2026, 11, 24, tzinfo=UTC))


def test_the_year_shows_when_the_overlap_vanishes_and_why() -> None:
    """LA and Tokyo share an hour in US winter only, on UTC Tuesday to Friday; the scan says which
    clock change ends and restores it, in one period per season rather than one per day."""
    scan = scan_year([LOS_ANGELES, TOKYO], None, dt.date(2026, 11, 23))
    summary = [(str(p.first), str(p.last), p.minutes, p.max_minutes) for p in scan.periods]
    assert summary == [
        ("2026-11-23", "2027-03-15", 0, 60),
        ("2027-03-16", "2027-11-08", 0, 0),
        ("2027-11-09", "2027-11-22", 0, 60),
    ]
    assert period_windows(scan.periods[0]) == "Mon: none; Tue–Fri: 00:00–01:00"
    assert scan.periods[1].changes == ("America/Los_Angeles moved to UTC−07:00 on 2027-03-14",)
    assert scan.periods[2].changes == ("America/Los_Angeles moved to UTC−08:00 on 2027-11-07",)


def test_a_shortfall_on_some_weekdays_is_one_run() -> None:
    """A core window that misses LA's hours only on UTC Mondays is reported as one run of Mondays."""
    scan = scan_year([LOS_ANGELES, TOKYO], CoreWindow(0, 60), dt.date(2026, 11, 23))
    first = scan.shortfalls["la"][0]
    assert (first.first, first.last, first.weekdays, first.missing) == (
        dt.date(2026, 11, 23),
        dt.date(2027, 3, 8),
        (0,),
        60,
    )
    assert scan.shortfalls["tokyo"] == []


def test_the_core_window_shortfall_names_the_dates_and_minutes() -> None:
    """A window that leaves Berlin's hours in European summer is 60 minutes short on those dates."""
    berlin = person("berlin", "Europe/Berlin", "09:00-18:00")
    core = CoreWindow(16 * 60, 17 * 60)
    scan = scan_year([berlin], core, dt.date(2026, 11, 23))
    [run] = scan.shortfalls["berlin"]
    assert (run.first, run.last, run.missing) == (dt.date(2027, 3, 29), dt.date(2027, 10, 29), 60)
    assert run.local == LocalHours(18 * 60, 19 * 60)


def test_the_example_team_keeps_its_core_hour_all_year() -> None:
    """Harbor's roster and core window, read from the repository: no shortfall on any date."""
    from teamhandbook.handbook import load_handbook
    from teamhandbook.settings import Settings

    handbook = load_handbook(Settings(root=REPOSITORY, today=dt.date(2026, 11, 23)))
    agreement = handbook.agreement
    assert [p.handle for p in agreement.people] == ["maya", "diego", "lukas", "aisha", "priya"]
    assert agreement.core_window.label == "15:00–16:00 UTC"
    assert all(not runs for runs in agreement.year.shortfalls.values())
    assert [period.minutes for period in agreement.year.periods] == [60, 120, 60]
    assert [p for p in handbook.problems if p.file.startswith("working-agreement/")] == []


def test_schedule_reuses_each_local_date() -> None:
    """A year of spans is computed once per person and local date, then reused."""
    schedule = Schedule()
    for day in range(10):
        schedule.utc_spans(LUKAS, dt.date(2027, 1, 4) + dt.timedelta(days=day))
    assert len(schedule._spans) == 12


def test_subtracting_spans() -> None:
    """Focus time minus the core window: the parts before and after the cut remain."""
    from teamhandbook.hours.spans import subtract

    def at(hour: int) -> dt.datetime:
        return dt.datetime(2027, 1, 12, hour, tzinfo=UTC)

    assert subtract([(at(7), at(12))], [(at(8), at(9))]) == [(at(7), at(8)), (at(9), at(12))]
    assert subtract([(at(7), at(12))], [(at(6), at(13))]) == []
    assert subtract([(at(7), at(8)), (at(10), at(12))], [(at(9), at(11))]) == [
        (at(7), at(8)),
        (at(11), at(12)),
    ]
