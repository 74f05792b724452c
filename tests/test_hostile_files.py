"""Hostile file systems: the repository is the boundary.

A handbook built in a pull-request preview reads files anyone can propose. Links that leave the
repository (to ``/proc/self/environ``, ``/dev/zero``, a secret next to it), FIFOs, sockets, loops,
dangling links, huge files and file names no address can carry are refused with a problem naming
the file, and never read; links that stay inside keep working. One handbook holds every case; it
is built with ``mkdocs build`` and checked with ``handbook check``, which must agree.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .cli import HANDBOOK_SCRIPT, run_script
from .conftest import MINIMAL_CONFIG, Build, build, decision, make_handbook, unprivileged

SECRET = "hb-secret-7f3a9c1e2b"
"""Set in the environment of every build and written in a file outside the handbook: it must
appear nowhere in the site or in what ``handbook check`` prints."""

HUGE_BYTES = 11 * 1024 * 1024


@dataclass(frozen=True)
class Refusal:
    """A file the handbook must refuse: its path, the problem's code and words of its sentence."""

    file: str
    code: str
    words: str


REFUSALS = [
    Refusal("decisions/0002-environ.md", "outside-root", "outside the handbook"),
    Refusal("decisions/0003-zero.md", "outside-root", "/dev/zero, outside the handbook"),
    Refusal("decisions/0004-fifo.md", "not-a-file", "this is a FIFO (named pipe), not a regular file"),
    Refusal("decisions/0005-socket.md", "not-a-file", "this is a socket, not a regular file"),
    Refusal("decisions/0006-loop-a.md", "symlink-loop", "symbolic link that loops"),
    Refusal("decisions/0006-loop-b.md", "symlink-loop", "symbolic link that loops"),
    Refusal("decisions/0007-dangling.md", "broken-symlink", "symbolic link to something that does not exist"),
    Refusal("decisions/0008-outside.md", "outside-root", "outside the handbook"),
    Refusal("decisions/loop-folder", "symlink-loop", "a folder that contains it"),
    Refusal("decisions/outside-folder", "outside-root", "outside the handbook"),
    Refusal("decisions/diagram.png", "outside-root", "outside the handbook"),
    Refusal("decisions/0011-huge.md", "too-large", "larger than 10 MB"),
    Refusal("decisions/0012-line\\x0abreak.md", "bad-file-name", "control character"),
    Refusal("decisions/0013-\\xff.md", "bad-file-name", "not valid UTF-8"),
    Refusal("docs/leak.md", "outside-root", "outside the handbook"),
    Refusal("docs/leak.txt", "outside-root", "outside the handbook"),
    Refusal("docs/fifo.md", "not-a-file", "FIFO"),
    Refusal("working-agreement/team.yml", "outside-root", "outside the handbook"),
    Refusal("working-agreement/templates/leak.md", "outside-root", "outside the handbook"),
]

PUBLISHED = ["0001-sound", "0009-inside-link", "0010-in-linked-folder"]
"""Decisions that must be published: a plain file, a link to a file inside the repository, and
a file in a linked folder inside the repository."""


def make_fifo(path: Path) -> None:
    """Create a FIFO: reading it would wait for a writer forever."""
    os.mkfifo(path)


