"""Read the handbook's settings from ``mkdocs.yml`` without MkDocs.

The command line must work where MkDocs cannot load the whole configuration (a theme or plugin
missing, or a future builder), so this reads only what the handbook needs and tolerates the tags
MkDocs configurations use (``!ENV``, ``!relative``, ``!!python/name:``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..model.problem import Problem, error
from ..settings import DEFAULT_AGREEMENT_DIR, DEFAULT_DECISIONS_DIR, Settings, SettingsError
from .page_settings import page_settings
from .source_files import Boundary
from .text import read_source
from .yaml_source import Yaml11Loader, YamlSyntaxError, parse_yaml

PLUGIN_NAMES = ("team-handbook",)
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class _TolerantLoader(Yaml11Loader):
    """A safe YAML 1.1 loader (as MkDocs reads) that reads unknown tags as their plain value."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """Construct a tagged node as if it had no tag; ``!ENV [VAR, default]`` gives the default."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        return items[-1] if suffix == "ENV" and items else items
    return loader.construct_mapping(node, deep=True)


_TolerantLoader.add_multi_constructor("!", _untagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _untagged)


@dataclass
class SiteConfig:
    """What the handbook needs from ``mkdocs.yml``."""

    path: Path
    settings: Settings
    plugin_options: dict[str, Any] = field(default_factory=dict)
    macros: bool = False
    """Whether the site renders pages with mkdocs-macros (the ``macros`` plugin is enabled)."""
    site_url: str = ""
    site_name: str = ""
    repo_url: str = ""
    edit_uri: str = ""
    use_directory_urls: bool = True
    nav: list[Any] | None = None
    """The ``nav:`` of ``mkdocs.yml`` as written, or None when MkDocs builds the navigation itself."""

    problems: list[Problem] = field(default_factory=list)
    """What is wrong in ``mkdocs.yml`` itself that MkDocs would not report, such as a key given twice."""


def find_config(start: Path) -> Path:
    """Return the ``mkdocs.yml`` in ``start`` or the nearest folder above it."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    raise SettingsError(f"no mkdocs.yml in {start.resolve()} or any folder above it")


def load_site_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Read ``mkdocs.yml`` through the handbook's one YAML path, as MkDocs reads it.

    A key given twice keeps its last value, as in MkDocs, and is reported. Raises ``SettingsError``
    for a file that cannot be read or parsed.
    """
    source = path.name
    text = read_source(path, source, Boundary([path.parent, Path(os.path.realpath(path)).parent]))
    if not text.read or text.problem is not None:
        message = text.problem.message if text.problem else "it cannot be read"
        raise SettingsError(f"cannot read {path}: {message}")
    try:
        document = parse_yaml(text.text, loader=_TolerantLoader, keep_last=True)
    except YamlSyntaxError as exc:
        raise SettingsError(f"{path}:{exc.line}: {exc}") from None
    problems = [error(source, dup.line, dup.message, "duplicate-key") for dup in document.duplicates]
    return document.data, problems


def site_config_problems(path: Path) -> list[Problem]:
    """Return what is wrong in ``mkdocs.yml`` that MkDocs itself lets pass (the plugin reports it)."""
    try:
        return load_site_yaml(path)[1]
    except SettingsError:
        return []  # MkDocs read the file, so it parses; a read that fails here is MkDocs's to report


def read_site_config(path: Path) -> SiteConfig:
    """Read a handbook's settings from its ``mkdocs.yml``."""
    data, problems = load_site_yaml(path)
    data = data or {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path} must be a YAML mapping")
    options = plugin_options(data.get("plugins"))
    settings = Settings(
        root=path.parent.resolve(),
        docs_dir=str(data.get("docs_dir") or "docs"),
        decisions_dir=_string(options, "decisions_dir", DEFAULT_DECISIONS_DIR, path),
        status_aliases=_mapping(options, "status_aliases", path),
        ignore=tuple(_strings(options, "ignore", path)),
        agreement_dir=_string(options, "agreement_dir", DEFAULT_AGREEMENT_DIR, path),
        pages=page_settings(options),
    )
    return SiteConfig(
        path=path,
        settings=settings,
        plugin_options=options,
        macros="macros" in {name for name, _ in plugin_entries(data.get("plugins"))},
        site_url=str(data.get("site_url") or ""),
        site_name=str(data.get("site_name") or ""),
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or ""),
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        nav=data["nav"] if isinstance(data.get("nav"), list) else None,
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


def _strings(options: dict[str, Any], key: str, path: Path) -> list[str]:
    """Return a list-of-text option."""
    value = options.get(key) or []
    if not isinstance(value, list):
        raise SettingsError(f"{path}: team-handbook option `{key}` must be a list")
    return [str(item) for item in value]
