"""``handbook import``: adr-tools, log4brains and MADR logs, round-tripped through a strict site build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from teamhandbook.linking import link_log
from teamhandbook.readers.decision_log import read_decision_log

from .cli import run_cli, run_script
from .conftest import FIXTURES, build, make_handbook

SOURCES = FIXTURES / "import"

RENAMES = {
    "adr-tools": {
        "0001-record-architecture-decisions": "0001-record-architecture-decisions",
        "0002-deploy-with-shell-scripts": "0002-deploy-with-shell-scripts",
        "0003-deploy-with-a-pipeline": "0003-deploy-with-a-pipeline",
        "0004-help-comments": "0004-help-comments",
        "0005-help-scripts": "0005-help-scripts",
    },
    "log4brains": {
        "20200924-use-markdown-records": "20200924-use-markdown-records",
        "20200926-use-the-number-as-id": "20200926-use-the-number-as-id",
        "20201016-use-the-slug-as-id": "20201016-use-the-slug-as-id",
        "20201103-use-lunr": "20201103-use-lunr",
    },
    "madr": {
        "0000-use-madr": "0000-use-madr",
        "0001-self-host-postgres": "0001-self-host-postgres",
        "0002-managed-postgres": "0002-managed-postgres",
        "0003-print-stylesheet": "0003-print-stylesheet",
    },
}
"""Each source record's file name and the name the import gives it: the same, by default."""


@pytest.fixture(scope="module", params=sorted(RENAMES))
def imported(request, tmp_path_factory: pytest.TempPathFactory):
    """A handbook that imported one source folder, built strictly once."""
    name = request.param
    root = make_handbook(tmp_path_factory.mktemp(name) / "handbook")
    outcome = run_script(root, "import", str(SOURCES / name))
    assert outcome.code == 0, outcome.err
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    return name, root, outcome, result


def test_the_import_builds_and_says_what_the_source_says(imported) -> None:
    """Titles, statuses, dates, people, tags and relations survive, under the new names."""
    name, _, _, result = imported
    renames = RENAMES[name]
    log, _ = link_log(read_decision_log(SOURCES / name, SOURCES / name)[0])
    published = {record["id"]: record for record in result.json()["decisions"]}
    assert set(published) == set(renames.values())
    assert result.json()["problems"] == []
    for source in log:
        record = published[renames[source.id]]
        assert record["title"] == source.title
        assert record["status"] == source.status.value
        assert record["date"] == source.date.isoformat()
        assert record["deciders"] == source.deciders and record["tags"] == source.tags
        for relation in ("supersedes", "superseded_by", "relates_to"):
            assert record[relation] == [renames[t] for t in source.relation_ids(relation)], relation


def test_the_import_keeps_the_text_and_follows_links(imported) -> None:
    """The body is kept as written; links between records point at the new file names."""
    name, root, outcome, _ = imported
    decisions = root / "decisions"
    if name == "adr-tools":
        text = (decisions / "0003-deploy-with-a-pipeline.md").read_text()
        assert text.startswith('---\nstatus: accepted\ndate: 2020-01-15\nsupersedes: ["0002"]\n---\n')
        assert "\n# Deploy with a pipeline\n\n## Context\n" in text  # no number, no Date line, no Status
        assert "[the first record](0001-record-architecture-decisions.md#decision)" in text
        assert (decisions / "images" / "pipeline.svg").is_file()
        kept = (decisions / "0004-help-comments.md").read_text()
        assert "Accepted. Revisited in 2021: it still holds" in kept  # a Status section with history stays
        assert "stays in the text" in outcome.out
    elif name == "log4brains":
        text = (decisions / "20201016-use-the-slug-as-id.md").read_text()
        assert "see [the number decision](20200926-use-the-number-as-id.md)." in text
        assert "- Supersedes [20200926-use-the-number-as-id](20200926-use-the-number-as-id.md)" in text
        assert "- Status:" not in text and "tags: [architecture]" in text
        assert "README.md: not a decision record" in outcome.out
    else:
        text = (decisions / "0001-self-host-postgres.md").read_text()
        assert text.startswith("---\n# Written with MADR 3, before the front matter was renamed.\n")
        assert "decision-makers: [Maya Chen]" in text and 'superseded-by: ["0002"]' in text
        bullets = (decisions / "0003-print-stylesheet.md").read_text()
        assert "\n* Components: print\n\nTechnical Story: PLAT-1212\n" in bullets
        assert "parent: Decisions" in (decisions / "0000-use-madr.md").read_text()


