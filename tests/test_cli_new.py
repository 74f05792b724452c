"""``handbook new``: the next free number, the handbook's template, never an overwritten file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from teamhandbook.readers.decision import read_decision
from teamhandbook.writers import files

from .cli import HANDBOOK_SCRIPT, run_cli, run_script
from .conftest import decision, make_handbook


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A handbook with two decisions, numbered 0001 and 0002."""
    return make_handbook(
        tmp_path / "handbook",
        {
            "decisions/0001-record-decisions.md": decision({"status": "accepted"}, "Record decisions"),
            "decisions/archive/0002-use-a-queue.md": decision({"status": "accepted"}, "Use a queue"),
        },
    )


def decisions(root: Path) -> list[str]:
    """Return the names of the files in the decisions folder, subfolders excluded."""
    return sorted(p.name for p in (root / "decisions").iterdir() if p.is_file())


def test_new_writes_the_next_number_from_the_built_in_template(root: Path, capsys) -> None:
    """The file takes max + 1, is named after the title and carries the given fields."""
    outcome = run_cli(
        capsys,
        root,
        "new",
        "Record demos instead of the Friday call!",
        "--tags",
        "process, meetings",
        "--feedback-by",
        "2026-12-04",
        "--decision-makers",
        "Maya Chen,Lukas Berg",
        "--owner",
        "@maya",
        "--date",
        "2026-11-20",
    )
    assert outcome.code == 0, outcome.err
    path = root / "decisions" / "0003-record-demos-instead-of-the-friday-call.md"
    assert outcome.out.strip().endswith("decisions/0003-record-demos-instead-of-the-friday-call.md")
    text = path.read_text()
    assert text.startswith(
        "---\nstatus: proposed\ndate: 2026-11-20\ndecision-makers: [Maya Chen, Lukas Berg]\n"
    )
    read, problems = read_decision(text, "decisions/x.md", path.stem)
    assert read.title == "Record demos instead of the Friday call!"
    assert read.tags == ["process", "meetings"] and read.owner == "@maya"
    assert read.feedback_by.isoformat() == "2026-12-04"
    assert problems == []
    assert run_cli(capsys, root, "check").code == 0


def test_new_supersedes_marks_the_old_decision(root: Path, capsys) -> None:
    """An accepted ``--supersedes`` writes the relation into the new file and marks the old one, mirrored."""
    outcome = run_cli(capsys, root, "new", "Use a log", "--supersedes", "2", "--status", "accepted")
    assert outcome.code == 0, outcome.err
    old = (root / "decisions" / "archive" / "0002-use-a-queue.md").read_text()
    assert "status: superseded" in old and 'superseded-by: ["0003"]' in old
    assert 'supersedes: ["0002"]' in (root / "decisions" / "0003-use-a-log.md").read_text()
    assert "updated" in outcome.out
    assert run_cli(capsys, root, "check").code == 0


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        (["001-a.md", "002-b.md"], "003-new-idea.md"),
        (["ADR-0007-a.md"], "ADR-0008-new-idea.md"),
        (["1-a.md", "12-b.md"], "13-new-idea.md"),
        (["20240110-a.md"], "20261120-new-idea.md"),
        ([], "0001-new-idea.md"),
    ],
    ids=["three-digits", "prefix", "unpadded", "log4brains-dates", "empty"],
)
def test_new_names_files_the_way_the_folder_does(
    tmp_path: Path, capsys, existing: list[str], expected: str
) -> None:
    """Width, prefix and dated names follow the folder's own convention."""
    root = make_handbook(
        tmp_path / "h", {f"decisions/{name}": decision({"status": "accepted"}, "X") for name in existing}
    )
    (root / "decisions").mkdir(exist_ok=True)
    assert run_cli(capsys, root, "new", "New idea", "--date", "2026-11-20").code == 0
    assert expected in decisions(root)


def test_a_template_in_the_decisions_folder_replaces_the_built_in_one(root: Path, capsys) -> None:
    """``decisions/template.md`` is filled in: its title, status and date lines, its own sections."""
    (root / "decisions" / "template.md").write_text(
        "---\n"
        'status: "{proposed | accepted}"  # pick one\n'
        "date: {YYYY-MM-DD}\n"
        "---\n"
        "<!-- markdownlint-disable MD025 -->\n"
        "# {short title}\n\n"
        "## Our own section\n"
    )
    assert run_cli(capsys, root, "new", "Adopt trunk-based development", "--date", "2026-01-05").code == 0
    text = (root / "decisions" / "0003-adopt-trunk-based-development.md").read_text()
    assert text == (
        "---\n"
        'status: "proposed"  # pick one\n'
        "date: 2026-01-05\n"
        "---\n"
        "<!-- markdownlint-disable MD025 -->\n"
        "# Adopt trunk-based development\n\n"
        "## Our own section\n"
    )


