"""Decision numbers: two files with one number is the classic two-branch merge."""

from __future__ import annotations

from ..model.decision import Decision, DecisionLog
from ..model.problem import Problem, error


def check_numbers(log: DecisionLog) -> list[Problem]:
    """Report every decision whose number another decision also uses."""
    by_number: dict[int, list[Decision]] = {}
    for decision in log:
        if decision.number is not None:
            by_number.setdefault(decision.number, []).append(decision)
    problems: list[Problem] = []
    for number, sharing in sorted(by_number.items()):
        if len(sharing) < 2:
            continue
        for decision in sharing:
            others = ", ".join(d.source for d in sharing if d is not decision)
            problems.append(
                error(
                    decision.source,
                    1,
                    f"decision number {number} is also used by {others}; two branches probably "
                    "took the same next number. Renumber the newer one (rename the file).",
                    "duplicate-number",
                )
            )
    return problems
