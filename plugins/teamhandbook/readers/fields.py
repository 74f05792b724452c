"""Raw metadata fields, as each format reader finds them, before they are normalised."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..model.decision import DecisionFormat

FIELD_ALIASES: dict[str, str] = {
    "decision-makers": "deciders",
    "decision-maker": "deciders",
    "decided-by": "deciders",
    "deciders": "deciders",
    "related": "relates-to",
    "related-to": "relates-to",
    "relates-to": "relates-to",
    "superseded-by": "superseded-by",
    "supersedes": "supersedes",
    "amends": "amends",
    "amended-by": "amended-by",
    "review-by": "review-by",
    "review-every": "review-every",
    "feedback-by": "feedback-by",
    "must-read": "must-read",
    "decided": "date",  # "* Decided: 2021-07-01", as some MADR 2 logs write it
    "authors": "authors",
    "author": "authors",
    "author(s)": "authors",
    "data": "date",  # Portuguese and Spanish logs write "Data:" for the date
    "fecha": "date",
    "datum": "date",
    "tag": "tags",
}
"""Other names for the canonical fields, after lower-casing and turning ``_`` into ``-``."""

KNOWN_FIELDS = frozenset(
    {
        "title",
        "status",
        "date",
        "deciders",
        "consulted",
        "informed",
        "tags",
        "supersedes",
        "superseded-by",
        "relates-to",
        "amends",
        "amended-by",
        "owner",
        "review-by",
        "review-every",
        "feedback-by",
        "must-read",
    }
)
"""The fields a decision can carry; any other front-matter key is kept as ``extra``."""


@functools.lru_cache(maxsize=2048)
def canonical_key(key: str) -> str:
    """Return the canonical field name for a key as written: ``Decision_Makers`` → ``deciders``."""
    normal = "-".join(str(key).strip().lower().replace("_", "-").split())
    return FIELD_ALIASES.get(normal, normal)


@dataclass
class RawField:
    """A field's value as written, and the line it is on."""

    value: object
    line: int
    label: str = ""
    """The key as written in a body header (``Components``); empty for front matter."""

    where: str = "front-matter"
    """The place it was read: ``front-matter``, ``label``, ``table``, ``section``, ``history``,
    ``checklist`` or ``marker``."""

    rank: int = 0
    """How much that place is trusted; lower wins (front matter 0 … inline markers 4)."""


@dataclass
class Extraction:
    """What one format reader found in a file."""

    format: DecisionFormat | None
    fields: dict[str, RawField] = field(default_factory=dict)
    hidden_lines: set[int] = field(default_factory=set)
    """0-based lines of the body that the decision header shows instead (e.g. ``* Date:``)."""

    body_line: int = 1
    """The file line the body starts on (after front matter)."""

    relation_lines: list[tuple[str, int]] = field(default_factory=list)
    """Relation sentences found in the body, such as ``Supersedes [1. X](0001-x.md)``, with lines."""

    def put(self, key: str, value: object, line: int, label: str = "") -> None:
        """Record a field unless it was already found: the first occurrence wins."""
        self.fields.setdefault(key, RawField(value, line, label))

    def offer(self, key: str, value: object, line: int, label: str, where: str, rank: int) -> bool:
        """Record a field unless a place as trusted or more already gave it; tell whether it was taken."""
        existing = self.fields.get(key)
        if existing is not None and existing.rank <= rank:
            return False
        self.fields[key] = RawField(value, line, label, where, rank)
        return True
