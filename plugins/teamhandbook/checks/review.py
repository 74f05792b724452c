"""Which pages are due for review, given the date: overdue ones are warnings, never errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..model.history import History
from ..model.page import HandbookPage
from ..model.problem import Problem, warning


class ReviewState(StrEnum):
    """Where a page stands against its review date."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    SCHEDULED = "scheduled"


@dataclass(frozen=True)
class Review:
    """A page's next review: when it is due, and when it was last reviewed."""

    page: HandbookPage
    due: dt.date
    last: dt.date | None
    """The last review: ``last-reviewed``; with ``review-every`` and none written, the last change."""

    state: ReviewState

    def days_late(self, today: dt.date) -> int:
        """Days since the review was due; negative while it is not due yet."""
        return (today - self.due).days


def last_review(page: HandbookPage, history: History) -> dt.date | None:
    """Return when a page was last reviewed: as written, else its last change (editing is reviewing)."""
    if page.last_reviewed is not None:
        return page.last_reviewed
    change = history.get(page.source)
    return change.when.date() if change is not None else None


def review_of(page: HandbookPage, history: History, today: dt.date, due_soon: int) -> Review | None:
    """Return a page's review, or None when it asks for none or no date can be worked out."""
    if page.retired or not page.has_review:
        return None
    last = last_review(page, history) if page.review_every or page.last_reviewed else None
    if page.review_by is not None:
        due = page.review_by
    elif page.review_every is not None and last is not None:
        due = page.review_every.after(last)
    else:
        return None
    if due < today:
        state = ReviewState.OVERDUE
    elif (due - today).days <= due_soon:
        state = ReviewState.DUE_SOON
    else:
        state = ReviewState.SCHEDULED
    return Review(page, due, last, state)


def reviews(pages: Iterable[HandbookPage], history: History, today: dt.date, due_soon: int) -> list[Review]:
    """Return the review of every page that has one, the most overdue first."""
    found = [review_of(page, history, today, due_soon) for page in pages]
    return sorted((r for r in found if r is not None), key=lambda r: (r.due, r.page.source))


def review_problems(found: Iterable[Review], today: dt.date) -> list[Problem]:
    """Report each overdue review as a warning on the line that sets the review date."""
    problems = []
    for review in found:
        if review.state is not ReviewState.OVERDUE:
            continue
        page = review.page
        key = "review-by" if page.review_by is not None else "review-every"
        owner = f" (owner: {page.owner})" if page.owner else " (no owner)"
        late = review.days_late(today)
        fix = (
            "move `review-by` to the next review date"
            if key == "review-by"
            else f"set `last-reviewed: {today.isoformat()}`"
        )
        problems.append(
            warning(
                page.source,
                page.line_of(key),
                f"the review was due on {review.due.isoformat()}, {late} day{'s' if late != 1 else ''} ago"
                f"{owner}; read the page, bring it up to date, then {fix}.",
                "review-overdue",
            )
        )
    return problems
