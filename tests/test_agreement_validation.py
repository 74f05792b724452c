"""Every problem in the working agreement is reported with its file and line, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.settings import Settings

from .conftest import MINIMAL_CONFIG, build, make_handbook

TEAM = """\
people:
  - name: Ana Silva
    handle: ana
    timezone: America/Sao_Paulo
    hours: 09:00-17:00
  - name: Ben Okoro
    handle: ben
    timezone: Africa/Lagos
    hours: 09:00-17:00
"""

AGREEMENT = """\
response-times:
  - tier: urgent
    within: 4 business hours
  - tier: normal
    within: 1 business day
channels:
  - name: chat
escalation:
  label: Page the on-call engineer
  contacts: [ana]
core-hours:
  utc: 13:00-14:00
"""

PAGE = "# Our agreement\n\nUrgent means {{ response_time('urgent') }}.\n"
TEMPLATE = (
    "---\ntitle: Weekly update\ndescription: What happened.\npath: docs/{date}-{handle}.md\n---\n# Update\n"
)
WEEKLY = "working-agreement/templates/weekly.md"


def files(
    team: str = TEAM, agreement: str = AGREEMENT, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """Return a small, valid agreement folder, with some files replaced or added."""
    return {
        "working-agreement/team.yml": team,
        "working-agreement/agreement.yml": agreement,
        "working-agreement/index.md": PAGE,
        "working-agreement/templates/weekly.md": TEMPLATE,
        **(extra or {}),
    }


# name: (files, file, line, words in the message)
CASES: dict[str, tuple[dict[str, str], str, int, str]] = {
    "unknown time zone": (
        files(team=TEAM.replace("America/Sao_Paulo", "America/Sao_Paolo")),
        "team.yml",
        4,
        "'America/Sao_Paolo' is not a known time zone; did you mean America/Sao_Paulo?",
    ),
    "abbreviation instead of a zone": (
        files(team=TEAM.replace("Africa/Lagos", "WAT")),
        "team.yml",
        8,
        "'WAT' is not a time zone of a place",
    ),
    "end before start": (
        files(team=TEAM.replace("    hours: 09:00-17:00\n", "    hours: 17:00-09:00\n", 1)),
        "team.yml",
        5,
        "ends (09:00) before it starts (17:00)",
    ),
    "not a time": (
        files(team=TEAM.replace("hours: 09:00-17:00\n  - name", "hours: 9am-5pm\n  - name")),
        "team.yml",
        5,
        "'9am' is not a time",
    ),
    "split hours that overlap": (
        files(team=TEAM.rstrip().replace("hours: 09:00-17:00", "hours: [09:00-13:00, 12:00-17:00]") + "\n"),
        "team.yml",
        5,
        "09:00–13:00 and 12:00–17:00 overlap",
    ),
    "unknown day": (
        files(team=TEAM + "    days: mon-funday\n"),
        "team.yml",
        10,
        "'funday' is not a day",
    ),
    "handle used twice": (
        files(team=TEAM.replace("handle: ben", "handle: ana")),
        "team.yml",
        7,
        "the handle 'ana' is used twice",
    ),
    "misspelt field": (
        files(team=TEAM.replace("    timezone: Africa/Lagos", "    timezon: Africa/Lagos")),
        "team.yml",
        8,
        "`timezon` is not a field of a person; did you mean `timezone`?",
    ),
    "no hours": (
        files(team=TEAM.replace("    hours: 09:00-17:00\n  - name", "  - name")),
        "team.yml",
        2,
        "'Ana Silva' has no `hours`",
    ),
    "backup who does not exist": (
        files(team=TEAM + "    backup: zoe\n"),
        "team.yml",
        10,
        "the backup 'zoe' of Ben Okoro is not a handle on the roster",
    ),
    "leave that ends before it starts": (
        files(team=TEAM + "    away:\n      - from: 2027-01-10\n        until: 2027-01-05\n"),
        "team.yml",
        12,
        "ends (2027-01-05) before it starts (2027-01-10)",
    ),
    "broken YAML": (
        files(team=TEAM.replace("name: Ben Okoro", "name: Ben: Okoro")),
        "team.yml",
        6,
        "put the value in quotes",
    ),
    "tier with no number": (
        files(agreement=AGREEMENT.replace("4 business hours", "soon")),
        "agreement.yml",
        3,
        "tier 'urgent': 'soon' has no number",
    ),
    "tier with no unit": (
        files(agreement=AGREEMENT.replace("4 business hours", "4")),
        "agreement.yml",
        3,
        "'4' has no unit",
    ),
    "tier listed twice": (
        files(agreement=AGREEMENT.replace("tier: normal", "tier: urgent")),
        "agreement.yml",
        4,
        "the tier 'urgent' is listed twice",
    ),
    "tier time on a channel that is not listed": (
        files(
            agreement=AGREEMENT.replace(
                "    within: 4 business hours\n",
                "    within: 4 business hours\n    channels: {email: 2 business hours}\n",
            )
        ),
        "agreement.yml",
        4,
        "names the channel 'email', which is not listed (channels: chat)",
    ),
    "escalation contact who does not exist": (
        files(agreement=AGREEMENT.replace("contacts: [ana]", "contacts: [ana, zoe]")),
        "agreement.yml",
        10,
        "the contact 'zoe' is not a handle on the roster (working-agreement/team.yml: ana, ben)",
    ),
    "core window ending before it starts": (
        files(agreement=AGREEMENT.replace("utc: 13:00-14:00", "utc: 14:00-13:00")),
        "agreement.yml",
        12,
        "ends (13:00) before it starts (14:00)",
    ),
    "core window outside someone's hours": (
        files(agreement=AGREEMENT.replace("utc: 13:00-14:00", "utc: 15:30-16:30")),
        "agreement.yml",
        12,
        "not inside the working hours of Ben Okoro (09:00–17:00 Africa/Lagos, working-agreement/team.yml:9)",
    ),
    "misspelt section": (
        files(agreement=AGREEMENT.replace("core-hours:", "core-hour:")),
        "agreement.yml",
        11,
        "did you mean `core-hours`?",
    ),
    "page quoting a tier that does not exist": (
        files(extra={"working-agreement/index.md": "# Ours\n\nAnswer within {{ response_time('asap') }}.\n"}),
        "index.md",
        3,
        "quotes a tier that agreement.yml does not define (tiers: urgent, normal)",
    ),
    "page quoting a person who does not exist": (
        files(extra={"working-agreement/index.md": "# Ours\n\nAsk {{ person('zoe') }}.\n"}),
        "index.md",
        3,
        "quotes a handle that is not on the roster (handles: ana, ben)",
    ),
    "template without a path": (
        files(extra={WEEKLY: "---\ntitle: Weekly\ndescription: What happened.\n---\n# W\n"}),
        "templates/weekly.md",
        1,
        "the template has no `path`",
    ),
    "template with an unknown placeholder": (
        files(extra={WEEKLY: "---\ntitle: Weekly\ndescription: D.\npath: docs/{user}.md\n---\n"}),
        "templates/weekly.md",
        4,
        "'{user}' is not a placeholder; use {date}, {handle}, {slug}",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_problem_is_reported_with_file_and_line(tmp_path: Path, case: str) -> None:
    """The core reports the problem at its file and line, in words that say how to fix it."""
    written, file, line, words = CASES[case]
    root = make_handbook(tmp_path / "h", written)
    handbook = load_handbook(Settings(root=root, today=dt.date(2026, 11, 23)))
    found = [str(p) for p in handbook.errors if p.file == f"working-agreement/{file}" and p.line == line]
    assert any(words in message for message in found), "\n".join(str(p) for p in handbook.problems)


def test_the_valid_folder_has_no_problems(tmp_path: Path) -> None:
    """The base of every case is valid: each case's problem is the only reason it fails."""
    root = make_handbook(tmp_path / "h", files())
    handbook = load_handbook(Settings(root=root, today=dt.date(2026, 11, 23)))
    assert handbook.problems == []
    assert handbook.agreement.year.periods[0].windows[0].label == "12:00–16:00"


