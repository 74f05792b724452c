"""Macros about the team's running record: ``{{ radiator() }}`` on the home page."""

from __future__ import annotations

from typing import Any

from ..checks.review import ReviewState, reviews
from ..handbook import Handbook
from ..pages.changes import open_for_feedback
from ..pages.updates_common import UpdateSite
from ..pages.updates_radiator import Glance, radiator
from ..pages.urls import NEEDS_REVIEW_PATH
from .context import MacroContext


def update_macros(context: MacroContext) -> dict[str, Any]:
    """Return the macros, each reading the model of the current build."""

    def radiator_macro() -> str:
        """What needs attention now: projects at risk, open proposals, overdue reviews and actions."""
        assert context.handbook is not None, "the handbook is read before pages are rendered"
        return radiator(glance(context.handbook), context.page_path())

    return {"radiator": radiator_macro}


def glance(handbook: Handbook) -> Glance:
    """Gather what the radiator shows from the handbook of the current build."""
    site = None
    if handbook.updates is not None:
        team = handbook.agreement.team if handbook.agreement is not None else None
        site = UpdateSite(
            handbook.updates, handbook.boards, team, handbook.decisions, handbook.today, handbook.now
        )
    overdue = []
    if handbook.today is not None:
        found = reviews(
            handbook.pages, handbook.history, handbook.today, handbook.settings.pages.review_due_soon
        )
        overdue = [review for review in found if review.state is ReviewState.OVERDUE]
    return Glance(
        today=handbook.today,
        site=site,
        proposals=open_for_feedback(handbook.decisions),
        overdue_reviews=overdue,
        needs_review=NEEDS_REVIEW_PATH if handbook.today is not None else None,
    )
