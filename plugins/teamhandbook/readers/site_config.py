"""Read the handbook's settings from ``mkdocs.yml`` (or ``properdocs.yml``) without the site builder.

The command line must work where MkDocs cannot load the whole configuration (a theme or plugin
missing, or a future builder), so this reads only what the handbook needs, from the file as the
builder reads it (``INHERIT``, ``!ENV``, ``!relative``, ``!!python/name:``; see ``config_file``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model.problem import Problem
from ..settings import (
    DEFAULT_AGREEMENT_DIR,
    DEFAULT_DECISIONS_DIR,
    DEFAULT_UPDATES_DIR,
    Settings,
    SettingsError,
)
from .config_file import load_config_file
from .page_settings import page_settings, update_settings

PLUGIN_NAMES = ("team-handbook",)


@dataclass
class SiteConfig:
    """What the handbook needs from ``mkdocs.yml``."""

    path: Path
    settings: Settings
    plugin_options: dict[str, Any] = field(default_factory=dict)
    macros: bool = False
    """Whether the site renders pages with mkdocs-macros (the ``macros`` plugin is enabled)."""
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
    """What is wrong in ``mkdocs.yml`` itself that MkDocs would not report, such as a key given twice."""


def read_site_config(path: Path) -> SiteConfig:
    """Read a handbook's settings from its ``mkdocs.yml``."""
    data, problems = load_config_file(path)
    options = plugin_options(data.get("plugins"))
    settings = Settings(
        root=path.parent.resolve(),
        docs_dir=str(data.get("docs_dir") or "docs"),
        decisions_dir=_string(options, "decisions_dir", DEFAULT_DECISIONS_DIR, path),
        status_aliases=_mapping(options, "status_aliases", path),
        statuses=_declared_statuses(options, path),
        status_folders=_mapping(options, "status_folders", path),
        numeric_dates=_numeric_dates(options, path),
        ignore=tuple(_strings(options, "ignore", path)),
        agreement_dir=_string(options, "agreement_dir", DEFAULT_AGREEMENT_DIR, path),
        pages=page_settings(options),
        updates_dir=_string(options, "updates_dir", DEFAULT_UPDATES_DIR, path),
        updates=update_settings(options),
    )
    return SiteConfig(
        path=path,
        settings=settings,
        plugin_options=options,
        macros="macros" in {name for name, _ in plugin_entries(data.get("plugins"))},
        plugins=[name for name, _ in plugin_entries(data.get("plugins"))],
        site_url=str(data.get("site_url") or ""),
        site_name=str(data.get("site_name") or ""),
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or ""),
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        nav=data["nav"] if isinstance(data.get("nav"), list) else None,
        data=data,
        problems=problems,
    )


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


def plugin_options(plugins: Any) -> dict[str, Any]:
    """Return the options given to the ``team-handbook`` plugin in a ``plugins:`` list."""
    for name, options in plugin_entries(plugins):
        if name in PLUGIN_NAMES:
            return dict(options or {})
    return {}


def _string(options: dict[str, Any], key: str, default: str, path: Path) -> str:
    """Return a string option, or its default."""
    value = options.get(key, default)
    if not isinstance(value, str):
        raise SettingsError(f"{path}: team-handbook option `{key}` must be text")
    return value


def _mapping(options: dict[str, Any], key: str, path: Path) -> dict[str, str]:
    """Return a mapping option of text to text."""
    value = options.get(key) or {}
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: team-handbook option `{key}` must be a mapping")
    return {str(k): str(v) for k, v in value.items()}


def _declared_statuses(options: dict[str, Any], path: Path) -> dict[str, Any]:
    """Return the ``statuses`` option: status word → a state, or a mapping of its properties."""
    value = options.get("statuses") or {}
    if not isinstance(value, dict):
        raise SettingsError(f"{path}: team-handbook option `statuses` must be a mapping")
    return {str(k): v for k, v in value.items()}


def _numeric_dates(options: dict[str, Any], path: Path) -> str | None:
    """Return the ``numeric_dates`` option: ``day-first``, ``month-first`` or None."""
    value = options.get("numeric_dates")
    if value in (None, ""):
        return None
    if value not in ("day-first", "month-first"):
        raise SettingsError(f"{path}: team-handbook option `numeric_dates` must be day-first or month-first")
    return str(value)


def _strings(options: dict[str, Any], key: str, path: Path) -> list[str]:
    """Return a list-of-text option."""
    value = options.get(key) or []
    if not isinstance(value, list):
        raise SettingsError(f"{path}: team-handbook option `{key}` must be a list")
    return [str(item) for item in value]
