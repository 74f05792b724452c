"""Edits to several decisions, made in memory, checked together, then written file by file."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..handbook import Handbook
from ..linking.references import RELATIONS, ReferenceIndex
from ..model.decision import Decision, Status
from ..readers.lifecycle import read_options
from .decision_edit import DecisionEditor, Target
from .transaction import Transaction
from .yaml_edit import EditError

_DIGITS = re.compile(r"^\D*?(\d+)")
ATTRIBUTES = {written: attribute for attribute, written in RELATIONS}
"""Each relation's ``Decision`` attribute by the name authors write: ``superseded-by`` → ``superseded_by``."""


@dataclass
class _Edit:
    """One file being edited: its bytes as read, and the editor holding its new lines."""

    path: Path
    original: bytes
    editor: DecisionEditor


@dataclass
class ChangeSet:
    """Edits to the decisions of one handbook."""

    handbook: Handbook
    edits: dict[str, _Edit] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.options = read_options(self.handbook.settings, self.handbook.lifecycle or None)
        self.references = ReferenceIndex(self.handbook.decisions)
        self.numbers: dict[int, int] = {}
        for decision in self.handbook.decisions:
            if decision.number is not None:
                self.numbers[decision.number] = self.numbers.get(decision.number, 0) + 1

    def editor(self, decision: Decision) -> DecisionEditor:
        """Return the editor of a decision's file, reading the file the first time."""
        if decision.id not in self.edits:
            path = self.handbook.settings.root / decision.source
            found = self.handbook.settings.boundary.read(path, decision.source)
            if found.raw is None:
                reason = found.problem.message if found.problem else "it cannot be read"
                raise EditError(f"{decision.source}: {reason}")
            original = found.raw
            try:
                text = original.decode("utf-8")
            except UnicodeDecodeError:
                raise EditError(f"{decision.source} is not valid UTF-8; save it as UTF-8 first") from None
            editor = DecisionEditor(text, decision.source, decision.id, self.options)
            self.edits[decision.id] = _Edit(path, original, editor)
        return self.edits[decision.id].editor

    def target(self, decision: Decision, seen_from: Decision) -> Target:
        """Describe ``decision`` as ``seen_from``'s file refers to it."""
        return target_for(decision, seen_from.source, unique=self.numbers.get(decision.number or -1, 0) == 1)

    def has_relation(self, decision: Decision, relation: str, other: Decision) -> bool:
        """Tell whether a decision's file already records a relation to ``other``."""
        current = self.editor(decision).read()
        refs = getattr(current, ATTRIBUTES[relation])
        return any(d.id == other.id for ref in refs for d in self.references.find(ref.text))

    def verify(
        self, decision: Decision, status: Status | None = None, relation: tuple[str, Decision] | None = None
    ) -> None:
        """Read the edited text back and make sure it says what was intended, else refuse."""
        editor = self.editor(decision)
        editor.front.bounds()
        current = editor.read()
        if status is not None and current.status is not status:
            raise EditError(
                f"{decision.source}: after the edit the status would read as "
                f"'{current.status_raw or 'nothing'}', not '{status.value}'; change it by hand"
            )
        if relation is not None and not self.has_relation(decision, *relation):
            name, other = relation
            raise EditError(
                f"{decision.source}: could not record `{name}: {other.id}` in a way the handbook reads "
                "back; add it by hand"
            )

    def write(self) -> list[Path]:
        """Write every changed file, all of them or none; return the files that changed.

        Each file is checked (writable, unchanged since it was read, inside the handbook) before
        any is written; if writing one fails, the others are put back as they were.
        """
        transaction = Transaction(self.handbook.settings.readable_roots)
        written: list[Path] = []
        for edit in self.edits.values():
            data = edit.editor.lines.to_bytes()
            if data != edit.original:
                transaction.replace(edit.path, data, expected=edit.original)
                written.append(edit.path)
        transaction.commit()
        return written


def target_for(decision: Decision, from_source: str, unique: bool = True) -> Target:
    """Describe a decision as a file at ``from_source`` (relative to the root) refers to it."""
    digits = _DIGITS.match(decision.id)
    reference = digits.group(1) if decision.number is not None and unique and digits else decision.id
    path = posixpath.relpath(decision.source, posixpath.dirname(from_source) or ".")
    title = decision.title.replace("[", "(").replace("]", ")")
    label = f"{decision.number}. {title}" if decision.number is not None else title
    return Target(reference, quote(path, safe="/"), label, decision.display_id)
