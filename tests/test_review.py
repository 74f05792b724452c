"""Ownership and review: when a review is due, how it is reported, and the Needs review page."""

from __future__ import annotations

import datetime as dt

import pytest
from teamhandbook.checks.review import ReviewState, review_of, review_problems, reviews
from teamhandbook.model.history import Change, History
from teamhandbook.model.page import HandbookPage, PageKind, ReviewInterval
from teamhandbook.pages.needs_review import needs_review
from teamhandbook.readers.page_meta import read_interval

D = dt.date.fromisoformat
CHANGED = dt.datetime(2026, 1, 10, 8, 0, tzinfo=dt.UTC)
HISTORY = History({"docs/interval.md": Change(CHANGED, "Lukas Berg")}, method="git")


def reviewed_page(name: str, owner: str | None = None, **fields) -> HandbookPage:
    """Return a docs page with review fields."""
    return HandbookPage(f"docs/{name}.md", f"{name}.md", name.capitalize(), owner=owner, **fields)


BY_DATE = reviewed_page("dated", "@maya", review_by=D("2026-06-30"), lines={"review-by": 4})
BY_INTERVAL = reviewed_page(
    "interval", "@lukas", review_every=ReviewInterval(months=6), lines={"review-every": 3}
)


@pytest.mark.parametrize(
    ("today", "state", "days_late"),
    [
        ("2026-01-01", ReviewState.SCHEDULED, -180),
        ("2026-05-31", ReviewState.DUE_SOON, -30),
        ("2026-06-30", ReviewState.DUE_SOON, 0),
        ("2026-07-01", ReviewState.OVERDUE, 1),
        ("2027-06-30", ReviewState.OVERDUE, 365),
    ],
)
def test_a_review_date_is_scheduled_then_due_soon_then_overdue(
    today: str, state: ReviewState, days_late: int
) -> None:
    """Due soon within the window (30 days), overdue the day after the date."""
    review = review_of(BY_DATE, HISTORY, D(today), due_soon=30)
    assert (review.due, review.state, review.days_late(D(today))) == (D("2026-06-30"), state, days_late)


def test_an_interval_counts_from_the_last_review_else_from_the_last_change() -> None:
    """``review-every`` runs from ``last-reviewed``; without it, from the page's last change in git."""
    from_change = review_of(BY_INTERVAL, HISTORY, D("2026-03-01"), due_soon=30)
    assert (from_change.last, from_change.due) == (D("2026-01-10"), D("2026-07-10"))
    written = reviewed_page("w", review_every=ReviewInterval(months=6), last_reviewed=D("2026-08-31"))
    assert review_of(written, HISTORY, D("2026-03-01"), 30).due == D("2027-02-28")


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("6 months", "2026-01-31", "2026-07-31"),
        ("1 year", "2024-02-29", "2025-02-28"),
        ("2 weeks", "2026-01-01", "2026-01-15"),
        ("90 days", "2026-01-01", "2026-04-01"),
        ("every 3 months", "2026-11-30", "2027-02-28"),
        ("quarterly", "2026-01-15", "2026-04-15"),
        ("a month", "2026-01-31", "2026-02-28"),
        ("Yearly", "2026-03-01", "2027-03-01"),
    ],
)
def test_review_intervals_are_read_as_people_write_them(text: str, start: str, due: str) -> None:
    """Numbers with units, ``every …`` and named intervals; month ends stay in their month."""
    interval, problem = read_interval(text)
    assert problem is None and interval.after(D(start)) == D(due)


@pytest.mark.parametrize("text", ["6", "0 months", "soon", "6 fortnights"])
def test_unreadable_intervals_are_reported(text: str) -> None:
    """An interval without a unit, of zero, or in words we do not know, is a problem, not a guess."""
    interval, problem = read_interval(text)
    assert interval is None and "cannot read the review interval" in problem


def test_overdue_reviews_are_warnings_on_the_line_that_sets_them() -> None:
    """Only overdue reviews are reported, as warnings (never errors), with the owner and the fix."""
    today = D("2026-07-02")  # the dated page is overdue; the interval's page is due on 2026-07-10
    found = reviews([BY_DATE, BY_INTERVAL], HISTORY, today, due_soon=30)
    problems = review_problems(found, today)
    assert [(p.file, p.line, p.severity.value, p.code) for p in problems] == [
        ("docs/dated.md", 4, "warning", "review-overdue")
    ]
    assert "due on 2026-06-30, 2 days ago (owner: @maya)" in problems[0].message
    assert "move `review-by` to the next review date" in problems[0].message


def test_retired_decisions_and_pages_without_dates_are_never_due() -> None:
    """Superseded, deprecated or rejected decisions, and pages that ask for no review, have none."""
    retired = HandbookPage(
        "decisions/0003-x.md",
        "decisions/0003-x.md",
        "X",
        PageKind.DECISION,
        review_by=D("2020-01-01"),
        retired=True,
    )
    no_dates = reviewed_page("plain", "@aisha")
    assert reviews([retired, no_dates], HISTORY, D("2026-08-01"), 30) == []


def test_the_needs_review_page_groups_by_owner_across_dates() -> None:
    """Owners alphabetically, no owner last; each owner's pages the most overdue first; dates move states."""
    nobody = reviewed_page("orphan", review_by=D("2026-07-15"))
    pages = [BY_DATE, BY_INTERVAL, nobody, reviewed_page("unowned-plain")]
    today = D("2026-07-05")
    page = needs_review(pages, reviews(pages, HISTORY, today, 30), today, 30)
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## @lukas", "## @maya", "## No owner"]
    assert "Overdue by 5 days" in page.split("## @maya")[1].split("##")[0]
    assert "Due in 5 days" in page.split("## @lukas")[1].split("##")[0]
    assert "Due in 10 days" in page.split("## No owner")[1].split("##")[0]
    assert ">1 overdue</span>" in page and ">2 due soon</span>" in page
    assert "[Unowned-plain](../unowned-plain.md)" in page.split("## Pages without an owner")[1]
    earlier = needs_review(pages, reviews(pages, HISTORY, D("2026-01-01"), 30), D("2026-01-01"), 30)
    assert "Nothing is due for review." in earlier and "## @maya" not in earlier