def make_socket(path: Path) -> None:
    """Leave a Unix socket file at ``path``."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()


def hostile_tree(base: Path) -> Path:
    """Write a handbook in ``base/handbook`` with every hostile entry, and a secret next to it."""
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\nstatus: accepted\n---\n# Secret\n\n{SECRET}\n", "utf-8")
    root = make_handbook(
        base / "handbook",
        {
            "decisions/0001-sound.md": decision({"status": "accepted", "date": "2024-01-01"}, "Sound"),
            "shared/0009-real.md": decision({"status": "accepted"}, "Inside link"),
            "more-decisions/0010-in-linked-folder.md": decision({"status": "accepted"}, "In a linked folder"),
            "working-agreement/index.md": "# Agreement\n",
        },
    )
    decisions, docs, agreement = root / "decisions", root / "docs", root / "working-agreement"
    links = {
        decisions / "0002-environ.md": "/proc/self/environ",
        decisions / "0003-zero.md": "/dev/zero",
        decisions / "0006-loop-a.md": "0006-loop-b.md",
        decisions / "0006-loop-b.md": "0006-loop-a.md",
        decisions / "0007-dangling.md": "0099-missing.md",
        decisions / "0008-outside.md": str(outside / "secret.md"),
        decisions / "0009-inside-link.md": "../shared/0009-real.md",
        decisions / "linked-folder": "../more-decisions",
        decisions / "loop-folder": ".",
        decisions / "outside-folder": str(outside),
        decisions / "diagram.png": "/proc/self/environ",
        docs / "leak.md": "/proc/self/environ",
        docs / "leak.txt": str(outside / "secret.md"),
        agreement / "team.yml": str(outside / "secret.md"),
    }
    (agreement / "templates").mkdir()
    links[agreement / "templates" / "leak.md"] = str(outside / "secret.md")
    for link, target in links.items():
        link.symlink_to(target)
    make_fifo(decisions / "0004-fifo.md")
    make_fifo(docs / "fifo.md")
    make_socket(decisions / "0005-socket.md")
    (decisions / "0011-huge.md").write_bytes(b"# Huge\n\n" + b"x" * HUGE_BYTES)
    (decisions / "0012-line\nbreak.md").write_text("# Line break\n", "utf-8")
    with open(os.fsencode(decisions) + b"/0013-\xff.md", "wb") as stream:  # a name that is not UTF-8
        stream.write(b"# Not UTF-8\n")
    return root


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile handbook, written once."""
    return hostile_tree(tmp_path_factory.mktemp("hostile-files"))


@pytest.fixture(scope="module")
def site(hostile_root: Path) -> Build:
    """The hostile handbook built with the secret in the environment (the helper fails on a traceback)."""
    previous = os.environ.get("HANDBOOK_SECRET")
    os.environ["HANDBOOK_SECRET"] = SECRET
    try:
        return build(hostile_root)
    finally:
        if previous is None:
            del os.environ["HANDBOOK_SECRET"]
        else:
            os.environ["HANDBOOK_SECRET"] = previous


@pytest.fixture(scope="module")
def checked(hostile_root: Path) -> tuple[int, list[dict], str]:
    """``handbook check --format json`` on the hostile handbook: exit code, problems, what it printed."""
    outcome = run_script(hostile_root, "check", "--format", "json", env={"HANDBOOK_SECRET": SECRET})
    return outcome.code, json.loads(outcome.out)["problems"], outcome.out + outcome.err


def test_the_build_finishes_and_fails_only_strictly(site: Build) -> None:
    """No FIFO hangs the build, no device fills memory: it finishes, with warnings for the refusals."""
    assert site.returncode == 0, site.log
    assert site.warnings()


@pytest.mark.parametrize("refusal", REFUSALS, ids=[r.file for r in REFUSALS])
def test_each_refusal_names_its_file_in_the_build(site: Build, refusal: Refusal) -> None:
    """The build's log names the refused file, on line 1, with a sentence saying why."""
    problems = [p for p in site.json()["problems"] if p["file"] == refusal.file]
    assert [(p["line"], p["code"]) for p in problems] == [(1, refusal.code)], problems
    assert refusal.words in problems[0]["message"]
    assert f"WARNING -  teamhandbook: {refusal.file}:1: {problems[0]['message']}" in site.log


@pytest.mark.parametrize("refusal", REFUSALS, ids=[r.file for r in REFUSALS])
def test_each_refusal_is_reported_by_check_too(
    checked: tuple[int, list[dict], str], refusal: Refusal
) -> None:
    """``handbook check`` reports the same problem: the build and the check agree."""
    code, problems, _ = checked
    assert code == 1
    found = [(p["line"], p["code"], p["severity"]) for p in problems if p["file"] == refusal.file]
    assert found == [(1, refusal.code, "error")]