def test_dry_run_writes_nothing(tmp_path: Path, capsys) -> None:
    """``--dry-run`` prints the plan and leaves the handbook as it was."""
    root = make_handbook(tmp_path / "h")
    outcome = run_cli(capsys, root, "import", str(SOURCES / "log4brains"), "--dry-run")
    assert outcome.code == 0
    assert "20200924-use-markdown-records.md  →  20200924-use-markdown-records.md" in outcome.out
    assert "Dry run: nothing was written." in outcome.out
    assert not (root / "decisions").exists()


def test_a_taken_number_stops_the_import_and_writes_nothing(tmp_path: Path, capsys) -> None:
    """Without --renumber, a clash names both files and suggests --renumber; nothing is written."""
    root = make_handbook(tmp_path / "h", {"decisions/0001-ours.md": "---\nstatus: accepted\n---\n# Ours\n"})
    outcome = run_cli(capsys, root, "import", str(SOURCES / "madr"))
    assert outcome.code == 2
    assert "0001-self-host-postgres.md is number 1, which decisions/0001-ours.md has already" in outcome.err
    assert "add --renumber to number the imported records from 2 on" in outcome.err
    assert sorted(p.name for p in (root / "decisions").iterdir()) == ["0001-ours.md"]


def test_import_plan_as_json(tmp_path: Path, capsys) -> None:
    """``--dry-run --json`` prints every record's source and target, and writes nothing."""
    root = make_handbook(tmp_path / "h")
    outcome = run_cli(capsys, root, "import", str(SOURCES / "adr-tools"), "--dry-run", "--json")
    assert outcome.code == 0, outcome.err
    plan = json.loads(outcome.out)
    assert plan["dry_run"] is True and plan["conflicts"] == []
    assert {r["source"]: r["target"] for r in plan["records"]} == {
        f"{name}.md": f"{name}.md" for name in RENAMES["adr-tools"]
    }
    assert not (root / "decisions").exists()


def test_import_renumbers_after_existing_decisions_and_never_imports_twice(tmp_path: Path, capsys) -> None:
    """``--renumber`` moves the records after the existing ones; a second import is refused."""
    root = make_handbook(tmp_path / "h", {"decisions/0001-ours.md": "---\nstatus: accepted\n---\n# Ours\n"})
    first = run_cli(capsys, root, "import", str(SOURCES / "madr"), "--renumber")
    assert first.code == 0, first.err
    assert "numbered from 2" in first.out
    assert (root / "decisions" / "0003-self-host-postgres.md").is_file()
    assert 'superseded-by: ["0004"]' in (root / "decisions" / "0003-self-host-postgres.md").read_text()
    before = sorted(p.name for p in (root / "decisions").iterdir())
    second = run_cli(capsys, root, "import", str(SOURCES / "madr"), "--renumber")
    assert second.code == 2 and "looks imported already" in second.err
    assert sorted(p.name for p in (root / "decisions").iterdir()) == before


def test_import_reports_what_it_cannot_map(tmp_path: Path, capsys) -> None:
    """Unknown statuses, unreadable dates and links to missing records are kept and listed."""
    source = tmp_path / "old"
    source.mkdir()
    (source / "0001-a.md").write_text(
        "# 1. A\n\nDate: last Tuesday\n\n## Status\n\nBikeshedding\n\n## Context\n\nSee [B](0002-b.md).\n"
    )
    root = make_handbook(tmp_path / "h")
    outcome = run_cli(capsys, root, "import", str(source))
    assert outcome.code == 0
    assert "0001-a.md:7: the status 'Bikeshedding'" in outcome.out
    assert "0001-a.md:3: cannot read the date 'last Tuesday'" in outcome.out
    assert "links to '0002-b.md', which does not exist in the source" in outcome.out
    text = (root / "decisions" / "0001-a.md").read_text()
    assert text.startswith("---\nstatus: Bikeshedding\ndate: last Tuesday\n---\n# A\n")
    shutil.rmtree(root / "decisions")
    mapped = run_cli(capsys, root, "import", str(source), "--map-status", "bikeshedding=accepted")
    assert "Bikeshedding" not in mapped.out
    assert "status: accepted" in (root / "decisions" / "0001-a.md").read_text()
