"""Decision numbers: two files with one number is the classic two-branch merge."""

from __future__ import annotations

from ..model.decision import Decision, DecisionLog
from ..model.problem import Problem, error


def check_numbers(log: DecisionLog) -> list[Problem]:
    """Report every decision whose number another decision of the same namespace also uses.

    Subfolders that number their own decisions (``reviews/0001-x.md`` beside ``0001-y.md``) are
    namespaces of one log; folders that only state a status (``_superseded/``) are not.
    """
    by_number: dict[tuple[str, int], list[Decision]] = {}
    for decision in log:
        if decision.number is not None:
            by_number.setdefault((decision.namespace, decision.number), []).append(decision)
    problems: list[Problem] = []
    for (_, number), sharing in sorted(by_number.items()):
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
