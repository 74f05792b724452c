"""Checks: read the model, return problems. Each module checks one thing."""

from __future__ import annotations

from ..model.decision import DecisionLog
from ..model.problem import Problem
from .file_links import check_file_links
from .numbering import check_numbers
from .references import resolve_references
from .supersession import check_supersession


def check_decisions(log: DecisionLog) -> list[Problem]:
    """Resolve references between decisions, then run every decision check."""
    problems = resolve_references(log)
    problems += check_numbers(log)
    problems += check_supersession(log)
    problems += check_file_links(log)
    return problems


__all__ = ["check_decisions"]
