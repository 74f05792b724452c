"""``handbook supersede OLD NEW``: record that one decision replaces another, on both sides."""

from __future__ import annotations

import argparse

from ..model.decision import Decision, Status
from ..writers.changes import ChangeSet
from . import context
from .context import CommandError
from .decisions import find_decision, refusals, write_changes

NAME = "supersede"
HELP = "record that NEW replaces OLD, in both files"
DESCRIPTION = """\
Record that decision NEW replaces decision OLD: OLD gets `status: superseded` and
`superseded-by: NEW`, NEW gets `supersedes: OLD`.

Each file is edited in its own format (front matter, adr-tools link lines such as
`Superseded by [4. Title](0004-title.md)`, or MADR 2 bullets) and only the lines that change are
touched. Both edits are checked before either file is written."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the two decisions."""
    parser.add_argument("old", help="the decision that is replaced")
    parser.add_argument("new", help="the decision that replaces it")


def run(args: argparse.Namespace) -> int:
    """Edit both decisions, holding the handbook's lock."""
    with context.editing(args) as handbook:
        old, new = find_decision(handbook, args.old), find_decision(handbook, args.new)
        changes = ChangeSet(handbook)
        with refusals():
            supersede(changes, old, new)
            if not write_changes(changes):
                print(f"{new.source} already supersedes {old.source}; nothing to change")
    return 0


def supersede(changes: ChangeSet, old: Decision, new: Decision) -> None:
    """Make both files say that ``new`` supersedes ``old``, and check that they read back so."""
    if old.id == new.id:
        raise CommandError("a decision cannot supersede itself")
    old_editor = changes.editor(old)
    if not changes.has_relation(old, "superseded-by", new):
        old_editor.set_status(Status.SUPERSEDED, changes.target(new, old))
    elif old_editor.read().status is not Status.SUPERSEDED:
        old_editor.set_status(Status.SUPERSEDED)
    if not changes.has_relation(new, "supersedes", old):
        changes.editor(new).add_relation("supersedes", changes.target(old, new))
    changes.verify(old, status=Status.SUPERSEDED, relation=("superseded-by", new))
    changes.verify(new, relation=("supersedes", old))
