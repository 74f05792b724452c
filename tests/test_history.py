"""Each page's last change from one ``git log``: renames, odd names, shallow clones, no git at all."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from teamhandbook.model.history import HistorySource
from teamhandbook.readers.history import read_history

from .conftest import build, commit_all, decision, git, make_handbook, write_files

FIRST, SECOND, THIRD, FOURTH, FIFTH = (f"2024-0{month}-01T09:30:00+02:00" for month in range(1, 6))


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose files were renamed, edited, deleted and added again, by different people."""
    root = tmp_path_factory.mktemp("history")
    write_files(root, {"docs/old name.md": "# Old\n", "docs/b.md": "# B\n", "docs/e.md": "# E\n"})
    commit_all(root, "first", FIRST, "Ana Lima")
    git(root, "mv", "docs/old name.md", "docs/nový název.md")
    git(root, "rm", "-q", "docs/e.md")
    commit_all(root, "pure rename, and a deletion", SECOND, "Bo Berg")
    write_files(root, {"docs/b.md": "# B\n\nA longer page, so that a rename keeps it recognisable.\n" * 3})
    commit_all(root, "edit b", THIRD, "Chioma Eze")
    git(root, "mv", "docs/b.md", "docs/d.md")
    write_files(root, {"docs/d.md": (root / "docs/d.md").read_text() + "One more line.\n"})
    commit_all(root, "rename with an edit", FOURTH, "Dana Roy")
    write_files(root, {"docs/e.md": "# E again\n"})
    commit_all(root, "add e again", FIFTH, "Eli Kahn")
    write_files(root, {"docs/draft.md": "# Not committed\n"})
    return root


SOURCES = ["docs/nový název.md", "docs/d.md", "docs/e.md", "docs/draft.md"]


def utc(moment: str) -> dt.datetime:
    """Return an ISO moment in UTC."""
    return dt.datetime.fromisoformat(moment).astimezone(dt.UTC)


@pytest.mark.parametrize(
    ("source", "when", "author", "created"),
    [
        ("docs/nový název.md", FIRST, "Ana Lima", True),
        ("docs/d.md", FOURTH, "Dana Roy", False),
        ("docs/e.md", FIFTH, "Eli Kahn", True),
    ],
    ids=["pure-rename-keeps-the-last-edit", "rename-with-edit-is-a-change", "deleted-then-added-again"],
)
def test_git_gives_each_file_its_last_real_change(
    repository: Path, source: str, when: str, author: str, created: bool
) -> None:
    """Renames are followed; names with spaces and accents are read exactly."""
    history, problems = read_history(repository, SOURCES, ["docs"])
    change = history.get(source)
    assert problems == [] and history.method == "git"
    assert (change.when, change.author, change.source, change.created) == (
        utc(when),
        author,
        HistorySource.GIT,
        created,
    )


def test_a_file_not_committed_yet_is_dated_by_its_file_time(repository: Path) -> None:
    """A new page being previewed has no commit: its modification time stands in, with no author."""
    history, _ = read_history(repository, SOURCES, ["docs"])
    change = history.get("docs/draft.md")
    mtime = (repository / "docs/draft.md").stat().st_mtime
    assert (change.source, change.author) == (HistorySource.FILES, None)
    assert abs(change.when.timestamp() - mtime) < 1


def test_a_shallow_clone_dates_what_it_can_and_notes_the_rest(repository: Path, tmp_path: Path) -> None:
    """Files changed after the clone's oldest commit keep git's date; the others fall back, with a note.

    The oldest commit of a shallow clone lists every file as added, so it dates nothing.
    """
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", repository.as_uri(), str(clone))
    history, problems = read_history(clone, ["docs/e.md", "docs/d.md"], ["docs"])
    assert history.method == "git (shallow)"
    assert history.get("docs/e.md").when == utc(FIFTH)
    assert history.get("docs/d.md").source is HistorySource.FILES
    assert [(p.code, p.severity.value) for p in problems] == [("shallow-history", "note")]
    assert "1 file(s)" in problems[0].message and "fetch-depth: 0" in problems[0].message


@pytest.mark.parametrize(
    ("use_git", "reason"), [(True, "not a git repository"), (False, "git_history: false")]
)
def test_without_git_every_file_is_dated_by_its_file_time(tmp_path: Path, use_git: bool, reason: str) -> None:
    """Outside a checkout, or with git turned off, file times are used and the reason is kept."""
    write_files(tmp_path, {"docs/a.md": "# A\n"})
    history, problems = read_history(tmp_path, ["docs/a.md"], ["docs"], use_git=use_git)
    assert problems == [] and history.method == "files" and reason in history.reason
    assert history.get("docs/a.md").source is HistorySource.FILES


def test_a_build_runs_git_once_whatever_the_number_of_pages(tmp_path: Path, monkeypatch) -> None:
    """A build of 40 pages and 10 decisions starts exactly one git process, and pages show its dates."""
    files: dict[str, str] = {f"docs/page-{n}.md": f"# Page {n}\n\nText.\n" for n in range(40)}
    files |= {
        f"decisions/{n:04d}-d{n}.md": decision({"status": "accepted", "date": "2024-01-0" + str(n % 9 + 1)})
        for n in range(1, 11)
    }
    root = make_handbook(tmp_path / "h", files)
    commit_all(root, "the handbook", THIRD, "Chioma Eze")
    calls = tmp_path / "git-calls.log"
    wrapper = tmp_path / "bin" / "git"
    wrapper.parent.mkdir()
    real_git = next(
        str(Path(folder) / "git")
        for folder in os.environ["PATH"].split(os.pathsep)
        if (Path(folder) / "git").is_file()
    )
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real_git}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    assert len(calls.read_text().splitlines()) == 1, calls.read_text()
    assert "by Chioma Eze" in result.page("page-17/") and "by Chioma Eze" in result.page("decisions/0007-d7/")


def test_each_change_keeps_its_commit_subject(repository: Path) -> None:
    """The last change of a file says what changed, in the words of its commit's subject."""
    history, _ = read_history(repository, SOURCES, ["docs"])
    assert history.get("docs/d.md").subject == "rename with an edit"
    assert history.get("docs/e.md").subject == "add e again"
    assert history.get("docs/draft.md").subject == ""  # a file time has no commit


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (THIRD, {"docs/d.md": ["rename with an edit", "edit b"], "docs/e.md": ["add e again"]}),
        (FIFTH, {"docs/e.md": ["add e again"]}),
        (None, {}),
    ],
    ids=["since-the-third-commit", "since-the-last-commit", "no-period"],
)
def test_the_changes_of_a_period_are_kept_one_by_one(
    repository: Path, since: str | None, expected: dict[str, list[str]]
) -> None:
    """Every real change of the period is kept, newest first, following renames; pure renames and
    changes to a deleted file of the same name are not changes of today's file."""
    history, _ = read_history(repository, SOURCES, ["docs"], since=utc(since) if since else None)
    assert {source: [c.subject for c in changes] for source, changes in history.recent.items()} == expected
    assert history.changes_of("docs/nový název.md") == [history.get("docs/nový název.md")]


def test_a_subject_holding_the_field_separator_stays_whole(tmp_path: Path) -> None:
    """A subject is the last field git prints, so even the character that separates fields is kept."""
    write_files(tmp_path, {"docs/a.md": "# A\n"})
    commit_all(tmp_path, "odd \x1f subject", FIRST, "Ana Lima")
    history, _ = read_history(tmp_path, ["docs/a.md"], ["docs"])
    assert history.get("docs/a.md").subject == "odd \x1f subject"
