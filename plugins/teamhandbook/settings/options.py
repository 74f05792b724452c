"""The plugin's options, declared once: name, default, validator and what each one does.

Everything else is made from this table: the MkDocs ``Config`` class (``plugin/config.py``), the
command line's reading of ``mkdocs.yml`` (``readers/site_config.py``), the defaults of ``Settings``,
and the options table of the guide (``docs/guide/configuration.md``, checked by a test). So the
build and ``handbook check`` accept and refuse the same values, with the same sentence.

Like MkDocs' own options, an option written without a value (``decisions_dir:``) takes its default.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import OptionError, option_message
from .ranges import MAX_DAYS
from .validators import (
    Choice,
    NamedKeys,
    OptionValueError,
    Patterns,
    Validator,
    WholeNumber,
    WordMap,
    audiences,
    declared_statuses,
    flag,
    folder,
)


@dataclass(frozen=True)
class Option:
    """One option of the plugin."""

    name: str
    default: Any
    """The default, as it would be written in ``mkdocs.yml``."""

    check: Validator
    """Returns the value normalised, or raises ``OptionValueError`` with a sentence."""

    doc: str
    """What the option does, in one line of Markdown (the guide's table); ``{range}`` is the
    validator's range, such as ``50 to 10,000``."""

    def value(self, given: Any) -> Any:
        """Return the option's value as written, normalised; nothing written is the default.

        Raises ``OptionError`` naming the option.
        """
        if given is None:
            given = self.default
            if given is None:
                return None
        try:
            return self.check(given)
        except OptionValueError as exc:
            raise OptionError(self.name, str(exc)) from None

    @property
    def normal_default(self) -> Any:
        """The default, normalised as a written value is."""
        return self.value(None)

    @property
    def description(self) -> str:
        """What the option does, its range filled in."""
        range_text = getattr(self.check, "range_text", "")
        return self.doc.replace("{range}", range_text)

    @property
    def shown_default(self) -> str:
        """The default as the guide shows it: `` `true` ``, `` `decisions` ``, `` `{}` ``, unset."""
        if self.default is None:
            return "unset"
        if isinstance(self.default, bool):
            return "`true`" if self.default else "`false`"
        if isinstance(self.default, dict | list):
            return "`{}`" if isinstance(self.default, dict) else "`[]`"
        return f"`{self.default}`"


_FOLDER_NOTE = "relative to `mkdocs.yml`. A folder named explicitly must exist."

OPTIONS: tuple[Option, ...] = (
    Option("enabled", True, flag, "Turn the plugin off without removing its settings."),
    Option("decisions_dir", "decisions", folder, f"The decision folder, {_FOLDER_NOTE}"),
    Option(
        "status_aliases",
        {},
        WordMap("aceito: accepted"),
        "Other words for statuses that exist, e.g. `aceito: accepted`.",
    ),
    Option(
        "statuses",
        {},
        declared_statuses,
        "The team's own statuses, or changes to built-in ones: each a state (`spike: open`) or a mapping "
        "of `label`, `colour`, `state`, `words` and `description`. See [Statuses](decisions.md#statuses).",
    ),
    Option(
        "status_folders",
        {},
        WordMap("old-stuff: deprecated"),
        "Folders whose decisions all have one status, e.g. `old-stuff: deprecated` (status words such as "
        "`_superseded/` or `proposed-adrs/` need no entry).",
    ),
    Option(
        "numeric_dates",
        None,
        Choice(("day-first", "month-first")),
        "How the log writes numeric dates such as `04/07/2023`: `day-first` or `month-first`. Unset, a "
        "date that could be read two ways is reported.",
    ),
    Option(
        "agreement_dir",
        "working-agreement",
        folder,
        f"The [working agreement](working-agreement.md) folder, {_FOLDER_NOTE}",
    ),
    Option(
        "ignore",
        [],
        Patterns("glob patterns", "[drafts/*]"),
        "Glob patterns, relative to the decision folder, of Markdown files that are not decisions.",
    ),
    Option(
        "nav_decisions",
        10,
        WholeNumber(-1, None, "decisions", "-1 lists them all, 0 none"),
        "How many of the most recent decisions the navigation lists; `-1` lists all, `0` none.",
    ),
    Option("render_macros", False, flag, "Let mkdocs-macros render decision and generated pages."),
    Option(
        "mermaid",
        "local",
        Choice(("local", "cdn")),
        "Load Mermaid for diagrams from the copy shipped with the plugin (works offline), or from "
        "Material's CDN (`cdn`).",
    ),
    Option(
        "audiences",
        {},
        audiences,
        "The audiences with their own [onboarding path](onboarding.md), by key and name, e.g. "
        "`engineering: Engineering`.",
    ),
    Option(
        "reading_speed",
        200,
        WholeNumber(50, 10_000, "words per minute"),
        "Words read per minute, for the reading times of the start pages ({range}).",
    ),
    Option(
        "review_due_soon",
        30,
        WholeNumber(0, MAX_DAYS, "days"),
        "Days before its review date that a page is listed as due soon on [Needs review](review.md) "
        "({range}).",
    ),
    Option(
        "whats_new_days",
        30,
        WholeNumber(1, MAX_DAYS, "days"),
        "How many days back [What's new](changes.md) looks ({range}).",
    ),
    Option(
        "feed_entries",
        50,
        WholeNumber(1, 10_000, "entries"),
        "How many of the newest changes `feed.xml` carries ({range}).",
    ),
    Option(
        "changes_exclude",
        [],
        Patterns("page paths or patterns", "[guide/*]", site_paths=True),
        "Page paths or glob patterns, such as `guide/*`, whose changes [What's new](changes.md), the "
        "feed, the digest and the *changed* marks leave out.",
    ),
    Option(
        "git_history",
        True,
        flag,
        "Date each page's last change from git (one `git log` per build); `false` uses file times.",
    ),
    Option(
        "updates_dir",
        "updates",
        folder,
        "The [updates](updates.md) folder (updates, meeting notes, `projects.yml`), " + _FOLDER_NOTE,
    ),
    Option(
        "update_kinds",
        [],
        NamedKeys("retro: Retrospective"),
        "Kinds of update besides `daily`, `weekly`, `handoff`, `meeting` and `request`: names, or keys "
        "with labels (`retro: Retrospective`).",
    ),
    Option(
        "project_statuses",
        [],
        NamedKeys("paused: Paused"),
        "Project statuses besides on track, at risk, blocked and done: names, or keys with labels.",
    ),
    Option("feed_updates", False, flag, "Let new updates and projects' status changes join `feed.xml`."),
)
"""Every option, in the order the guide lists them and MkDocs validates them."""

OPTION_BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}


