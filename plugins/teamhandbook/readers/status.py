"""Statuses as people write them, normalised to the handbook's lifecycle — or reported."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.decision import Status
from .markdown_scan import strip_comments

BUILTIN_ALIASES: dict[str, Status] = {
    "superceded": Status.SUPERSEDED,  # adr-tools users' most common misspelling
}
"""Spellings every handbook understands besides the canonical words."""

_RELATION_CLAUSE = re.compile(
    r"^(?P<verb>partially\s+superseded\s+by|partly\s+superseded\s+by|superseded\s+by"
    r"|superceded\s+by|replaced\s+by|supersedes|supercedes|replaces|amended\s+by|amends"
    r"|deprecated\s+by|relates\s+to|related\s+to|see\s+also)\b[\s:]*(?P<target>.*)$",
    re.IGNORECASE,
)
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^)\s\[]*)[^)\[]*\)")  # [ ends a scan: linear when unclosed
_TRAILING_DATE = re.compile(  # no two quantifiers over the same spaces: linear on long runs of them
    r"(?<!\s)\s*(?:\([^)]*\)|(?:(?:on|since|as of)\s*)?\d{4}-\d{2}-\d{2})\s*$", re.IGNORECASE
)
_EMPHASIS = re.compile(r"[*_`]+")


@dataclass
class StatusReading:
    """What a status text says: the normalised status and any relations written into it."""

    status: Status | None
    raw: str
    supersedes: list[str] = field(default_factory=list)
    superseded_by: list[str] = field(default_factory=list)
    relates_to: list[str] = field(default_factory=list)
    problem: str | None = None
    """Why the status could not be understood, in a sentence; None when it was."""


def read_status(text: str, aliases: Mapping[str, Status] | None = None) -> StatusReading:
    """Normalise a status such as ``Accepted``, ``[accepted] <!-- optional -->``,
    ``accepted; supersedes ADR-0045`` or ``superseded by [ADR-7](0007-x.md)``.

    ``aliases`` maps a team's own lower-case words to statuses (``aceito`` → accepted). A status
    that is not understood is kept as written and explained in ``problem``, never guessed.
    """
    raw = " ".join(text.split())
    cleaned = "\n".join(strip_comments(line) for line in text.strip().splitlines())
    reading = StatusReading(None, raw)
    if not cleaned:
        return reading
    if _is_choice_list(cleaned):
        reading.problem = (
            f"the status is still the template's list of choices ({raw}); keep the one that applies"
        )
        return reading
    cleaned = _unwrap(cleaned)
    bases: list[Status] = []
    unknown: list[str] = []
    for clause in _clauses(cleaned):
        _read_clause(clause, aliases or {}, reading, bases, unknown)
    return _conclude(reading, bases, unknown)


def _is_choice_list(text: str) -> bool:
    """Tell whether the text is a template placeholder listing alternatives: ``[a | b | c]``."""
    inner = text.strip()
    return "|" in inner and (inner[:1] in "[{" or inner[-1:] in "]}")


def _unwrap(text: str) -> str:
    """Drop brackets or braces left around a single value: ``[accepted]`` → ``accepted``."""
    text = text.strip()
    while len(text) > 2 and text[0] + text[-1] in ("[]", "{}", "()") and not _LINK.fullmatch(text):
        text = text[1:-1].strip()
    return text


def _clauses(text: str) -> list[str]:
    """Split a compound status into clauses, keeping Markdown links whole."""
    protected = _LINK.sub(lambda m: m.group(0).replace(",", "\0").replace(";", "\1"), text)
    parts = re.split(r"(?<!\s)(?:\s*[;|,]\s*|\s+-\s+|\s*\n\s*)", protected)
    return [p.replace("\0", ",").replace("\1", ";").strip() for p in parts if p.strip()]


def _read_clause(
    clause: str,
    aliases: Mapping[str, Status],
    reading: StatusReading,
    bases: list[Status],
    unknown: list[str],
) -> None:
    """Read one clause: a relation (``supersedes X``) or a status word."""
    relation = _RELATION_CLAUSE.match(_EMPHASIS.sub("", clause))
    if relation:
        verb = " ".join(relation.group("verb").lower().split())
        targets = _targets(relation.group("target"))
        if verb in ("superseded by", "superceded by", "replaced by"):
            bases.append(Status.SUPERSEDED)
            reading.superseded_by.extend(targets)
        elif verb in ("supersedes", "supercedes", "replaces"):
            reading.supersedes.extend(targets)
        elif verb == "deprecated by":
            bases.append(Status.DEPRECATED)
            reading.relates_to.extend(targets)
        else:
            reading.relates_to.extend(targets)
        return
    word = _status_word(clause)
    status = _lookup(word, aliases)
    if status is not None:
        bases.append(status)
    elif word:
        unknown.append(clause)


def _status_word(clause: str) -> str:
    """Reduce a clause to the words that carry the status: no emphasis, dates or full stop."""
    word = _EMPHASIS.sub("", clause)
    word = _TRAILING_DATE.sub("", word)
    word = _unwrap(word).rstrip(".!").strip()
    if word.lower().startswith("status:"):
        word = word[len("status:") :].strip()
    return " ".join(word.lower().split())


def _lookup(word: str, aliases: Mapping[str, Status]) -> Status | None:
    """Map a lower-case status word to a status: a team alias, a canonical word, a known spelling."""
    if word in aliases:
        return aliases[word]
    try:
        return Status(word)
    except ValueError:
        return BUILTIN_ALIASES.get(word)


def _targets(text: str) -> list[str]:
    """Return the decisions a relation clause points at: link targets, else the words."""
    links = _LINK.findall(text)
    if links:
        return [target or label for label, target in links]
    text = _EMPHASIS.sub("", text).strip().rstrip(".")
    return [part.strip() for part in re.split(r"(?<!\s)\s*(?:,|\band\b)\s*", text) if part.strip()]


def _conclude(reading: StatusReading, bases: list[Status], unknown: list[str]) -> StatusReading:
    """Settle on one status, or explain why there is none."""
    distinct = list(dict.fromkeys(bases))
    if Status.SUPERSEDED in distinct:
        # "Accepted, superseded by X" describes a history whose present state is superseded.
        distinct = [Status.SUPERSEDED]
    if unknown and not distinct:
        reading.problem = (
            f"the status '{'; '.join(unknown)}' is not one of "
            f"{', '.join(s.value for s in Status)}; correct it, or map the word to one of them "
            "with the `status_aliases` option"
        )
    elif len(distinct) > 1:
        reading.problem = (
            f"the status names several statuses ({', '.join(s.value for s in distinct)}); "
            "keep the one that applies"
        )
    elif distinct:
        reading.status = distinct[0]
    return reading


def parse_aliases(mapping: Mapping[str, str]) -> tuple[dict[str, Status], list[str]]:
    """Validate a team's alias map; return the usable aliases and a sentence per bad entry."""
    aliases: dict[str, Status] = {}
    errors: list[str] = []
    for word, target in mapping.items():
        try:
            aliases[" ".join(str(word).lower().split())] = Status(str(target).strip().lower())
        except ValueError:
            errors.append(
                f"status alias '{word}: {target}' maps to an unknown status; "
                f"use one of {', '.join(s.value for s in Status)}"
            )
    return aliases, errors
