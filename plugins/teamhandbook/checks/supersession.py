"""Supersession: both sides must say it, the statuses must agree, and it must never loop.

A decision that is not accepted yet (proposed, draft) only *may* supersede another: its
``supersedes`` is a pending supersession, written on its side alone, and the old decision stays in
force until the successor is accepted. A rejected decision supersedes nothing.
"""

from __future__ import annotations

from ..linking.log import is_pending, is_void
from ..model.decision import Decision, DecisionLog, Reference, State
from ..model.problem import Problem, error


def check_supersession(log: DecisionLog) -> list[Problem]:
    """Report one-sided supersessions, statuses that disagree with them, and cycles, in a linked log."""
    problems = _unsettled_successors(log)
    problems += _one_sided(log)
    problems += _status_disagreements(log)
    problems += _cycles(log)
    return problems


def _one_sided(log: DecisionLog) -> list[Problem]:
    """Report supersessions written on one side only: the linking step completed the other side,
    marked inferred, and the file that should say so is named."""
    problems: list[Problem] = []
    for decision in log:
        for attribute, says, missing_key in (
            ("superseded_by", "supersedes", "superseded-by"),
            ("supersedes", "is superseded by", "supersedes"),
        ):
            for ref in getattr(decision, attribute):
                if not ref.inferred:
                    continue
                writer = log.get(ref.target)
                if writer is None:
                    continue
                written = _written(
                    writer, "supersedes" if attribute == "superseded_by" else "superseded_by", decision
                )
                problems.append(_not_mirrored(writer, written, decision, says, missing_key))
    return problems


def _written(decision: Decision, attribute: str, other: Decision) -> Reference:
    """Return the reference a decision wrote to another, for its line."""
    return next(
        (ref for ref in getattr(decision, attribute) if ref.target == other.id and not ref.inferred),
        Reference(other.id, 1, other.id),
    )


def _not_mirrored(
    decision: Decision, ref: Reference, other: Decision, says: str, missing_key: str
) -> Problem:
    """Describe a supersession that only one of the two files records."""
    return error(
        decision.source,
        ref.line,
        f"this decision {says} {other.display_id}, but {other.source} does not say so; "
        f"add `{missing_key}: {decision.id}` to {other.source}.",
        "not-mirrored",
    )


def _unsettled_successors(log: DecisionLog) -> list[Problem]:
    """Report decisions marked superseded by a successor that is not accepted, or was rejected."""
    problems: list[Problem] = []
    for decision in log:
        for ref in decision.superseded_by:
            successor = log.get(ref.target) if ref.target else None
            if successor is None or not (is_pending(successor) or is_void(successor)):
                continue
            state = successor.status.value if successor.status else "unknown"
            if is_pending(successor):
                fix = (
                    f"remove `superseded-by: {successor.id}` and keep this decision's status until "
                    f"{successor.display_id} is accepted (`handbook status {successor.id} accepted` "
                    "then completes the supersession)"
                )
            else:
                fix = f"remove `superseded-by: {successor.id}` and give this decision back its status"
            problems.append(
                error(
                    decision.source,
                    ref.line,
                    f"this decision is marked superseded by {successor.display_id}, which is {state}, "
                    f"so it still applies; {fix}.",
                    "unsettled-successor",
                )
            )
    for decision in log:
        if not is_void(decision):
            continue
        for ref in decision.supersedes:
            if ref.target and ref.target != decision.id:
                problems.append(
                    error(
                        decision.source,
                        ref.line,
                        f"this decision was rejected, so it supersedes nothing; remove `supersedes: "
                        f"{ref.text}` (or set its status to what it is now).",
                        "rejected-successor",
                    )
                )
    return problems


def _status_disagreements(log: DecisionLog) -> list[Problem]:
    """Report superseded decisions whose status says otherwise, and the reverse."""
    problems: list[Problem] = []
    for decision in log:
        line = decision.line_of("status")
        settled = [ref for ref in decision.superseded_by if not _unsettled(log, ref)]
        if settled and decision.status is not None and decision.status.state is not State.SUPERSEDED:
            successors = ", ".join(ref.target or ref.text for ref in settled)
            problems.append(
                error(
                    decision.source,
                    line,
                    f"the status is {decision.status.value}, but the decision is superseded by "
                    f"{successors}; set `status: superseded`.",
                    "status-disagrees",
                )
            )
        if (
            decision.status is not None
            and decision.status.state is State.SUPERSEDED
            and not decision.superseded_by
            and decision.status_source != "folder"  # the folder says so; the file names no successor
        ):
            problems.append(
                error(
                    decision.source,
                    line,
                    "the status is superseded, but no decision is named as its successor; "
                    "add `superseded-by:` with the decision that replaces it.",
                    "no-successor",
                )
            )
    return problems


def _unsettled(log: DecisionLog, ref: Reference) -> bool:
    """Tell whether a ``superseded-by`` names a successor that is not accepted or was rejected."""
    successor = log.get(ref.target) if ref.target else None
    return successor is not None and (is_pending(successor) or is_void(successor))


def _cycles(log: DecisionLog) -> list[Problem]:
    """Report each cycle of supersession once, e.g. 0003 supersedes 0005 supersedes 0003."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for start in log:
        if start.id in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, list[str]]] = [(start.id, _successors(log, start.id))]
        state[start.id] = 1
        path.append(start.id)
        while stack:
            node, pending = stack[-1]
            if not pending:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = pending.pop()
            if state.get(nxt) == 1:
                problems.append(_cycle_problem(log, [*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, _successors(log, nxt)))
    return problems


def _successors(log: DecisionLog, decision_id: str) -> list[str]:
    """Return the ids a decision supersedes, itself excepted (reported on its own)."""
    decision = log.get(decision_id)
    if decision is None:
        return []
    return [ref.target for ref in decision.supersedes if ref.target and ref.target != decision_id]


def _cycle_problem(log: DecisionLog, cycle: list[str]) -> Problem:
    """Describe a supersession cycle, on the line of the first decision that closes it."""
    first = log.by_id[cycle[0]]
    ref = next((r for r in first.supersedes if r.target == cycle[1]), None)
    chain = " supersedes ".join(log.by_id[i].display_id for i in cycle)
    return error(
        first.source,
        ref.line if ref else 1,
        f"supersession goes round in a circle: {chain}; a decision cannot replace one that replaces it.",
        "supersession-cycle",
    )