BROKEN = files(
    team=TEAM.replace("Africa/Lagos", "Africa/Lagoss"),
    agreement=AGREEMENT.replace("4 business hours", "soon").replace("[ana]", "[ana, zoe]"),
    extra={"working-agreement/index.md": "# Ours\n\nAnswer within {{ response_time('asap') }}.\n"},
)
MACROS_CONFIG = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory):
    """A handbook with several agreement problems at once, built without ``--strict``."""
    root = make_handbook(tmp_path_factory.mktemp("broken") / "h", BROKEN, MACROS_CONFIG)
    return build(root)


@pytest.mark.parametrize(
    ("where", "words"),
    [
        (
            "working-agreement/team.yml:8:",
            "'Africa/Lagoss' is not a known time zone; did you mean Africa/Lagos?",
        ),
        ("working-agreement/agreement.yml:3:", "'soon' has no number"),
        ("working-agreement/agreement.yml:10:", "the contact 'zoe' is not a handle"),
        ("working-agreement/index.md:3:", "quotes a tier"),
    ],
)
def test_a_build_logs_each_problem_with_its_file_and_line(broken, where: str, words: str) -> None:
    """``mkdocs build`` logs every agreement problem as a warning naming its file and line."""
    assert any(where in line and words in line for line in broken.warnings()), broken.log


def test_the_rest_of_a_broken_agreement_is_still_published(broken) -> None:
    """Problems never hide the rest: the page is built, with a visible marker for what is missing."""
    assert broken.returncode == 0, broken.log
    page = broken.content("working-agreement/")
    assert "(no tier 'asap')" in page


def test_agreement_problems_fail_a_strict_build(tmp_path: Path) -> None:
    """``mkdocs build --strict`` fails on agreement problems, without a traceback."""
    result = build(make_handbook(tmp_path / "h", BROKEN, MACROS_CONFIG), strict=True)
    assert result.returncode != 0
    assert "Aborted" in result.log


def test_pages_with_macros_but_no_macros_plugin_are_reported(tmp_path: Path) -> None:
    """Without the ``macros`` plugin, each page using a macro is reported at its first macro's line."""
    written = files(
        extra={
            "working-agreement/index.md": "# Ours\n\nPlain text.\n\nUrgent: {{ response_time('urgent') }}.\n"
        }
    )
    written["working-agreement/quiet.md"] = (
        "---\nrender_macros: false\n---\n# Quiet\n\n{{ shown as typed }}\n"
    )
    result = build(make_handbook(tmp_path / "h", written), strict=True)
    assert result.returncode != 0
    warnings = [line for line in result.warnings() if "`macros` plugin is not enabled" in line]
    assert len(warnings) == 1 and "working-agreement/index.md:5:" in warnings[0], result.log
