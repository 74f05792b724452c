"""Small pieces of Markdown that prose pages embed, e.g. through mkdocs-macros."""

from __future__ import annotations

from ..linking.references import ReferenceIndex
from ..model.decision import Decision, DecisionLog
from . import markdown as md


def find_decision(references: ReferenceIndex, reference: str | int) -> Decision | None:
    """Find a decision the way authors refer to one: ``5``, ``ADR-0005``, ``0005-use-x``."""
    matches = references.find(str(reference))
    return matches[0] if len(matches) == 1 else None


def decisions_matching(log: DecisionLog, status: str | None = None, tag: str | None = None) -> list[Decision]:
    """Return the decisions with a status and/or a tag, in log order."""
    return [
        d
        for d in log
        if (status is None or (d.status and d.status.value == status.lower()))
        and (tag is None or tag in d.tags)
    ]


def decision_list(decisions: list[Decision], from_page: str) -> str:
    """Return a Markdown list of links to decisions, each with its status."""
    if not decisions:
        return "*No decisions yet.*"
    return "\n".join(f"- {md.decision_link(d, from_page)} {md.status_chip(d)}" for d in decisions)