def default(name: str) -> Any:
    """Return an option's default, normalised: what a handbook gets when ``mkdocs.yml`` says nothing."""
    return OPTION_BY_NAME[name].normal_default


def check_option(name: str, value: Any) -> Any:
    """Return one option's value normalised; raise ``OptionError`` for a value it cannot take."""
    return OPTION_BY_NAME[name].value(value)


def read_options(given: Mapping[str, Any]) -> dict[str, Any]:
    """Return every option's value from the options written in ``mkdocs.yml``, normalised.

    Options are checked in the table's order and the first that cannot work raises ``OptionError``,
    as MkDocs stops at the first. Names that are no option are left out (see ``unknown_options``).
    """
    return {option.name: option.value(given.get(option.name)) for option in OPTIONS}


def unknown_options(given: Iterable[str]) -> list[tuple[str, str]]:
    """Return each name that is no option, with the line that reports it (as the build warns)."""
    unknown = [str(name) for name in given if name not in OPTION_BY_NAME]
    return [(name, option_message(name, unknown_option(name))) for name in unknown]


def unknown_option(name: str) -> str:
    """Say that a name is no option, with MkDocs' own words, and suggest the option meant."""
    close = difflib.get_close_matches(name, OPTION_BY_NAME, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else "; the guide's Configuration page lists the options"
    return f"Unrecognised configuration name: {name}{hint}"


def options_table() -> str:
    """Return the guide's table of options, made from this table."""
    lines = ["| Option | Default | What it does |", "|---|---|---|"]
    lines += [f"| `{o.name}` | {o.shown_default} | {o.description} |" for o in OPTIONS]
    return "\n".join(lines) + "\n"
