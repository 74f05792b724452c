"""Every shape of decision log teams write is read as a careful reader would read it.

Each folder of ``tests/fixtures/shapes`` holds small hand-made records of one family of shapes; the
tables below say, for every file, the status, date, title and successors read, and every problem
reported, with its line. A few real builds check what a user sees on the site.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.settings import PageSettings, Settings

from .cli import run_cli
from .conftest import FIXTURES, MINIMAL_CONFIG, build, commit_all, make_handbook

SHAPES = FIXTURES / "shapes"

# folder: {id: (status key, date, title, superseded_by ids)}
EXPECTED = {
    "tables": {
        "0001-key-value-table": ("accepted", "2024-03-04", "Use a key-value table", []),
        "0002-header-row-of-keys": ("proposed", "2025-01-16", "Header row of keys", []),
        "0003-quoted-table": ("rfc", "2023-07-04", "Quoted table under an empty header row", []),
        "0004-table-in-the-body": ("accepted", None, "A table in the body is not metadata", []),
    },
    "labels": {
        "0001-bold-label": ("accepted", "2024-02-01", "Bold labels", []),
        "0002-french-label": ("accepted", "2023-03-12", "Libellés en français", []),
        "0003-dash-bullets": (
            "superseded",
            "2024-05-06",
            "Dash bullets with bold labels",
            ["0002-french-label"],
        ),
        "0004-label-without-colon": ("accepted", "2021-11-30", "A date label without a colon", []),
    },
    "sections": {
        "0001-status-at-the-end": ("approved", None, "Status section at the end", []),
        "0002-status-in-the-heading": ("deprecated", None, "Status in the heading", []),
        "0003-bold-heading-and-sentence": ("proposed", None, "Bold heading and a sentence", []),
        "0004-relation-lines": ("superseded", "2020-01-15", "Relation lines", ["0001-status-at-the-end"]),
        "0005-spanish-section": ("accepted", None, "Sección en español", []),
    },
    "histories": {
        "0001-dated-history": ("completed", "2017-11-22", "编写完整的单元测试", []),
        "0002-history-table": ("deprecated", None, "History in a table", []),
        "0003-history-bullets": ("rejected", None, "History in bullets, newest first", []),
    },
    "checklists": {
        "0001-ticked": ("accepted", None, "A ticked checklist", []),
        "0002-nothing-ticked": (None, None, "Nothing ticked yet", []),
    },
    "markers": {
        "0001-emoji": ("accepted", "2024-11-11", "An emoji before the word", []),
        "0002-emoji-superseded": ("superseded", None, "An emoji before a relation", ["0001-emoji"]),
        "0003-badge": ("on-hold", None, "A shields.io badge", []),
        "0004-badge-alt-text": ("rejected", None, "A badge with alt text", []),
        "0005-html-tag": ("proposed", None, "An HTML tag with a status", []),
        "0006-vue-tag": ("implemented", None, "A Vue component", []),
    },
    "languages": {
        "0001-deutsch": ("accepted", "2023-03-03", "Deutsch", []),
        "0002-espanol": ("accepted", "2021-06-07", "Español", []),
        "0003-portugues": ("accepted", "2023-03-12", "Português", []),
        "0004-italiano": ("proposed", "2024-06-05", "Italiano", []),
        "0005-nederlands": ("rejected", "2022-02-14", "Nederlands", []),
        "0006-zhongwen": ("accepted", "2023-05-04", "中文", []),
        "0007-nihongo": ("accepted", "2022-10-01", "日本語", []),
        "0008-francais": ("superseded", None, "Français", ["0002-espanol"]),
    },
    "dates": {
        "0001-month-name": ("accepted", "2022-03-03", "Month name and ordinal", []),
        "0002-day-month-name": ("accepted", "2021-06-07", "Day, month name, year", []),
        "0003-ordinal-first": ("accepted", "2020-11-30", "Ordinal first", []),
        "0004-day-proves-it": ("accepted", "2024-10-23", "The day proves the order", []),
        "0005-in-brackets": ("accepted", "2021-11-30", "A date in template brackets", []),
        "0006-ambiguous": ("accepted", None, "An ambiguous date", []),
        "0007-slashes": ("accepted", "2024-01-31", "Year first with slashes", []),
        "0008-with-a-remark": ("accepted", "2020-09-24", "A date with a remark", []),
    },
    "folders": {
        "0002-keep-one-repository": ("accepted", None, "Keep one repository", []),
        "2022-03-15-use-event-sourcing": (None, "2022-03-15", "Use event sourcing", []),
        "2023-01-09-plain-folder": (None, "2023-01-09", "Plain folder", []),
    },
    "status-folders": {
        "0001-current": ("accepted", None, "Current decision", []),
        "0001-first-review": ("accepted", None, "First review", []),
        "0002-old": ("superseded", None, "Old decision", ["0001-current"]),
        "0003-stated": ("accepted", None, "Stated status wins", []),
        "idea": ("proposed", None, "An idea under discussion", []),
    },
    "templates": {
        "0001-use-a-template-engine-for-reports": (
            "accepted",
            "2024-04-02",
            "Use a template engine for reports",
            [],
        ),
        "ADR-XXX_agree-the-pipeline": (None, None, "Agree the pipeline", []),
    },
    "titles": {
        "0001-placeholder-heading": ("proposed", "2022-06-20", "Placeholder heading", []),
        "0002-generic-heading": ("accepted", None, "Generic heading", []),
        "0003-numbered": ("accepted", None, "Use bold and code in a title", []),
        "0004-bracketed": ("accepted", None, "Gestion des dates", []),
        "0005-status-prefix": ("superseded", None, "Use the old way", ["0003-numbered"]),
        "0006-front-matter": ("accepted", None, "The front matter's title", []),
        "0007-same-heading": ("accepted", None, "Use the old way", []),
        "0008-warning-first": ("deprecated", None, "A title after a warning", []),
    },
}

# folder: [(file in the folder, line, severity, words of the message)]
PROBLEMS = {
    "tables": [],
    "labels": [],
    "sections": [],
    "histories": [],
    "checklists": [],
    "markers": [],
    "languages": [],
    "dates": [("0006-ambiguous.md", 4, "error", "could be read day-first or month-first")],
    "folders": [
        ("README.md", 1, "note", "left out: the log's index"),
        (
            "2022-03-15-use-event-sourcing/notes.md",
            1,
            "note",
            "left out: a page of the decision in 2022-03-15-use-event-sourcing/",
        ),
    ],
    "status-folders": [],
    "templates": [
        ("0000-template.md", 1, "note", "left out: a template"),
        ("ADR-XXX_agree-the-pipeline.md", 3, "error", "the status is still the template's list of choices"),
        ("ADR-XXX_agree-the-pipeline.md", 4, "error", "the date is still a placeholder"),
        ("README.md", 1, "note", "left out: the log's index"),
        (
            "copy-me.md",
            1,
            "note",
            "left out: a template (its title is a placeholder; its status is a list of choices; its date",
        ),
        ("fill-me-in.md", 1, "note", "left out: a template (its status is a list of choices; its date"),
    ],
    "titles": [
        ("0001-placeholder-heading.md", 1, "note", "the heading is still the template's placeholder"),
        ("0007-same-heading.md", 1, "note", "'Use the old way' is also the title of decisions/0005"),
    ],
}


def read_shape(tmp_path: Path, folder: str, **options):
    """Read a copy of a fixture folder as a handbook's decision log, through the build's core."""
    root = tmp_path / "handbook"
    shutil.copytree(SHAPES / folder, root / "decisions")
    settings = Settings(root=root, pages=PageSettings(git_history=False), **options)
    return load_handbook(settings)


@pytest.mark.parametrize("folder", sorted(EXPECTED))
def test_every_shape_is_read_as_written(tmp_path: Path, folder: str) -> None:
    """Each file's status, date, title and successors are what a careful reader would give."""
    handbook = read_shape(tmp_path, folder)
    found = {
        d.id: (
            d.status.key if d.status else None,
            d.date.isoformat() if d.date else None,
            d.title,
            d.relation_ids("superseded_by"),
        )
        for d in handbook.decisions
    }
    assert found == EXPECTED[folder]


