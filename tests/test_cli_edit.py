"""``handbook status``, ``supersede`` and ``link``: only the lines that change, in every format."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from .cli import run_cli
from .conftest import make_handbook

OLD_MADR = (
    "---\r\n"
    "# Decided in the March offsite.\r\n"
    "status:    accepted     # was proposed until 2024-03-01\r\n"
    "date:   2024-03-11\r\n"
    "decision-makers:\r\n"
    "    -   'Maya Chen'\r\n"
    '    -   "Lukas Berg"\r\n'
    "tags: [ database ,infrastructure ]\r\n"
    "\r\n"
    'owner: "@maya"   # keeps it current\r\n'
    "---\r\n"
    "# Self-host PostgreSQL\r\n"
    "\r\n"
    "Deploys use ${{ secrets.DB_PASSWORD }}; trailing spaces stay.   \r\n"
)
NEW_MADR = (
    "---\n"
    "status: accepted\n"
    "date: 2024-05-02\n"
    "supersedes: ['0001']   # the old queue\n"
    "---\n"
    "# Move to managed PostgreSQL\n"
)

NYGARD = """\
# 2. Deploy with shell scripts

Date: 2019-04-10

## Status

Accepted

## Context

We deploy by hand.
"""
MADR2 = """\
# Add a print stylesheet

* Status: proposed <!-- optional -->
* Deciders: design, platform
* Date: 2023-05-02

## Context and Problem Statement

People print the handbook.
"""
LOG4BRAINS = """\
# Use Lunr for search

- Status: draft
- Date: 2020-11-03

## Context and Problem Statement

Search must work offline.
"""


def write(root: Path, name: str, content: str) -> Path:
    """Write a decision file exactly as given (no dedent, line endings kept)."""
    path = root / "decisions" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8"))
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty handbook."""
    return make_handbook(tmp_path / "handbook")


def test_supersede_changes_only_the_lines_it_must(root: Path, capsys) -> None:
    """Comments, odd spacing, quoting, key order and CRLF endings survive, byte for byte."""
    old = write(root, "0003-self-host-postgres.md", OLD_MADR)
    new = write(root, "0005-managed-postgres.md", NEW_MADR)
    write(root, "0001-queue.md", '---\nstatus: superseded\nsuperseded-by: ["0005"]\n---\n# Queue\n')
    outcome = run_cli(capsys, root, "supersede", "3", "5")
    assert outcome.code == 0, outcome.err
    assert old.read_bytes() == (
        b"---\r\n"
        b"# Decided in the March offsite.\r\n"
        b"status:    superseded     # was proposed until 2024-03-01\r\n"
        b"date:   2024-03-11\r\n"
        b"decision-makers:\r\n"
        b"    -   'Maya Chen'\r\n"
        b'    -   "Lukas Berg"\r\n'
        b"tags: [ database ,infrastructure ]\r\n"
        b"\r\n"
        b'owner: "@maya"   # keeps it current\r\n'
        b"superseded-by:\r\n"
        b'    -   "0005"\r\n'
        b"---\r\n"
        b"# Self-host PostgreSQL\r\n"
        b"\r\n"
        b"Deploys use ${{ secrets.DB_PASSWORD }}; trailing spaces stay.   \r\n"
    )
    assert new.read_text() == NEW_MADR.replace("['0001']", "['0001', '0003']")
    assert run_cli(capsys, root, "check").code == 0


def test_supersede_twice_changes_nothing(root: Path, capsys) -> None:
    """Recording a supersession that both files already say is a no-op."""
    old = write(root, "0001-a.md", "---\nstatus: accepted\n---\n# A\n")
    new = write(root, "0002-b.md", "---\nstatus: accepted\n---\n# B\n")
    assert run_cli(capsys, root, "supersede", "1", "2").code == 0
    before = old.read_bytes(), new.read_bytes()
    outcome = run_cli(capsys, root, "supersede", "1", "2")
    assert outcome.code == 0 and "nothing to change" in outcome.out
    assert (old.read_bytes(), new.read_bytes()) == before
    assert b'superseded-by: ["0002"]' in before[0] and b'supersedes: ["0001"]' in before[1]


