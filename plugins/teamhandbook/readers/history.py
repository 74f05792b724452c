"""The last change of every source file, from one ``git log`` for the whole handbook.

Git is run once per build, whatever the number of pages: its output is streamed and git is
stopped as soon as every file has its last change, the period whose changes are listed one by
one (What's new's) has been read, and every file asked for has the commit that first added it (the
date of a decision that states none). Each change keeps its commit's subject, which says what
changed. Renames are followed, so a page that was only moved keeps the date of its last real
change. Files git knows nothing about (not a checkout, a shallow clone, a new file not committed
yet) fall back to their modification time.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..model.history import Change, History, HistorySource
from ..model.problem import Problem, note

_RECORD = b"\x1e"
_FIELD = "\x1f"
_FORMAT = "%x1e%H%x1f%cI%x1f%aN%x1f%D%x1f%s"
"""Commit, committer date, author, decorations and subject; the subject comes last, so a
field separator in it stays part of it."""
_FIELDS = 5
_CHUNK = 1 << 16


def git_log_command(folders: Iterable[str]) -> list[str]:
    """Return the one git command that lists every change to the handbook's source folders."""
    return [
        "git",
        "-c",
        "log.showSignature=false",
        "-c",
        "core.quotePath=false",
        "log",
        "-z",
        f"--format={_FORMAT}",
        "--name-status",
        "-M",
        "--relative",
        "--no-ext-diff",
        "--no-textconv",
        "--",
        *folders,
    ]


def read_history(
    root: Path,
    sources: Iterable[str],
    folders: Iterable[str],
    use_git: bool = True,
    config_file: str = "mkdocs.yml",
    since: dt.datetime | None = None,
    first_added: Iterable[str] = (),
) -> tuple[History, list[Problem]]:
    """Return the last change of each source (paths relative to ``root``), and a note for a shallow clone.

    With ``since``, every change of each source from that moment on is kept too (``History.recent``).
    For the sources in ``first_added`` the same ``git log`` also finds the commit that added them.
    """
    wanted = list(dict.fromkeys(sources))
    history = History(method="files", since=since)
    problems: list[Problem] = []
    if use_git and wanted:
        walker, failure = _run_git(root, wanted, list(folders), since, set(first_added) & set(wanted))
        if failure is None:
            history.changes.update(walker.found)
            history.recent.update(walker.recent)
            history.added.update(walker.added)
            history.method = "git (shallow)" if walker.shallow else "git"
            missing = len(wanted) - len(walker.found)
            if walker.shallow and missing:
                problems.append(_shallow_note(config_file, missing))
        else:
            history.reason = failure  # said on the pages that show dates: not a problem of any file
    elif not use_git:
        history.reason = "git history is turned off with `git_history: false`"
    for source in wanted:
        if source not in history.changes:
            change = _file_time(root / source)
            if change is not None:
                history.changes[source] = change
    return history, problems