@pytest.mark.parametrize("folder", sorted(PROBLEMS))
def test_every_shape_reports_exactly_its_problems(tmp_path: Path, folder: str) -> None:
    """The problems of a shape are the real ones, each with its file, line and severity.

    Advice on writing a proposal as a complete request is left aside: it concerns what a
    proposal says, not how its fields are written (tests/test_requests.py covers it).
    """
    handbook = read_shape(tmp_path, folder)
    handbook.problems = [p for p in handbook.problems if p.code != "incomplete-request"]
    found = sorted((p.file, p.line, p.severity.value) for p in handbook.problems)
    expected = sorted((f"decisions/{file}", line, severity) for file, line, severity, _ in PROBLEMS[folder])
    assert found == expected, [str(p) for p in handbook.problems]
    for (file, line, _, words), problem in zip(
        sorted(PROBLEMS[folder]), sorted(handbook.problems, key=lambda p: (p.file, p.line)), strict=True
    ):
        assert (problem.file, problem.line) == (f"decisions/{file}", line)
        assert words in problem.message


def test_every_markdown_file_is_listed_or_left_out_with_its_reason(tmp_path: Path) -> None:
    """No file disappears: each is a decision, or a note says why it was left out."""
    for folder in EXPECTED:
        handbook = read_shape(tmp_path / folder, folder)
        files = {
            f"decisions/{path.relative_to(SHAPES / folder).as_posix()}"
            for path in (SHAPES / folder).rglob("*.md")
        }
        listed = {d.source for d in handbook.decisions}
        left_out = set(handbook.decisions.left_out)
        assert listed | left_out == files, folder
        assert not listed & left_out
        notes = {p.file for p in handbook.problems if p.code == "left-out"}
        assert notes == left_out