def test_nothing_outside_the_repository_is_published(
    site: Build, checked: tuple[int, list[dict], str]
) -> None:
    """The environment and the file outside appear in no page, search index, export or check output."""
    leaked = [
        path.relative_to(site.site).as_posix()
        for path in site.site.rglob("*")
        if path.is_file() and SECRET.encode() in path.read_bytes()
    ]
    assert leaked == []
    assert SECRET not in checked[2]
    assert not (site.site / "leak").exists() and not (site.site / "leak.txt").exists()
    assert not (site.site / "decisions" / "diagram.png").exists()


def test_links_inside_the_repository_keep_working(site: Build) -> None:
    """A linked file and a linked folder inside the repository are published like any other.

    The huge file is the author's own decision, so it keeps its page (titled from its name, with no
    text): links to it still resolve, and the problem says why it is empty.
    """
    ids = {record["id"] for record in site.json()["decisions"]}
    assert ids == {*PUBLISHED, "0011-huge"}
    assert "xxxxxxxx" not in site.page("decisions/0011-huge/")
    assert "In a linked folder" in site.page("decisions/0010-in-linked-folder/")
    assert "Inside link" in site.page("decisions/0009-inside-link/")


def test_problem_names_print_without_control_characters(hostile_root: Path) -> None:
    """A file name with a line break or a byte that is not UTF-8 is shown escaped, one problem a line."""
    outcome = run_script(hostile_root, "check")
    lines = [line for line in outcome.out.splitlines() if "bad-file-name" in line]
    assert lines == [
        "decisions/0012-line\\x0abreak.md:1: error: the file name contains a control character (such as a "
        "line break); rename the file. [bad-file-name]",
        "decisions/0013-\\xff.md:1: error: the file name is not valid UTF-8; rename the file using UTF-8 "
        "characters. [bad-file-name]",
    ]


