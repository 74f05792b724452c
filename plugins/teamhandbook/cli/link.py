"""``handbook link A RELATION B``: record a relation between two decisions."""

from __future__ import annotations

import argparse

from ..handbook import Handbook
from ..model.decision import Decision
from ..writers.changes import ChangeSet
from ..writers.decision_edit import RELATIONS
from . import context
from .context import CommandError, info
from .decisions import find_decision, refusals, write_changes
from .supersede import supersede

AMENDMENTS = ("amends", "amended-by")

NAME = "link"
HELP = "Record that A supersedes, is superseded by, amends, is amended by, or relates to B."
DESCRIPTION = """\
Record a relation between two decisions:

  handbook link 12 relates-to 7      12 lists 7 under `relates-to`; both pages show it
  handbook link 12 supersedes 7      the same as `handbook supersede 7 12`: both files change
  handbook link 7 superseded-by 12   the same again, from the other side
  handbook link 12 amends 7          12 changes part of 7, which stays in force: both files
                                     change (`amends` in 12, `amended-by` in 7), as adr-tools does

Only the lines that change are touched, in the file's own format."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the two decisions and the relation."""
    parser.add_argument("source", metavar="A", help="The decision that gets the relation.")
    parser.add_argument("relation", choices=RELATIONS, help="One of %(choices)s.")
    parser.add_argument("target", metavar="B", help="The decision it points at.")


def run(args: argparse.Namespace) -> int:
    """Edit the decision, or both for a supersession, holding the handbook's lock."""
    with context.editing(args) as handbook:
        return _link(args, handbook)


def _link(args: argparse.Namespace, handbook: Handbook) -> int:
    """Record the relation in the decisions' files."""
    source, target = find_decision(handbook, args.source), find_decision(handbook, args.target)
    if source.id == target.id:
        raise CommandError("a decision cannot be linked to itself")
    changes = ChangeSet(handbook)
    with refusals():
        if args.relation == "supersedes":
            supersede(changes, target, source)
        elif args.relation == "superseded-by":
            supersede(changes, source, target)
        elif args.relation in AMENDMENTS:
            amending, amended = (source, target) if args.relation == "amends" else (target, source)
            _amend(changes, amending, amended)
        elif not (
            changes.has_relation(source, "relates-to", target)
            or changes.has_relation(target, "relates-to", source)
        ):
            changes.editor(source).add_relation("relates-to", changes.target(target, source))
            changes.verify(source, relation=("relates-to", target))
        if not write_changes(changes):
            info(f"{source.source} already records that; nothing to change")
    return 0


def _amend(changes: ChangeSet, amending: Decision, amended: Decision) -> None:
    """Record an amendment on both sides, each only if it is not written there already."""
    for decision, relation, other in ((amending, "amends", amended), (amended, "amended-by", amending)):
        if not changes.has_relation(decision, relation, other):
            changes.editor(decision).add_relation(relation, changes.target(other, decision))
            changes.verify(decision, relation=(relation, other))
