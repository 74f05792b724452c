"""``handbook overlap`` and ``handbook respond-by``: answers as text and JSON, errors without tracebacks."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from teamhandbook.cli.main import main
from teamhandbook.hours.overlap import overlap
from teamhandbook.model.agreement import WEEKDAYS, LocalHours, Person

from .conftest import make_handbook

TEAM = """\
people:
  - name: Maya Chen
    handle: maya
    timezone: America/Los_Angeles
    hours: 07:00-15:30
  - name: Lukas Berg
    handle: lukas
    timezone: Europe/Berlin
    hours: 09:30-18:00
  - name: Priya Nair
    handle: priya
    timezone: Asia/Kolkata
    hours: [10:00-13:00, 17:30-21:30]
  - name: Broken Zone
    handle: broken
    timezone: Mars/Olympus
    hours: 09:00-17:00
"""
AGREEMENT = """\
response-times:
  - tier: urgent
    within: 4 business hours
  - tier: normal
    within: 1 business day
    channels: {email: 2 business days}
channels:
  - name: email
core-hours:
  utc: 15:00-16:00
"""


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A handbook with three good roster entries and one broken one; returns its mkdocs.yml."""
    root = make_handbook(
        tmp_path_factory.mktemp("cli") / "h",
        {"working-agreement/team.yml": TEAM, "working-agreement/agreement.yml": AGREEMENT},
    )
    return str(root / "mkdocs.yml")


