"""Writes that cannot lose data: every edit through the ``handbook`` command, under attack.

Each test runs the installed command, as a user would, and compares the bytes of every file of the
handbook before and after: a refused or failed edit leaves each one as it was, with one plain
sentence and exit code 2. Full disks are simulated two ways: a real 64 KB tmpfs when the test may
mount one (as root), and otherwise, and for failures in the middle of a multi-file change, by a
wrapper that makes the Nth ``fsync``, ``replace``, ``link`` or ``rename`` fail with ``ENOSPC``.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .cli import Outcome, run_script
from .conftest import decision, make_handbook

INJECT = """\
import errno, os, sys
failures = {}
for spec in os.environ["HANDBOOK_FAIL"].split(","):
    name, _, rest = spec.partition(":")
    at, _, code = rest.partition(":")
    failures[name] = (int(at), getattr(errno, code or "ENOSPC"))

def failing(name, real, at, code):
    calls = [0]
    def call(*args, **kwargs):
        calls[0] += 1
        if at == 0 or calls[0] == at:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)
    return call

for name, (at, code) in failures.items():
    setattr(os, name, failing(name, getattr(os, name), at, code))
from teamhandbook.cli.main import main
sys.exit(main(sys.argv[1:]))
"""
"""Runs ``handbook`` with ``os.<name>`` failing on its Nth call (0: every call), e.g.
``HANDBOOK_FAIL=replace:2`` or ``link:2,rename:0``; a code may follow: ``replace:1:EACCES``."""


def run_failing(root: Path, failures: str, *args: str) -> Outcome:
    """Run ``handbook ARGS`` in ``root`` with the system calls of ``failures`` failing."""
    env = {**os.environ, "HANDBOOK_FAIL": failures}
    result = subprocess.run(
        [sys.executable, "-c", INJECT, *args], cwd=root, capture_output=True, text=True, env=env, timeout=120
    )
    assert "Traceback" not in result.stderr, result.stderr
    return Outcome(result.returncode, result.stdout, result.stderr)


def snapshot(root: Path) -> dict[str, object]:
    """Return every entry below ``root``: a file's bytes, a link's target, a folder's name."""
    entries: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            entries[relative] = ("link", os.readlink(path))
        elif path.is_dir():
            entries[relative] = "folder"
        else:
            entries[relative] = path.read_bytes()
    return entries


FILES = {
    "decisions/0001-first.md": decision({"status": "accepted", "date": "2024-01-01"}, "First"),
    "decisions/0002-second.md": decision({"status": "proposed", "date": "2024-01-02"}, "Second"),
    "decisions/0003-third.md": decision(
        {"status": "proposed", "date": "2024-01-03"}, "Third", "See [the second](0002-second.md)."
    ),
    "decisions/0004-fourth.md": decision({"status": "accepted", "date": "2024-01-04"}, "Fourth"),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small handbook with four decisions, the third linking to the second; the second and third
    are proposals, so superseding by them waits for them (one file); the fourth is accepted."""
    return make_handbook(tmp_path / "handbook", FILES)


def assert_refused(outcome: Outcome, before: dict[str, object], root: Path, sentence: str) -> None:
    """The command stopped with exit 2 and one sentence, and every file is as it was."""
    assert outcome.code == 2, outcome
    assert outcome.err.count("\n") == 1 and outcome.err.startswith("handbook: "), outcome.err
    assert sentence in outcome.err
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("command", "failures", "sentence"),
    [
        (
            ["supersede", "1", "4"],
            "fsync:1",
            "cannot write decisions/0001-first.md: the disk is full; nothing was changed",
        ),
        (
            ["supersede", "1", "4"],
            "replace:2",
            "cannot write decisions/0004-fourth.md: the disk is full; every file was put back as it was",
        ),
        (
            ["renumber", "decisions/0002-second.md", "--to", "7"],
            "link:2,rename:0",
            "cannot rename decisions/0002-second.md: the disk is full; every file was put back as it was",
        ),
        (
            ["renumber", "decisions/0002-second.md", "--to", "7"],
            "replace:1",
            "cannot write decisions/0003-third.md: the disk is full; every file was put back as it was",
        ),
        (
            ["link", "3", "relates-to", "1"],
            "replace:1:EACCES",
            "cannot write decisions/0003-third.md: permission denied; every file was put back as it was",
        ),
        (["new", "A new one"], "fsync:1", "the disk is full"),
        (["status", "2", "accepted"], "fsync:1:EROFS", "the file system is read-only; nothing was changed"),
    ],
    ids=[
        "two files, before",
        "two files, midway",
        "renumber, rename",
        "renumber, edit",
        "eacces",
        "new",
        "erofs",
    ],
)
def test_a_failing_write_leaves_every_file_as_it_was(
    root: Path, command: list[str], failures: str, sentence: str
) -> None:
    """A write the system refuses, before or in the middle of a multi-file change, changes nothing."""
    before = snapshot(root)
    outcome = run_failing(root, failures, *command)
    assert_refused(outcome, before, root, sentence)


def test_the_same_commands_succeed_without_failures(root: Path) -> None:
    """The commands of the failure tests do change the files when nothing fails (so those tests can fail)."""
    assert run_script(root, "supersede", "1", "2").code == 0
    assert run_script(root, "renumber", "decisions/0002-second.md", "--to", "7").code == 0
    assert "0007-second.md" in (root / "decisions" / "0003-third.md").read_text("utf-8")
    assert not (root / "decisions" / "0002-second.md").exists()


@pytest.mark.parametrize(
    ("command", "locked", "sentence"),
    [
        (["status", "1", "proposed"], "decisions/0001-first.md", "the file is read-only"),
        (["supersede", "1", "2"], "decisions/0002-second.md", "the file is read-only"),
        (
            ["renumber", "decisions/0002-second.md", "--to", "9"],
            "decisions/0003-third.md",
            "the file is read-only",
        ),
        (["status", "1", "proposed"], "decisions", "the folder is read-only"),
        (["new", "Another"], "decisions", "the folder is read-only"),
        (["renumber", "decisions/0002-second.md", "--to", "9"], "decisions", "the folder is read-only"),
    ],
    ids=["file", "second of two files", "file renumber follows", "folder", "folder new", "folder renumber"],
)
def test_read_only_files_and_folders_are_respected(
    root: Path, command: list[str], locked: str, sentence: str
) -> None:
    """A read-only file or folder refuses the edit (even for an administrator): exit 2, nothing changed."""
    path = root / locked
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        before = snapshot(root)
        outcome = run_script(root, *command)
        assert_refused(outcome, before, root, sentence)
        assert "make it writable first" in outcome.err
    finally:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A handbook on a full disk: a real 64 KB tmpfs where mounting works, else a simulated one.

    Yields the root and how the disk is full: ``tmpfs`` (the handbook fills it), or ``fsync:1``,
    the failure to inject instead.
    """
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], capture_output=True
        ).returncode
        == 0
    )
    try:
        root = make_handbook(mount_point / "handbook", FILES)
        if mounted:
            with open(mount_point / "filler", "wb", buffering=0) as filler:
                try:
                    while True:
                        filler.write(b"\0" * 4096)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
        yield root, "tmpfs" if mounted else "fsync:1"
    finally:
        if mounted:
            subprocess.run(["umount", str(mount_point)], check=True)


