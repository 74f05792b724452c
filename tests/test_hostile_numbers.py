"""Numbers and dates out of range, and pages built to make scans slow.

Every number or date a user gives (in a file, an option, the environment or on the command line)
is checked where it is read, with a sentence saying what is allowed; nothing overflows later.
Pages with something left unclosed are read correctly (their speed is measured by
``tests/benchmarks/hostile_scans.py``, not asserted here).
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from .cli import run_script
from .conftest import MINIMAL_CONFIG, Build, build, decision, make_handbook

ROSTER = """\
people:
  - name: Ana
    handle: ana
    timezone: UTC
    hours: 09:00-17:00
    away:
      - from: 9999-12-01
        until: 9999-12-31
"""
AGREEMENT = """\
response-times:
  - tier: normal
    within: 1 business day
  - tier: forever
    within: 99999999999999999999 business hours
"""
FILES = {
    "docs/far.md": "---\nreview-every: 99999999 years\nlast-reviewed: 9999-12-31\n---\n# Far\n",
    "docs/early.md": "---\nreview-by: 0001-01-01\n---\n# Early\n",
    "decisions/0001-far.md": decision(
        {"status": "accepted", "date": "2024-01-01", "review-by": "0001-01-01", "review-every": "1 year"}
    ),
    "working-agreement/team.yml": ROSTER,
    "working-agreement/agreement.yml": AGREEMENT,
}
EXPECTED = [
    ("docs/far.md", 2, "bad-interval", "the review interval '99999999 years' is longer than 100 years"),
    ("docs/far.md", 3, "bad-date", "the `last-reviewed` date 9999-12-31 is out of range"),
    ("docs/early.md", 2, "bad-date", "the `review-by` date 0001-01-01 is out of range"),
    ("decisions/0001-far.md", 4, "bad-date", "the `review-by` date 0001-01-01 is out of range"),
    ("working-agreement/team.yml", 7, "invalid-team", "the `from` date 9999-12-01 is out of range"),
    ("working-agreement/team.yml", 8, "invalid-team", "the `until` date 9999-12-31 is out of range"),
    ("working-agreement/agreement.yml", 5, "invalid-agreement", "is longer than a year of working time"),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook whose files hold numbers and dates out of range."""
    return make_handbook(tmp_path_factory.mktemp("numbers") / "handbook", FILES)


@pytest.fixture(scope="module")
def site(root: Path) -> Build:
    """The handbook built once (the helper fails on a traceback)."""
    return build(root)


@pytest.mark.parametrize(
    ("file", "line", "code", "words"), EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EXPECTED]
)
def test_values_out_of_range_are_reported_where_written(
    site: Build, root: Path, file: str, line: int, code: str, words: str
) -> None:
    """Build and check report each value out of range at its file and line, and nothing overflows."""
    found = [p for p in site.json()["problems"] if (p["file"], p["line"], p["code"]) == (file, line, code)]
    assert len(found) == 1 and words in found[0]["message"], site.json()["problems"]
    assert f"WARNING -  teamhandbook: {file}:{line}: {found[0]['message']}" in site.log
    outcome = run_script(root, "check")
    assert f"{file}:{line}: error: {found[0]['message']} [{code}]" in outcome.out


