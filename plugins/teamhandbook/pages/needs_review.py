"""The "Needs review" page: what is overdue or due soon, by owner, and what nobody looks after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..checks.review import Review, ReviewState
from ..model.page import HandbookPage, PageKind
from . import markdown as md
from .start_here import not_on_any_path
from .urls import NEEDS_REVIEW_PATH, START_HERE_PATH, page_link

NO_OWNER = "No owner"


def needs_review(
    pages: list[HandbookPage],
    found: Iterable[Review],
    today: dt.date,
    due_soon: int,
    audiences: Iterable[str] = (),
) -> str:
    """Return the Markdown of the Needs review page, as of ``today``; ``audiences`` have start pages."""
    due = [r for r in found if r.state is not ReviewState.SCHEDULED]
    overdue = sum(1 for r in due if r.state is ReviewState.OVERDUE)
    parts = [
        "# Needs review",
        f"Pages and decisions whose review is overdue or due in the next {due_soon} days, by owner, "
        f"as of {md.time_tag(today)}. To review a page, read it, bring it up to date, and set "
        "`last-reviewed:` to the day's date (or move `review-by:` to the next review).",
        f'<p class="th-counts"><span class="th-review th-review--overdue">{overdue} overdue</span> · '
        f'<span class="th-review th-review--due-soon">{len(due) - overdue} due soon</span></p>',
    ]
    if not due:
        parts.append("Nothing is due for review. Well kept!")
    for owner, reviews in _by_owner(due):
        parts += [f"## {md.text(owner)}", _table(reviews, today)]
    parts += _unowned(pages)
    parts += _off_path(pages, audiences)
    return "\n\n".join(parts) + "\n"


def review_chip(review: Review, today: dt.date) -> str:
    """Return a badge saying how a review stands: ``Overdue by 12 days``, ``Due in 5 days``."""
    days = review.days_late(today)
    if review.state is ReviewState.OVERDUE:
        text = f"Overdue by {days} day{'s' if days != 1 else ''}"
    elif days == 0:
        text = "Due today"
    else:
        text = f"Due in {-days} day{'s' if days != -1 else ''}"
    return f'<span class="th-review th-review--{review.state.value}">{text}</span>'


def _by_owner(reviews: list[Review]) -> list[tuple[str, list[Review]]]:
    """Group reviews by owner, owners alphabetically and pages without one last."""
    groups: dict[str, list[Review]] = {}
    for review in reviews:
        groups.setdefault(review.page.owner or NO_OWNER, []).append(review)
    return sorted(groups.items(), key=lambda item: (item[0] == NO_OWNER, item[0].casefold()))


def _table(reviews: list[Review], today: dt.date) -> str:
    """Return one owner's reviews as a list, the most overdue first: a list reads on a phone as
    well as on a desktop, where a four-column table would not fit."""
    items = []
    for review in sorted(reviews, key=lambda r: (r.due, r.page.source)):
        last = f"last reviewed {md.time_tag(review.last)}" if review.last else "never reviewed"
        items.append(
            f"- {_link(review.page)} {review_chip(review, today)} — "
            f"review due {md.time_tag(review.due)}, {last}"
        )
    return "\n".join(items)


def _unowned(pages: list[HandbookPage]) -> list[str]:
    """List the pages (not decisions) that name no owner, so someone can adopt them."""
    unowned = sorted(
        (p for p in pages if p.kind is not PageKind.DECISION and not p.owner), key=lambda p: p.source
    )
    if not unowned:
        return []
    return [
        "## Pages without an owner",
        "Nobody is named to keep these pages current; add `owner:` to their front matter.",
        "\n".join(f"- {_link(page)} — `{md.text(page.source)}`" for page in unowned),
    ]


def _off_path(pages: list[HandbookPage], audiences: Iterable[str]) -> list[str]:
    """List the pages on no onboarding path, unless they opted out with ``start-here: false``."""
    lost = not_on_any_path(pages, audiences)
    heading = "## Not on any onboarding path"
    if not lost:
        return [heading, "Every page is on an onboarding path or opted out of them."]
    return [
        heading,
        f"A newcomer following the [start pages]({md.relative(START_HERE_PATH, NEEDS_REVIEW_PATH)}) "
        "never reaches these pages. "
        "Add `start-here:` to put a page on a path, or `start-here: false` if it belongs on none.",
        "\n".join(f"- {_link(page)} — `{md.text(page.source)}`" for page in lost),
    ]


def _link(page: HandbookPage) -> str:
    """Return a link to a page from the Needs review page."""
    return page_link(page.title, page.src_uri, NEEDS_REVIEW_PATH)
