"""Macros that quote the decision log: ``{{ decision_link(5) }}``, ``{{ decision_list(tag="x") }}``."""

from __future__ import annotations

from typing import Any

from ..linking.references import ReferenceIndex
from ..model.decision import DecisionLog
from ..pages import markdown as md
from ..pages.snippets import decision_list, decisions_matching, find_decision
from .context import MacroContext


def decision_macros(context: MacroContext) -> dict[str, Any]:
    """Return the decision macros, each reading the model of the current build."""
    cache: dict[int, ReferenceIndex] = {}

    def log() -> DecisionLog:
        """The decision log of the current build."""
        assert context.handbook is not None, "the handbook is read before pages are rendered"
        return context.handbook.decisions

    def references() -> ReferenceIndex:
        """The reference index of the current build, made once per build."""
        current = log()
        if id(current) not in cache:
            cache.clear()
            cache[id(current)] = ReferenceIndex(current)
        return cache[id(current)]

    def decision_link_macro(reference: str | int, label: str | None = None) -> str:
        """Link to a decision: ``{{ decision_link(5) }}`` or ``{{ decision_link("ADR-0005") }}``."""
        decision = find_decision(references(), reference)
        if decision is None:
            return f"*(no decision '{md.text(reference)}')*"
        return md.decision_link(decision, context.page_path(), label)

    def decision_list_macro(status: str | None = None, tag: str | None = None) -> str:
        """List decisions, optionally of one status and/or tag, as links with their status."""
        return decision_list(decisions_matching(log(), status, tag), context.page_path())

    def decision_count_macro(status: str | None = None, tag: str | None = None) -> int:
        """Count decisions, optionally of one status and/or tag."""
        return len(decisions_matching(log(), status, tag))

    return {
        "decision_link": decision_link_macro,
        "decision_list": decision_list_macro,
        "decision_count": decision_count_macro,
    }