def test_where_each_field_came_from_is_recorded(tmp_path: Path) -> None:
    """A decision knows where its status and title were read, so pages and edits can say so."""
    tables = {d.id: d for d in read_shape(tmp_path / "t", "tables").decisions}
    assert tables["0001-key-value-table"].status_source == "table"
    assert tables["0001-key-value-table"].lines["status"] == 3
    assert tables["0002-header-row-of-keys"].title_source == "name"
    assert tables["0001-key-value-table"].details == {"Components": "billing"}
    histories = {d.id: d for d in read_shape(tmp_path / "h", "histories").decisions}
    assert histories["0001-dated-history"].status_source == "history"
    assert histories["0001-dated-history"].lines["status"] == 11
    folders = {d.id: d for d in read_shape(tmp_path / "f", "status-folders").decisions}
    assert (folders["idea"].status_source, folders["idea"].folder) == ("folder", "proposed-adrs")
    assert folders["0001-first-review"].namespace == "reviews"
    assert folders["0002-old"].namespace == ""
    titles = {d.id: d for d in read_shape(tmp_path / "ti", "titles").decisions}
    assert titles["0006-front-matter"].title_source == "front-matter"
    assert "sidebar_label" not in titles["0006-front-matter"].details
    assert titles["0006-front-matter"].extra["nav-order"] == 6


def test_metadata_lines_move_into_the_header(tmp_path: Path) -> None:
    """Label lines and metadata tables are shown in the header, not repeated in the body; a
    table deep in the body stays where it is."""
    tables = {d.id: d for d in read_shape(tmp_path, "tables").decisions}
    assert "| Status | Accepted |" not in tables["0001-key-value-table"].body
    assert ">| Status" not in tables["0003-quoted-table"].body
    assert "| Rejected | A value in a comparison" in tables["0004-table-in-the-body"].body


def test_a_team_declares_how_it_writes_numeric_dates(tmp_path: Path) -> None:
    """With `numeric_dates: day-first`, 05/06/2024 is 5 June; nothing is reported."""
    handbook = read_shape(tmp_path, "dates", numeric_dates="day-first")
    dates = {d.id: d.date.isoformat() for d in handbook.decisions}
    assert dates["0006-ambiguous"] == "2024-06-05"
    assert not [p for p in handbook.problems if p.code == "bad-date"]


