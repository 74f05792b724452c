"""``decisions.json``: the decision log as data, for other tools to build on.

The shape is a public interface, documented in the handbook guide; add keys, never rename or
remove them without raising ``version``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from urllib.parse import quote

from ..model.decision import Decision, DecisionLog, Status
from ..model.problem import Problem

SCHEMA_VERSION = 1


def status_record(status: Status) -> dict[str, object]:
    """Return one status of the lifecycle as plain data."""
    return {
        "key": status.key,
        "label": status.label,
        "colour": status.colour,
        "state": status.state.value,
        "description": status.description,
    }


def decision_record(decision: Decision, url: str) -> dict[str, object]:
    """Return one decision as plain data."""
    return {
        "id": decision.id,
        "number": decision.number,
        "title": decision.title,
        "status": decision.status.value if decision.status else None,
        "status_raw": decision.status_raw,
        "date": decision.date.isoformat() if decision.date else None,
        "date_source": decision.date_source if decision.date else None,
        "deciders": decision.deciders,
        "consulted": decision.consulted,
        "informed": decision.informed,
        "tags": decision.tags,
        "supersedes": decision.relation_ids("supersedes"),
        "superseded_by": decision.relation_ids("superseded_by"),
        "relates_to": decision.relation_ids("relates_to"),
        "amends": decision.relation_ids("amends"),
        "amended_by": decision.relation_ids("amended_by"),
        "owner": decision.owner,
        "review_by": decision.review_by.isoformat() if decision.review_by else None,
        "feedback_by": decision.feedback_by.isoformat() if decision.feedback_by else None,
        "url": url,
        "status_label": decision.status.label if decision.status else None,
        "status_state": decision.status.state.value if decision.status else None,
        "source": decision.source,
        "format": decision.format.value,
    }


def decisions_json(
    log: DecisionLog,
    problems: Iterable[Problem],
    url: Callable[[Decision], str] | None = None,
    statuses: Iterable[Status] | None = None,
) -> str:
    """Return ``decisions.json``: ``{"version", "decisions", "statuses", "skipped", "problems"}``.

    ``statuses`` is the handbook's lifecycle: every status it understands, built-in or declared.

    ``url`` gives each decision's site-relative address; by default ``decisions/<id>/``.
    """
    url = url or (lambda decision: f"decisions/{quote(decision.id)}/")
    document = {
        "version": SCHEMA_VERSION,
        "decisions": [decision_record(d, url(d)) for d in log],
        "statuses": [status_record(s) for s in statuses] if statuses is not None else [],
        "skipped": [{"source": source, "reason": reason} for source, reason in log.left_out.items()],
        "problems": [p.to_dict() for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
