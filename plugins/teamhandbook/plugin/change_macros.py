"""Macros about what is open and what changed: ``{{ open_for_feedback_count() }}`` and friends."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..model.decision import Decision
from ..pages.changes import open_for_feedback
from ..pages.whats_new import feedback_list

if TYPE_CHECKING:
    from .plugin import TeamHandbookPlugin


def change_macros(plugin: TeamHandbookPlugin, current_page: Callable[[], str]) -> dict[str, Any]:
    """Return the macros, each reading the plugin's model of the current build."""

    def waiting() -> list[Decision]:
        """The proposals open for feedback in the current build."""
        assert plugin.handbook is not None, "the handbook is read before pages are rendered"
        return open_for_feedback(plugin.handbook.decisions)

    def open_for_feedback_count() -> int:
        """Count the proposed decisions that ask for feedback by a date."""
        return len(waiting())

    def open_for_feedback_macro() -> str:
        """List the proposals open for feedback, soonest deadline first, overdue ones marked."""
        assert plugin.handbook is not None and plugin.handbook.today is not None
        return feedback_list(waiting(), plugin.handbook.today, current_page())

    return {
        "open_for_feedback_count": open_for_feedback_count,
        "open_for_feedback": open_for_feedback_macro,
    }
