"""The "Start here" pages: one onboarding path for everyone, and one more per audience.

A page joins a path through its front matter (``start-here:`` with ``order``, ``audience``, ``why``
and ``tasks``). Each path page lists its pages in order with reading times, the decisions every
newcomer should know, and a first-week checklist.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model.decision import Decision, DecisionLog
from ..model.page import HandbookPage, PageKind, reading_minutes
from ..readers.page_meta import count_words
from ..settings import PageSettings
from . import markdown as md
from .urls import NEEDS_REVIEW_PATH, START_HERE_PATH, page_link

NOT_ON_A_PATH_ANCHOR = "not-on-any-onboarding-path"
"""The anchor of the report of pages on no path, on the Needs review page."""
RECENT_DECISIONS = 5
"""How many of the latest accepted decisions stand in when none is marked ``must-read``."""


def audience_page_path(audience: str | None) -> str:
    """Return the source path of an audience's start page; None is everyone's."""
    return START_HERE_PATH if audience is None else f"start-here/{audience}.md"


def onboarding_path(pages: Iterable[HandbookPage], audience: str | None = None) -> list[HandbookPage]:
    """Return the pages on an audience's path (everyone's path included), in reading order.

    Pages come by ``order``; pages with the same order come alphabetically by title.
    """
    chosen = [page for page in pages if page.step is not None and page.step.for_audience(audience)]
    return sorted(chosen, key=lambda p: (p.step.order, p.title.casefold(), p.source))  # type: ignore[union-attr]


def must_read(log: DecisionLog) -> tuple[list[Decision], bool]:
    """Return the decisions every newcomer should read, and whether authors flagged them.

    Accepted decisions marked ``must-read: true``, in log order; when there are none, the most
    recent accepted decisions stand in.
    """
    accepted = [d for d in log if d.status is not None and d.status.in_force]
    flagged = [d for d in accepted if d.must_read]
    if flagged:
        return flagged, True
    latest = sorted(
        accepted, key=lambda d: (d.date.toordinal() if d.date else 0, d.number or 0), reverse=True
    )
    return latest[:RECENT_DECISIONS], False


def not_on_any_path(pages: Iterable[HandbookPage], audiences: Iterable[str] = ()) -> list[HandbookPage]:
    """Return the pages on no path that do not say ``start-here: false``.

    Decisions are left out (the decisions to know have their own list), and so are authors' pages
    that introduce a generated page at its address, such as ``docs/start-here.md``.
    """
    generated = {"start-here", "needs-review", "whats-new", *(f"start-here/{a}" for a in audiences)}
    lost = [
        page
        for page in pages
        if page.kind is not PageKind.DECISION
        and page.step is None
        and not page.off_path
        and page.src_uri.removesuffix(".md").removesuffix("/index") not in generated
    ]
    return sorted(lost, key=lambda p: p.source)


@dataclass
class Onboarding:
    """Everything the start pages show, worked out once per build."""

    pages: list[HandbookPage]
    log: DecisionLog
    settings: PageSettings
    by_source: dict[str, HandbookPage] = field(init=False)

    def __post_init__(self) -> None:
        self.by_source = {page.source: page for page in self.pages}

    @property
    def audiences(self) -> Mapping[str, str]:
        """The declared audiences, by key, with their names."""
        return self.settings.audiences

    def minutes(self, page: HandbookPage | None) -> int:
        """Return a page's reading time in minutes (0 for an unknown page)."""
        if page is None:
            return 0
        if page.words is None:
            page.words = count_words(page.body)
        return reading_minutes(page.words, self.settings.reading_speed)

    def start_pages(self) -> list[tuple[str, str | None]]:
        """Return every start page to generate: its source path and its audience (None: everyone)."""
        return [(START_HERE_PATH, None)] + [(audience_page_path(a), a) for a in self.audiences]


def start_here(onboarding: Onboarding, audience: str | None = None, key_figures: str = "") -> str:
    """Return the Markdown of a start page; ``key_figures`` is the working agreement in brief."""
    here = audience_page_path(audience)
    path = onboarding_path(onboarding.pages, audience)
    decisions, flagged = must_read(onboarding.log)
    path_minutes = sum(onboarding.minutes(page) for page in path)
    decision_minutes = sum(onboarding.minutes(onboarding.by_source.get(d.source)) for d in decisions)
    name = onboarding.audiences.get(audience or "", "")
    parts = [f"# Start here: {md.text(name)}" if audience else "# Start here", _intro(path_minutes, audience)]
    parts.append(_other_paths(onboarding, audience, here))
    if key_figures.strip():
        parts += ["## How we work, in brief", key_figures.strip()]
    parts += ["## Your reading path", _path_list(onboarding, path, audience, here)]
    parts += [
        "## Decisions to know" if flagged else "## The latest decisions",
        _decisions(onboarding, decisions, flagged, here),
    ]
    checklist = _checklist(path, decisions, path_minutes, decision_minutes, here)
    parts += ["## Your first-week checklist", checklist]
    if audience is None:
        parts.append(_maintainers(onboarding, here))
    return "\n\n".join(part for part in parts if part) + "\n"


