"""One clock: the build and every command date their work by the same rule, read in one place.

The date of a build or a command is the UTC date of ``SOURCE_DATE_EPOCH`` (else of now), wherever
it runs; a file a person writes is dated by that same instant in the person's own time zone.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from teamhandbook.settings import Clock, SettingsError, read_clock
from teamhandbook.settings.clock import LATEST_EPOCH

from .cli import run_script
from .conftest import MINIMAL_CONFIG, build, commit_all, make_handbook
from .test_architecture import PACKAGE

LATE_EVENING = "2026-11-20T23:30:00Z"
"""An instant whose date is the 20th in UTC and already the 21st east of it."""

KIRITIMATI = "Pacific/Kiritimati"
"""UTC+14: the time zone furthest ahead of UTC, where the date differs from UTC's most often."""


def epoch(instant: str) -> str:
    """Return ``SOURCE_DATE_EPOCH`` for an ISO instant."""
    return str(int(dt.datetime.fromisoformat(instant).timestamp()))


def test_source_date_epoch_pins_the_instant_in_utc() -> None:
    """A reproducible build's instant is ``SOURCE_DATE_EPOCH``; its date is the UTC date."""
    clock = read_clock({"SOURCE_DATE_EPOCH": f" {epoch(LATE_EVENING)} "})
    assert clock == Clock(dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC), pinned=True)
    assert clock.today == dt.date(2026, 11, 20)


def test_without_source_date_epoch_the_clock_is_now_in_utc() -> None:
    """Unset (or empty), the clock is the system clock, in UTC, not the computer's local time."""
    before = dt.datetime.now(dt.UTC)
    clock = read_clock({"SOURCE_DATE_EPOCH": ""})
    assert clock.now.tzinfo is dt.UTC and not clock.pinned
    assert before <= clock.now <= dt.datetime.now(dt.UTC)
    assert clock.today == clock.now.date()


@pytest.mark.parametrize("value", ["-1", "1e9", "²", "soon", "1.5", str(LATEST_EPOCH + 1), "9" * 20])
def test_a_source_date_epoch_out_of_range_is_refused_with_a_sentence(value: str) -> None:
    """Not whole seconds, or past the last date the handbook reads (the end of year 9000): refused."""
    with pytest.raises(SettingsError) as refused:
        read_clock({"SOURCE_DATE_EPOCH": value})
    assert str(refused.value).startswith(f"SOURCE_DATE_EPOCH is '{value[:40]}")
    assert f"at most {LATEST_EPOCH} (the end of year 9000)" in str(refused.value)
    assert read_clock({"SOURCE_DATE_EPOCH": str(LATEST_EPOCH)}).today == dt.date(9000, 12, 31)


def test_an_authors_date_is_the_same_instant_in_their_time_zone() -> None:
    """The build's date is UTC's; a person east of UTC already lives the next day."""
    clock = read_clock({"SOURCE_DATE_EPOCH": epoch(LATE_EVENING)})
    assert clock.date_in(dt.timezone(dt.timedelta(hours=14))) == dt.date(2026, 11, 21)
    assert clock.date_in(dt.UTC) == clock.today == dt.date(2026, 11, 20)


def test_only_the_clock_reads_the_time() -> None:
    """No module but ``settings/clock.py`` reads the system clock or ``SOURCE_DATE_EPOCH``: pages, checks
    and commands take the date from the settings and the handbook."""
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "settings" / "clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            named = isinstance(node, ast.Attribute) and node.attr in ("now", "today", "utcnow", "time")
            called = named and isinstance(node.value, ast.Name | ast.Attribute)
            owner = getattr(node.value, "attr", getattr(node.value, "id", "")) if called else ""
            if called and owner in ("datetime", "date", "time"):
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.Constant) and node.value == "SOURCE_DATE_EPOCH":
                readers.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert readers == []


REVIEWS = {
    "docs/late.md": '---\nowner: "@maya"\nreview-by: 2026-11-19\n---\n# Late page\n\nText.\n',
    "docs/today.md": '---\nowner: "@maya"\nreview-by: 2026-11-20\n---\n# Due page\n\nText.\n',
    "docs/later.md": '---\nowner: "@maya"\nreview-by: 2026-12-20\n---\n# Later page\n\nText.\n',
}
"""Pages whose review falls due around the 20th: a day's shift changes every one of them."""


