"""Checks: read the linked model, return problems. Each module checks one thing; none changes the model."""

from __future__ import annotations

from ..model.decision import DecisionLog
from ..model.problem import Problem
from .file_links import check_file_links
from .numbering import check_numbers
from .supersession import check_supersession


def check_decisions(log: DecisionLog) -> list[Problem]:
    """Run every decision check on a linked log (see ``linking``)."""
    problems = check_numbers(log)
    problems += check_supersession(log)
    problems += check_file_links(log)
    return problems


__all__ = ["check_decisions"]
