"""The words of decision logs in every language the handbook reads, from ``vocabulary.yml``.

The data file is read once per process. Month names come from the Unicode CLDR through Babel (a
dependency of Material for MkDocs already), for every language the data file lists; they are loaded
only when a date is written with a month name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.decision import COLOURS, CORE_STATUSES, State, Status

DATA_FILE = Path(__file__).with_name("vocabulary.yml")

_SEPARATORS = re.compile(r"[\s_\-‐-―]+")


@functools.lru_cache(maxsize=8192)
def normal_word(text: str) -> str:
    """Return a word or phrase as it is compared: case, accents, hyphens and spacing ignored.

    ``On_Hold`` → ``on hold``; ``Accepté`` → ``accepte``; ``已接受`` stays as it is. Headings and
    labels repeat from file to file, so results are cached.
    """
    text = str(text)
    if text.isascii():
        return " ".join(_SEPARATORS.split(text.lower())).strip()
    folded = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_SEPARATORS.split(unicodedata.normalize("NFC", stripped))).strip()


@dataclass(frozen=True)
class Vocabulary:
    """Everything ``vocabulary.yml`` says, indexed for lookups by normalised word."""

    languages: tuple[str, ...]
    statuses: tuple[Status, ...]
    """The built-in statuses: the core six first, then the others of the data file."""

    status_words: dict[str, str]
    """Normalised status word → status key: ``angenommen`` → ``accepted``."""

    field_labels: dict[str, str]
    """Normalised field label → canonical field: ``statut`` → ``status``, ``日期`` → ``date``."""

    relations: tuple[tuple[str, str], ...]
    """(normalised phrase, relation) pairs, longest phrase first: ``superseded by`` → ``superseded-by``."""

    relation_starts: frozenset[str]
    """The first word of every relation phrase, to rule out most lines at once."""

    title_placeholder_words: tuple[str, ...]
    generic_title_words: frozenset[str]
    template_name_words: frozenset[str]
    template_name_companions: frozenset[str]
    index_names: frozenset[str]
    status_folder_noise: frozenset[str]
    section_titles: frozenset[str]
    metadata_sections: frozenset[str]


@functools.cache
def vocabulary() -> Vocabulary:
    """Return the vocabulary, reading the data file the first time."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml reads it ten times faster
    data = yaml.load(DATA_FILE.read_text(encoding="utf-8"), Loader=loader)
    statuses = _statuses(data["statuses"])
    status_words: dict[str, str] = {}
    for key, entry in data["statuses"].items():
        status_words[normal_word(key)] = key
        for word in _all_words(entry.get("words")):
            status_words.setdefault(normal_word(word), key)
    for status in statuses:
        status_words.setdefault(normal_word(status.label), status.key)
    field_labels = {
        normal_word(label): field for field, labels in data["fields"].items() for label in _all_words(labels)
    }
    relations = sorted(
        {
            (normal_word(phrase), relation)
            for relation, phrases in data["relations"].items()
            for phrase in _all_words(phrases)
        },
        key=lambda pair: -len(pair[0]),
    )
    return Vocabulary(
        languages=tuple(data["languages"]),
        statuses=statuses,
        status_words=status_words,
        field_labels=field_labels,
        relations=tuple(relations),
        relation_starts=frozenset(phrase.split()[0] for phrase, _ in relations if phrase),
        title_placeholder_words=tuple(normal_word(w) for w in _all_words(data["title_placeholder_words"])),
        generic_title_words=frozenset(normal_word(w) for w in _all_words(data["generic_title_words"])),
        template_name_words=frozenset(normal_word(w) for w in data["template_name_words"]),
        template_name_companions=frozenset(normal_word(w) for w in data["template_name_companions"]),
        index_names=frozenset(normal_word(w) for w in data["index_names"]),
        status_folder_noise=frozenset(normal_word(w) for w in data["status_folder_noise"]),
        section_titles=frozenset(normal_word(w) for w in _all_words(data["section_titles"])),
        metadata_sections=frozenset(normal_word(w) for w in _all_words(data["metadata_sections"])),
    )


def _all_words(entry: Any) -> list[str]:
    """Flatten a list of words, or a mapping of language → list of words, to one list."""
    if entry is None:
        return []
    if isinstance(entry, dict):
        return [str(word) for words in entry.values() for word in (words or [])]
    return [str(word) for word in entry]


def _statuses(entries: dict[str, Any]) -> tuple[Status, ...]:
    """Build the built-in statuses: the core ones as the model defines them, then the data file's."""
    core = {status.key: status for status in CORE_STATUSES}
    extra = [
        Status(
            key,
            str(entry["label"]),
            str(entry.get("colour", "grey")),
            State(entry.get("state", "open")),
            str(entry.get("description", "")),
        )
        for key, entry in entries.items()
        if key not in core
    ]
    for status in extra:
        if status.colour not in COLOURS:
            raise ValueError(f"vocabulary.yml: status {status.key} has an unknown colour {status.colour}")
    return (*CORE_STATUSES, *extra)


@functools.cache
def month_names() -> dict[str, int]:
    """Return every month name and abbreviation of the vocabulary's languages, normalised → 1–12.

    A name two languages give to different months is left out: it could be either.
    """
    from babel.dates import get_month_names  # only when a date is written with a month name

    found: dict[str, set[int]] = {}
    for language in vocabulary().languages:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    word = normal_word(name).rstrip(".")
                    if word and not word[0].isdigit():
                        found.setdefault(word, set()).add(number)
    names = {word: next(iter(numbers)) for word, numbers in found.items() if len(numbers) == 1}
    names.update({"sept": 9, "sep": 9})  # both English abbreviations are in use
    return names
