"""An honest lifecycle: pending supersession, refused cycles and renumbering, slugs that keep letters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from teamhandbook.writers.numbering import slugify

from .cli import run_cli
from .conftest import build, decision, make_handbook

NYGARD_OLD = "# 1. Deploy by hand\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nBy hand.\n"
NYGARD_NEW = "# 2. Deploy with a pipeline\n\nDate: 2024-02-02\n\n## Status\n\nProposed\n\n## Context\n\nCI.\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A handbook with an accepted decision 0002 and a proposal 0003."""
    return make_handbook(
        tmp_path / "handbook",
        {
            "decisions/0001-record-decisions.md": decision({"status": "accepted"}, "Record decisions"),
            "decisions/0002-self-host.md": decision({"status": "accepted"}, "Self-host"),
            "decisions/0003-managed.md": decision({"status": "proposed"}, "Managed"),
        },
    )


def text_of(html: str) -> str:
    """Return the text of an HTML fragment, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def snapshot(root: Path) -> dict[str, bytes]:
    """Return every decision file's bytes, by name."""
    return {p.name: p.read_bytes() for p in sorted((root / "decisions").iterdir())}


def test_superseding_by_a_proposal_is_pending_and_the_old_decision_stays_in_force(root: Path, capsys) -> None:
    """Only the proposal records it; the check passes and both pages say the old one *may* be superseded."""
    old_before = (root / "decisions" / "0002-self-host.md").read_bytes()
    outcome = run_cli(capsys, root, "supersede", "2", "3")
    assert outcome.code == 0, outcome.err
    assert "ADR-0002 stays in force" in outcome.out
    assert (root / "decisions" / "0002-self-host.md").read_bytes() == old_before
    assert 'supersedes: ["0002"]' in (root / "decisions" / "0003-managed.md").read_text()
    assert run_cli(capsys, root, "check").code == 0
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    old_page = text_of(result.content("decisions/0002-self-host/"))
    new_page = text_of(result.content("decisions/0003-managed/"))
    for page in (old_page, new_page):
        assert "may be superseded by ADR-0003 (proposed)" in page
    assert "ADR-0002 may be superseded by" in old_page and "Superseded by" not in old_page
    assert "Until then ADR-0002 stays in force" in new_page
    graph = text_of(result.content("decisions/graph/"))
    assert "ADR-0003: Managed may supersede, once accepted, ADR-0002: Self-host" in graph
    record = {r["id"]: r for r in result.json()["decisions"]}["0002-self-host"]
    assert record["status"] == "accepted" and record["superseded_by"] == []


def test_accepting_the_successor_completes_the_supersession(root: Path, capsys) -> None:
    """``status 3 accepted`` marks 0002 superseded by 0003, in one step, and the check agrees."""
    assert run_cli(capsys, root, "supersede", "2", "3").code == 0
    outcome = run_cli(capsys, root, "status", "3", "accepted")
    assert outcome.code == 0, outcome.err
    assert "ADR-0003 now supersedes ADR-0002." in outcome.out
    old = (root / "decisions" / "0002-self-host.md").read_text()
    assert "status: superseded" in old and 'superseded-by: ["0003"]' in old
    assert run_cli(capsys, root, "check").code == 0


def test_rejecting_the_successor_removes_the_pending_link(root: Path, capsys) -> None:
    """``status 3 rejected`` drops 0003's ``supersedes``; 0002 was never touched."""
    before = snapshot(root)
    assert run_cli(capsys, root, "supersede", "2", "3").code == 0
    outcome = run_cli(capsys, root, "status", "3", "rejected")
    assert outcome.code == 0, outcome.err
    after = snapshot(root)
    assert after["0002-self-host.md"] == before["0002-self-host.md"]
    assert after["0003-managed.md"] == before["0003-managed.md"].replace(b"proposed", b"rejected")
    assert run_cli(capsys, root, "check").code == 0


def test_pending_supersession_in_adr_tools_files_comes_and_goes_line_by_line(tmp_path: Path, capsys) -> None:
    """adr-tools files: a link line is added to the proposal only, and rejecting removes it again."""
    root = make_handbook(
        tmp_path / "h",
        {
            "decisions/0001-deploy-by-hand.md": NYGARD_OLD,
            "decisions/0002-deploy-with-a-pipeline.md": NYGARD_NEW,
        },
    )
    assert run_cli(capsys, root, "supersede", "1", "2").code == 0
    new = root / "decisions" / "0002-deploy-with-a-pipeline.md"
    assert "Proposed\n\nSupersedes [1. Deploy by hand](0001-deploy-by-hand.md)\n" in new.read_text()
    assert (root / "decisions" / "0001-deploy-by-hand.md").read_text() == NYGARD_OLD
    assert run_cli(capsys, root, "status", "2", "rejected").code == 0
    assert new.read_text() == NYGARD_NEW.replace("Proposed", "Rejected")