@pytest.mark.parametrize(
    ("content", "status", "before", "after"),
    [
        (
            "---\nstatus: proposed\ndate: 2024-01-01\n---\n# T\n",
            "accepted",
            "status: proposed",
            "status: accepted",
        ),
        ("---\nstatus: 'proposed'\n---\n# T\n", "accepted", "status: 'proposed'", "status: 'accepted'"),
        ("---\nstatus: >\n  proposed\ndate: 2024-01-01\n---\n# T\n", "accepted", ">\n  proposed", "accepted"),
        (NYGARD, "deprecated", "\nAccepted\n", "\nDeprecated\n"),
        (
            NYGARD.replace("Accepted", "Accepted. Revisited in 2021."),
            "deprecated",
            "Accepted. Revisited in 2021.",
            "Deprecated. Revisited in 2021.",
        ),
        (
            "# 7. Old\n\nDate: 2020-01-01\nStatus: Proposed\n\n## Context\n\nx\n",
            "accepted",
            "Status: Proposed",
            "Status: Accepted",
        ),
        (MADR2, "accepted", "* Status: proposed <!-- optional -->", "* Status: accepted <!-- optional -->"),
        (LOG4BRAINS, "rejected", "- Status: draft", "- Status: rejected"),
        (
            "# No metadata\n\nJust text.\n",
            "accepted",
            "# No metadata",
            "---\nstatus: accepted\n---\n# No metadata",
        ),
    ],
    ids=[
        "madr4",
        "madr4-quoted",
        "madr4-folded",
        "nygard",
        "nygard-history",
        "nygard-label",
        "madr2",
        "log4brains",
        "plain",
    ],
)
def test_status_edits_the_status_where_the_format_keeps_it(
    root: Path, capsys, content: str, status: str, before: str, after: str
) -> None:
    """Each format's status line changes in place; every other line stays."""
    path = write(root, "0007-old.md", content)
    outcome = run_cli(capsys, root, "status", "7", status)
    assert outcome.code == 0, outcome.err
    assert path.read_text() == content.replace(before, after, 1)
    assert run_cli(capsys, root, "status", "7").out.strip() == status


@pytest.mark.parametrize(
    ("content", "old_line", "new_line"),
    [
        (NYGARD, "Superseded by [3. Deploy with a pipeline](0003-deploy-with-a-pipeline.md)", None),
        (
            NYGARD.replace("Accepted", "Accepted. Revisited in 2021."),
            "Superseded. Revisited in 2021.\n\n"
            "Superseded by [3. Deploy with a pipeline](0003-deploy-with-a-pipeline.md)",
            None,
        ),
        (MADR2, "* Status: superseded by [ADR-0003](0003-deploy-with-a-pipeline.md) <!-- optional -->", None),
        (LOG4BRAINS, "- Status: superseded by [ADR-0003](0003-deploy-with-a-pipeline.md)", None),
    ],
    ids=["nygard", "nygard-history", "madr2", "log4brains"],
)
def test_supersede_writes_each_format_the_way_its_tools_do(
    root: Path, capsys, content: str, old_line: str, new_line: str | None
) -> None:
    """adr-tools link lines, MADR 2 status bullets: the old record says who replaced it."""
    old = write(root, "0002-deploy-with-shell-scripts.md", content)
    write(root, "0003-deploy-with-a-pipeline.md", "---\nstatus: accepted\n---\n# Deploy with a pipeline\n")
    assert run_cli(capsys, root, "supersede", "2", "3").code == 0
    text = old.read_text()
    assert old_line in text
    assert len(text.splitlines()) == len(content.splitlines()) + old_line.count("\n")
    outcome = run_cli(capsys, root, "check")
    assert outcome.code == 0, outcome.out


def test_supersede_into_a_nygard_file_adds_an_adr_tools_link_line(root: Path, capsys) -> None:
    """The new record gets ``Supersedes [N. Title](file)`` in its Status section."""
    write(root, "0001-old.md", "---\nstatus: accepted\n---\n# Old\n")
    new = write(root, "0002-deploy-with-shell-scripts.md", NYGARD)
    assert run_cli(capsys, root, "supersede", "1", "2").code == 0
    assert new.read_text() == NYGARD.replace("Accepted\n", "Accepted\n\nSupersedes [1. Old](0001-old.md)\n")


