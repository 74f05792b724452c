"""Read the handbook's settings from ``mkdocs.yml`` (or ``properdocs.yml``) without the site builder.

The command line must work where MkDocs cannot load the whole configuration (a theme or plugin
missing, or a future builder), so this reads only what the handbook needs, from the file as the
builder reads it (``INHERIT``, ``!ENV``, ``!relative``, ``!!python/name:``; see ``config_file``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.problem import Problem, error
from ..settings import Clock, Settings, SettingsError, read_options, unknown_options
from .config_file import load_config_file
from .handbook_settings import handbook_settings

PLUGIN_NAMES = ("team-handbook",)


@dataclass
class SiteConfig:
    """What the handbook needs from ``mkdocs.yml``."""

    path: Path
    settings: Settings
    plugin_options: dict[str, Any] = field(default_factory=dict)
    enabled: bool = True
    """False when the plugin is switched off (``enabled: false``): the site is then the docs folder alone."""
    macros: bool = False
    """Whether the site renders pages with mkdocs-macros (the ``macros`` plugin is enabled)."""
    macros_by_default: bool = True
    """Whether mkdocs-macros renders a page whose front matter does not say (its ``render_by_default``)."""
    macros_undefined: str = "keep"
    """What mkdocs-macros makes of an undefined name (its ``on_undefined``)."""
    macros_markers: dict[str, str] = field(default_factory=dict)
    """The Jinja markers the site sets for mkdocs-macros (its ``j2_variable_start_string``…), by
    Jinja's name for them (``variable_start_string``…): a page's macros are written in those."""
    plugins: list[str] = field(default_factory=list)
    """The names of the site's plugins, in order."""
    site_url: str = ""
    site_name: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    use_directory_urls: bool = True
    nav: list[Any] | None = None
    """The ``nav:`` of ``mkdocs.yml`` as written, or None when MkDocs builds the navigation itself."""
    data: dict[str, Any] = field(default_factory=dict)
    """The whole configuration, as the site builder reads it (inherited files merged in)."""

    problems: list[Problem] = field(default_factory=list)
    """What is wrong in ``mkdocs.yml`` itself: what MkDocs lets pass (a key given twice, which the
    plugin reports), and what MkDocs warns about before the plugin runs (an option the plugin does
    not have), which fails ``mkdocs build --strict`` as it fails ``handbook check``."""


def read_site_config(path: Path, clock: Clock | None = None) -> SiteConfig:
    """Read a handbook's settings from its ``mkdocs.yml``, dated by ``clock`` (None: undated).

    Raises ``SettingsError`` (``OptionError`` for an option) where the build would stop.
    """
    data, problems = load_config_file(path)
    entries = plugin_entries(data.get("plugins"))
    options = plugin_options(data.get("plugins"))
    root = path.parent.resolve()
    values = read_options(options)
    settings = handbook_settings(root, str(data.get("docs_dir") or "docs"), values, clock)
    problems += _warnings(path, entries, options)
    return SiteConfig(
        path=path,
        settings=settings,
        plugin_options=options,
        enabled=values["enabled"],
        macros="macros" in {name for name, _ in entries},
        macros_by_default=_macros_option(entries, "render_by_default", True) is not False,
        macros_undefined=str(_macros_option(entries, "on_undefined", "keep")),
        macros_markers=_macros_markers(entries),
        plugins=[name for name, _ in entries],
        site_url=str(data.get("site_url") or ""),
        site_name=str(data.get("site_name") or ""),
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or ""),
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        nav=data["nav"] if isinstance(data.get("nav"), list) else None,
        data=data,
        problems=problems,
    )


TWICE = (
    f"Plugin '{PLUGIN_NAMES[0]}' was specified multiple times - this is likely a mistake, because the "
    "plugin doesn't declare `supports_multiple_instances`."
)
"""What MkDocs warns when the plugin is listed twice (each copy would build the handbook's pages)."""


def plugin_entries(plugins: Any) -> list[tuple[str, Any]]:
    """Return each plugin of a ``plugins:`` list (or mapping) as (name, options)."""
    found = []
    for entry in plugins.items() if isinstance(plugins, dict) else (plugins or []):
        if isinstance(entry, tuple):
            found.append((str(entry[0]), entry[1]))
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
            found.append((str(name), options))
        else:
            found.append((str(entry), {}))
    return found


def _macros_option(entries: list[tuple[str, Any]], key: str, default: object) -> object:
    """Return an option of the ``macros`` plugin, or mkdocs-macros' default for it."""
    options = next((options for name, options in entries if name == "macros"), None)
    return options.get(key, default) if isinstance(options, dict) else default


MARKER_OPTIONS = tuple(
    f"{part}_{edge}_string" for part in ("block", "variable", "comment") for edge in ("start", "end")
)
"""The Jinja markers mkdocs-macros lets a site change, each through its option ``j2_`` + the name."""


def _macros_markers(entries: list[tuple[str, Any]]) -> dict[str, str]:
    """Return the Jinja markers the ``macros`` plugin's options change; mkdocs-macros passes an
    option on to Jinja only when it is not empty."""
    values = {name: _macros_option(entries, f"j2_{name}", "") for name in MARKER_OPTIONS}
    return {name: str(value) for name, value in values.items() if value}


def plugin_options(plugins: Any) -> dict[str, Any]:
    """Return the options given to the ``team-handbook`` plugin in a ``plugins:`` list.

    Raises ``SettingsError`` for options that are not a mapping, in the words MkDocs uses.
    """
    for name, options in plugin_entries(plugins):
        if name in PLUGIN_NAMES:
            if not isinstance(options or {}, dict):
                raise SettingsError(f"Invalid config options for the '{name}' plugin.")
            return dict(options or {})
    return {}


def _warnings(path: Path, entries: list[tuple[str, Any]], options: dict[str, Any]) -> list[Problem]:
    """Return what MkDocs warns about the plugin's entry before the plugin runs: options it does not
    have, and the plugin listed twice. ``mkdocs build --strict`` stops on them, so they are errors."""
    unknown = unknown_options(options)
    twice = sum(1 for name, _ in entries if name in PLUGIN_NAMES) > 1
    text = _text(path) if unknown or twice else ""
    problems = [error(path.name, _line_of(text, key), message, "unknown-option") for key, message in unknown]
    if twice:
        problems.append(error(path.name, _line_of(text, PLUGIN_NAMES[0]), TWICE, "plugin-twice"))
    return problems


def _text(path: Path) -> str:
    """Return the configuration file's text, to find the lines of its keys ('' if it cannot be read)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _line_of(text: str, key: str) -> int:
    """Return the line a key is written on (the first, as a plugin option or entry), else 1."""
    pattern = re.compile(rf"^[ \t-]*['\"]?{re.escape(key)}['\"]?[ \t]*:", re.MULTILINE)
    match = pattern.search(text) or re.search(rf"^[ \t]*-[ \t]*{re.escape(key)}[ \t]*$", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1
