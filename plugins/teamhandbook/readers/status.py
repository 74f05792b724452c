"""Statuses as people write them, read against the handbook's lifecycle — or reported."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..model.decision import State, Status
from ..model.lifecycle import Lifecycle
from .lifecycle import default_lifecycle
from .markdown_scan import strip_comments
from .vocabulary import normal_word, vocabulary

_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]*)[^)]*\)")
_DATE = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
_TRAILING_DATE = re.compile(rf"\s*(?:,\s*)?(?:on|since|as of|in|at|le|am|el|em|il|op)?\s*{_DATE}\s*$", re.I)
_LEADING_DATE = re.compile(rf"^\s*{_DATE}\s*[:\-–—,]?\s*")
_PARENTHETICAL = re.compile(r"\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")
_EMPHASIS = re.compile(r"[*_`~]+")
_SHORTCODE = re.compile(r"^:[a-z0-9_+-]+:\s*")
_SENTENCE_END = re.compile(r"(?<=[^\W\d])[.!。！](?:\s+|$)")
_CLAUSE_SPLIT = re.compile(r"\s*[;|,，；、\n]\s*|\s+[-–—]\s+|(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])")
_PLACEHOLDER = re.compile(r"^(?:\.{2,}|…+|tbd|tba|todo|n/?a|-+|\?+|xxx+)$", re.I)


@dataclass
class StatusReading:
    """What a status text says: the status and any relations written into it."""

    status: Status | None
    raw: str
    supersedes: list[str] = field(default_factory=list)
    superseded_by: list[str] = field(default_factory=list)
    relates_to: list[str] = field(default_factory=list)
    amends: list[str] = field(default_factory=list)
    amended_by: list[str] = field(default_factory=list)
    problem: str | None = None
    """Why the status could not be understood, in a sentence; None when it was."""

    unknown: str | None = None
    """The status word as written when no lifecycle declares it (``mergé``); None otherwise."""

    choices: bool = False
    """True when the text is a template's list of choices rather than a status."""


def read_status(text: str, lifecycle: Lifecycle | Mapping[str, Status] | None = None) -> StatusReading:
    """Read a status such as ``Accepted``, ``✅ Accepted``, ``[accepted] <!-- optional -->``,
    ``accepted; supersedes ADR-0045`` or ``superseded by [ADR-7](0007-x.md)``.

    ``lifecycle`` is the handbook's (built-ins, declared statuses, aliases); a mapping of a team's
    own words to statuses is accepted too. A word no lifecycle declares is kept as written and
    explained in ``problem``, never guessed.
    """
    lifecycle = as_lifecycle(lifecycle)
    text = str(text)
    known = lifecycle.readings.get(text)
    if not isinstance(known, StatusReading):
        known = _read_status(text, lifecycle)
        if len(lifecycle.readings) < 4096:
            lifecycle.readings[text] = known
    return _copy(known)


def _copy(reading: StatusReading) -> StatusReading:
    """Return a reading whose lists the caller may change without changing the one kept."""
    return replace(
        reading,
        supersedes=list(reading.supersedes),
        superseded_by=list(reading.superseded_by),
        relates_to=list(reading.relates_to),
        amends=list(reading.amends),
        amended_by=list(reading.amended_by),
    )


def _read_status(text: str, lifecycle: Lifecycle) -> StatusReading:
    """Read a status text once; ``read_status`` keeps the result for the texts that repeat."""
    raw = " ".join(str(text).split())
    cleaned = "\n".join(strip_comments(line) for line in str(text).strip().splitlines()).strip()
    reading = StatusReading(None, raw)
    if not cleaned:
        return reading
    if is_choice_list(cleaned, lifecycle):
        reading.choices = True
        reading.problem = (
            f"the status is still the template's list of choices ({raw}); keep the one that applies"
        )
        return reading
    cleaned = unwrap(cleaned)
    if _PLACEHOLDER.match(_EMPHASIS.sub("", cleaned).strip()):
        reading.problem = f"the status is still a placeholder ({raw}); write the decision's status"
        return reading
    found: list[Status] = []
    unknown: list[str] = []
    for clause in clauses(cleaned):
        _read_clause(clause, lifecycle, reading, found, unknown)
    return _conclude(reading, found, unknown, lifecycle)


def as_lifecycle(value: Lifecycle | Mapping[str, Status] | None) -> Lifecycle:
    """Return a lifecycle: the default one, or the default one plus a mapping of aliases."""
    if isinstance(value, Lifecycle):
        return value
    lifecycle = default_lifecycle()
    if not value:
        return lifecycle
    extended = Lifecycle(dict(lifecycle.statuses), dict(lifecycle.words), normalise=normal_word)
    for word, status in value.items():
        extended.statuses.setdefault(status.key, status)
        extended.words[normal_word(word)] = status.key
    return extended


