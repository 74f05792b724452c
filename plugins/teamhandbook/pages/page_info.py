"""The line under a page's title: its owner, its last review and when it last changed, and by whom."""

from __future__ import annotations

import datetime as dt

from ..checks.review import Review, ReviewState
from ..model.history import Change, HistorySource
from ..model.page import HandbookPage, PageKind
from ..readers.markdown_scan import leading_h1
from . import markdown as md
from .needs_review import review_chip

_DECISION_HEADER = '<div class="th-decision-meta"'
_FILE_TIME = "No git history for this file: this is its modification time"


def page_info(
    page: HandbookPage, change: Change | None, review: Review | None, today: dt.date | None = None
) -> str:
    """Return the page's information line as raw HTML; '' when there is nothing to say."""
    items = []
    if page.owner and page.kind is not PageKind.DECISION:  # a decision's header names its owner
        items.append(_item("Owner", md.attr(page.owner)))
    if review is not None and review.last is not None:
        items.append(_item("Last reviewed", md.time_tag(review.last)))
    elif page.last_reviewed is not None:  # a retired decision, or no date to review by
        items.append(_item("Last reviewed", md.time_tag(page.last_reviewed)))
    if review is not None and today is not None and review.state is not ReviewState.SCHEDULED:
        items.append(_item("Review", review_chip(review, today)))
    if change is not None:
        items.append(_item("Last changed", _changed(change)))
    if not items:
        return ""
    # Left out of the search index, so a result's snippet starts at the page's text.
    return f'<p class="th-page-info" data-search-exclude>\n{chr(10).join(items)}\n</p>'


def insert_info(markdown: str, info: str) -> str:
    """Put the information line under the page's title (or a decision's header), else at the top."""
    if not info:
        return markdown
    lines = markdown.split("\n")
    start = markdown.find(_DECISION_HEADER)
    if start >= 0:
        end = markdown.find("\n</div>", start)
        if end >= 0:
            cut = end + len("\n</div>")
            return markdown[:cut] + "\n\n" + info + "\n" + markdown[cut:]
    heading = leading_h1(lines)
    if heading is None:
        return info + "\n\n" + markdown
    below = heading.index + 1
    if below < len(lines) and lines[below].strip().startswith("="):
        below += 1  # a setext heading's underline
    return "\n".join([*lines[:below], "", info, "", *lines[below:]])


def _changed(change: Change) -> str:
    """Return when a page changed and who changed it."""
    stamp = change.when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    text = f'<time datetime="{stamp}">{change.when.date().isoformat()}</time>'
    if change.author:
        text += f" by {md.attr(change.author)}"
    if change.source is HistorySource.FILES:
        text += f' <span class="th-page-info__note" title="{_FILE_TIME}">(file time)</span>'
    return text


def _item(label: str, value: str) -> str:
    """Return one labelled item."""
    return f'<span class="th-meta"><span class="th-meta__label">{label}</span> {value}</span>'
