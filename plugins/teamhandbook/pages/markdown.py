"""Writing Markdown safely: authors' text is always shown as text, never run as HTML or Jinja."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from urllib.parse import quote

from ..model.addresses import decision_path
from ..model.decision import COLOURS, CORE_STATUSES, Decision
from .colours import status_style

__all__ = [
    "attr",
    "decision_link",
    "decision_path",
    "full_title",
    "relative",
    "status_chip",
    "tag_chips",
    "text",
    "time_tag",
]

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|!#])")
"""Characters that would make Markdown of an author's text; not ``(`` and ``)``, which only count
after ``]`` (escaped already) and which ``pymdownx.arithmatex`` would read as math once escaped."""
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


def decision_link(decision: Decision, from_page: str, label: str | None = None) -> str:
    """Return a Markdown link to a decision's page, labelled ``ADR-0005 Title`` by default."""
    target = quote(relative(decision_path(decision), from_page), safe="/")
    return f"[{text(label or full_title(decision))}]({target})"


def full_title(decision: Decision) -> str:
    """Return the decision's number and title: ``ADR-0005: Use PostgreSQL``."""
    if decision.number is None:
        return decision.title
    return f"{decision.display_id}: {decision.title}"


def state_of(key: str) -> str:
    """Return the state a core status key (``accepted``) puts a decision in, or '' for other keys."""
    status = next((status for status in CORE_STATUSES if status.key == key), None)
    return status.state.value if status is not None else ""


_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


def status_chip(decision: Decision) -> str:
    """Return an inline badge for the decision's status; unknown statuses show as written."""
    if decision.status is None:
        return status_badge("unknown", decision.status_raw or "No status")
    status = decision.status
    return status_badge(status.key, status.label, status.state.value, status.colour)


def event_badge(kind: str, label: str) -> str:
    """Return the badge of a change event: a status (``accepted``…) or ``updated``."""
    return status_badge(kind, label, state_of(kind))


def status_badge(key: str, label: str, state: str = "", colour: str = "") -> str:
    """Return a status badge: its key and state as data attributes for the stylesheet, and its
    colour: one of the palette's names (``amber``), or a team's own (``#0b7285``) with a text
    colour that stays readable on it."""
    attributes = f'class="th-status th-status--{attr(key)}" data-status="{attr(key)}"'
    if state:
        attributes += f' data-state="{attr(state)}"'
    if colour in COLOURS:
        attributes += f' data-colour="{colour}"'
    elif colour and _HEX_COLOUR.match(colour):
        attributes += f' style="{status_style(colour)}"'
    return f"<span {attributes}>{attr(label)}</span>"


def time_tag(date: dt.date | None) -> str:
    """Return a machine-readable date, or a dash when there is none."""
    if date is None:
        return "—"
    return f'<time datetime="{date.isoformat()}">{date.isoformat()}</time>'


def tag_chips(tags: list[str]) -> str:
    """Return the tags as inline chips."""
    return " ".join(f'<span class="th-tag">{attr(tag)}</span>' for tag in tags)
