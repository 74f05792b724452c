"""Build a handbook's lifecycle: the built-in statuses, the team's own, and their words."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..model.decision import State, Status
from ..model.lifecycle import Lifecycle
from ..settings import OptionError, Settings

if TYPE_CHECKING:
    from .decision import ReadOptions
from .vocabulary import normal_word, vocabulary

_STATES = ", ".join(state.value for state in State)
_KEY_SPACES = re.compile(r"\s+")


def status_key(word: str) -> str:
    """Return the key a declared status gets: ``On hold`` → ``on-hold``, ``Mergé`` → ``mergé``."""
    return _KEY_SPACES.sub("-", " ".join(str(word).casefold().replace("_", " ").split()))


@functools.cache
def default_lifecycle() -> Lifecycle:
    """Return the lifecycle of a handbook that declares nothing: every built-in status."""
    return build_lifecycle()


def build_lifecycle(
    declared: Mapping[str, Any] | None = None,
    aliases: Mapping[str, str] | None = None,
    folders: Mapping[str, str] | None = None,
) -> Lifecycle:
    """Return the built-in lifecycle extended by the team's ``statuses``, ``status_aliases`` and
    ``status_folders`` options, as ``settings/options.py`` reads them; raise ``OptionError`` for a
    declaration that the built-in statuses and the team's own do not make work."""
    words = vocabulary()
    lifecycle = Lifecycle(
        statuses={status.key: status for status in words.statuses},
        words=dict(words.status_words),
        normalise=normal_word,
    )
    declared_keys: set[str] = set()
    for word, entry in (declared or {}).items():
        status = _declared_status(str(word), entry, lifecycle)
        lifecycle.statuses[status.key] = status
        declared_keys.add(status.key)
        for spelling in (str(word), status.key, status.label, *_words(entry)):
            lifecycle.words[normal_word(spelling)] = status.key
    for word, target in (aliases or {}).items():
        status = lifecycle.get(status_key(str(target))) or lifecycle.lookup(str(target))
        if status is None:
            raise OptionError(
                "status_aliases",
                f"the status alias '{word}: {target}' maps to an unknown status; use one of "
                f"{', '.join(lifecycle.keys())}, or declare it under `statuses`",
            )
        lifecycle.words[normal_word(str(word))] = status.key
    lifecycle.declared = frozenset(declared_keys)
    for name, target in (folders or {}).items():
        status = lifecycle.get(status_key(str(target))) or lifecycle.lookup(str(target))
        if status is None:
            raise OptionError(
                "status_folders",
                f"'{name}: {target}' names an unknown status; use one of {', '.join(lifecycle.keys())}",
            )
        lifecycle.folders[normal_word(str(name).strip("/"))] = status.key
    return lifecycle


def lifecycle_of(settings: Settings) -> Lifecycle:
    """Return a handbook's lifecycle from its settings; raise ``OptionError`` if it cannot work."""
    return build_lifecycle(settings.statuses, settings.status_aliases, settings.status_folders)


def read_options(settings: Settings, lifecycle: Lifecycle | None = None) -> ReadOptions:
    """Return how a handbook reads its decisions: its lifecycle and how it writes numeric dates."""
    from .decision import ReadOptions

    return ReadOptions(lifecycle=lifecycle or lifecycle_of(settings), numeric_dates=settings.numeric_dates)


def _declared_status(word: str, entry: Any, lifecycle: Lifecycle) -> Status:
    """Make one entry of the ``statuses`` option (read by its validator) a status: a built-in one
    keeps what the entry leaves out; a new one must say its state."""
    key = status_key(word)
    existing = lifecycle.get(key)
    if isinstance(entry, str):  # settings made by hand may hold the entry as written
        entry = {"state": entry}
    entry = entry or {}
    state_text = entry.get("state", existing.state.value if existing else None)
    if state_text is None:
        raise OptionError("statuses", f"say what '{word}' means with `state:` ({_STATES})")
    state = State(str(state_text).strip().lower().replace(" ", "-"))
    colour = str(entry.get("colour", entry.get("color", existing.colour if existing else _colour(state))))
    label = " ".join(str(entry.get("label", existing.label if existing else word)).split())
    description = str(entry.get("description", existing.description if existing else ""))
    return Status(key, label or word, colour, state, description)


def _words(entry: Any) -> list[str]:
    """Return the extra spellings of a declared status."""
    if not isinstance(entry, Mapping):
        return []
    words = entry.get("words") or []
    return [words] if isinstance(words, str) else [str(word) for word in words]


def _colour(state: State) -> str:
    """Return the default colour of a declared status in this state."""
    return {State.OPEN: "amber", State.IN_FORCE: "green"}.get(state, "grey")
