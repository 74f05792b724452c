"""``handbook write KIND``: a new update from its template, for the author git says you are, on your
own date; and ``handbook template``, which writes the same file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .cli import run_cli, run_script
from .conftest import build, make_handbook
from .updates_helpers import PROJECTS, TEAM, WEEKLY_TEMPLATE, epoch

MEETING_TEMPLATE = """\
---
title: Meeting notes
description: Agenda before, decisions and action items after.
path: updates/{date}-{slug}.md
kind: meeting
attendees: []
---
# {title}

## Agenda

-

## Decisions

-

## Action items

- [ ]
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A handbook in a git repository, as of Friday 20 November 2026, 23:30 UTC."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-20T23:30:00Z"))
    monkeypatch.delenv("HANDBOOK_HANDLE", raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    files = {
        "working-agreement/team.yml": TEAM,
        "working-agreement/templates/weekly.md": WEEKLY_TEMPLATE,
        "working-agreement/templates/meeting.md": MEETING_TEMPLATE,
        "updates/projects.yml": PROJECTS,
    }
    handbook = make_handbook(tmp_path / "handbook", files)
    subprocess.run(["git", "init", "-q"], cwd=handbook, check=True)
    return handbook


def git_email(root: Path, email: str) -> None:
    """Set the repository's ``user.email``."""
    subprocess.run(["git", "config", "user.email", email], cwd=root, check=True)


def test_write_finds_the_author_from_git_and_dates_it_in_their_time_zone(root: Path, capsys) -> None:
    """Kai's git e-mail (in any case) names him; at 23:30 UTC on Friday it is Saturday in Auckland."""
    git_email(root, "kai@EXAMPLE.org")
    outcome = run_cli(capsys, root, "write", "weekly", "--project", "Apollo")
    assert outcome.code == 0, outcome.err
    path = root / "updates" / "2026-11-21-kai-weekly.md"
    assert outcome.out.strip().endswith("updates/2026-11-21-kai-weekly.md")
    text = path.read_text("utf-8")
    assert text.startswith(
        "---\nkind: weekly\nauthor: kai\ndate: 2026-11-21\nprojects: [apollo]\n---\n# Weekly update\n"
    )
    assert "## Blocked" in text and "title:" not in text


def test_an_author_on_the_command_line_and_a_title_for_meeting_notes(root: Path, capsys) -> None:
    """``--author`` wins over git; meeting notes are named and titled after the title given."""
    git_email(root, "kai@example.org")
    outcome = run_cli(
        capsys, root, "write", "meeting", "Apollo: planning", "--author", "@Ana", "--date", "2026-11-19"
    )
    assert outcome.code == 0, outcome.err
    text = (root / "updates" / "2026-11-19-apollo-planning.md").read_text("utf-8")
    assert "author: ana\n" in text and "date: 2026-11-19\n" in text and "# Apollo: planning\n" in text


def test_written_updates_build_strictly_and_pass_the_check(root: Path, capsys) -> None:
    """What ``handbook write`` writes, the build and the check accept (templates' sections included)."""
    git_email(root, "ana@example.org")
    assert run_cli(capsys, root, "write", "weekly").code == 0
    assert run_cli(capsys, root, "write", "meeting", "Kickoff").code == 0
    assert run_cli(capsys, root, "write", "daily").code == 0
    assert run_cli(capsys, root, "check").code == 0
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    assert "Kickoff" in result.content("updates/")
    daily = (root / "updates" / "2026-11-20-ana-daily.md").read_text("utf-8")
    assert daily == (
        "---\nauthor: ana\ndate: 2026-11-20\nkind: daily\n---\n"
        "# Daily update\n\n## Done\n\n-\n\n## Next\n\n-\n\n## Blocked\n\n-\n"
    )


@pytest.mark.parametrize(
    ("args", "email", "words"),
    [
        (("write", "weekly"), "", "who is writing? Give --author HANDLE, set HANDBOOK_HANDLE"),
        (
            ("write", "weekly"),
            "stranger@example.org",
            "your git e-mail (stranger@example.org) is not on the roster",
        ),
        (
            ("write", "weekly", "--author", "zed"),
            "",
            "'zed' is not a handle on the roster (handles: ana, kai",
        ),
        (("write", "weeky", "--author", "ana"), "", "'weeky' is not a kind of update; the kinds are daily"),
        (("write", "meeting", "--author", "ana"), "", "needs {slug}; give a title"),
        (
            ("write", "weekly", "--author", "ana", "--project", "zeus"),
            "",
            "'zeus' is not a project (projects: apollo",
        ),
        (
            ("write", "weekly", "--author", "ana", "--date", "2026-02-30"),
            "",
            "'2026-02-30' is not a date that exists",
        ),
    ],
)
def test_write_explains_what_it_cannot_do(root: Path, capsys, args, email: str, words: str) -> None:
    """Every refusal says why in a sentence, exits with 2, and writes nothing."""
    if email:
        git_email(root, email)
    outcome = run_cli(capsys, root, *args)
    assert outcome.code == 2 and words in outcome.err, outcome.err
    assert sorted(p.name for p in (root / "updates").iterdir()) == ["projects.yml"]


def test_an_existing_update_is_never_overwritten(root: Path, capsys) -> None:
    """The second update of the same kind on the same day is refused; the first stays byte for byte."""
    git_email(root, "ana@example.org")
    assert run_cli(capsys, root, "write", "weekly").code == 0
    path = root / "updates" / "2026-11-20-ana-weekly.md"
    path.write_bytes(path.read_bytes() + b"My own words.\r\n")
    before = path.read_bytes()
    outcome = run_cli(capsys, root, "write", "weekly")
    assert outcome.code == 2 and "already exists; it was not overwritten" in outcome.err
    assert path.read_bytes() == before


def test_new_from_an_update_template_writes_what_write_writes(root: Path) -> None:
    """``handbook template weekly`` (the console script) writes the same file as ``handbook write``."""
    first = run_script(root, "template", "weekly", "--handle", "lea")
    assert first.code == 0, first.err
    written = (root / "updates" / "2026-11-21-lea-weekly.md").read_text("utf-8")
    (root / "updates" / "2026-11-21-lea-weekly.md").unlink()
    second = run_script(root, "write", "weekly", "--author", "lea")
    assert second.code == 0, second.err
    assert (root / "updates" / "2026-11-21-lea-weekly.md").read_text("utf-8") == written
    assert "author: lea\n" in written and "kind: weekly\n" in written


def test_handbook_handle_names_the_author(root: Path) -> None:
    """``HANDBOOK_HANDLE`` in the environment saves typing ``--author``."""
    outcome = run_script(root, "write", "weekly", env={"HANDBOOK_HANDLE": "sam"})
    assert outcome.code == 0, outcome.err
    assert (root / "updates" / "2026-11-21-sam-weekly.md").is_file()  # Saturday 01:30 in Jerusalem
