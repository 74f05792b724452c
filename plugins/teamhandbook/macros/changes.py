"""Macros about what is open and what changed: ``{{ open_for_feedback_count() }}`` and friends."""

from __future__ import annotations

from typing import Any

from ..model.decision import Decision
from ..pages.changes import open_for_feedback
from ..pages.whats_new import feedback_list
from .context import MacroContext


def change_macros(context: MacroContext) -> dict[str, Any]:
    """Return the macros, each reading the model of the current build."""

    def waiting() -> list[Decision]:
        """The proposals open for feedback in the current build."""
        assert context.handbook is not None, "the handbook is read before pages are rendered"
        return open_for_feedback(context.handbook.decisions)

    def open_for_feedback_count() -> int:
        """Count the proposed decisions that ask for feedback by a date."""
        return len(waiting())

    def open_for_feedback_macro() -> str:
        """List the proposals open for feedback, soonest deadline first, overdue ones marked."""
        assert context.handbook is not None and context.handbook.today is not None
        return feedback_list(waiting(), context.handbook.today, context.page_path())

    return {
        "open_for_feedback_count": open_for_feedback_count,
        "open_for_feedback": open_for_feedback_macro,
    }
