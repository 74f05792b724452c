"""What the decision commands share: finding the decision a user means, and saying what changed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..handbook import Handbook
from ..linking.references import ReferenceIndex
from ..model.decision import Decision, Status
from ..model.lifecycle import Lifecycle
from ..readers.lifecycle import default_lifecycle
from ..writers.changes import ChangeSet
from ..writers.files import FileChangedError
from ..writers.yaml_edit import EditError
from .context import CommandError, info

STATUS_WORDS = ", ".join(status.key for status in default_lifecycle())


def find_decision(handbook: Handbook, reference: str) -> Decision:
    """Return the decision a user means: ``5``, ``ADR-0005``, ``0005-use-x`` or a path to its file."""
    path = Path(reference)
    if reference.endswith(".md") and path.is_file():
        source = handbook.settings.relative(path)
        found = next((d for d in handbook.decisions if d.source == source), None)
        if found is not None:
            return found
    matches = ReferenceIndex(handbook.decisions).find(reference)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise CommandError(
            f"no decision '{reference}' in {handbook.settings.decisions_dir}/; "
            "give its number, its file name or its path (`handbook list` shows them)"
        )
    names = ", ".join(d.source for d in matches)
    raise CommandError(f"'{reference}' could be any of {names}; give the file name to say which")


def parse_status(word: str, lifecycle: Lifecycle | None = None) -> Status:
    """Return the status a user typed — a key, or any word of the handbook's lifecycle — or explain
    which words are allowed."""
    lifecycle = lifecycle or default_lifecycle()
    status = lifecycle.get(word.strip().lower()) or lifecycle.lookup(word)
    if status is None:
        raise CommandError(f"unknown status '{word}'; use one of {', '.join(lifecycle.keys())}")
    return status


def shown(path: Path) -> str:
    """Return a path as a user wants to read it: relative to the current folder when inside it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        relative = Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive, on Windows
        return str(path)
    return str(path) if relative.startswith("../") else relative


def write_changes(changes: ChangeSet) -> list[Path]:
    """Write a change set and print every file that changed."""
    written = changes.write()
    for path in written:
        info(f"updated {shown(path)}")
    return written


@contextmanager
def refusals() -> Iterator[None]:
    """Turn an edit the handbook refuses to make into a plain message and exit code 2."""
    try:
        yield
    except (EditError, FileChangedError, TimeoutError) as exc:
        raise CommandError(str(exc)) from None