def test_a_supersession_written_on_both_sides_while_the_successor_is_proposed_is_reported(
    tmp_path: Path, capsys
) -> None:
    """The old decision may not claim a proposal replaced it: the check names the file and line."""
    root = make_handbook(
        tmp_path / "h",
        {
            "decisions/0001-a.md": '---\nstatus: superseded\nsuperseded-by: ["0002"]\n---\n# A\n',
            "decisions/0002-b.md": '---\nstatus: proposed\nsupersedes: ["0001"]\n---\n# B\n',
            "decisions/0003-c.md": '---\nstatus: rejected\nsupersedes: ["0002"]\n---\n# C\n',
        },
    )
    outcome = run_cli(capsys, root, "check")
    assert outcome.code == 1
    expected = "decisions/0001-a.md:3: error: this decision is marked superseded by ADR-0002, which is"
    assert expected + " proposed" in outcome.out
    assert "decisions/0003-c.md:3: error: this decision was rejected, so it supersedes nothing" in outcome.out


@pytest.mark.parametrize(
    ("edits", "refused"),
    [
        ((("supersede", "2", "3"),), ("supersede", "3", "2")),
        ((("supersede", "1", "2"), ("supersede", "2", "3")), ("supersede", "3", "1")),
        ((("supersede", "2", "3"),), ("link", "2", "supersedes", "3")),
        ((("supersede", "2", "3"),), ("new", "Loop", "--supersedes", "3", "--status", "accepted")),
    ],
    ids=["direct", "through-another", "link", "pending-too"],
)
def test_an_edit_that_would_make_a_cycle_is_refused_and_writes_nothing(
    root: Path, capsys, edits: tuple[tuple[str, ...], ...], refused: tuple[str, ...]
) -> None:
    """Exit 2, a sentence naming the circle, and every file byte-identical."""
    (root / "decisions" / "0003-managed.md").write_text(decision({"status": "accepted"}, "Managed"))
    for edit in edits:
        assert run_cli(capsys, root, *edit).code == 0
    before = snapshot(root)
    if refused[0] == "new":  # a new decision cannot close a circle: it is superseded by nothing
        assert run_cli(capsys, root, *refused).code == 0
        return
    outcome = run_cli(capsys, root, *refused)
    assert outcome.code == 2
    assert "circle" in outcome.err and "nothing was written" in outcome.err
    assert snapshot(root) == before


def test_a_rejected_decision_cannot_supersede(root: Path, capsys) -> None:
    """``supersede`` by a rejected decision is refused, nothing written."""
    (root / "decisions" / "0003-managed.md").write_text(decision({"status": "rejected"}, "Managed"))
    before = snapshot(root)
    outcome = run_cli(capsys, root, "supersede", "2", "3")
    assert outcome.code == 2 and "rejected" in outcome.err
    assert snapshot(root) == before


def test_renumber_without_a_clash_is_refused_unless_told_where(root: Path, capsys) -> None:
    """``renumber 1`` has nothing to fix: refused, nothing moved; ``--to 7`` moves it."""
    before = snapshot(root)
    outcome = run_cli(capsys, root, "renumber", "1")
    assert outcome.code == 2 and "no clash" in outcome.err and "--to" in outcome.err
    assert snapshot(root) == before
    assert run_cli(capsys, root, "renumber", "1", "--to", "7").code == 0
    assert (root / "decisions" / "0007-record-decisions.md").is_file()


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Straße für Łódź", "strasse-fur-lodz"),
        ("使用 PostgreSQL 数据库", "使用-postgresql-数据库"),
        ("Use PostgreSQL 16!", "use-postgresql-16"),
        ("Registrar decisões", "registrar-decisoes"),
        ("Выбрать Kafka", "выбрать-kafka"),
        ("हिन्दी में लिखें", "हिन्दी-में-लिखें"),
        ("Ærø & Øresund", "aero-oresund"),
        ("🎉", "decision"),
    ],
)
def test_slugs_keep_every_letter(title: str, slug: str) -> None:
    """Latin letters lose accents only; other scripts stay; nothing is silently dropped."""
    assert slugify(title) == slug


def test_new_names_a_unicode_title_with_its_letters_and_the_site_builds(root: Path, capsys) -> None:
    """``handbook new`` with a Chinese title writes a file whose name keeps the characters."""
    outcome = run_cli(capsys, root, "new", "使用 PostgreSQL 数据库", "--no-edit")
    assert outcome.code == 0, outcome.err
    assert (root / "decisions" / "0004-使用-postgresql-数据库.md").is_file()
    assert run_cli(capsys, root, "check").code == 0
