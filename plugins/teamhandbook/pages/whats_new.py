"""The "What's new" page: proposals open for feedback, then decisions and pages changed lately."""

from __future__ import annotations

import datetime as dt

from ..model.decision import Decision
from . import markdown as md
from .changes import ChangeEvent
from .urls import FEED_PATH, WHATS_NEW_PATH, page_link

SINCE_LAST_VISIT = '<div class="th-since-last-visit" hidden></div>'
"""Where the browser lists what changed since the reader's last visit (kept in their browser only)."""


def whats_new(
    events: list[ChangeEvent],
    waiting: list[Decision],
    today: dt.date,
    days: int,
    *,
    feed: bool = True,
    file_times: str = "",
) -> str:
    """Return the Markdown of the What's new page; ``events`` are those of the last ``days`` days.

    ``file_times`` says why changes are dated by file times rather than git, when they are.
    """
    subscribe = (
        f" Follow along in a feed reader with the [Atom feed]({md.relative(FEED_PATH, WHATS_NEW_PATH)})."
        if feed
        else ""
    )
    parts = [
        "# What's new",
        f"What changed in the handbook in the last {days} days, newest first, as of "
        f"{md.time_tag(today)}.{subscribe}",
        SINCE_LAST_VISIT,
        "## Open for feedback",
        feedback_list(waiting, today, WHATS_NEW_PATH),
        "## Decisions",
        _list([e for e in events if e.decision is not None], "No decision changed in this time."),
        "## Pages changed",
        _list([e for e in events if e.decision is None], "No page changed in this time."),
    ]
    if file_times:
        parts.append(
            f"*Changes are dated by file times, because {md.text(file_times)}: they say when each file "
            "was last written where the site was built, and show no authors.*"
        )
    return "\n\n".join(parts) + "\n"


def feedback_list(waiting: list[Decision], today: dt.date, from_page: str) -> str:
    """Return the proposals open for feedback, soonest deadline first, overdue ones marked."""
    if not waiting:
        return "No proposal is waiting for feedback."
    items = []
    for decision in waiting:
        assert decision.feedback_by is not None
        days = (decision.feedback_by - today).days
        if days < 0:
            when = (
                f'<span class="th-review th-review--overdue">Overdue</span> feedback was due '
                f"{md.time_tag(decision.feedback_by)}; the decision is waiting to be made"
            )
        elif days == 0:
            when = f"feedback by {md.time_tag(decision.feedback_by)}, today"
        else:
            when = f"feedback by {md.time_tag(decision.feedback_by)}, in {days} day{'s' if days != 1 else ''}"
        items.append(f"- {md.decision_link(decision, from_page)} — {when}")
    return "\n".join(items)


MAX_SUBJECTS = 5
"""How many commit subjects an entry lists; older ones are counted, not listed."""


def event_line(event: ChangeEvent, from_page: str) -> str:
    """Return one event as a list item: date, what happened, a link and who; then what changed,
    in the words of its commits."""
    date = md.time_tag(event.when.date())
    if event.decision is not None:
        what = md.decision_link(event.decision, from_page)
        label = md.event_badge(event.kind, event.label)
        if event.successor is not None:
            what += " by " + md.decision_link(event.successor, from_page)
    else:
        what = page_link(event.page.title, event.page.src_uri, from_page)
        label = event.label
    authors = event.authors if event.from_history or event.commits else []
    who = f" — {md.text(', '.join(authors))}" if authors else ""
    return f"- {date} · {label} {what}{who}" + commit_lines(event)


def commit_lines(event: ChangeEvent) -> str:
    """Return what changed as a nested list of commit subjects ('' when history has none)."""
    commits = [commit for commit in event.commits if commit.subject]
    if not commits:
        return ""
    # Each commit's day and author, when they are not all those of the entry's first line.
    several = len({(commit.when.date(), commit.author) for commit in commits}) > 1
    lines = []
    for commit in commits[:MAX_SUBJECTS]:
        detail = ""
        if several:
            who = f", {md.text(commit.author)}" if commit.author else ""
            detail = f' <span class="th-commit__meta">{md.time_tag(commit.when.date())}{who}</span>'
        lines.append(f'    - <span class="th-commit">{md.text(commit.subject)}</span>{detail}')
    if len(commits) > MAX_SUBJECTS:
        more = len(commits) - MAX_SUBJECTS
        earlier = f"and {more} earlier change{'s' if more != 1 else ''}"
        lines.append(f'    - <span class="th-commit__meta">{earlier}</span>')
    return "\n" + "\n".join(lines)


def _list(events: list[ChangeEvent], empty: str) -> str:
    """Return events as a list, or a sentence when there are none."""
    if not events:
        return empty
    return "\n".join(event_line(event, WHATS_NEW_PATH) for event in events)
