"""Each decision format real teams use is read as written, in a real site build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, MINIMAL_CONFIG, build, make_handbook

# folder: {id: (format, status, title, date, supersedes, superseded_by, relates_to)}
EXPECTED = {
    "nygard": {
        "0001-record-architecture-decisions": (
            "nygard",
            "accepted",
            "Record architecture decisions",
            "2019-04-02",
            [],
            [],
            [],
        ),
        "0002-deploy-with-shell-scripts": (
            "nygard",
            "superseded",
            "Deploy with shell scripts",
            "2019-04-10",
            [],
            ["0004-deploy-with-a-pipeline"],
            [],
        ),
        "0003-log-to-standard-output": (
            "nygard",
            "accepted",
            "Log to standard output",
            "2019-05-01",
            [],
            [],
            [],  # amended by 0005: see test_adr_tools_amendments_hold_both_ways
        ),
        "0004-deploy-with-a-pipeline": (
            "nygard",
            "accepted",
            "Deploy with a pipeline",
            "2020-01-15",
            ["0002-deploy-with-shell-scripts"],
            [],
            [],
        ),
        "0005-structured-logs": (
            "nygard",
            "accepted",
            "Structured logs",
            "2020-03-03",
            [],
            [],
            [],  # amends 0003
        ),
    },
    "nygard-pt": {
        "0001-registrar-decisões": ("nygard", "accepted", "Registrar decisões", "2021-02-22", [], [], []),
        "0002-relacionamentos": ("nygard", "proposed", "Relacionamentos", "2021-08-09", [], [], []),
    },
    "madr2": {
        "0001-use-markdown-records": (
            "madr2",
            "accepted",
            "Use Markdown Architectural Decision Records",
            "2021-06-21",
            [],
            [],
            [],
        ),
        "0002-extract-list-component": (
            "madr2",
            "accepted",
            "Extract a list component from the form pattern",
            "2021-07-01",
            [],
            [],
            [],
        ),
    },
    "madr3": {
        "0001-choose-a-queue": ("madr3", "accepted", "Choose a message queue", "2022-11-02", [], [], []),
        "0002-retry-policy": ("madr3", None, "Retry failed jobs three times", None, [], [], []),
    },
    "madr4": {
        "0000-use-madr": ("madr4", None, "Use Markdown Architectural Decision Records", None, [], [], []),
        "0001-own-tooling": ("madr4", "on-hold", "Write own tooling", None, [], [], []),
        "0002-front-matter": (
            "madr4",
            "accepted",
            "Use YAML front matter for metadata",
            "2024-01-10",
            [],
            [],
            [],
        ),
    },
    "log4brains": {
        "20200924-use-markdown-records": (
            "log4brains",
            "accepted",
            "Use Markdown Architectural Decision Records",
            "2020-09-24",
            [],
            [],
            [],
        ),
        "20200926-use-the-number-as-id": (
            "log4brains",
            "superseded",
            "Use the ADR number as its unique ID",
            "2020-09-26",
            [],
            ["20201016-use-the-slug-as-id"],
            [],
        ),
        "20201016-use-the-slug-as-id": (
            "log4brains",
            "accepted",
            "Use the ADR slug as its unique ID",
            "2020-10-16",
            ["20200926-use-the-number-as-id"],
            [],
            [],
        ),
        "20201103-use-lunr": ("log4brains", "draft", "Use Lunr for search", "2020-11-03", [], [], []),
    },
}

# folder: [(file, line, words in the message)] — exactly the problems a careful reader would raise
EXPECTED_PROBLEMS = {
    "nygard": [],
    "nygard-pt": [  # with the team's aliases, below; a proposal is a request, in any language
        ("decisions/0002-relacionamentos.md", 5, "does not state its purpose, the action it wants"),
    ],
    "madr2": [
        ("decisions/index.md", 1, "left out: the log's index"),
        ("decisions/template.md", 1, "left out: a template"),
    ],
    "madr3": [
        ("decisions/0002-retry-policy.md", 2, "template's list of choices"),
        ("decisions/0002-retry-policy.md", 3, "placeholder"),
    ],
    # "on hold" is a status in wide use (MADR's own log has it): understood, not reported
    "madr4": [
        ("decisions/adr-template.md", 1, "left out: a template"),
        ("decisions/index.md", 1, "left out: the log's index"),
    ],
    "log4brains": [
        ("decisions/README.md", 1, "left out: the log's index"),
        ("decisions/index.md", 1, "left out: the log's index"),
        ("decisions/template.md", 1, "left out: a template"),
    ],
}

ALIASES = {"nygard-pt": {"aceito": "accepted", "proposto": "proposed"}}


def build_fixture(tmp_path: Path, folder: str, strict: bool = False):
    """Copy a fixture folder in as ``decisions/`` and build the handbook."""
    root = make_handbook(
        tmp_path / "handbook",
        config={
            **MINIMAL_CONFIG,
            "plugins": [
                "search",
                {"team-handbook": {"status_aliases": ALIASES.get(folder, {})}},
            ],
        },
    )
    shutil.copytree(FIXTURES / "formats" / folder, root / "decisions")
    return build(root, strict=strict)


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_every_record_is_read_as_written(tmp_path: Path, folder: str) -> None:
    """Every decision of a format is read with its format, status, title, date and relations."""
    result = build_fixture(tmp_path, folder)
    assert result.returncode == 0, result.log
    records = {d["id"]: d for d in result.json()["decisions"]}
    assert set(records) == set(EXPECTED[folder])
    for decision_id, expected in EXPECTED[folder].items():
        record = records[decision_id]
        actual = (
            record["format"],
            record["status"],
            record["title"],
            record["date"],
            record["supersedes"],
            record["superseded_by"],
            record["relates_to"],
        )
        assert actual == expected, decision_id


def test_adr_tools_amendments_hold_both_ways(tmp_path: Path) -> None:
    """adr-tools' ``Amends`` and ``Amended by`` lines are amendments, complete on both sides, shown
    on both pages and in ``decisions.json``."""
    result = build_fixture(tmp_path, "nygard")
    records = {d["id"]: d for d in result.json()["decisions"]}
    assert records["0005-structured-logs"]["amends"] == ["0003-log-to-standard-output"]
    assert records["0003-log-to-standard-output"]["amended_by"] == ["0005-structured-logs"]
    page = result.content("decisions/0003-log-to-standard-output/")
    assert "Amended by:" in page and "Structured logs" in page


@pytest.mark.parametrize("folder", sorted(EXPECTED_PROBLEMS))
def test_only_real_problems_are_reported(tmp_path: Path, folder: str) -> None:
    """The problems reported for a format folder are exactly the real ones, with file and line."""
    result = build_fixture(tmp_path, folder)
    problems = result.json()["problems"]
    found = sorted((p["file"], p["line"]) for p in problems)
    assert found == sorted((file, line) for file, line, _ in EXPECTED_PROBLEMS[folder]), problems
    for (file, line, words), problem in zip(
        sorted(EXPECTED_PROBLEMS[folder]),
        sorted(problems, key=lambda p: (p["file"], p["line"])),
        strict=True,
    ):
        assert words in problem["message"]
        assert f"{file}:{line}:" in result.log


@pytest.mark.parametrize("folder", ["madr2", "madr4", "log4brains"])
def test_index_readme_and_templates_are_not_decisions(tmp_path: Path, folder: str) -> None:
    """Index, README and template files in a decision folder are recognised and not listed."""
    result = build_fixture(tmp_path, folder)
    ids = {d["id"] for d in result.json()["decisions"]}
    assert not ids & {"index", "README", "template", "adr-template"}
    assert not (result.site / "decisions" / "template").exists()
    index = result.page("decisions/")
    assert "short title of solved problem" not in index


def test_metadata_in_code_blocks_is_ignored(tmp_path: Path) -> None:
    """A status, date or heading inside a fenced code block is example text, not metadata."""
    result = build_fixture(tmp_path, "madr4")
    record = next(d for d in result.json()["decisions"] if d["id"] == "0002-front-matter")
    assert (record["status"], record["date"]) == ("accepted", "2024-01-10")


def test_header_bullets_are_shown_in_the_header(tmp_path: Path) -> None:
    """MADR 2 header bullets move into the page header, unknown ones included."""
    result = build_fixture(tmp_path, "madr2")
    page = result.page("decisions/0002-extract-list-component/")
    assert "Components" in page and "add-to-a-list, list-with-actions" in page
    assert "platform, design" in page
    assert "* Status:" not in page and "<li>Status:" not in page


def test_a_file_without_a_title_is_named_after_its_file(tmp_path: Path) -> None:
    """A record with no leading heading takes its title from the file name, not a later heading."""
    result = build_fixture(tmp_path, "nygard-pt")
    page = result.page("decisions/0002-relacionamentos/")
    assert "<h1" in page and "Relacionamentos</h1>" in page
