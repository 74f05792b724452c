"""``handbook overlap``: when everyone's working hours overlap on a date, or through the year."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from ..hours.overlap import overlap
from ..hours.schedule import Schedule
from ..hours.spans import minutes
from ..hours.year import DAYS_SCANNED, WORKING_WEEK, clock_span, overlap_periods, team_dates
from ..model.agreement import WEEKDAYS, Agreement, Person
from ..pages.overlap_view import period_windows
from .agreement import load_agreement, local_span_label, member_data, people, read_date_argument, utc_iso

NAME = "overlap"
HELP = "Show when the team's working hours overlap on a date (in UTC and local times), or through the year."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``handbook overlap``."""
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="The UTC date to look at (default: today).")
    parser.add_argument(
        "--members",
        metavar="HANDLES",
        help="Only these people, by handle, separated by commas (default: everyone).",
    )
    parser.add_argument(
        "--year",
        action="store_true",
        help="Show how the overlap changes over the year from the date, and why.",
    )
    parser.add_argument("--json", action="store_true", help="Print the answer as JSON.")


def run(args: argparse.Namespace) -> int:
    """Print the overlap of the chosen people."""
    book, agreement, team = load_agreement(args)
    day = read_date_argument(args.date, book)
    members = people(team, args.members)
    if args.year:
        print(_year(agreement, members, day, args.json))
    else:
        print(_day(members, day, args.json))
    return 0


def _day(members: list[Person], day: dt.date, as_json: bool) -> str:
    """Return the overlap of one UTC date, as text or JSON."""
    schedule = Schedule()
    windows = overlap(members, day, schedule)
    if as_json:
        return json.dumps(
            {
                "date": day.isoformat(),
                "members": [member_data(person) for person in members],
                "windows": [{"start": utc_iso(start), "end": utc_iso(end)} for start, end in windows],
                "minutes": minutes(windows),
            },
            ensure_ascii=False,
            indent=2,
        )
    names = ", ".join(person.handle for person in members)
    lines = [f"Overlap on {day:%A} {day.isoformat()} (UTC) of {names}:"]
    if not windows:
        lines.append("  none: nobody here works at the same time as all the others that day.")
    for start, end in windows:
        lines.append(f"  {clock_span((start, end), day).label} UTC ({minutes([(start, end)])} minutes)")
        for person in members:
            lines.append(f"    {person.name:<24} {local_span_label(start, end, person.timezone)}")
    lines.append("Working hours that day, in UTC:")
    for person in members:
        spans = (
            ", ".join(clock_span(span, day).label for span in schedule.utc_spans(person, day))
            or "not working"
        )
        lines.append(f"  {person.name:<24} {spans}")
    return "\n".join(lines)


def _year(agreement: Agreement, members: list[Person], first: dt.date, as_json: bool) -> str:
    """Return how the overlap changes over the year from ``first``, as text or JSON."""
    days = agreement.core_window.days if agreement.core_window else WORKING_WEEK
    periods = overlap_periods(members, team_dates(first, days), Schedule())
    last = first + dt.timedelta(days=DAYS_SCANNED - 1)
    if as_json:
        return json.dumps(
            {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "members": [member_data(person) for person in members],
                "periods": [
                    {
                        "from": period.first.isoformat(),
                        "to": period.last.isoformat(),
                        "weekdays": {
                            WEEKDAYS[weekday]: [{"start": w.pair[0], "end": w.pair[1]} for w in windows]
                            for weekday, windows in period.weekdays
                        },
                        "minutes": [period.minutes, period.max_minutes],
                        "changes": list(period.changes),
                    }
                    for period in periods
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    names = ", ".join(person.handle for person in members)
    lines = [f"Overlap of {names} on working days from {first} to {last} (UTC):"]
    for period in periods:
        changes = f"  ({'; '.join(period.changes)})" if period.changes else ""
        length = f"{period.minutes}" + (f"–{period.max_minutes}" if not period.uniform else "")
        lines.append(
            f"  {period.first} to {period.last}  {period_windows(period)} UTC, {length} min{changes}"
        )
    return "\n".join(lines)
