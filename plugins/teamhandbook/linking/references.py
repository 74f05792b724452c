"""Resolving references: which decision ``5``, ``ADR-0005`` or ``[X](0005-x.md)`` means."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote

from ..model.decision import Decision, DecisionLog, Reference
from ..model.problem import Problem, error

_LINK = re.compile(r"\[[^\[\]]*\]\(([^)\s]+)[^)]*\)")
_NUMBER = re.compile(r"^(?:adr|dr|rfc|decision)?[\s#:_-]*0*(\d{1,9})(?:$|[\s.:_-])", re.I)

RELATIONS = (
    ("supersedes", "supersedes"),
    ("superseded_by", "superseded-by"),
    ("relates_to", "relates-to"),
    ("amends", "amends"),
    ("amended_by", "amended-by"),
)
"""Each relation's attribute name and the name an author writes."""


class ReferenceIndex:
    """Finds a decision from the many ways people refer to one."""

    def __init__(self, log: DecisionLog) -> None:
        self.by_id = log.by_id
        self.by_number: dict[int, list[Decision]] = {}
        self.by_slug: dict[str, list[Decision]] = {}
        for decision in log:
            if decision.number is not None:
                self.by_number.setdefault(decision.number, []).append(decision)
            slug = re.sub(r"^(?:\d{8}|(?:adr|dr|rfc)?[-_]?\d+)[-_]", "", decision.id, flags=re.I)
            self.by_slug.setdefault(slug.lower(), []).append(decision)

    def find(self, text: str) -> list[Decision]:
        """Return the decisions a reference could mean: one when it is clear, several when not."""
        key = _reference_key(text)
        if key in self.by_id:
            return [self.by_id[key]]
        slug = re.sub(r"^(?:\d{8}|(?:adr|dr|rfc)?[-_]?\d+)[-_]", "", key, flags=re.I).lower()
        match = _NUMBER.match(key)
        if match and (not _is_file(text) or slug == key.lower()):
            return self.by_number.get(int(match.group(1)), [])
        # A link to a file no decision has: the same name under another number (a renumbered
        # file) is meant; the same number under another name is not.
        return self.by_slug.get(slug, [])


def _reference_key(text: str) -> str:
    """Reduce a reference to a file stem or a label: ``[5. X](../0005-x.md#y)`` → ``0005-x``."""
    text = text.strip().strip("*_`\"'")
    link = _LINK.search(text)
    if link:
        text = link.group(1)
    text = unquote(text.split("#", 1)[0]) if ("/" in text or text.endswith(".md")) else text
    parts = text.rstrip("/").rsplit("/", 2)
    name = parts[-1][:-3] if parts[-1].endswith(".md") else parts[-1]
    if name.lower() in ("readme", "index") and len(parts) > 1:
        return parts[-2]  # a decision kept as its own folder: 2022-03-15-slug/README.md
    return name


def _is_file(text: str) -> bool:
    """Tell whether a reference is a link to a file rather than a number or a label."""
    link = _LINK.search(text)
    target = link.group(1) if link else text.strip()
    return target.split("#", 1)[0].endswith((".md", "/")) or "/" in target


def resolve_references(
    decision: Decision, index: ReferenceIndex
) -> tuple[dict[str, list[Reference]], list[Problem]]:
    """Return a decision's references with the decision each one means, one per target, and a
    problem for each that matches none or many; the decision itself is left as it is."""
    relations: dict[str, list[Reference]] = {}
    problems: list[Problem] = []
    for attribute, written in RELATIONS:
        resolved: list[Reference] = []
        seen: set[str] = set()
        for ref in getattr(decision, attribute):
            target, problem = _resolve(ref, index, decision, written)
            if problem is not None:
                problems.append(problem)
            if target is None or target not in seen:  # ``5`` and ``ADR-0005`` count once
                resolved.append(replace(ref, target=target))
                if target is not None:
                    seen.add(target)
        relations[attribute] = resolved
    return relations, problems


def _resolve(
    ref: Reference, index: ReferenceIndex, decision: Decision, written: str
) -> tuple[str | None, Problem | None]:
    """Return the id a reference means (None when it means no single decision), and its problem."""
    matches = index.find(ref.text)
    if len(matches) == 1:
        target = matches[0].id
        if target == decision.id:
            return target, error(
                decision.source, ref.line, f"`{written}` names this decision itself.", "self-reference"
            )
        return target, None
    if not matches:
        return None, error(
            decision.source,
            ref.line,
            f"`{written}` points at '{ref.text}', but no decision has that number or file name.",
            "missing-target",
        )
    names = ", ".join(d.source for d in matches)
    return None, error(
        decision.source,
        ref.line,
        f"`{written}` points at '{ref.text}', which could be any of {names}; use the file name to say which.",
        "ambiguous-target",
    )