@pytest.mark.parametrize(
    ("option", "value", "sentence"),
    [
        ("whats_new_days", 10**9, "must be a whole number of days, from 1 to 36,500, not 1000000000"),
        ("review_due_soon", 100_000, "must be a whole number of days, from 0 to 36,500, not 100000"),
        ("feed_entries", 0, "must be a whole number of entries, from 1 to 10,000, not 0"),
        (
            "reading_speed",
            10**12,
            "must be a whole number of words per minute, from 50 to 10,000, not 1000000000000",
        ),
    ],
)
def test_plugin_options_out_of_range_stop_build_and_check(
    tmp_path: Path, option: str, value: int, sentence: str
) -> None:
    """An option out of range stops the build and the check with the same sentence, no traceback."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {option: value}}]}
    root = make_handbook(tmp_path / "handbook", config=config)
    site = build(root)
    assert site.returncode != 0
    line = f"Plugin 'team-handbook' option '{option}': {sentence}"
    assert f"ERROR   -  Config value 'plugins': {line}" in site.log
    outcome = run_script(root, "check")
    assert (outcome.code, outcome.err.strip()) == (2, f"handbook: {line}")


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999999", "-1", "1e9", "²", "soon"])
def test_source_date_epoch_out_of_range_stops_the_build(tmp_path: Path, epoch: str) -> None:
    """A reproducible-build date beyond year 9998, or not a whole number, is refused with a sentence."""
    root = make_handbook(tmp_path / "handbook", {"decisions/0001-a.md": decision({"status": "accepted"})})
    site = build_with_epoch(root, epoch)
    assert site.returncode != 0
    assert f"ERROR   -  team-handbook: SOURCE_DATE_EPOCH is '{epoch}'; it must be a whole number" in site.log


def test_a_source_date_epoch_in_range_sets_the_date(tmp_path: Path) -> None:
    """A valid ``SOURCE_DATE_EPOCH`` is the build's date: What's new says what it looks back from."""
    root = make_handbook(tmp_path / "handbook", {"decisions/0001-a.md": decision({"status": "accepted"})})
    site = build_with_epoch(root, "1700000000")  # 2023-11-14
    assert site.returncode == 0, site.log
    assert "2023-11-14" in site.page("whats-new/")


def build_with_epoch(root: Path, epoch: str) -> Build:
    """Build with ``SOURCE_DATE_EPOCH`` set."""
    import os

    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        return build(root)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@pytest.fixture(scope="module")
def team_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook with a sound roster, for the agreement commands."""
    roster = ROSTER.split("    away:")[0]
    files = {
        "working-agreement/team.yml": roster,
        "working-agreement/agreement.yml": AGREEMENT.split("  - tier: forever")[0],
        "decisions/0001-a.md": decision({"status": "accepted"}),
    }
    return make_handbook(tmp_path_factory.mktemp("team") / "handbook", files)


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["overlap", "--date", "9999-12-31"], "--date: 9999-12-31 is out of range"),
        (["overlap", "--date", "0001-01-01", "--year"], "--date: 0001-01-01 is out of range"),
        (
            ["respond-by", "--to", "ana", "--urgency", "normal", "--sent", "9999-12-31T23:00:00-05:00"],
            "--sent: 9999-12-31 is out of range",
        ),
        (
            ["respond-by", "--to", "ana", "--urgency", "normal", "--sent", "0001-01-01T00:00:00+05:00"],
            "--sent: 0001-01-01 is out of range",
        ),
        (["digest", "--since", "0001-01-01"], "--since: 0001-01-01 is out of range"),
        (["digest", "--since", "2024-01-01", "--until", "9999-12-31"], "--until: 9999-12-31 is out of range"),
        (["new", "X", "--date", "9999-12-31"], "--date: 9999-12-31 is out of range"),
        (["new", "X", "--review-by", "0001-01-01"], "--review-by: 0001-01-01 is out of range"),
        (["new", "X", "--feedback-by", "9999-01-01"], "--feedback-by: 9999-01-01 is out of range"),
        (
            ["renumber", "decisions/0001-a.md", "--to", str(10**20)],
            f"--to: {10**20} is not a decision number",
        ),
        (["renumber", "decisions/0001-a.md", "--to", "-3"], "--to: -3 is not a decision number"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_command_line_dates_and_numbers_out_of_range(team_root: Path, args: list[str], sentence: str) -> None:
    """Each command refuses a date or number out of range with one sentence and exit 2; nothing written."""
    before = sorted(p.relative_to(team_root).as_posix() for p in team_root.rglob("*"))
    outcome = run_script(team_root, *args)
    assert outcome.code == 2, outcome
    assert f"handbook: {sentence}" in outcome.err
    assert sorted(p.relative_to(team_root).as_posix() for p in team_root.rglob("*")) == before


def test_the_edges_of_the_range_still_work(team_root: Path) -> None:
    """The last dates accepted give answers, not overflows."""
    outcome = run_script(team_root, "overlap", "--date", "9000-12-31", "--year")
    assert outcome.code == 0, outcome
    sent = ["--sent", "9000-12-31T23:00:00-12:00"]
    outcome = run_script(team_root, "respond-by", "--to", "ana", "--urgency", "normal", *sent)
    assert outcome.code == 0, outcome
    assert "is due by 9001-01-0" in outcome.out


SIZE = 200_000
UNCLOSED = {
    "template": ("word {{ ", "word"),
    "comment": ("word <!-- ", "word"),
    "tag": ("word < ", "word"),
    "link target": ("word ]( ", "word"),
    "block": ("word {% ", "word"),
    "code span": ("word ` ", "word"),
}
"""Pages of 200 KB made of one word and one opener nothing closes, repeated."""


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A handbook whose start page lists six 200 KB pages, each leaving one thing unclosed."""
    files = {
        f"docs/{name.replace(' ', '-')}.md": "---\nstart-here: 1\n---\n# Page\n\n"
        + piece * (SIZE // len(piece))
        for name, (piece, _) in UNCLOSED.items()
    }
    return build(make_handbook(tmp_path_factory.mktemp("scans") / "handbook", files))


@pytest.mark.parametrize("name", sorted(UNCLOSED))
def test_unclosed_markup_is_counted_as_text(scans: Build, name: str) -> None:
    """Whatever is left unclosed, the words around it count: the reading time is the words' own."""
    piece, _ = UNCLOSED[name]
    words = SIZE // len(piece)
    slug = name.replace(" ", "-")
    page = scans.page("start-here/")
    match = re.search(rf'href="\.\./{slug}/">Page</a></strong> <span class="th-reading-time">(\d+) min', page)
    assert match is not None, page[:2000]
    assert int(match.group(1)) == math.ceil((words + 1) / 200)  # the heading's word counts too


def test_the_site_of_unclosed_pages_is_complete(scans: Build) -> None:
    """The build finishes and publishes every page."""
    assert scans.returncode == 0, scans.log
    assert len(json.loads((scans.site / "changes.json").read_text("utf-8"))["pages"]) >= len(UNCLOSED)
