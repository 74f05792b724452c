"""A digest of what changed since a date, ready to paste into a team channel (Markdown or text)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..checks.review import Review, ReviewState
from ..model.decision import Decision
from . import markdown as md
from .changes import ChangeEvent
from .urls import NEEDS_REVIEW_PATH, SiteAddress

FORMATS = ("markdown", "text")


@dataclass
class Digest:
    """What a digest reports: events since a date, open proposals and overdue reviews."""

    title: str
    since: dt.date
    until: dt.date
    events: list[ChangeEvent]
    waiting: list[Decision]
    reviews: list[Review] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Tell whether nothing happened and nothing waits."""
        return not self.events and not self.waiting and not self.overdue

    @property
    def overdue(self) -> list[Review]:
        """The reviews that are overdue."""
        return [r for r in self.reviews if r.state is ReviewState.OVERDUE]


def render_digest(digest: Digest, site: SiteAddress, fmt: str = "markdown") -> str:
    """Return the digest as Markdown (links, escaped titles) or plain text (addresses on their own)."""
    writer = _Markdown(site) if fmt == "markdown" else _Text(site)
    period = f"{digest.since.isoformat()} to {digest.until.isoformat()}"
    lines = [writer.heading(f"{digest.title}: what changed from {period}", top=True)]
    if digest.empty:
        return "\n".join([*lines, "", "Nothing changed, and nothing is waiting for feedback."]) + "\n"
    decisions = [e for e in digest.events if e.decision is not None]
    pages = [e for e in digest.events if e.decision is None]
    for heading, items in (
        ("Decisions", [writer.event(e) for e in decisions]),
        ("Open for feedback", [writer.proposal(d, digest.until) for d in digest.waiting]),
        ("Pages changed", [writer.event(e) for e in pages]),
    ):
        if items:
            lines += ["", writer.heading(heading), *items]
    if digest.overdue:
        lines += ["", writer.reviews(len(digest.overdue))]
    return "\n".join(lines) + "\n"


class _Markdown:
    """Writes digest lines as Markdown, with links when the site's address is known."""

    def __init__(self, site: SiteAddress) -> None:
        self.site = site

    def escape(self, value: str) -> str:
        """Return an author's text so that it shows as written."""
        return md.text(value)

    def heading(self, text: str, top: bool = False) -> str:
        """Return a bold line: chat tools show it where they would not show a heading."""
        return f"**{md.text(text)}**"

    def link(self, title: str, src_uri: str) -> str:
        """Return a title, linked to its page when the site's address is known."""
        if not self.site.url:
            return md.text(title)
        return f"[{md.text(title)}]({self.site.absolute(self.site.page_url(src_uri))})"

    def event(self, event: ChangeEvent) -> str:
        """Return one event, followed by what changed in the words of its commits."""
        date = event.when.date().isoformat()
        said = self.subjects(event)
        if event.decision is None:
            who = f", {self.escape(', '.join(event.authors))}" if event.authors else ""
            return f"- {self.link(event.page.title, event.page.src_uri)} ({date}{who}){said}"
        line = f"- {event.label}: {self._decision(event.decision)}"
        if event.successor is not None:
            line += " by " + self._decision(event.successor)
        return f"{line} ({date}){said}"

    def subjects(self, event: ChangeEvent) -> str:
        """Return the subjects of the commits behind an event, after a colon ('' if none)."""
        if not event.subjects:
            return ""
        return ": " + "; ".join(self.escape(subject) for subject in event.subjects)

    def proposal(self, decision: Decision, today: dt.date) -> str:
        """Return one proposal open for feedback, with its deadline."""
        return f"- {self._decision(decision)} — {_deadline(decision, today)}"

    def reviews(self, count: int) -> str:
        """Return the line about overdue reviews."""
        where = self.link("Needs review", NEEDS_REVIEW_PATH)
        return f"{count} page review{'s are' if count != 1 else ' is'} overdue: see {where}."

    def _decision(self, decision: Decision) -> str:
        """Return a decision's number and title, linked."""
        return self.link(md.full_title(decision), md.decision_path(decision))


class _Text(_Markdown):
    """Writes digest lines as plain text, each address after its title."""

    def escape(self, value: str) -> str:
        """Return text as it is: plain text needs no escaping."""
        return value

    def heading(self, text: str, top: bool = False) -> str:
        """Return a heading, underlined at the top."""
        return f"{text}\n{'=' * len(text)}" if top else text

    def link(self, title: str, src_uri: str) -> str:
        """Return a title followed by its address in angle brackets, when known."""
        if not self.site.url:
            return title
        return f"{title} <{self.site.absolute(self.site.page_url(src_uri))}>"

    def event(self, event: ChangeEvent) -> str:
        """Return one event as a bullet."""
        return "*" + super().event(event)[1:]

    def proposal(self, decision: Decision, today: dt.date) -> str:
        """Return one proposal as a bullet."""
        return "*" + super().proposal(decision, today)[1:]


def _deadline(decision: Decision, today: dt.date) -> str:
    """Return a proposal's feedback deadline, relative to today."""
    assert decision.feedback_by is not None
    days = (decision.feedback_by - today).days
    when = decision.feedback_by.isoformat()
    if days < 0:
        return f"feedback was due {when}: overdue"
    if days == 0:
        return f"feedback by {when} (today)"
    return f"feedback by {when} (in {days} day{'s' if days != 1 else ''})"
