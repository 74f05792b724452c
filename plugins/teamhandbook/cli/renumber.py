"""``handbook renumber``: give a decision another number, as after two branches took the same one."""

from __future__ import annotations

import argparse
import sys

from ..writers.numbering import decision_stems, numbers_taken
from ..writers.renumber import apply_renumbering, plan_renumbering
from . import context
from .context import CommandError, info
from .decisions import find_decision, refusals, shown

MAX_NUMBER = 999_999
"""The largest number a decision's file name carries that the handbook reads as its number."""

NAME = "renumber"
HELP = "Give a decision the next free number (or --to N), following every reference to it."
DESCRIPTION = """\
Rename a decision's file to another number, the fix when two branches both took the next number
(`handbook check` reports it as a duplicate number). Give the decision by its file name or path,
since its number is shared:

  handbook renumber decisions/0012-use-kafka.md

The file takes the next free number unless --to says which. A decision whose number no other
decision shares is refused unless --to says where it goes: without a clash, a new number only
breaks addresses. Links to the file, in decisions and
in docs pages, follow the new name; relations that named it by file name, or by its number when
that was unambiguous, are rewritten. References that were ambiguous are listed for you to check."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the decision and the new number."""
    parser.add_argument("decision", help="The decision to renumber: its file name or path.")
    parser.add_argument("--to", type=int, metavar="N", help="The new number (default: the next free one).")
    parser.add_argument("--dry-run", action="store_true", help="Show what would change and write nothing.")


def run(args: argparse.Namespace) -> int:
    """Rename the decision and update what refers to it."""
    with context.editing(args) as handbook, refusals():
        decision = find_decision(handbook, args.decision)
        if decision.number is None:
            raise CommandError(f"{decision.source} has no number in its file name")
        folder = handbook.settings.decisions_path
        taken = numbers_taken(decision_stems(folder, handbook.settings.ignore, handbook.settings.boundary))
        if args.to is None and taken.get(decision.number, []) == [decision.id]:
            raise CommandError(
                f"{decision.source} is the only decision numbered {decision.number}, so there is no clash "
                "to fix; renumbering it changes its address and every reference to it. Give --to N to "
                "move it anyway; nothing was written"
            )
        number = args.to if args.to is not None else max(taken, default=0) + 1
        if not 0 <= number <= MAX_NUMBER:
            raise CommandError(f"--to: {number} is not a decision number; give one from 0 to {MAX_NUMBER}")
        if number in taken and taken[number] != [decision.id]:
            raise CommandError(f"number {number} is taken by {', '.join(taken.get(number, []))}")
        if number == decision.number:
            info(f"{decision.source} already has number {number}")
            return 0
        plan = plan_renumbering(handbook, decision, number)
        info(f"{shown(plan.old_path)} → {shown(plan.new_path)}")
        for path in plan.edits:
            if path != plan.old_path:
                info(f"  follows: {shown(path)}")
        if not args.dry_run:
            try:
                apply_renumbering(plan, handbook.settings.readable_roots)
            except FileExistsError:
                raise CommandError(f"{shown(plan.new_path)} exists; nothing was renamed") from None
    for line in plan.unsure:
        print(
            f"check: {line} was ambiguous and now means the other decision with this number", file=sys.stderr
        )
    if args.dry_run:
        info("Dry run: nothing was written.")
    return 0