def is_choice_list(text: str, lifecycle: Lifecycle | None = None) -> bool:
    """Tell whether a status is a template's list of alternatives: ``[a | b | c]``, or three or
    more statuses separated by commas or slashes (``Proposed, Accepted, Rejected``)."""
    inner = text.strip()
    if "|" in inner and (inner[:1] in "[{" or inner[-1:] in "]}"):
        return True
    lifecycle = lifecycle or default_lifecycle()
    body = re.sub(r"^[^:：]{1,12}[:：]\s*", "", inner) if inner[:1] not in "[{" else inner
    parts = [p for p in re.split(r"\s*[,/|，、]\s*|\s+or\s+", unwrap(body)) if p.strip()]
    known = {s.key for p in parts if (s := lifecycle.lookup(_EMPHASIS.sub("", p).strip(" .…"))) is not None}
    return len(parts) >= 3 and len(known) >= 3


def unwrap(text: str) -> str:
    """Drop brackets, braces or backticks left around a single value: ``[accepted]`` → ``accepted``."""
    text = text.strip()
    while (
        len(text) > 2 and text[0] + text[-1] in ("[]", "{}", "()", "``", "<>") and not _LINK.fullmatch(text)
    ):
        text = text[1:-1].strip()
    return text


def clauses(text: str) -> list[str]:
    """Split a compound status into clauses, keeping Markdown links whole."""
    protected = _LINK.sub(
        lambda m: m.group(0).translate(str.maketrans({",": "\0", ";": "\1", "/": "\2", "|": "\3"})), text
    )
    parts = _CLAUSE_SPLIT.split(protected)
    restore = str.maketrans({"\0": ",", "\1": ";", "\2": "/", "\3": "|"})
    return [p.translate(restore).strip() for p in parts if p and p.strip()]


def strip_marker(text: str) -> str:
    """Drop an emoji, symbol or ``:shortcode:`` written before a status: ``✅ Accepted`` → ``Accepted``."""
    text = _SHORTCODE.sub("", text.strip())
    i = 0
    while i < len(text) and (unicodedata.category(text[i])[0] in "SZC" or text[i] in "\ufe0f\u200d"):
        i += 1
    return text[i:].strip()


def relation_clause(clause: str) -> tuple[str, str] | None:
    """Return (relation, target text) when a clause starts with a relation phrase and names a target.

    ``Superseded by [5. X](0005-x.md)`` → (``superseded-by``, ``[5. X](0005-x.md)``).
    """
    return _relation_clause(clause)


@functools.lru_cache(maxsize=4096)
def _relation_clause(clause: str) -> tuple[str, str] | None:
    """Cached ``relation_clause``: headings and status lines repeat from file to file."""
    text = strip_marker(_EMPHASIS.sub("", clause)).strip()
    words = vocabulary()
    first = text.split(None, 1)[0] if text else ""
    if normal_word(first.rstrip(":：")) not in words.relation_starts and not any(
        ord(c) > 0x2E7F for c in first[:1]
    ):
        return None  # most lines start with no relation word at all
    tokens = list(re.finditer(r"\S+", text))
    phrases = _phrases()
    for count in range(min(5, len(tokens)), 0, -1):
        phrase = normal_word(text[: tokens[count - 1].end()].rstrip(":："))
        relation = phrases.get(phrase)
        if relation is not None:
            target = text[tokens[count - 1].end() :].strip().lstrip(":：").strip()
            if target:
                return relation, target
    return None


@functools.cache
def _phrases() -> dict[str, str]:
    """Return the relation phrases of the vocabulary as a mapping."""
    return dict(vocabulary().relations)


def _read_clause(
    clause: str, lifecycle: Lifecycle, reading: StatusReading, found: list[Status], unknown: list[str]
) -> None:
    """Read one clause: a relation (``supersedes X``) or a status word."""
    relation = relation_clause(clause)
    if relation is not None:
        kind, target_text = relation
        targets = targets_of(target_text)
        if kind == "superseded-by":
            found.append(Status.SUPERSEDED)
            reading.superseded_by.extend(targets)
        elif kind == "supersedes":
            reading.supersedes.extend(targets)
        elif kind == "deprecated-by":
            found.append(Status.DEPRECATED)
            reading.relates_to.extend(targets)
        elif kind == "amends":
            reading.amends.extend(targets)
        elif kind == "amended-by":
            reading.amended_by.extend(targets)
        else:
            reading.relates_to.extend(targets)
        return
    word, aside = status_words(clause)
    if aside:
        inner = relation_clause(aside)
        if inner is not None:
            reading.relates_to.extend(targets_of(inner[1]))
    status = lifecycle.lookup(word) if word else None
    if status is None and word:
        status = _leading_status(word, lifecycle)
    if status is not None:
        found.append(status)
    elif word:
        unknown.append(word)