def test_link_relates_to_creates_a_links_section_in_madr2(root: Path, capsys) -> None:
    """MADR 2 keeps relations in a ``## Links`` section; one is added at the end when missing."""
    path = write(root, "0004-print.md", MADR2)
    write(root, "0001-fonts.md", "---\nstatus: accepted\n---\n# Fonts\n")
    assert run_cli(capsys, root, "link", "4", "relates-to", "1").code == 0
    assert path.read_text() == MADR2 + "\n## Links\n\n* Relates to [ADR-0001](0001-fonts.md)\n"
    again = run_cli(capsys, root, "link", "1", "relates-to", "4")
    assert "nothing to change" in again.out


def test_link_supersedes_is_mirrored(root: Path, capsys) -> None:
    """``link A supersedes B`` edits both files, like ``supersede B A``."""
    old = write(root, "0001-a.md", "---\nstatus: accepted\n---\n# A\n")
    write(root, "0002-b.md", "---\nstatus: accepted\n---\n# B\n")
    assert run_cli(capsys, root, "link", "2", "supersedes", "1").code == 0
    assert "status: superseded" in old.read_text()
    assert run_cli(capsys, root, "check").code == 0


def test_link_amends_writes_both_sides_in_each_format(root: Path, capsys) -> None:
    """``link A amends B`` writes ``Amends`` in A and ``Amended by`` in B, in each file's own way
    (an adr-tools link line, front matter); the build shows both and the check agrees."""
    amended = write(root, "0002-deploy-with-shell-scripts.md", NYGARD)
    amending = write(root, "0003-c.md", "---\nstatus: accepted\n---\n# C\n")
    assert run_cli(capsys, root, "link", "3", "amends", "2").code == 0
    assert amended.read_text() == NYGARD.replace("Accepted\n", "Accepted\n\nAmended by [3. C](0003-c.md)\n")
    assert amending.read_text() == '---\nstatus: accepted\namends: ["0002"]\n---\n# C\n'
    assert "nothing to change" in run_cli(capsys, root, "link", "2", "amended-by", "3").out
    assert run_cli(capsys, root, "check").code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: ADR002: x\nstatus: accepted\n---\n# T\n", "not valid YAML"),
        ("---\nstatus: &s accepted\n---\n# T\n", "does not edit"),
    ],
    ids=["broken-yaml", "anchor"],
)
def test_edits_refuse_what_they_cannot_change_safely(root: Path, capsys, content: str, message: str) -> None:
    """A file the editor cannot change safely is left alone, with a message saying why."""
    path = write(root, "0001-x.md", content)
    outcome = run_cli(capsys, root, "status", "1", "deprecated")
    assert outcome.code == 2
    assert message in outcome.err and "0001-x.md" in outcome.err
    assert path.read_text() == content


def test_a_refused_edit_writes_neither_file(root: Path, capsys) -> None:
    """``supersede`` checks both edits before writing either."""
    old = write(root, "0001-a.md", "---\nstatus: accepted\n---\n# A\n")
    write(root, "0002-b.md", "---\nstatus: accepted\nsupersedes: &x []\n---\n# B\n")
    before = old.read_bytes()
    assert run_cli(capsys, root, "supersede", "1", "2").code == 2
    assert old.read_bytes() == before


def test_edits_keep_permissions_and_leave_no_temporary_files(root: Path, capsys) -> None:
    """The atomic write replaces the file with one of the same mode, and cleans up."""
    path = write(root, "0001-a.md", "---\nstatus: proposed\n---\n# A\n")
    os.chmod(path, 0o640)
    assert run_cli(capsys, root, "status", "1", "accepted").code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in path.parent.iterdir()) == ["0001-a.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "9", "accepted"), "no decision '9'"),
        (("status", "1", "bikeshedding"), "unknown status 'bikeshedding'"),
        (("supersede", "1", "1"), "cannot supersede itself"),
    ],
)
def test_bad_arguments_exit_2_with_a_sentence(
    root: Path, capsys, args: tuple[str, ...], message: str
) -> None:
    """Unknown decisions and statuses are explained, never a traceback."""
    write(root, "0001-a.md", "---\nstatus: proposed\n---\n# A\n")
    outcome = run_cli(capsys, root, *args)
    assert outcome.code == 2
    assert message in outcome.err