class _Walker:
    """Follows ``git log`` output, newest commit first, to each file's last real change."""

    def __init__(
        self, sources: list[str], since: dt.datetime | None = None, first_added: set[str] | None = None
    ) -> None:
        self.alias: dict[str, str] = {source: source for source in sources}
        """The name a file had at the point of history being read, mapped to its name today."""
        self.found: dict[str, Change] = {}
        self.recent: dict[str, list[Change]] = {}
        """Every real change of each file since ``since``, newest first."""
        self.since = since
        self.before_since = since is None
        """True once a commit older than ``since`` was read: the period is complete."""
        self.wanted = len(sources)
        self.shallow = False
        self.first_added = first_added or set()
        """The files whose first commit is wanted too."""
        self.added: dict[str, Change] = {}
        self.latest: dict[str, Change] = {}
        """The oldest change seen so far of each file in ``first_added``: its addition, once history
        has gone past it."""
        self.first_added = first_added or set()
        """The files whose first commit is wanted too."""
        self.added: dict[str, Change] = {}
        self.latest: dict[str, Change] = {}
        """The oldest change seen so far of each file in ``first_added``: its addition, once history
        has gone past it."""

    @property
    def done(self) -> bool:
        """Tell whether every file has its last change, the period since ``since`` was read, and
        every file whose first commit is wanted has it."""
        return (
            len(self.found) >= self.wanted and self.before_since and len(self.added) >= len(self.first_added)
        )

    def finish(self) -> None:
        """At the end of history, a file still followed was added by the oldest commit seen."""
        for target, change in self.latest.items():
            self.added.setdefault(target, replace(change, created=True))

    def take(self, record: bytes) -> None:
        """Read one commit: its header and the files it changed."""
        header, _, rest = record.partition(b"\0")
        fields = header.decode("utf-8", "replace").split(_FIELD, _FIELDS - 1)
        if len(fields) != _FIELDS:
            return
        commit, when, author, decorations, subject = fields
        grafted = "grafted" in (name.strip() for name in decorations.split(","))
        # A shallow clone's oldest commit shows every file as added: it says nothing about when.
        self.shallow = self.shallow or grafted
        change = Change(_utc(when), author or None, HistorySource.GIT, commit, subject=subject.strip())
        if self.since is not None and change.when < self.since:
            self.before_since = True
        tokens = rest.lstrip(b"\n").split(b"\0")
        i = 0
        while i < len(tokens):
            status = tokens[i].decode("ascii", "replace")
            if not status:
                i += 1
                continue
            if status[0] in "RC" and i + 2 < len(tokens):
                self._renamed(status, _path(tokens[i + 1]), _path(tokens[i + 2]), change, grafted)
                i += 3
            else:
                if i + 1 < len(tokens):
                    self._changed(status[0], _path(tokens[i + 1]), change, grafted)
                i += 2

    def _changed(self, kind: str, path: str, change: Change, grafted: bool) -> None:
        """Record a file added, modified or deleted in this commit."""
        target = self.alias.get(path)
        if target is None:
            return
        if kind != "D" and not grafted:
            self._record(target, replace(change, created=kind == "A"))
            self._trace_origin(target, change, added=kind == "A")
        if kind in "AD":
            del self.alias[path]  # older changes to this name belong to another file

    def _renamed(self, status: str, old: str, new: str, change: Change, grafted: bool) -> None:
        """Follow a file to its older name; a rename that also changed the text is a change."""
        target = self.alias.pop(new, None)
        if target is None:
            return
        copied = status[0] == "C"  # a copy is a new file: its history starts here
        if (copied or status[1:] != "100") and not grafted:
            self._record(target, replace(change, created=copied))
        if not grafted:
            self._trace_origin(target, change, added=copied)
        if not copied:
            self.alias[old] = target

    def _trace_origin(self, target: str, change: Change, added: bool) -> None:
        """Follow a file whose first commit is wanted back to it: an addition ends the search, any
        other change is the oldest seen so far."""
        if target not in self.first_added or target in self.added:
            return
        if added:
            self.added[target] = replace(change, created=True)
            self.latest.pop(target, None)
        else:
            self.latest[target] = change

    def _record(self, target: str, change: Change) -> None:
        """Keep a real change of a file: its last one, and every one in the period read one by one."""
        self.found.setdefault(target, change)
        if self.since is not None and change.when >= self.since:
            self.recent.setdefault(target, []).append(change)


def _run_git(
    root: Path,
    sources: list[str],
    folders: list[str],
    since: dt.datetime | None = None,
    first_added: set[str] | None = None,
) -> tuple[_Walker, str | None]:
    """Run git once, streaming its output; return what it said, or why it could not run."""
    walker = _Walker(sources, since, first_added)
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        process = subprocess.Popen(
            git_log_command(folders),
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
        )
    except OSError as exc:
        return walker, f"git is not installed: {exc.strerror}" if exc.strerror else str(exc)
    assert process.stdout is not None and process.stderr is not None
    pending = b""
    stopped = False
    for chunk in iter(lambda: process.stdout.read(_CHUNK), b""):
        *records, pending = (pending + chunk).split(_RECORD)
        for record in records:
            walker.take(record)
        if walker.done:
            process.kill()  # every file has its last change, the period is read: the rest is not needed
            stopped = True
            break
    if not stopped and pending:
        walker.take(pending)
    if not stopped and not walker.shallow:
        walker.finish()
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stdout.close()
    process.stderr.close()
    code = process.wait()
    if not stopped and code != 0:
        return walker, _first_line(errors) or f"git log exited with code {code}"
    return walker, None


def _path(token: bytes) -> str:
    """Decode a path as the file system does, so any name compares equal to the file's."""
    return os.fsdecode(token)


def _utc(text: str) -> dt.datetime:
    """Read git's ISO 8601 time as an aware UTC datetime."""
    try:
        return dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    except ValueError:
        return dt.datetime.fromtimestamp(0, dt.UTC)


def _file_time(path: Path) -> Change | None:
    """Return a file's modification time as its last change, or None when it cannot be read."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return Change(dt.datetime.fromtimestamp(stamp, dt.UTC).replace(microsecond=0), None, HistorySource.FILES)


def _first_line(text: str) -> str:
    """Return the first line of git's error output, without its ``fatal:`` prefix."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line.removeprefix("fatal: ").removeprefix("error: ")


def _shallow_note(config_file: str, missing: int) -> Problem:
    """Tell the author that a shallow clone hides when some files changed."""
    return note(
        config_file,
        1,
        f"the repository is a shallow clone, so {missing} file(s) have no history in it and their "
        "last change is taken from file times; fetch the whole history (`git fetch --unshallow`, or "
        "`fetch-depth: 0` in GitHub Actions' checkout).",
        "shallow-history",
    )
