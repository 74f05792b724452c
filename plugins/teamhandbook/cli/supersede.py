"""``handbook supersede OLD NEW``: record that one decision replaces another, on both sides."""

from __future__ import annotations

import argparse
from collections import deque

from ..linking.log import is_pending, is_void
from ..model.decision import Decision, DecisionLog, Status
from ..writers.changes import ChangeSet
from . import context
from .context import CommandError, info
from .decisions import find_decision, refusals, write_changes

NAME = "supersede"
HELP = "Record that NEW replaces OLD, in both files."
DESCRIPTION = """\
Record that decision NEW replaces decision OLD: OLD gets `status: superseded` and
`superseded-by: NEW`, NEW gets `supersedes: OLD`.

While NEW is not accepted yet (proposed or draft), the supersession is pending: only NEW gets
`supersedes: OLD`, OLD stays in force, and both pages say that OLD may be superseded by NEW.
`handbook status NEW accepted` completes it; `handbook status NEW rejected` removes it. A rejected
NEW supersedes nothing, and an edit that would make supersession go round in a circle is refused.

Each file is edited in its own format (front matter, adr-tools link lines such as
`Superseded by [4. Title](0004-title.md)`, or MADR 2 bullets) and only the lines that change are
touched. Both edits are checked before either file is written."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the two decisions."""
    parser.add_argument("old", help="The decision that is replaced.")
    parser.add_argument("new", help="The decision that replaces it.")


def run(args: argparse.Namespace) -> int:
    """Edit both decisions, or only the successor while it is not accepted, holding the handbook's lock."""
    with context.editing(args) as handbook:
        old, new = find_decision(handbook, args.old), find_decision(handbook, args.new)
        changes = ChangeSet(handbook)
        with refusals():
            supersede(changes, old, new)
            if not write_changes(changes):
                info(f"{new.source} already supersedes {old.source}; nothing to change")
    if is_pending(new):
        info(pending_note(old, new))
    return 0


def pending_note(old: Decision, new: Decision) -> str:
    """Say that a supersession waits for its successor to be accepted."""
    state = new.status.value if new.status else "not accepted"
    return (
        f"{new.display_id} is {state}: {old.display_id} stays in force and may be superseded by it; "
        f"`handbook status {new.id} accepted` completes the supersession."
    )


def supersede(changes: ChangeSet, old: Decision, new: Decision) -> None:
    """Record that ``new`` supersedes ``old``: pending while ``new`` is not accepted, else on both sides."""
    if old.id == new.id:
        raise CommandError("a decision cannot supersede itself")
    refuse_cycle(changes.handbook.decisions, old, new)
    if is_void(new):
        raise CommandError(f"{new.display_id} was rejected, so it supersedes nothing; nothing was written")
    if is_pending(new):
        if not changes.has_relation(new, "supersedes", old):
            changes.editor(new).add_relation("supersedes", changes.target(old, new))
        changes.verify(new, relation=("supersedes", old))
        return
    complete(changes, old, new)


def complete(changes: ChangeSet, old: Decision, new: Decision) -> None:
    """Make both files say that ``new`` supersedes ``old``, and check that they read back so."""
    old_editor = changes.editor(old)
    if not changes.has_relation(old, "superseded-by", new):
        old_editor.set_status(Status.SUPERSEDED, changes.target(new, old))
    elif old_editor.read().status != Status.SUPERSEDED:
        old_editor.set_status(Status.SUPERSEDED)
    if not changes.has_relation(new, "supersedes", old):
        changes.editor(new).add_relation("supersedes", changes.target(old, new))
    changes.verify(old, status=Status.SUPERSEDED, relation=("superseded-by", new))
    changes.verify(new, relation=("supersedes", old))


def refuse_cycle(log: DecisionLog, old: Decision, new: Decision) -> None:
    """Refuse a supersession that would close a circle: ``old`` already replaces ``new``, maybe via others."""
    chain = _supersession_path(log, old.id, new.id)
    if chain is None:
        return
    shown = " supersedes ".join(log.by_id[i].display_id for i in chain)
    raise CommandError(
        f"{shown}, so {new.display_id} cannot supersede {old.display_id}: supersession would go round "
        "in a circle; nothing was written"
    )


def _supersession_path(log: DecisionLog, start: str, goal: str) -> list[str] | None:
    """Return the chain of ``supersedes`` from ``start`` to ``goal`` (pending ones included), if any."""
    previous: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        current = queue.popleft()
        if current == goal:
            chain = [goal]
            while chain[-1] != start:
                chain.append(previous[chain[-1]])
            return chain[::-1]
        decision = log.get(current)
        for nxt in decision.relation_ids("supersedes") if decision else []:
            if nxt not in seen:
                seen.add(nxt)
                previous[nxt] = current
                queue.append(nxt)
    return None