DECLARED = {
    "decisions/0001-merged.md": "# Merged\n\n* Status: Shipped\n",
    "decisions/0002-spike.md": "# Spike\n\n* Status: spike\n",
    "decisions/0003-odd.md": "# Odd\n\n* Status: Bikeshedding\n",
    "decisions/0004-odder.md": "# Odder\n\n* Status: bikeshedding.\n",
    "decisions/0005-aliased.md": "# Aliased\n\n* Status: aceito\n",
}


def declared_config(**options) -> dict:
    """Return a minimal mkdocs.yml with the handbook's plugin options."""
    return {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": options}]}


def test_declared_statuses_are_shown_with_their_label_and_colour(tmp_path: Path) -> None:
    """A team's statuses build strictly, show their label and colour, and are listed in decisions.json."""
    config = declared_config(
        statuses={"shipped": {"label": "Shipped", "colour": "teal", "state": "in-force"}, "spike": "open"},
        status_aliases={"aceito": "accepted"},
    )
    files = {k: v for k, v in DECLARED.items() if "odd" not in k}
    root = make_handbook(tmp_path / "h", files, config)
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    page = result.page("decisions/0001-merged/")
    assert 'data-colour="teal"' in page and ">Shipped</span>" in page
    data = result.json()
    statuses = {s["key"]: s for s in data["statuses"]}
    assert statuses["shipped"] == {
        "key": "shipped",
        "label": "Shipped",
        "colour": "teal",
        "state": "in-force",
        "description": "",
    }
    assert statuses["spike"]["state"] == "open"
    records = {d["id"]: d for d in data["decisions"]}
    assert (records["0001-merged"]["status"], records["0001-merged"]["status_label"]) == (
        "shipped",
        "Shipped",
    )
    assert records["0005-aliased"]["status"] == "accepted"


def test_an_undeclared_status_is_kept_and_reported_once(tmp_path: Path, capsys) -> None:
    """A word nobody declared is shown as written and reported once, naming the option;
    `handbook check` and the strict build agree."""
    root = make_handbook(
        tmp_path / "h", DECLARED, declared_config(statuses={"shipped": "in-force", "spike": "open"})
    )
    result = build(root, strict=True)
    assert result.returncode == 1
    warnings = [w for w in result.warnings() if "bikeshedding" in w.lower()]
    assert len(warnings) == 1
    assert "decisions/0003-odd.md:3:" in warnings[0] and "decisions/0004-odder.md" in warnings[0]
    assert "`statuses`" in warnings[0]
    assert ">Bikeshedding</span>" in build(root).page("decisions/0003-odd/")
    check = run_cli(capsys, root, "check", "--format", "json")
    assert check.code == 1
    reported = [p for p in json.loads(check.out)["problems"] if p["code"] == "unknown-status"]
    assert [(p["file"], p["line"]) for p in reported] == [("decisions/0003-odd.md", 3)]


def test_a_bad_declaration_is_fatal_and_names_the_option(tmp_path: Path) -> None:
    """A declared status without a state, or with an unknown colour, stops the build with a sentence."""
    root = make_handbook(tmp_path / "h", DECLARED, declared_config(statuses={"shipped": {"colour": "gold"}}))
    result = build(root)
    assert result.returncode != 0
    assert "Plugin 'team-handbook' option 'statuses': 'shipped' has the colour 'gold'" in result.log


def test_left_out_files_are_in_the_build_log_check_and_decisions_json(tmp_path: Path, capsys) -> None:
    """Every file left out is an info line of the build, a note of `handbook check`, and an entry of
    decisions.json's "skipped", with its reason."""
    root = make_handbook(tmp_path / "h")
    shutil.copytree(SHAPES / "templates", root / "decisions")
    result = build(root)
    assert "INFO" in result.log and "decisions/0000-template.md:1: left out: a template." in result.log
    skipped = {entry["source"]: entry["reason"] for entry in result.json()["skipped"]}
    assert skipped["decisions/0000-template.md"] == "a template"
    assert skipped["decisions/README.md"] == "the log's index"
    assert skipped["decisions/fill-me-in.md"].startswith("a template (its status is a list of choices")
    assert "0001-use-a-template-engine-for-reports" in {d["id"] for d in result.json()["decisions"]}
    check = run_cli(capsys, root, "check")
    assert "decisions/0000-template.md:1: note: left out: a template." in check.out


def test_a_decision_kept_as_a_folder_is_published_with_its_images(tmp_path: Path) -> None:
    """`<date>-slug/README.md` is one decision, at the folder's address, and its relative images work."""
    root = make_handbook(tmp_path / "h")
    shutil.copytree(SHAPES / "folders", root / "decisions")
    result = build(root)
    page = result.content("decisions/2022-03-15-use-event-sourcing/")
    assert "Use event sourcing" in page
    assert (result.site / "decisions" / "2022-03-15-use-event-sourcing" / "flow.svg").is_file()
    assert 'src="flow.svg"' in page or 'href="flow.svg"' in page or "flow.svg" in page
    assert not [w for w in result.warnings() if "flow.svg" in w]


def test_a_decision_that_states_no_date_takes_its_first_commit(tmp_path: Path) -> None:
    """Without a written date, a decision is dated by the commit that added its file, marked as
    such on its page and in decisions.json; a written date is never replaced."""
    root = make_handbook(
        tmp_path / "h",
        {
            "decisions/0001-undated.md": "# Undated\n\n* Status: accepted\n",
            "decisions/0002-dated.md": "# Dated\n\n* Status: accepted\n* Date: 2023-05-01\n",
        },
    )
    commit_all(root, "Add the log", when="2024-02-03T10:00:00+00:00")
    (root / "decisions" / "0001-undated.md").write_text("# Undated\n\n* Status: accepted\n\nMore.\n")
    commit_all(root, "Edit it", when="2024-09-09T10:00:00+00:00")
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    records = {d["id"]: d for d in result.json()["decisions"]}
    assert (records["0001-undated"]["date"], records["0001-undated"]["date_source"]) == ("2024-02-03", "git")
    assert (records["0002-dated"]["date"], records["0002-dated"]["date_source"]) == ("2023-05-01", "file")
    page = result.page("decisions/0001-undated/")
    assert '<time datetime="2024-02-03">' in page and "first committed" in page


def test_a_renamed_decision_keeps_the_date_it_was_first_added(tmp_path: Path) -> None:
    """A file renamed later is dated by the commit that added it under its first name."""
    root = make_handbook(tmp_path / "h", {"decisions/0001-old-name.md": "# Renamed\n\n* Status: accepted\n"})
    commit_all(root, "Add", when="2023-01-02T10:00:00+00:00")
    (root / "decisions" / "0001-old-name.md").rename(root / "decisions" / "0001-new-name.md")
    commit_all(root, "Rename", when="2024-06-07T10:00:00+00:00")
    settings = Settings(root=root)
    handbook = load_handbook(settings)
    decision = handbook.decisions.get("0001-new-name")
    assert (decision.date.isoformat(), decision.date_source) == ("2023-01-02", "git")


def test_madr_logs_with_on_hold_build_strictly_without_configuration(tmp_path: Path) -> None:
    """MADR's own status words, `on hold` among them, need no configuration."""
    root = make_handbook(
        tmp_path / "h",
        {
            "decisions/0003-own-tooling.md": (
                "---\nparent: Decisions\nnav_order: 3\nstatus: on hold\n---\n# Write own tooling\n"
            ),
            "decisions/0004-toc.md": "---\nparent: Decisions\nnav_order: 4\n---\n# Write own TOC tool\n",
        },
    )
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    assert ">On hold</span>" in result.page("decisions/0003-own-tooling/")


def test_a_status_in_a_table_is_not_rewritten_by_the_command_line(tmp_path: Path, capsys) -> None:
    """`handbook status` refuses to rewrite a status it read from a table, and the file keeps its bytes."""
    root = make_handbook(tmp_path / "h")
    shutil.copytree(SHAPES / "tables", root / "decisions")
    path = root / "decisions" / "0001-key-value-table.md"
    before = path.read_bytes()
    outcome = run_cli(capsys, root, "status", "0001-key-value-table", "deprecated")
    assert outcome.code != 0
    assert "written in a table" in outcome.err
    assert path.read_bytes() == before
