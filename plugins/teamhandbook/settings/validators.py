"""The small validators of the plugin's options.

Each takes a value as ``mkdocs.yml`` gives it and returns it normalised, or raises
``OptionValueError`` with a plain sentence saying what the option takes. The sentence does not name
the option: whoever reports it does (``Plugin 'team-handbook' option 'x': …``, as MkDocs words it).
Every validator accepts what it returns, so a value validated twice is the same value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..model.decision import COLOURS, State
from ..model.problem import visible

Validator = Callable[[Any], Any]
"""Returns the normalised value, or raises ``OptionValueError``."""

_ADDRESS_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RESERVED_AUDIENCES = frozenset({"index", "everyone", "all"})
_STATES = ", ".join(state.value for state in State)
_STATUS_FIELDS = ("label", "colour", "color", "state", "words", "description")
_LONGEST_SHOWN = 60


class OptionValueError(ValueError):
    """A value an option cannot take; the message is one plain sentence without the option's name."""


def shown(value: Any) -> str:
    """Write a value as a message quotes it: short, as YAML shows it, control characters escaped."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = f"'{value}'"
    elif isinstance(value, int | float):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > _LONGEST_SHOWN:
        text = text[: _LONGEST_SHOWN - 1] + "…"
    return visible(text)


def flag(value: Any) -> bool:
    """Read a switch: true or false, nothing that merely looks like one."""
    if isinstance(value, bool):
        return value
    raise OptionValueError(f"must be true or false, not {shown(value)}")


def folder(value: Any) -> str:
    """Read the path of a folder, relative to the configuration file."""
    if isinstance(value, str):
        return value
    raise OptionValueError(f"must be the path of a folder, relative to mkdocs.yml, not {shown(value)}")


@dataclass(frozen=True)
class Choice:
    """One of a few words."""

    choices: tuple[str, ...]

    def __call__(self, value: Any) -> str:
        """Return the word if it is one of the choices."""
        if isinstance(value, str) and value in self.choices:
            return value
        raise OptionValueError(f"must be {_one_of(self.choices)}, not {shown(value)}")


@dataclass(frozen=True)
class WholeNumber:
    """A whole number within a range; ``most`` None leaves it open above."""

    least: int
    most: int | None
    unit: str
    meaning: str = ""
    """What the smallest values mean, when they mean something special: ``-1 lists them all``."""

    @property
    def range_text(self) -> str:
        """Write the range as the guide shows it: ``50 to 10,000``."""
        return f"{self.least:,} to {self.most:,}" if self.most is not None else f"{self.least:,} or more"

    def __call__(self, value: Any) -> int:
        """Return the number if it is whole and in range (true and false are not numbers)."""
        whole = isinstance(value, int) and not isinstance(value, bool)
        if whole and self.least <= value and (self.most is None or value <= self.most):
            return value
        span = f"from {self.range_text}" if self.most is not None else self.range_text
        meaning = f" ({self.meaning})" if self.meaning else ""
        raise OptionValueError(f"must be a whole number of {self.unit}, {span}{meaning}, not {shown(value)}")


@dataclass(frozen=True)
class WordMap:
    """A mapping of words to words, such as status aliases: ``aceito: accepted``."""

    example: str

    def __call__(self, value: Any) -> dict[str, str]:
        """Return the mapping with text keys; numbers as keys (a folder named 2019) are text too."""
        if not isinstance(value, Mapping):
            raise OptionValueError(f"must map words to statuses, e.g. `{self.example}`, not {shown(value)}")
        mapped: dict[str, str] = {}
        for key, target in value.items():
            if isinstance(key, bool) or not isinstance(key, str | int):
                raise OptionValueError(f"{shown(key)} is not a word; write it as text, e.g. `{self.example}`")
            if not isinstance(target, str) or not target.strip():
                raise OptionValueError(f"'{visible(str(key))}' must map to a status, not {shown(target)}")
            mapped[str(key)] = target
        return mapped


@dataclass(frozen=True)
class Patterns:
    """Glob patterns: one, or a list of them."""

    what: str
    example: str
    site_paths: bool = False
    """Paths in the site, whose leading ``/`` is dropped (``/guide/*`` is ``guide/*``)."""

    def __call__(self, value: Any) -> tuple[str, ...]:
        """Return the patterns as a tuple, each stripped of surrounding spaces."""
        if value in ("", [], ()):
            return ()
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) and i.strip() for i in items):
            raise OptionValueError(
                f"must be a list of {self.what}, e.g. `{self.example}`, not {shown(value)}"
            )
        patterns = (item.strip() for item in items)
        return tuple(pattern.lstrip("/") if self.site_paths else pattern for pattern in patterns)


def key_of(label: object) -> str:
    """Return the key a team's word is known by: ``At risk`` → ``at-risk``."""
    return "-".join(str(label).strip().lower().replace("_", "-").split())


def audiences(value: Any) -> dict[str, str]:
    """Read the audiences: a mapping of key to name, or a list of keys (named after themselves)."""
    if value in ("", [], (), {}):
        return {}
    if isinstance(value, list | tuple):
        value = {str(key): str(key).replace("-", " ").capitalize() for key in value}
    if not isinstance(value, Mapping):
        raise OptionValueError(
            f"must map each audience to its name, e.g. `engineering: Engineering`, not {shown(value)}"
        )
    named: dict[str, str] = {}
    for key, label in value.items():
        key = str(key)
        if not _ADDRESS_KEY.match(key) or key in _RESERVED_AUDIENCES:
            raise OptionValueError(
                f"the audience '{visible(key)}' cannot be part of an address; use lower-case letters, "
                "digits and hyphens (and not index, everyone or all)"
            )
        named[key] = " ".join(str(label or key).split())
    return named


@dataclass(frozen=True)
class NamedKeys:
    """Names a team adds to a built-in list: a list of names, or keys mapped to labels."""

    example: str

    def __call__(self, value: Any) -> dict[str, str]:
        """Return key → label, each key made from the name as an address holds it."""
        if value in ("", [], (), {}):
            return {}
        if isinstance(value, list | tuple):
            value = {key_of(name): " ".join(str(name).split()) for name in value}
        if not isinstance(value, Mapping):
            raise OptionValueError(
                f"must list names, or map keys to labels: `{self.example}`, not {shown(value)}"
            )
        named: dict[str, str] = {}
        for key, label in value.items():
            normal = key_of(key)
            if not _ADDRESS_KEY.match(normal):
                raise OptionValueError(
                    f"'{visible(str(key))}' cannot be part of an address; use letters, digits, spaces "
                    "and hyphens"
                )
            named[normal] = " ".join(str(label or key).split())
        return named


def declared_statuses(value: Any) -> dict[str, dict[str, Any]]:
    """Read the team's statuses: each word mapped to a state, or to its label, colour, state…

    Whether a word without ``state`` is a built-in status is the lifecycle's to say; this reads the shape.
    """
    if not isinstance(value, Mapping):
        raise OptionValueError(
            f"must map each status word to a state ({_STATES}) or to a mapping of `label`, `colour`, "
            f"`state` and `words`, not {shown(value)}"
        )
    return {_status_word(word): _status_entry(str(word), entry) for word, entry in value.items()}


def _status_word(word: Any) -> str:
    """Return a declared status's word; an empty one cannot name a status."""
    if isinstance(word, bool) or not isinstance(word, str | int) or not str(word).replace("_", " ").strip():
        raise OptionValueError(f"has an empty status name ({shown(word)}); name each status with a word")
    return str(word)


def _status_entry(word: str, entry: Any) -> dict[str, Any]:
    """Read one declared status: a state, or a mapping of label, colour, state, words, description."""
    if isinstance(entry, str):
        entry = {"state": entry}
    if entry is None:
        entry = {}
    name = visible(word)
    if not isinstance(entry, Mapping):
        raise OptionValueError(
            f"'{name}' must be a state ({_STATES}) or a mapping with `label`, `colour`, `state` and `words`"
        )
    unknown = sorted(str(key) for key in entry if key not in _STATUS_FIELDS)
    if unknown:
        raise OptionValueError(
            f"'{name}' has unknown keys {visible(', '.join(unknown))}; use label, colour, state, words "
            "and description"
        )
    read = dict(entry)
    if "color" in read:
        read.setdefault("colour", read.pop("color"))  # as written in either spelling; colour wins
    if "state" in read:
        read["state"] = _state(name, read["state"])
    if "colour" in read and str(read["colour"]) not in COLOURS:
        raise OptionValueError(
            f"'{name}' has the colour {shown(read['colour'])}; use one of {', '.join(COLOURS)}"
        )
    if "words" in read:
        read["words"] = _words(name, read["words"])
    for text_field in ("label", "colour", "description"):
        if text_field in read:
            read[text_field] = str(read[text_field])
    return read


def _state(name: str, value: Any) -> str:
    """Read a declared status's state: ``open``, ``in-force`` (``in force``), ``superseded``, ``retired``."""
    try:
        return State(str(value).strip().lower().replace(" ", "-")).value
    except ValueError:
        raise OptionValueError(f"'{name}' has the state {shown(value)}; use one of {_STATES}") from None


def _words(name: str, value: Any) -> list[str]:
    """Read the other spellings of a declared status: a word, or a list of them."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        raise OptionValueError(f"'{name}': `words` must be a list of words, not {shown(value)}")
    return [str(word) for word in value]


def _one_of(choices: tuple[str, ...]) -> str:
    """Write choices as a sentence does: ``a``, ``a or b``, ``a, b or c``."""
    if len(choices) == 1:
        return choices[0]
    return ", ".join(choices[:-1]) + " or " + choices[-1]
