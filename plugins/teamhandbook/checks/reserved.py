"""Decisions whose page would take the address of a page the handbook generates."""

from __future__ import annotations

from dataclasses import replace

from ..model.addresses import GRAPH_PATH, INDEX_PATH, TIMELINE_PATH, decision_path
from ..model.decision import Decision, DecisionLog
from ..model.problem import Problem, error

GENERATED_IN_DECISIONS = {
    INDEX_PATH: "the decision index",
    TIMELINE_PATH: "the timeline",
    GRAPH_PATH: "the relationship graph",
}
"""The pages the handbook generates in the decisions section, by path, and what each is."""


def reserved_address(decision: Decision) -> str | None:
    """Return what generated page a decision's page would replace, or None when its address is free.

    Compared without case: on macOS and Windows ``Graph.md`` and ``graph.md`` are one file.
    """
    path = decision_path(decision).lower()
    return next((what for taken, what in GENERATED_IN_DECISIONS.items() if taken == path), None)


def leave_out_reserved(log: DecisionLog) -> tuple[DecisionLog, list[Problem]]:
    """Take out each decision whose file name is the address of a generated page, reporting it.

    Like a second file with a taken name, it is left out of the log, so no page, listing or export
    points at the generated page in its stead.
    """
    problems: list[Problem] = []
    kept: list[Decision] = []
    for decision in log:
        what = reserved_address(decision)
        if what is None:
            kept.append(decision)
        else:
            problems.append(
                error(
                    decision.source,
                    1,
                    f"a decision cannot be called '{decision.id}': {what} is published at that address, "
                    "so this decision is left out of the site. Rename the file, e.g. with its number "
                    f"first ('0001-{decision.id}.md').",
                    "reserved-name",
                )
            )
    if len(kept) == len(log):
        return log, problems
    return replace(log, decisions=kept), problems
