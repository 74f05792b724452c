"""A team's decision lifecycle: its statuses, and the words that name each of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from .decision import CORE_STATUSES, State, Status

STATE_ORDER = (State.OPEN, State.IN_FORCE, State.SUPERSEDED, State.RETIRED)
"""States in the order a reader follows a decision's life."""


@dataclass
class Lifecycle:
    """The statuses a handbook understands and the words, in any language, that name them."""

    statuses: dict[str, Status] = field(default_factory=dict)
    """Every status by key, in the order they were defined: built-ins, then the team's."""

    words: dict[str, str] = field(default_factory=dict)
    """Normalised word → status key: ``aceito`` → ``accepted``, ``on hold`` → ``on-hold``."""

    declared: frozenset[str] = frozenset()
    """Keys of the statuses the team declared (or re-declared) in ``mkdocs.yml``."""

    folders: dict[str, str] = field(default_factory=dict)
    """Normalised folder name → status key, for folders that state their decisions' status."""

    normalise: Callable[[str], str] = str.lower
    """How words are compared: the vocabulary's ``normal_word``."""

    readings: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    """Status texts already read against this lifecycle: most logs repeat a handful of them."""

    def lookup(self, word: str) -> Status | None:
        """Return the status a word names, in any declared language and spelling, or None."""
        key = self.words.get(self.normalise(word))
        return self.statuses.get(key) if key is not None else None

    def get(self, key: str) -> Status | None:
        """Return the status with this key, if the lifecycle has it."""
        return self.statuses.get(key)

    def ordered(self, only: Iterable[Status] | None = None) -> list[Status]:
        """Return statuses (all, or ``only`` those) by state, then in the order they were defined."""
        position = {key: i for i, key in enumerate(self.statuses)}
        chosen = list(self.statuses.values()) if only is None else list(dict.fromkeys(only))
        return sorted(chosen, key=lambda s: (STATE_ORDER.index(s.state), position.get(s.key, len(position))))

    def __iter__(self) -> Iterator[Status]:
        return iter(self.statuses.values())

    def __len__(self) -> int:
        return len(self.statuses)

    def keys(self) -> list[str]:
        """Return every status key, in definition order."""
        return list(self.statuses)


def in_reading_order(statuses: Iterable[Status]) -> list[Status]:
    """Return statuses by state (open first), the core ones in their order, then the others by key."""
    core = {status.key: i for i, status in enumerate(CORE_STATUSES)}
    return sorted(
        dict.fromkeys(statuses), key=lambda s: (STATE_ORDER.index(s.state), core.get(s.key, len(core)), s.key)
    )


def core_lifecycle(aliases: Mapping[str, Status] | None = None) -> Lifecycle:
    """Return a lifecycle of the core statuses only, plus ``aliases`` (lower-case word → status)."""
    lifecycle = Lifecycle({s.key: s for s in CORE_STATUSES}, {s.key: s.key for s in CORE_STATUSES})
    lifecycle.words["superceded"] = Status.SUPERSEDED.key
    for word, status in (aliases or {}).items():
        lifecycle.statuses.setdefault(status.key, status)
        lifecycle.words[" ".join(word.lower().split())] = status.key
    return lifecycle