@pytest.fixture(scope="module")
def dated_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook with reviews due around the 20th and a change exactly 30 days before it (git)."""
    root = make_handbook(tmp_path_factory.mktemp("clock") / "handbook", REVIEWS, MINIMAL_CONFIG)
    commit_all(root, "Start the handbook", "2026-09-01T12:00:00+00:00")
    (root / "docs" / "edge.md").write_text("# Edge page\n\nChanged.\n", "utf-8")
    commit_all(root, "Add the edge page", "2026-10-21T06:00:00+00:00")
    return root


def _facts(text: str) -> tuple[list[str], list[str], list[str]]:
    """Return what a Needs review or What's new page says, HTML or Markdown: dates, chips, titles."""
    dates = re.findall(r'datetime="([0-9-]+)"', text)
    chips = re.findall(r'th-review--[a-z-]+">([^<]+)<', text)
    titles = re.findall(r"(Late|Due|Later|Edge) page", text)
    return dates, chips, titles


def test_a_build_and_the_command_line_agree_on_the_date(
    dated_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same ``SOURCE_DATE_EPOCH``, in a time zone where it is already tomorrow: the site's Needs
    review and What's new, and the ones ``handbook render`` writes, say the same, as of the UTC date."""
    environment = {"SOURCE_DATE_EPOCH": epoch(LATE_EVENING), "TZ": KIRITIMATI}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    site = build(dated_root, strict=True)
    assert site.returncode == 0, site.log
    rendered = run_script(dated_root, "render", "--out", str(tmp_path / "out"))
    assert rendered.code == 0, rendered.err
    for page in ("needs-review", "whats-new"):
        built = _facts(site.content(f"{page}/"))
        written = _facts((tmp_path / "out" / page / "index.md").read_text("utf-8"))
        assert built == written, page
    dates, chips, _ = _facts(site.content("needs-review/"))
    assert dates[0] == "2026-11-20"  # as of the UTC date, though it is the 21st where the build runs
    assert chips == ["1 overdue", "2 due soon", "Overdue by 1 day", "Due today", "Due in 30 days"]
    dates, _, titles = _facts(site.content("whats-new/"))
    assert dates[0] == "2026-11-20" and "Edge" in titles  # changed on the first of the 30 days
    checked = run_script(dated_root, "check")
    overdue = "docs/late.md:3: the review was due on 2026-11-19, 1 day ago"
    assert overdue in site.log and overdue.replace(":3:", ":3: warning:") in checked.out


@pytest.mark.parametrize(
    ("instant", "zone", "dated"),
    [
        (LATE_EVENING, KIRITIMATI, "2026-11-21"),
        ("2026-11-21T03:00:00Z", "America/Los_Angeles", "2026-11-20"),
        (LATE_EVENING, "UTC", "2026-11-20"),
    ],
)
def test_a_new_decision_is_dated_in_the_authors_own_time_zone(
    tmp_path: Path, instant: str, zone: str, dated: str
) -> None:
    """``handbook new`` dates a decision on the author's calendar: the clock's instant, in this
    computer's time zone (the day the author lives, not the day in UTC)."""
    root = make_handbook(tmp_path / "h", {"decisions/.keep": ""})
    environment = {"SOURCE_DATE_EPOCH": epoch(instant), "TZ": zone}
    outcome = run_script(root, "new", "Use PostgreSQL", "--no-edit", env=environment)
    assert outcome.code == 0, outcome.err
    written = next((root / "decisions").glob("0001-*.md")).read_text("utf-8")
    assert f"date: {dated}" in written


def test_the_command_line_refuses_a_source_date_epoch_the_build_refuses(tmp_path: Path) -> None:
    """A ``SOURCE_DATE_EPOCH`` out of range stops ``handbook check`` with the build's sentence."""
    root = make_handbook(tmp_path / "h")
    outcome = run_script(root, "check", env={"SOURCE_DATE_EPOCH": "soon"})
    assert outcome.code == 2
    assert outcome.err.startswith(
        "handbook: SOURCE_DATE_EPOCH is 'soon'; it must be a whole number of seconds"
    )
