"""The in-browser widgets: who is working now, and when to expect an answer, in the reader's time zone.

The page carries the data the script needs as JSON (no request, so it works offline); the script,
``assets/agreement.js``, fills the placeholders with elements built from ``textContent``.
"""

from __future__ import annotations

import json

from ..model.agreement import Agreement, Duration, Person
from . import markdown as md

DATA_CLASS = "th-agreement-data"


def widget_data(agreement: Agreement) -> dict[str, object]:
    """Return what the browser needs: people, their hours, the tiers and the core window."""
    core = agreement.core_window
    return {
        "version": 1,
        "people": [_person(person) for person in agreement.people],
        "tiers": [
            {
                "name": tier.name,
                "label": tier.label,
                "within": _duration(tier.within),
                "channels": {name: _duration(value) for name, value in tier.channels.items()},
            }
            for tier in agreement.tiers
        ],
        "channels": [
            {"name": channel.name, "label": channel.label}
            for channel in agreement.channels
            if any(channel.name in tier.channels for tier in agreement.tiers)
        ],
        "core": {"start": core.start, "end": core.end, "days": list(core.days)} if core else None,
        "focus": [[block.hours.start, block.hours.end] for block in agreement.focus],
        "escalation": agreement.escalation.label if agreement.escalation else None,
    }


def _person(person: Person) -> dict[str, object]:
    """Return one person as the script reads them; days are ``date.weekday()`` numbers."""
    return {
        "handle": person.handle,
        "name": person.name,
        "tz": person.timezone,
        "days": list(person.days),
        "hours": [[span.start, span.end] for span in person.hours],
        "away": [[away.first.isoformat(), away.last.isoformat(), away.note] for away in person.away],
        "backup": person.backup,
    }


def _duration(duration: Duration) -> dict[str, object]:
    """Return a response time as the script counts it."""
    return {"amount": duration.amount, "unit": duration.unit.value, "label": duration.label}


def data_element(agreement: Agreement) -> str:
    """Return the data as JSON in an attribute of a hidden element, safe in any HTML page.

    Not a ``<script type="application/json">``: Material's instant navigation re-creates the
    scripts of a page it swaps in without their ``type``, and would run the JSON as JavaScript.
    """
    text = json.dumps(widget_data(agreement), ensure_ascii=False, separators=(",", ":"))
    return f'<div class="{DATA_CLASS}" hidden data-agreement="{md.attr(text)}"></div>'


def _placeholder(kind: str, fallback: str) -> str:
    """Return an element the script fills, with a sentence shown when scripts do not run."""
    return (
        f'<div class="th-widget th-widget--{kind}" data-th-widget="{kind}">'
        f'<p class="th-widget__fallback">{md.attr(fallback)}</p></div>'
    )


def working_now(agreement: Agreement) -> str:
    """Return the "who is working now" widget."""
    if not agreement.people:
        return "*Who is working now needs a roster: add people to team.yml.*"
    return _placeholder(
        "working-now",
        "Who is working now is worked out in your browser, in your time zone; it needs JavaScript. "
        "The roster above lists everyone's hours.",
    )


def reply_estimator(agreement: Agreement) -> str:
    """Return the "if I send this now, when should I expect an answer" widget."""
    if not agreement.people or not agreement.tiers:
        return "*The answer estimate needs a roster (team.yml) and response times (agreement.yml).*"
    return _placeholder(
        "reply-estimator",
        "When to expect an answer is worked out in your browser, in your time zone; it needs "
        "JavaScript. The response times above say how long each urgency may take.",
    )