ADR_TOOLS_TEMPLATE = """# NUMBER. TITLE

Date: DATE

## Status

STATUS

## Context

The issue motivating this decision.
"""


def test_an_adr_tools_template_gets_the_number_title_date_and_status(root: Path, capsys) -> None:
    """adr-tools' ``templates/template.md`` is found; its ``NUMBER. TITLE`` heading gets both."""
    (root / "decisions" / "templates").mkdir()
    (root / "decisions" / "templates" / "template.md").write_text(ADR_TOOLS_TEMPLATE)
    assert run_cli(capsys, root, "new", "Use Kafka for events", "--date", "2026-01-05").code == 0
    text = (root / "decisions" / "0003-use-kafka-for-events.md").read_text()
    assert text == ADR_TOOLS_TEMPLATE.replace("NUMBER. TITLE", "3. Use Kafka for events").replace(
        "DATE", "2026-01-05"
    ).replace("STATUS", "Proposed")
    assert run_cli(capsys, root, "check").code == 0


def test_a_numbered_heading_follows_the_number_taken_in_a_race(
    root: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When another file takes our number while ``new`` writes, the heading carries the number we get."""
    (root / "decisions" / "template.md").write_text(ADR_TOOLS_TEMPLATE)
    real = files.create_exclusively
    theirs = root / "decisions" / "0003-race.md"

    def racing(path: Path, data: bytes) -> None:
        if not theirs.exists():
            theirs.write_text("# 3. Someone else's\n\nDate: 2026-01-01\n\n## Status\n\nProposed\n")
        real(path, data)

    monkeypatch.setattr(files, "create_exclusively", racing)
    assert run_cli(capsys, root, "new", "Race").code == 0
    assert (root / "decisions" / "0004-race.md").read_text().startswith("# 4. Race\n")


@pytest.mark.parametrize(
    ("competitor", "first"),
    [("0003-race.md", True), ("0003-from-a-branch.md", False)],
    ids=["same-name-before-ours", "same-number-after-ours"],
)
def test_new_takes_the_next_number_when_another_file_takes_its_own(
    root: Path, capsys, monkeypatch: pytest.MonkeyPatch, competitor: str, first: bool
) -> None:
    """A file that appears while ``new`` writes (a checkout, an editor) keeps its number; ours moves on.

    Either the competitor has our very name (our exclusive creation fails), or it takes our number
    under another name just after we wrote ours (we step aside).
    """
    real = files.create_exclusively
    theirs = root / "decisions" / competitor
    content = "---\nstatus: proposed\n---\n# Someone else's\n"

    def racing(path: Path, data: bytes) -> None:
        if first and not theirs.exists():
            theirs.write_text(content)
        real(path, data)
        if not first and not theirs.exists():
            theirs.write_text(content)

    monkeypatch.setattr(files, "create_exclusively", racing)
    outcome = run_cli(capsys, root, "new", "Race")
    assert outcome.code == 0, outcome.err
    assert outcome.out.strip().endswith("0004-race.md")
    assert theirs.read_text() == content
    assert [name for name in decisions(root) if name.startswith("0003")] == [competitor]
    assert "# Race" in (root / "decisions" / "0004-race.md").read_text()
    assert run_cli(capsys, root, "check").code == 0


def test_parallel_new_commands_take_different_numbers(root: Path) -> None:
    """Four ``handbook new`` processes started together write four files with four numbers."""
    processes = [
        subprocess.Popen(
            [str(HANDBOOK_SCRIPT), "new", f"Parallel {i}"], cwd=root, stdout=subprocess.PIPE, text=True
        )
        for i in range(4)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], outputs
    numbers = sorted(name[:4] for name in decisions(root) if "parallel" in name)
    assert numbers == ["0003", "0004", "0005", "0006"]


def test_new_never_overwrites_a_file(tmp_path: Path, capsys) -> None:
    """With dated names, a second record of the same title on the same day is refused."""
    root = make_handbook(tmp_path / "h", {"decisions/20261120-same.md": "# Same\n\n- Status: accepted\n"})
    before = (root / "decisions" / "20261120-same.md").read_bytes()
    outcome = run_cli(capsys, root, "new", "Same", "--date", "2026-11-20")
    assert outcome.code == 2 and "nothing was written" in outcome.err
    assert (root / "decisions" / "20261120-same.md").read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new",), "give the decision a title"),
        (("new", "X", "--feedback-by", "next friday"), "--feedback-by"),
        (("new", "X", "--status", "maybe"), "unknown status"),
        (("new", "X", "--supersedes", "42"), "no decision '42'"),
    ],
)
def test_new_explains_bad_options(root: Path, capsys, args: tuple[str, ...], message: str) -> None:
    """Missing titles, unreadable dates and unknown decisions are refused before anything is written."""
    outcome = run_cli(capsys, root, *args)
    assert outcome.code == 2 and message in outcome.err
    assert decisions(root) == ["0001-record-decisions.md"]


STANDUP = """\
---
title: Async stand-up
description: What you did, what you will do, what blocks you.
path: notes/{date}-{handle}-{slug}.md
author: "{handle}"
---
# Stand-up {date}: {title}

Yesterday, today, blockers. Literal braces stay: {not-a-placeholder}.
"""


@pytest.fixture
def with_template(root: Path) -> Path:
    """The handbook, with a recurring template in its working agreement."""
    folder = root / "working-agreement" / "templates"
    folder.mkdir(parents=True)
    (folder / "standup.md").write_text(STANDUP)
    (folder / "broken.md").write_text("---\ntitle: No path\ndescription: Lost.\n---\n# x\n")
    (folder / "weekly.md").write_text(
        "---\ntitle: Weekly\ndescription: Every Friday.\npath: notes/{week}.md\n---\n# x\n"
    )
    return root


def test_new_from_a_recurring_template(with_template: Path, capsys) -> None:
    """The template's path and body are filled in; its own keys are dropped, others kept."""
    root = with_template
    args = ("template", "standup", "API freeze", "--handle", "@maya", "--date", "2026-11-20")
    outcome = run_cli(capsys, root, *args)
    assert outcome.code == 0, outcome.err
    written = root / "notes" / "2026-11-20-maya-api-freeze.md"
    assert written.read_text() == (
        '---\nauthor: "maya"\n---\n# Stand-up 2026-11-20: API freeze\n\n'
        "Yesterday, today, blockers. Literal braces stay: {not-a-placeholder}.\n"
    )
    again = run_cli(capsys, root, *args)
    assert again.code == 2 and "not overwritten" in again.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("template", "standup", "Title"), "needs {handle}"),
        (("template", "retro"), "no template 'retro'"),
        (("template", "broken"), "the template has no `path`"),
        (("template", "weekly"), "'{week}' is not a placeholder; use {date}, {handle}, {slug}"),
        (("template", "standup", "Title", "--handle", "maya", "--date", "20th of never"), "--date"),
    ],
)
def test_recurring_templates_explain_what_is_missing(
    with_template: Path, capsys, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    """A missing handle, an unknown template or a template without ``path:`` is explained."""
    monkeypatch.delenv("HANDBOOK_HANDLE", raising=False)
    outcome = run_cli(capsys, with_template, *args)
    assert outcome.code == 2 and message in outcome.err


def test_list_templates_through_the_console_script(with_template: Path) -> None:
    """``handbook template`` lists usable templates, and HANDBOOK_HANDLE fills the handle."""
    listed = run_script(with_template, "template")
    assert listed.code == 0
    assert "standup" in listed.out and "notes/{date}-{handle}-{slug}.md" in listed.out
    assert "broken" not in listed.out
    made = run_script(with_template, "template", "standup", "Hello", env={"HANDBOOK_HANDLE": "lukas"})
    assert made.code == 0, made.err
    assert "-lukas-hello.md" in made.out


def test_the_older_new_template_form_writes_the_same_document(with_template: Path, capsys) -> None:
    """``handbook new --template`` and ``--list-templates``, from before ``handbook template``, still work."""
    listed = run_cli(capsys, with_template, "new", "--list-templates")
    assert listed.code == 0 and listed.out == run_cli(capsys, with_template, "template").out
    options = ("--handle", "maya", "--date", "2026-11-20")
    old = run_cli(capsys, with_template, "new", "--template", "standup", "Same", *options)
    assert old.code == 0, old.err
    path = with_template / "notes" / "2026-11-20-maya-same.md"
    written = path.read_bytes()
    path.unlink()
    new = run_cli(capsys, with_template, "template", "standup", "Same", *options)
    assert new.code == 0 and path.read_bytes() == written


def test_the_template_command_is_listed_and_new_points_to_it(with_template: Path) -> None:
    """``handbook --help`` lists ``template``; ``handbook new --help`` points to it, old options hidden."""
    listing = " ".join(run_script(with_template, "--help").out.split())
    assert "template List the working agreement's templates, or write a recurring document" in listing
    new_help = run_script(with_template, "new", "--help")
    assert "handbook template NAME" in new_help.out and "--list-templates" not in new_help.out
