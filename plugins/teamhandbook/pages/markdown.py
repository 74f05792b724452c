"""Writing Markdown safely: authors' text is always shown as text, never run as HTML or Jinja."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from urllib.parse import quote

from ..model.decision import Decision

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|()!#])")
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def text(value: object) -> str:
    """Escape a value for inline Markdown: HTML is shown, emphasis and links are not made.

    Braces become character references, so no Jinja delimiter (``{{``, ``{%``, ``{#``) can
    survive for mkdocs-macros to run; a backslash would not do, as ``\\{%`` still holds ``{%``.
    """
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escaped).translate(_BRACES)


def attr(value: object) -> str:
    """Escape a value for an HTML attribute or element content inside raw HTML."""
    return html.escape(str(value), quote=True).translate(_BRACES).replace("|", "&#124;")


def relative(target: str, from_page: str) -> str:
    """Return the relative path from one source page to another: both relative to the site."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def decision_path(decision: Decision) -> str:
    """The source path a decision's page has in the site: ``decisions/<id>.md``."""
    return f"decisions/{decision.id}.md"


def decision_link(decision: Decision, from_page: str, label: str | None = None) -> str:
    """Return a Markdown link to a decision's page, labelled ``ADR-0005 Title`` by default."""
    target = quote(relative(decision_path(decision), from_page), safe="/")
    return f"[{text(label or full_title(decision))}]({target})"


def full_title(decision: Decision) -> str:
    """Return the decision's number and title: ``ADR-0005: Use PostgreSQL``."""
    if decision.number is None:
        return decision.title
    return f"{decision.display_id}: {decision.title}"


def status_chip(decision: Decision) -> str:
    """Return an inline badge for the decision's status; unknown statuses show as written."""
    if decision.status is None:
        label = decision.status_raw or "No status"
        return f'<span class="th-status th-status--unknown" data-status="unknown">{attr(label)}</span>'
    status = decision.status
    value, colour = attr(status.key), attr(status.colour)
    return (
        f'<span class="th-status th-status--{value}" data-colour="{colour}" data-status="{value}" '
        f'data-state="{status.state.value}">{attr(status.label)}</span>'
    )


def time_tag(date: dt.date | None) -> str:
    """Return a machine-readable date, or a dash when there is none."""
    if date is None:
        return "—"
    return f'<time datetime="{date.isoformat()}">{date.isoformat()}</time>'


def tag_chips(tags: list[str]) -> str:
    """Return the tags as inline chips."""
    return " ".join(f'<span class="th-tag">{attr(tag)}</span>' for tag in tags)