def status_words(clause: str) -> tuple[str, str]:
    """Reduce a clause to the words that carry the status, and a parenthetical aside if any.

    Emphasis, a marker (emoji), dates, a trailing full stop and later sentences are dropped:
    ``✅ **Accepted** (2019-01-01). We revisited it.`` → (``Accepted``, ``2019-01-01``).
    """
    text = strip_marker(_EMPHASIS.sub("", clause))
    text = _SENTENCE_END.split(text, maxsplit=1)[0]
    aside = ""
    match = _PARENTHETICAL.search(text)
    if match and match.start() > 0:
        aside, text = match.group(1), text[: match.start()]
    text = _LEADING_DATE.sub("", _TRAILING_DATE.sub("", text))
    text = unwrap(text).rstrip(".!。:：").strip()
    label, colon, rest = text.partition(":")
    if not colon:
        label, colon, rest = text.partition("：")
    if colon and vocabulary().field_labels.get(normal_word(label)) == "status":
        text = rest.strip()
    return " ".join(strip_marker(text).split()), aside


def _leading_status(word: str, lifecycle: Lifecycle) -> Status | None:
    """Return the status a longer phrase starts with: ``Accepted by the board`` → accepted."""
    tokens = word.split()
    for count in range(min(3, len(tokens) - 1), 0, -1):
        status = lifecycle.lookup(" ".join(tokens[:count]))
        if status is not None and _is_qualifier(tokens[count]):
            return status
    return None


def _is_qualifier(word: str) -> bool:
    """Tell whether a word may follow a status without changing it (``by``, ``in``, ``on`` …)."""
    return normal_word(word) in {
        "by",
        "in",
        "on",
        "at",
        "for",
        "with",
        "since",
        "after",
        "par",
        "von",
        "por",
        "da",
    }


def targets_of(text: str) -> list[str]:
    """Return the decisions a relation clause points at: link targets, else the words."""
    links = _LINK.findall(text)
    if links:
        return [target or label for label, target in links]
    text = _EMPHASIS.sub("", text).strip().rstrip(".")
    return [
        part.strip()
        for part in re.split(r"\s*(?:,|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", text)
        if part.strip()
    ]


def _conclude(
    reading: StatusReading, found: list[Status], unknown: list[str], lifecycle: Lifecycle
) -> StatusReading:
    """Settle on one status, or explain why there is none."""
    distinct = list(dict.fromkeys(found))
    superseded = [s for s in distinct if s.state is State.SUPERSEDED]
    if superseded:
        # "Accepted, superseded by X" describes a history whose present state is superseded.
        distinct = superseded[:1]
    if unknown and not distinct:
        reading.unknown = unknown[0]
        reading.problem = unknown_status_sentence(unknown[0], lifecycle)
    elif len({s.state for s in distinct}) > 1:
        reading.problem = (
            f"the status names several statuses ({', '.join(s.label for s in distinct)}); "
            "keep the one that applies"
        )
    elif distinct:
        reading.status = distinct[0]  # "Approved/Merged": both in force; the first one written
    return reading


def unknown_status_sentence(word: str, lifecycle: Lifecycle | None = None) -> str:
    """Explain a status word no lifecycle declares, naming the options that declare it."""
    return (
        f"the status '{word}' is not a status the handbook knows; declare it under `statuses` in "
        "mkdocs.yml (with its label, colour and state: open, in-force, superseded or retired), map it "
        "to a known status with `status_aliases`, or correct it"
    )


def parse_aliases(mapping: Mapping[str, str]) -> tuple[dict[str, Status], list[str]]:
    """Validate a team's alias map against the built-in statuses; return the usable aliases and a
    sentence per bad entry."""
    lifecycle = default_lifecycle()
    aliases: dict[str, Status] = {}
    errors: list[str] = []
    for word, target in mapping.items():
        status = lifecycle.get(str(target).strip().lower().replace(" ", "-")) or lifecycle.lookup(str(target))
        if status is None:
            errors.append(
                f"status alias '{word}: {target}' maps to an unknown status; "
                f"use one of {', '.join(lifecycle.keys())}"
            )
        else:
            aliases[" ".join(str(word).lower().split())] = status
    return aliases, errors
