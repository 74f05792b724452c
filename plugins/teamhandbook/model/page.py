"""Handbook pages as the onboarding, review and history features see them: any page or decision."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class PageKind(StrEnum):
    """Where a page comes from."""

    PAGE = "page"
    """A page an author wrote in ``docs/``."""

    DECISION = "decision"
    """A decision record from the decision folder."""

    AGREEMENT = "agreement"
    """A page of the working agreement."""


@dataclass(frozen=True)
class PathStep:
    """A page's place on the onboarding paths: front matter ``start-here:``."""

    order: float
    """Where the page comes on the path; lower comes first."""

    audiences: tuple[str, ...] = ()
    """The audiences whose path the page is on; empty for everyone's path."""

    why: str = ""
    """One line telling a newcomer why to read the page."""

    tasks: tuple[str, ...] = ()
    """Things to do once the page is read, for the first-week checklist."""

    def for_audience(self, audience: str | None) -> bool:
        """Tell whether the step is on the path of ``audience`` (None: everyone's path)."""
        if not self.audiences:
            return True
        return audience is not None and audience in self.audiences


@dataclass(frozen=True)
class ReviewInterval:
    """How often a page should be reviewed: ``6 months``, ``2 weeks``, ``quarterly``."""

    months: int = 0
    days: int = 0
    text: str = ""
    """The interval as the author wrote it."""

    def after(self, date: dt.date) -> dt.date:
        """Return the date one interval after ``date`` (the 31st becomes the month's last day)."""
        month_index = date.month - 1 + self.months
        year, month = date.year + month_index // 12, month_index % 12 + 1
        day = min(date.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day) + dt.timedelta(days=self.days)


@dataclass
class HandbookPage:
    """One published page whose text an author wrote: a docs page, a decision, an agreement page."""

    source: str
    """The file, relative to the handbook root: ``docs/guide/index.md``."""

    src_uri: str
    """The page's path in the site, as MkDocs names it: ``guide/index.md``."""

    title: str
    kind: PageKind = PageKind.PAGE
    words: int | None = 0
    """Words of prose, for reading-time estimates; code blocks and markup are not counted.
    None until counted from ``body``: a decision's words are counted only if a start page
    shows its reading time."""

    body: str = field(default="", repr=False)
    """The Markdown whose words ``words`` counts, when it is not counted yet."""

    description: str = ""
    step: PathStep | None = None
    """Its place on the onboarding paths, if it has one."""

    off_path: bool = False
    """True when the page says ``start-here: false``: deliberately on no onboarding path."""

    owner: str | None = None
    review_by: dt.date | None = None
    review_every: ReviewInterval | None = None
    last_reviewed: dt.date | None = None
    must_read: bool = False
    retired: bool = False
    """True for decisions that no longer apply (superseded, deprecated, rejected): never due for review."""

    lines: dict[str, int] = field(default_factory=dict)
    """Where each field was written, by front-matter key: ``{"owner": 3}``."""

    text: str = field(default="", repr=False)
    """The file as read, for the site builder, so that it never reads the file a second time."""

    def line_of(self, key: str) -> int:
        """Return the line a front-matter key is on, or 1."""
        return self.lines.get(key, 1)

    @property
    def has_review(self) -> bool:
        """Tell whether the page asks to be reviewed by a date or at an interval."""
        return self.review_by is not None or self.review_every is not None


def reading_minutes(words: int, words_per_minute: int) -> int:
    """Return the minutes a page takes to read, rounded up; at least one."""
    return max(1, -(-words // max(words_per_minute, 1)))
