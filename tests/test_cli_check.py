"""``handbook check`` and ``handbook list``: what the build reports, for people, CI and scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from teamhandbook.cli import check as check_command
from teamhandbook.handbook import load_handbook
from teamhandbook.model.problem import Problem, Severity, warning

from .cli import run_cli, run_script
from .conftest import MINIMAL_CONFIG, decision, make_handbook

DUPLICATES = {
    "decisions/0001-record-decisions.md": decision({"status": "accepted", "tags": ["process"]}, "Record"),
    "decisions/0002-use-kafka.md": decision({"status": "accepted", "tags": ["queue"]}, "Use Kafka"),
    "decisions/0002-use-rabbitmq.md": decision({"status": "proposed", "tags": ["queue"]}, "Use RabbitMQ"),
}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A Git repository (a ``.git`` folder is enough) whose handbook lives in ``handbook/``."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_two_decisions_with_one_number_fail_the_check(repository: Path, capsys) -> None:
    """The classic merge accident is an error on both files, and the check exits with 1."""
    root = make_handbook(repository / "handbook", DUPLICATES)
    outcome = run_cli(capsys, root, "check")
    assert outcome.code == 1
    lines = outcome.out.splitlines()
    assert any(line.startswith("decisions/0002-use-kafka.md:1: error: decision number 2") for line in lines)
    assert any(line.startswith("decisions/0002-use-rabbitmq.md:1: error:") for line in lines)
    assert any(line.startswith("decisions/0002-use-rabbitmq.md:2: warning: this proposal") for line in lines)
    assert lines[-1] == "handbook check: 2 errors, 1 warning"


def test_github_annotations_name_files_from_the_repository_root(repository: Path) -> None:
    """Annotations carry the path from the repository root and the line, so they land in the diff."""
    root = make_handbook(
        repository / "handbook",
        {"decisions/0001-x.md": "---\nstatus: accepted\ndate: 2024-13-45\n---\n# X\n"},
    )
    outcome = run_script(root / "decisions", "check", "--format", "github", env={"GITHUB_WORKSPACE": ""})
    assert outcome.code == 1
    assert outcome.out.splitlines() == [
        "::error file=handbook/decisions/0001-x.md,line=3,title=handbook%3A bad-date::"
        "'2024-13-45' is not a date that exists; write it as YYYY-MM-DD."
    ]
    assert "1 error" in outcome.err


def test_github_annotation_escapes_what_would_break_the_command() -> None:
    """``%``, and ``,`` or ``:`` in properties are escaped as the Actions toolkit does; a line break
    never reaches the command: a problem shows it as an escape, so no second command can follow it."""
    problem = Problem("docs/a,b:c.md", 7, "100% wrong:\r\n::error::see here, please", Severity.WARNING, "odd")
    assert check_command.github_annotation(problem, problem.file) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=7,title=handbook%3A odd::"
        "100%25 wrong:\\x0d\\x0a::error::see here, please"
    )


def test_warnings_are_shown_but_do_not_fail(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """A date-dependent reminder is printed with its severity, and the check still exits with 0."""
    root = make_handbook(tmp_path / "h", {"decisions/0001-x.md": decision({"status": "accepted"}, "X")})

    def with_reminder(settings, **options):
        handbook = load_handbook(settings, **options)
        handbook.problems.append(
            warning("decisions/0001-x.md", 2, "the review is overdue.", "review-overdue")
        )
        return handbook

    monkeypatch.setattr(check_command, "load_handbook", with_reminder)
    outcome = run_cli(capsys, root, "check")
    assert outcome.code == 0
    assert "decisions/0001-x.md:2: warning: the review is overdue. [review-overdue]" in outcome.out
    report = json.loads(run_cli(capsys, root, "check", "--format", "json").out)
    assert report["counts"] == {"error": 0, "warning": 1, "note": 0}
    assert report["problems"][0]["code"] == "review-overdue"


LINKS = {
    "docs/index.md": """\
        # Home

        [Guide](guide/index.md) · [Log](decisions/index.md) · [Data](decisions.json) · [Top](#home)
        [Missing](guide/nowhere.md) · [Folder](guide/) · [Web](https://example.org/x.md)

        ```markdown
        [Inside code](does-not-exist.md)
        ```
        """,
    "docs/guide/index.md": """\
        # Guide

        [A decision](../decisions/0001-a.md#consequences) and [wrong](../../decisions/0001-a.md)
        """,
    "decisions/0001-a.md": decision(
        {"status": "accepted"},
        "A",
        body="[Diagram](flow.svg), [B](archive/0002-b.md)\n\n[Guide](../docs/guide/index.md)",
    ),
    "decisions/flow.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "decisions/archive/0002-b.md": decision(
        {"status": "accepted"}, "B", body="[A](../0001-a.md), [Image](../flow.svg), [Gone](../0009-gone.md)"
    ),
}


def test_links_that_lead_nowhere_are_reported_the_way_the_site_resolves_them(tmp_path: Path, capsys) -> None:
    """Links are checked against the published layout; the message says what the right link is."""
    config = {**MINIMAL_CONFIG, "nav": ["index.md", {"Guide": ["guide/index.md", "guide/missing.md"]}]}
    root = make_handbook(tmp_path / "h", LINKS, config)
    outcome = run_cli(capsys, root, "check", "--format", "json")
    found = {(p["file"], p["line"]): p["message"] for p in json.loads(outcome.out)["problems"]}
    assert outcome.code == 1
    assert set(found) == {
        ("docs/index.md", 4),
        ("docs/guide/index.md", 3),
        ("decisions/0001-a.md", 10),
        ("decisions/archive/0002-b.md", 8),
        ("mkdocs.yml", 17),
    }
    assert "guide/nowhere.md" in found["docs/index.md", 4]
    assert "link to '../decisions/0001-a.md'" in found["docs/guide/index.md", 3]
    assert "link to '../guide/index.md'" in found["decisions/0001-a.md", 10]
    assert "'../0009-gone.md'" in found["decisions/archive/0002-b.md", 8]
    assert "'guide/missing.md'" in found["mkdocs.yml", 17]


@pytest.mark.parametrize(
    ("args", "code", "titles"),
    [
        ((), 0, ["Record", "Use Kafka", "Use RabbitMQ"]),
        (("--status", "proposed"), 0, ["Use RabbitMQ"]),
        (("--tag", "queue"), 0, ["Use Kafka", "Use RabbitMQ"]),
        (("--tag", "nothing"), 1, []),
    ],
)
def test_list_filters_by_status_and_tag(
    tmp_path: Path, capsys, args: tuple[str, ...], code: int, titles: list[str]
) -> None:
    """``list`` prints matching decisions in log order, as a table and as JSON; none matching exits 1."""
    root = make_handbook(tmp_path / "h", DUPLICATES)
    table = run_cli(capsys, root, "list", *args)
    assert table.code == code
    assert [line.split("  ")[-2].strip() for line in table.out.splitlines()] == titles
    records = json.loads(run_cli(capsys, root, "list", "--json", *args).out)
    assert [r["title"] for r in records] == titles
    assert all({"id", "status", "date", "tags", "url", "source"} <= r.keys() for r in records)


def test_every_subcommand_has_help_with_exit_codes(capsys) -> None:
    """``handbook COMMAND --help`` describes the command and its exit codes."""
    from teamhandbook.cli.main import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # the registered subcommands
    assert set(commands) >= {
        "init",
        "new",
        "status",
        "supersede",
        "link",
        "list",
        "check",
        "import",
        "render",
    }
    for name, sub in commands.items():
        text = sub.format_help()
        assert "Exit codes:" in text, name
        assert "Traceback" not in text