def test_a_full_disk_changes_nothing(full_disk: tuple[Path, str]) -> None:
    """On a disk with no space left, an edit of two files fails with one sentence; both are as they were."""
    root, how = full_disk
    before = snapshot(root)
    if how == "tmpfs":
        outcome = run_script(root, "supersede", "1", "4")
    else:
        outcome = run_failing(root, how, "supersede", "1", "2")
    assert_refused(outcome, before, root, "the disk is full; nothing was changed")


def test_an_edit_through_a_link_edits_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    """A decision that is a link to a file elsewhere in the repository stays a link; the file changes."""
    root = make_handbook(
        tmp_path / "handbook",
        {"shared/0001-linked.md": decision({"status": "proposed"}, "Linked"), **FILES},
    )
    (root / "decisions" / "0001-first.md").unlink()
    (root / "decisions" / "0001-linked.md").symlink_to("../shared/0001-linked.md")
    assert run_script(root, "status", "1", "accepted").code == 0
    assert os.readlink(root / "decisions" / "0001-linked.md") == "../shared/0001-linked.md"
    assert "status: accepted" in (root / "shared" / "0001-linked.md").read_text("utf-8")
    outcome = run_script(root, "renumber", "decisions/0001-linked.md", "--to", "8")
    assert outcome.code == 0, outcome
    assert os.readlink(root / "decisions" / "0008-linked.md") == "../shared/0001-linked.md"
    assert not os.path.lexists(root / "decisions" / "0001-linked.md")