def test_a_decisions_folder_that_links_outside_is_not_read(tmp_path: Path) -> None:
    """``decisions`` itself linking out of the repository is refused as a whole, in build and check."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "0001-secret.md").write_text(f"# Secret\n\n{SECRET}\n", "utf-8")
    root = make_handbook(tmp_path / "handbook")
    (root / "decisions").symlink_to(outside)
    site = build(root)
    assert site.json()["decisions"] == []
    problems = [(p["file"], p["line"], p["code"]) for p in site.json()["problems"]]
    assert problems == [("decisions", 1, "outside-root")]
    assert "WARNING -  teamhandbook: decisions:1: this is a symbolic link to" in site.log
    outcome = run_script(root, "check")
    assert outcome.code == 1
    assert "decisions:1: error: this is a symbolic link to" in outcome.out
    assert SECRET not in outcome.out


def test_a_folder_configured_outside_the_root_is_read(tmp_path: Path) -> None:
    """``decisions_dir: ../adr`` names its folder explicitly: it is read, links inside it too."""
    shared = tmp_path / "adr"
    shared.mkdir()
    (shared / "0001-shared.md").write_text(decision({"status": "accepted"}, "Shared"), "utf-8")
    (shared / "0002-linked.md").symlink_to("0001-shared.md")
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {"decisions_dir": "../adr"}}]}
    root = make_handbook(tmp_path / "handbook", config=config)
    site = build(root, strict=True)
    assert site.returncode == 0, site.log
    assert {record["id"] for record in site.json()["decisions"]} == {"0001-shared", "0002-linked"}
    assert run_script(root, "check").code == 0


def test_a_refused_docs_page_is_neither_read_nor_published(tmp_path: Path) -> None:
    """MkDocs would publish ``docs/leak.md`` itself: the plugin takes it out of the site first."""
    outside = tmp_path / "outside.md"
    outside.write_text(f"# Outside\n\n{SECRET}\n", "utf-8")
    root = make_handbook(tmp_path / "handbook", {"docs/page.md": "# Page\n"})
    (root / "docs" / "leak.md").symlink_to(outside)
    (root / "docs" / "inner.md").symlink_to("page.md")
    site = build(root)
    assert not (site.site / "leak").exists()
    assert "# Page" not in site.page("inner/") and "Page" in site.page("inner/")
    assert SECRET not in (site.site / "search" / "search_index.json").read_text("utf-8")
    assert [p["file"] for p in site.json()["problems"]] == ["docs/leak.md"]


def test_an_unreadable_file_is_not_also_called_empty(tmp_path: Path) -> None:
    """A decision the system will not let us read is reported once, as unreadable, not as empty too."""
    root = make_handbook(
        tmp_path / "handbook",
        {"decisions/0001-ok.md": decision({"status": "accepted"}), "decisions/0002-locked.md": "# Locked\n"},
    )
    (root / "decisions" / "0002-locked.md").chmod(0)
    command = unprivileged([str(HANDBOOK_SCRIPT), "check", "--format", "json"])
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["line"], p["code"], p["message"]) for p in problems] == [
        ("decisions/0002-locked.md", 1, "unreadable", "cannot read the file: permission denied.")
    ]


def test_no_walk_follows_a_folder_loop_forever(tmp_path: Path) -> None:
    """Two folders linking to each other are listed once each and reported, in the build and the check."""
    root = make_handbook(
        tmp_path / "handbook", {"decisions/a/0001-a.md": decision({"status": "accepted"}, "A")}
    )
    (root / "decisions" / "a" / "b").symlink_to("../b")
    (root / "decisions" / "b").mkdir()
    (root / "decisions" / "b" / "a").symlink_to("../a")
    site = build(root)
    loops = sorted(p["file"] for p in site.json()["problems"] if p["code"] == "symlink-loop")
    assert loops == ["decisions/a/b/a", "decisions/b/a/b"]
    outcome = run_script(root, "check", "--format", "json")
    assert (
        sorted(p["file"] for p in json.loads(outcome.out)["problems"] if p["code"] == "symlink-loop") == loops
    )


def test_check_reads_no_file_it_refuses(tmp_path: Path) -> None:
    """``handbook check`` on a FIFO returns (a read would block until a writer came)."""
    root = make_handbook(tmp_path / "handbook", {"decisions/0001-ok.md": decision({"status": "accepted"})})
    make_fifo(root / "decisions" / "0002-fifo.md")
    result = subprocess.run(
        [sys.executable, "-m", "teamhandbook.cli.main", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert "decisions/0002-fifo.md:1: error: this is a FIFO (named pipe), not a regular file" in result.stdout


def test_render_copies_no_file_from_outside(tmp_path: Path) -> None:
    """``handbook render`` copies assets and pages through the same boundary as the build."""
    root = hostile_tree(tmp_path)
    out = tmp_path / "rendered"
    outcome = run_script(root, "render", "--out", str(out), env={"HANDBOOK_SECRET": SECRET})
    assert outcome.code in (0, 1)
    assert not [p for p in out.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert sorted(p.name for p in (out / "decisions").glob("*.md")) == [
        "0001-sound.md",
        "0009-inside-link.md",
        "0010-in-linked-folder.md",
        "0011-huge.md",
        "graph.md",
        "index.md",
        "timeline.md",
    ]
    shutil.rmtree(tmp_path / "handbook")


def test_serve_rebuilds_refuse_the_same_files(tmp_path: Path) -> None:
    """Under ``mkdocs serve`` (caches kept between rebuilds), a link added between two rebuilds is
    refused too, and what it points at never reaches the site."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from teamhandbook.plugin.plugin import TeamHandbookPlugin

    outside = tmp_path / "outside.md"
    outside.write_text(f"# Outside\n\n{SECRET}\n", "utf-8")
    root = make_handbook(tmp_path / "handbook", {"decisions/0001-ok.md": decision({"status": "accepted"})})
    TeamHandbookPlugin().on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
        (root / "decisions" / "0002-outside.md").symlink_to(outside)
        make_fifo(root / "decisions" / "0003-fifo.md")
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    finally:
        TeamHandbookPlugin().on_shutdown()
    records = json.loads((root / "site" / "decisions.json").read_text("utf-8"))
    assert [r["id"] for r in records["decisions"]] == ["0001-ok"]
    assert sorted((p["file"], p["code"]) for p in records["problems"]) == [
        ("decisions/0002-outside.md", "outside-root"),
        ("decisions/0003-fifo.md", "not-a-file"),
    ]
    assert not [p for p in (root / "site").rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