def run(config: str, capsys, *args: str) -> tuple[int, str, str]:
    """Run ``handbook`` and return its exit code, output and errors."""
    code = main(["--config", config, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_overlap_json_has_the_documented_shape(config: str, capsys) -> None:
    """``--json`` prints the date, the members as read, the windows in UTC and the minutes."""
    code, out, _ = run(
        config, capsys, "overlap", "--date", "2026-11-24", "--members", "maya,lukas,priya", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data == {
        "date": "2026-11-24",
        "members": [
            {
                "handle": "maya",
                "tz": "America/Los_Angeles",
                "days": list(WEEKDAYS[:5]),
                "hours": [["07:00", "15:30"]],
            },
            {
                "handle": "lukas",
                "tz": "Europe/Berlin",
                "days": list(WEEKDAYS[:5]),
                "hours": [["09:30", "18:00"]],
            },
            {
                "handle": "priya",
                "tz": "Asia/Kolkata",
                "days": list(WEEKDAYS[:5]),
                "hours": [["10:00", "13:00"], ["17:30", "21:30"]],
            },
        ],
        "windows": [{"start": "2026-11-24T15:00:00Z", "end": "2026-11-24T16:00:00Z"}],
        "minutes": 60,
    }


@pytest.mark.parametrize("date", ["2026-11-24", "2027-03-16", "2027-07-13", "2027-11-28"])
def test_overlap_json_can_be_recomputed_from_its_members(config: str, capsys, date: str) -> None:
    """Anyone can recompute the windows from the members the JSON lists."""
    _, out, _ = run(config, capsys, "overlap", "--date", date, "--members", "maya,lukas", "--json")
    data = json.loads(out)
    people = [
        Person(
            m["handle"],
            m["handle"],
            m["tz"],
            tuple(WEEKDAYS.index(day) for day in m["days"]),
            tuple(LocalHours(*(int(t[:2]) * 60 + int(t[3:]) for t in pair)) for pair in m["hours"]),
        )
        for m in data["members"]
    ]
    windows = overlap(people, dt.date.fromisoformat(date))
    assert [
        {"start": s.isoformat().replace("+00:00", "Z"), "end": e.isoformat().replace("+00:00", "Z")}
        for s, e in windows
    ] == data["windows"]


def test_overlap_text_shows_utc_and_local_times(config: str, capsys) -> None:
    """Without ``--json``, the overlap is given in UTC and in each member's local time."""
    code, out, _ = run(config, capsys, "overlap", "--date", "2026-11-24", "--members", "maya,priya")
    assert code == 0
    assert "15:00–16:00 UTC (60 minutes)" in out
    assert "Tue 07:00–08:00 America/Los_Angeles" in out and "Tue 20:30–21:30 Asia/Kolkata" in out


def test_overlap_through_the_year(config: str, capsys) -> None:
    """``--year`` lists the periods of the year and the clock change that starts each."""
    code, out, _ = run(
        config, capsys, "overlap", "--year", "--date", "2026-11-23", "--members", "maya,lukas", "--json"
    )
    periods = json.loads(out)["periods"]
    assert code == 0
    assert [(p["from"], p["minutes"]) for p in periods] == [
        ("2026-11-23", [120, 120]),
        ("2027-03-15", [180, 180]),
        ("2027-03-29", [120, 120]),
        ("2027-11-01", [180, 180]),
        ("2027-11-08", [120, 120]),
    ]
    assert periods[2]["changes"] == ["Europe/Berlin moved to UTC+02:00 on 2027-03-28"]


@pytest.mark.parametrize(
    ("args", "deadline"),
    [
        (["--to", "lukas", "--urgency", "urgent", "--sent", "2026-11-24T15:30:00Z"], "2026-11-25T11:00:00Z"),
        (
            ["--to", "priya", "--urgency", "normal", "--sent", "2026-11-24T05:30:00+00:00"],
            "2026-11-25T05:30:00Z",
        ),
        (
            ["--to", "maya", "--urgency", "NORMAL", "--sent", "2026-11-24T11:00:00-08:00"],
            "2026-11-25T19:00:00Z",
        ),
        (
            ["--to", "@maya", "--urgency", "normal", "--channel", "email", "--sent", "2026-11-24T19:00Z"],
            "2026-11-26T19:00:00Z",
        ),
    ],
)
def test_respond_by_json(config: str, capsys, args: list[str], deadline: str) -> None:
    """``--json`` prints who, which urgency, when sent and the deadline, in UTC."""
    code, out, _ = run(config, capsys, "respond-by", *args, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"to", "urgency", "sent", "deadline"}
    assert data["deadline"] == deadline
    assert data["to"] == args[1].lstrip("@") and data["urgency"] == args[3].lower()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["overlap", "--members", "maya,zoe"],
            "no one on the roster has the handle 'zoe' (handles: maya, lukas, priya)",
        ),
        (["overlap", "--date", "24/11/2026"], "--date: cannot read '24/11/2026'"),
        (["respond-by", "--to", "zoe", "--urgency", "urgent"], "no one on the roster has the handle 'zoe'"),
        (
            ["respond-by", "--to", "maya", "--urgency", "asap"],
            "no urgency tier 'asap' (tiers: urgent, normal)",
        ),
        (
            ["respond-by", "--to", "maya", "--urgency", "urgent", "--sent", "tomorrow"],
            "--sent: cannot read 'tomorrow'",
        ),
        (
            ["respond-by", "--to", "maya", "--urgency", "urgent", "--channel", "fax"],
            "no channel 'fax' (channels: email)",
        ),
        (["respond-by", "--to", "broken", "--urgency", "urgent"], "the roster entry of 'broken' has errors"),
    ],
)
def test_bad_requests_say_what_is_wrong(config: str, capsys, args: list[str], words: str) -> None:
    """A request that cannot be answered exits with 2 and one plain sentence, never a traceback."""
    code, _, err = run(config, capsys, *args)
    assert code == 2
    assert words in err and "Traceback" not in err


def test_roster_errors_are_shown_with_their_line(config: str, capsys) -> None:
    """Errors in the roster are printed with file and line, and the others are still answered."""
    code, out, err = run(config, capsys, "overlap", "--date", "2026-11-24", "--members", "maya,lukas")
    assert code == 0
    assert (
        "working-agreement/team.yml:16: the time zone of 'Broken Zone': 'Mars/Olympus' is not a known" in err
    )
    assert "15:00–17:00 UTC" in out


def test_a_handbook_without_a_roster_says_so(tmp_path: Path, capsys) -> None:
    """Without ``team.yml``, the commands explain what is missing."""
    root = make_handbook(tmp_path / "h", {"working-agreement/agreement.yml": AGREEMENT})
    code, _, err = run(str(root / "mkdocs.yml"), capsys, "overlap")
    assert code == 2
    assert "this handbook has no roster: add working-agreement/team.yml" in err
