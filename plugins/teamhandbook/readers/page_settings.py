"""The onboarding, review, change-tracking and updates options, checked the same way for the plugin and
the CLI."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..settings import BUILT_IN_KINDS, BUILT_IN_PROJECT_STATUSES, PageSettings, SettingsError, UpdateSettings
from .ranges import MAX_DAYS

_AUDIENCE_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_RESERVED = frozenset({"index", "everyone", "all"})
_NUMBERS = {  # each option: (least, most, unit); dates go back by the days, so they stay in range
    "review_due_soon": (0, MAX_DAYS, "days"),
    "whats_new_days": (1, MAX_DAYS, "days"),
    "reading_speed": (50, 10_000, "words per minute"),
    "feed_entries": (1, 10_000, "entries"),
}


def page_settings(options: Mapping[str, Any]) -> PageSettings:
    """Return the page settings from the plugin's options; raise ``SettingsError`` for unusable ones."""
    values: dict[str, Any] = {"audiences": _audiences(options.get("audiences"))}
    for name, (least, most, unit) in _NUMBERS.items():
        value = options.get(name, getattr(PageSettings, name))
        if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
            raise SettingsError(
                f"team-handbook option `{name}` must be a whole number of {unit}, from {least} to {most:,}"
            )
        values[name] = value
    git_history = options.get("git_history", True)
    if not isinstance(git_history, bool):
        raise SettingsError("team-handbook option `git_history` must be true or false")
    values["git_history"] = git_history
    values["changes_exclude"] = _patterns(options.get("changes_exclude"))
    return PageSettings(**values)


def _patterns(value: Any) -> tuple[str, ...]:
    """Read ``changes_exclude``: a list of glob patterns of page paths, such as ``guide/*``."""
    if value in (None, "", []):
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise SettingsError(
            "team-handbook option `changes_exclude` must be a list of page paths or patterns, "
            "e.g. `[guide/*]`"
        )
    return tuple(item.strip().lstrip("/") for item in value)


def _audiences(value: Any) -> dict[str, str]:
    """Read ``audiences``: a mapping of key to label, or a list of keys."""
    if value in (None, "", [], {}):
        return {}
    if isinstance(value, list):
        value = {str(key): str(key).replace("-", " ").capitalize() for key in value}
    if not isinstance(value, Mapping):
        raise SettingsError(
            "team-handbook option `audiences` must map each audience to its name, e.g. "
            "`engineering: Engineering`"
        )
    audiences: dict[str, str] = {}
    for key, label in value.items():
        key = str(key)
        if not _AUDIENCE_KEY.match(key) or key in _RESERVED:
            raise SettingsError(
                f"team-handbook audience '{key}' cannot be part of an address; use lower-case letters, "
                "digits and hyphens (and not index, everyone or all)"
            )
        audiences[key] = " ".join(str(label or key).split())
    return audiences


def update_settings(options: Mapping[str, Any]) -> UpdateSettings:
    """Return the updates settings from the plugin's options; raise ``SettingsError`` for unusable ones."""
    kinds = {
        **BUILT_IN_KINDS,
        **_named_keys(options.get("update_kinds"), "update_kinds", "retro: Retrospective"),
    }
    statuses = {
        **BUILT_IN_PROJECT_STATUSES,
        **_named_keys(options.get("project_statuses"), "project_statuses", "paused: Paused"),
    }
    feed = options.get("feed_updates", False)
    if not isinstance(feed, bool):
        raise SettingsError("team-handbook option `feed_updates` must be true or false")
    return UpdateSettings(kinds=kinds, project_statuses=statuses, feed=feed)


def key_of(label: object) -> str:
    """Return the key a team's word is known by: ``At risk`` → ``at-risk``."""
    return "-".join(str(label).strip().lower().replace("_", "-").split())


def _named_keys(value: Any, option: str, example: str) -> dict[str, str]:
    """Read a list of names, or a mapping of key to label, as keys an address can hold."""
    if value in (None, "", [], {}):
        return {}
    if isinstance(value, list):
        value = {key_of(name): " ".join(str(name).split()) for name in value}
    if not isinstance(value, Mapping):
        raise SettingsError(
            f"team-handbook option `{option}` must list names, or map keys to labels: `{example}`"
        )
    named: dict[str, str] = {}
    for key, label in value.items():
        normal = key_of(key)
        if not _AUDIENCE_KEY.match(normal):
            raise SettingsError(
                f"team-handbook option `{option}`: '{key}' cannot be part of an address; use "
                "letters, digits, spaces and hyphens"
            )
        named[normal] = " ".join(str(label or key).split())
    return named
