"""``handbook status``: show a decision's status, or change it in place."""

from __future__ import annotations

import argparse
import sys

from ..handbook import Handbook
from ..model.decision import Status
from ..writers.changes import ChangeSet
from . import context
from .decisions import STATUS_WORDS, find_decision, parse_status, refusals, write_changes

NAME = "status"
HELP = "show or change a decision's status"
DESCRIPTION = f"""\
Show a decision's status, or set it to one of: {STATUS_WORDS}.

Only the line that holds the status changes; every other byte of the file stays as written.
Front matter (MADR 3/4), the `## Status` section (Nygard, adr-tools) and `* Status:` bullets
(MADR 2, log4brains) are edited where they are. To mark a decision as replaced by another, use
`handbook supersede OLD NEW`, which updates both files."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the decision and the new status."""
    parser.add_argument("decision", help="the decision: its number (5, ADR-0005), file name or path")
    parser.add_argument("status", nargs="?", help="the new status; without it, the current one is shown")


def run(args: argparse.Namespace) -> int:
    """Print the status, or set it (holding the handbook's lock)."""
    if args.status is None:
        decision = find_decision(context.handbook(args), args.decision)
        print(decision.status.value if decision.status else f"unknown ({decision.status_raw or 'none'})")
        return 0
    with context.editing(args) as handbook:
        return _set_status(args, handbook)


def _set_status(args: argparse.Namespace, handbook: Handbook) -> int:
    """Write the new status into the decision's file."""
    decision = find_decision(handbook, args.decision)
    status = parse_status(args.status)
    changes = ChangeSet(handbook)
    with refusals():
        if decision.status is status:
            print(f"{decision.source} is already {status.value}")
            return 0
        changes.editor(decision).set_status(status)
        changes.verify(decision, status=status)
        write_changes(changes)
    if status is Status.SUPERSEDED and not decision.superseded_by:
        print(
            "note: a superseded decision needs a successor; `handbook supersede OLD NEW` records it.",
            file=sys.stderr,
        )
    return 0
