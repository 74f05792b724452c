"""Link a log: resolve every reference, then complete every relation on its other side."""

from __future__ import annotations

from dataclasses import replace

from ..model.decision import Decision, DecisionLog, Reference, State
from ..model.problem import Problem
from .references import ReferenceIndex, resolve_references

NEVER_IN_FORCE = frozenset({"rejected", "declined", "withdrawn"})
"""Keys of statuses a decision has when it was turned down before it ever applied."""

MIRRORS = (
    ("supersedes", "superseded_by"),
    ("superseded_by", "supersedes"),
    ("relates_to", "relates_to"),
    ("amends", "amended_by"),
    ("amended_by", "amends"),
)
"""Each relation and the relation its other side holds."""

SUPERSESSIONS = frozenset({"supersedes", "superseded_by"})
"""The relations that wait for their successor to be accepted."""


def is_pending(decision: Decision) -> bool:
    """Tell whether a decision's supersessions wait for it to be accepted: it is still open
    (a draft, a proposal, in review, on hold…)."""
    return decision.status is not None and decision.status.state is State.OPEN


def is_void(decision: Decision) -> bool:
    """Tell whether a decision was turned down, so that it replaces nothing."""
    return decision.status is not None and decision.status.key in NEVER_IN_FORCE


def pending_successors(log: DecisionLog) -> dict[str, list[Decision]]:
    """Return, by decision id, the decisions not yet accepted that would supersede it."""
    pending: dict[str, list[Decision]] = {}
    for successor in log:
        if is_pending(successor):
            for target in successor.relation_ids("supersedes"):
                if target != successor.id:
                    pending.setdefault(target, []).append(successor)
    return pending


def link_log(log: DecisionLog) -> tuple[DecisionLog, list[Problem]]:
    """Return the linked log and the problems of its references; ``log`` is left as it is.

    A supersession is completed on its other side unless the successor is still open (then it is
    pending: written on the successor's side alone, see ``checks.supersession``) or was turned
    down (then it supersedes nothing). Amendments (``amends`` ↔ ``amended-by``) and relations
    between decisions hold both ways.
    """
    index = ReferenceIndex(log)
    problems: list[Problem] = []
    relations: dict[str, dict[str, list[Reference]]] = {}
    for decision in log:
        relations[decision.id], found = resolve_references(decision, index)
        problems += found
    for decision in log:
        for attribute, mirror in MIRRORS:
            for ref in relations[decision.id][attribute]:
                if ref.inferred or ref.target is None or ref.target == decision.id:
                    continue
                other = log.by_id[ref.target]
                if attribute != "relates_to" and not _settles(
                    decision if attribute == "supersedes" else other
                ):
                    continue
                _add_inferred(relations[other.id][mirror], decision.id)
    linked = [replace(decision, **relations[decision.id]) for decision in log]
    return replace(log, decisions=linked), problems


def _settles(successor: Decision) -> bool:
    """Tell whether a successor's supersession holds on both sides: it is neither open nor void."""
    return not is_pending(successor) and not is_void(successor)


def _add_inferred(refs: list[Reference], decision_id: str) -> None:
    """Add a reference the other side wrote, unless this side names that decision already."""
    if all(ref.target != decision_id for ref in refs):
        refs.append(Reference(decision_id, 1, decision_id, inferred=True))
