"""``handbook status``: show a decision's status, or change it in place."""

from __future__ import annotations

import argparse
import json
import sys

from ..handbook import Handbook
from ..linking.log import NEVER_IN_FORCE, is_pending
from ..model.decision import Decision, Status
from ..writers.changes import ChangeSet
from . import context
from .context import info
from .decisions import STATUS_WORDS, find_decision, parse_status, refusals, write_changes
from .supersede import complete, refuse_cycle

NAME = "status"
HELP = "Show or change a decision's status."
DESCRIPTION = f"""\
Show a decision's status, or set it to one of: {STATUS_WORDS}.

Only the line that holds the status changes; every other byte of the file stays as written.
Front matter (MADR 3/4), the `## Status` section (Nygard, adr-tools) and `* Status:` bullets
(MADR 2, log4brains) are edited where they are. To mark a decision as replaced by another, use
`handbook supersede OLD NEW`, which updates both files.

Accepting a decision completes the supersessions it was waiting for: every decision it
`supersedes` gets `status: superseded` and `superseded-by` in the same step. Rejecting it removes
its pending `supersedes`, so the decisions it would have replaced stay in force. With --json, the
status is printed as {{"id": …, "status": …, "status_raw": …}}."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the decision and the new status."""
    parser.add_argument("decision", help="The decision: its number (5, ADR-0005), file name or path.")
    parser.add_argument("status", nargs="?", help="The new status; without it, the current one is shown.")
    parser.add_argument("--json", action="store_true", help="Print the current status as JSON.")


def run(args: argparse.Namespace) -> int:
    """Print the status, or set it (holding the handbook's lock)."""
    if args.status is None:
        decision = find_decision(context.handbook(args), args.decision)
        if args.json:
            record = {"id": decision.id, "status": decision.status.value if decision.status else None}
            print(json.dumps({**record, "status_raw": decision.status_raw}, ensure_ascii=False))
        else:
            print(decision.status.value if decision.status else f"unknown ({decision.status_raw or 'none'})")
        return 0
    with context.editing(args) as handbook:
        return _set_status(args, handbook)


def _set_status(args: argparse.Namespace, handbook: Handbook) -> int:
    """Write the new status into the decision's file, and settle the supersessions it waited for."""
    decision = find_decision(handbook, args.decision)
    status = parse_status(args.status, handbook.lifecycle)
    changes = ChangeSet(handbook)
    with refusals():
        if decision.status == status:
            info(f"{decision.source} is already {status.value}")
            return 0
        changes.editor(decision).set_status(status)
        changes.verify(decision, status=status)
        settled = _settle_supersessions(changes, handbook, decision, status)
        write_changes(changes)
    for line in settled:
        info(line)
    if status == Status.SUPERSEDED and not decision.superseded_by:
        info(
            "note: a superseded decision needs a successor; `handbook supersede OLD NEW` records it.",
            stream=sys.stderr,
        )
    return 0


def _settle_supersessions(
    changes: ChangeSet, handbook: Handbook, decision: Decision, status: Status
) -> list[str]:
    """Complete the supersessions a decision waited for when it is accepted; drop them when rejected."""
    if not is_pending(decision):
        return []
    written = [ref for ref in decision.supersedes if not ref.inferred]
    targets = [handbook.decisions.get(ref.target) for ref in written if ref.target]
    old = [d for d in targets if d is not None and d.id != decision.id]
    if status.in_force:
        for superseded in old:
            refuse_cycle(handbook.decisions, superseded, decision)
            complete(changes, superseded, decision)
        return [f"{decision.display_id} now supersedes {d.display_id}." for d in old]
    if status.key in NEVER_IN_FORCE and written:
        changes.editor(decision).remove_relation("supersedes", {ref.text for ref in written})
        current = changes.editor(decision).read()
        if current.supersedes:
            raise_left = ", ".join(ref.text for ref in current.supersedes)
            raise context.CommandError(
                f"{decision.source}: could not remove `supersedes: {raise_left}`; edit it by hand"
            )
        return [f"{d.display_id} stays in force: {decision.display_id} no longer supersedes it." for d in old]
    return []