def test_parallel_links_all_keep_their_edits(root: Path) -> None:
    """Eight ``handbook link`` commands started at once each record their relation in one file."""
    (root / "decisions" / "0004-fourth.md").unlink()  # numbers 4 to 11 are this test's own
    for number in range(4, 12):
        (root / "decisions" / f"{number:04d}-more.md").write_text(
            decision({"status": "proposed"}, f"More {number}"), "utf-8"
        )
    processes = [
        subprocess.Popen(
            [str(Path(sys.executable).parent / "handbook"), "link", "1", "relates-to", str(number)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(4, 12)
    ]
    results = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, results
    text = (root / "decisions" / "0001-first.md").read_text("utf-8")
    relates = next(line for line in text.splitlines() if line.startswith("relates-to:"))
    assert sorted(relates.split("[", 1)[1].rstrip("]").replace('"', "").split(", ")) == [
        f"{number:04d}" for number in range(4, 12)
    ]
    assert not (root / ".handbook.lock").exists()


HOLD_LOCK = """\
import sys, time
from pathlib import Path
from teamhandbook.writers.lock import handbook_lock
with handbook_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_lock_held_by_a_process_that_died_is_free(root: Path) -> None:
    """The lock is the system's: when its holder is killed, the next command takes it at once."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(root)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    assert (root / ".handbook.lock").exists()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    outcome = run_script(root, "status", "2", "accepted")
    assert outcome.code == 0, outcome
    assert "status: accepted" in (root / "decisions" / "0002-second.md").read_text("utf-8")
    assert not (root / ".handbook.lock").exists()


def test_a_lock_file_planted_as_a_link_is_refused(root: Path, tmp_path: Path) -> None:
    """A ``.handbook.lock`` that is a link (to a file to clobber) is never opened through."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", "utf-8")
    (root / ".handbook.lock").symlink_to(victim)
    before = snapshot(root)
    outcome = run_script(root, "status", "2", "accepted")
    assert_refused(outcome, before, root, "cannot lock the handbook with .handbook.lock")
    assert victim.read_text("utf-8") == "keep me\n"


# handbook render ------------------------------------------------------------------------------


@pytest.fixture
def rendered(root: Path, tmp_path: Path) -> Path:
    """An output folder holding one render of the handbook, with its manifest."""
    out = tmp_path / "out"
    assert run_script(root, "render", "--out", str(out)).code == 0
    return out


@pytest.mark.parametrize(
    "entry",
    [
        "../victim.txt",
        "{victim}",
        "decisions/../../victim.txt",
        "./index.md",
        "linked/page.md",
        "C:/victim.txt",
    ],
    ids=["parent", "absolute", "dot-dot inside", "dot", "through a link", "drive"],
)
def test_render_refuses_a_manifest_line_outside_out(
    root: Path, rendered: Path, tmp_path: Path, entry: str
) -> None:
    """A tampered manifest cannot make the next render delete or write anything outside ``--out``."""
    victim = tmp_path / "victim.txt"
    victim.write_text("an author's file\n", "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.md").write_text("not ours\n", "utf-8")
    (rendered / "linked").symlink_to(elsewhere)
    manifest = rendered / ".teamhandbook-render"
    entry = entry.format(victim=victim)
    manifest.write_text(manifest.read_text("utf-8") + entry + "\n", "utf-8")
    (root / "decisions" / "0003-third.md").unlink()  # so the render has a stale file to delete
    before, outside = snapshot(rendered), snapshot(tmp_path / "elsewhere")
    outcome = run_script(root, "render", "--out", str(rendered))
    assert outcome.code == 2
    assert f"lists '{entry}', which is not a file inside {rendered}" in outcome.err
    assert "nothing was written or deleted" in outcome.err
    assert victim.read_text("utf-8") == "an author's file\n"
    assert snapshot(rendered) == before and snapshot(tmp_path / "elsewhere") == outside


def test_render_deletes_only_its_own_stale_files(root: Path, rendered: Path) -> None:
    """A decision gone from the handbook loses its rendered page; a file the user added stays."""
    (rendered / "notes.txt").write_text("mine\n", "utf-8")
    (root / "decisions" / "0003-third.md").unlink()
    outcome = run_script(root, "render", "--out", str(rendered))
    assert outcome.code == 0, outcome
    assert not (rendered / "decisions" / "0003-third.md").exists()
    assert (rendered / "notes.txt").read_text("utf-8") == "mine\n"


def test_render_on_a_full_disk_leaves_out_as_it_was(root: Path, rendered: Path) -> None:
    """A render that runs out of space changes no file of the earlier render, manifest included."""
    (root / "decisions" / "0002-second.md").write_text(decision({"status": "accepted"}, "Changed"), "utf-8")
    before = snapshot(rendered)
    outcome = run_failing(root, "fsync:5", "render", "--out", str(rendered))
    assert outcome.code == 2
    assert "the disk is full; nothing was changed" in outcome.err
    assert snapshot(rendered) == before


def test_render_will_not_write_through_a_link_out_of_out(root: Path, tmp_path: Path) -> None:
    """A folder of ``--out`` that links elsewhere is not written into, even for a file the render owns."""
    out = tmp_path / "out"
    assert run_script(root, "render", "--out", str(out)).code == 0
    elsewhere = Path(tempfile.mkdtemp(dir=tmp_path))
    (out / "decisions").rename(tmp_path / "moved")
    (out / "decisions").symlink_to(elsewhere)
    outcome = run_script(root, "render", "--out", str(out))
    assert outcome.code == 2
    assert "leads outside" in outcome.err or "not a file inside" in outcome.err
    assert list(elsewhere.iterdir()) == []


def test_a_document_from_a_template_is_not_written_through_a_link_out(root: Path, tmp_path: Path) -> None:
    """``handbook template`` refuses a target folder that links out of the repository."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    template = (
        "---\ntitle: Update\ndescription: A weekly update.\npath: docs/updates/{date}.md\n---\n# Update\n"
    )
    (root / "working-agreement" / "templates").mkdir(parents=True)
    (root / "working-agreement" / "templates" / "update.md").write_text(template, "utf-8")
    (root / "docs" / "updates").symlink_to(elsewhere)
    before = snapshot(root)
    outcome = run_script(root, "template", "update", "--date", "2024-05-06")
    assert_refused(outcome, before, root, "its folder leads outside the handbook")
    assert list(elsewhere.iterdir()) == []
