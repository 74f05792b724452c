"""Decisions parsed in an earlier build of the same process, reused while their bytes are the same.

``mkdocs serve`` rebuilds the whole site after every save, and every rebuild reads the decision
folder again, which keeps the index, timeline, graph and ``decisions.json`` right even in dirty
builds. Reading the bytes is cheap; parsing them is most of the cost. A file whose bytes did not
change since the last build is not parsed again: its earlier result is used again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from ..model.decision import Decision
from ..model.problem import Problem

Reading = tuple[Decision, list[Problem]]


@dataclass(frozen=True)
class _Entry:
    """One file's bytes (as a digest), how it was read, and what reading it gave."""

    digest: bytes
    key: Hashable
    decision: Decision
    problems: tuple[Problem, ...]


class ReadCache:
    """Parsed decisions by file, for a process that builds the same handbook many times."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}

    def read(self, path: str, raw: bytes, key: Hashable, parse: Callable[[], Reading]) -> Reading:
        """Return what parsing ``raw`` gives, parsing only if the file or ``key`` changed.

        ``key`` holds everything else the result depends on (the file's name, the read options).
        The caller gets the very objects an earlier build got: nothing after reading changes a
        decision (the linking step makes new ones), so there is nothing to copy.
        """
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        entry = self._entries.get(path)
        if entry is None or entry.digest != digest or entry.key != key:
            decision, problems = parse()
            entry = _Entry(digest, key, decision, tuple(problems))
            self._entries[path] = entry
            return decision, problems
        return entry.decision, list(entry.problems)

    def retain(self, paths: set[str]) -> None:
        """Forget the files that are no longer there."""
        for path in self._entries.keys() - paths:
            del self._entries[path]