def _intro(minutes: int, audience: str | None) -> str:
    """Return the opening sentence."""
    if not minutes:
        return "Welcome! This page gathers what a newcomer needs in the first days."
    whom = "for your role, " if audience else ""
    return (
        f"Welcome! Read these pages in this order, {whom}about {_duration(minutes)} of reading in all, "
        "then work through the checklist at the end. Everything here is written down so that you "
        "can find it without waiting for anyone: ask in writing when something is missing."
    )


def _other_paths(onboarding: Onboarding, audience: str | None, here: str) -> str:
    """Link the audiences' paths from everyone's page, and everyone's path from an audience's."""
    if audience is not None:
        everyone = page_link("everyone's path", START_HERE_PATH, here)
        return f"This path adds the pages for your role to {everyone}."
    if not onboarding.audiences:
        return ""
    links = [page_link(label, audience_page_path(key), here) for key, label in onboarding.audiences.items()]
    return "Your role adds a few pages to this path: " + " · ".join(links) + "."


def _path_list(onboarding: Onboarding, path: list[HandbookPage], audience: str | None, here: str) -> str:
    """Return the reading path as a numbered list: link, why, reading time."""
    if not path:
        return (
            "*No page is on this path yet.* Maintainers add a page with `start-here:` in its front "
            "matter; see the handbook guide."
        )
    items = []
    for number, page in enumerate(path, start=1):
        assert page.step is not None
        why = f" — {md.text(page.step.why)}" if page.step.why else ""
        chip = ""
        if audience is not None and page.step.audiences:
            chip = (
                f' <span class="th-audience">{md.attr(onboarding.audiences.get(audience, audience))}</span>'
            )
        items.append(
            f"{number}. **{page_link(page.title, page.src_uri, here)}**{why} "
            f'<span class="th-reading-time">{onboarding.minutes(page)} min</span>{chip}'
        )
    return "\n".join(items)


def _decisions(onboarding: Onboarding, decisions: list[Decision], flagged: bool, here: str) -> str:
    """Return the decisions to know, with their dates and reading times."""
    if not decisions:
        return "No decision has been accepted yet."
    lead = (
        "The decisions that shape daily work; each says what was decided and why."
        if flagged
        else "No decision is marked as a must-read yet, so here are the latest accepted ones."
    )
    items = []
    for decision in decisions:
        minutes = onboarding.minutes(onboarding.by_source.get(decision.source))
        when = f", accepted {md.time_tag(decision.date)}" if decision.date else ""
        items.append(
            f'- {md.decision_link(decision, here)}{when} <span class="th-reading-time">{minutes} min</span>'
        )
    return lead + "\n\n" + "\n".join(items)


def _checklist(
    path: list[HandbookPage], decisions: list[Decision], path_minutes: int, decision_minutes: int, here: str
) -> str:
    """Return the first-week checklist: read the path, read the decisions, then each page's tasks."""
    items = []
    if path:
        pages = "page above" if len(path) == 1 else f"{len(path)} pages above, in order"
        items.append(f"- [ ] Read the {pages} (about {_duration(path_minutes)}).")
    if decisions:
        chosen = "decision above" if len(decisions) == 1 else f"{len(decisions)} decisions above"
        items.append(f"- [ ] Read the {chosen} (about {_duration(decision_minutes)}).")
    for page in path:
        assert page.step is not None
        for task in page.step.tasks:
            items.append(f"- [ ] {md.text(task)} (see {page_link(page.title, page.src_uri, here)})")
    items.append("- [ ] Write down one thing that was missing or unclear, and propose a fix to its page.")
    return "\n".join(items)


def _maintainers(onboarding: Onboarding, here: str) -> str:
    """Point maintainers at the pages on no path."""
    lost = not_on_any_path(onboarding.pages, onboarding.audiences)
    if not lost:
        return ""
    target = md.relative(NEEDS_REVIEW_PATH, here) + "#" + NOT_ON_A_PATH_ANCHOR
    count = f"{len(lost)} page{'s are' if len(lost) != 1 else ' is'}"
    return f"---\n\n*For maintainers:* {count} on no path; see [the report]({target})."


def _duration(minutes: int) -> str:
    """Return minutes as a reader says them: ``25 minutes``, ``1 hour 10 minutes``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minute{'s' if rest != 1 else ''}"
    text = f"{hours} hour{'s' if hours != 1 else ''}"
    return text + (f" {rest} minute{'s' if rest != 1 else ''}" if rest else "")
