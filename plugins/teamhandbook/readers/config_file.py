"""Read a site configuration file (``mkdocs.yml``, ``properdocs.yml``) as the site builder reads it.

The command line reads the configuration through the site builder's own YAML loader when one is
installed (the adapter hands it over); where none is, this module reads it the same way: an
``INHERIT:`` file merged underneath, ``!ENV`` values from the environment, ``!relative`` paths, and
the ``!!python/name:`` objects that Markdown extensions are configured with.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..boundary import Boundary
from ..model.problem import Problem, error
from ..settings import SettingsError
from .text import read_source
from .yaml_source import Yaml11Loader, YamlSyntaxError, parse_yaml

CONFIG_NAMES = ("properdocs.yml", "properdocs.yaml", "mkdocs.yml", "mkdocs.yaml")
"""The configuration files a handbook may have, in the order ProperDocs looks for them: a folder
that has renamed its ``mkdocs.yml`` as ProperDocs asks is read from the new name."""

MAX_INHERITANCE = 20
"""How many ``INHERIT:`` files deep a configuration may go before a loop is assumed."""

Loader = Callable[[Path], dict[str, Any]]
"""Reads one configuration file, its inherited files merged in."""


def find_config(start: Path) -> Path:
    """Return the configuration file in ``start`` or the nearest folder above it."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    raise SettingsError(f"no mkdocs.yml or properdocs.yml in {start.resolve()} or any folder above it")


def load_config_file(
    path: Path, depth: int = 0, loader: type | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """Read a configuration file and the files it inherits from, and what is wrong in them that the
    site builder lets pass (a key given twice); raise ``SettingsError`` if one cannot be read.

    ``loader`` reads the tags (``!ENV``, ``!!python/name:``) otherwise: the default gives their
    values, as the build sees them.

    The file goes through the handbook's one YAML path (nesting, aliases and keys given twice are
    checked), keeping the last of a key given twice, as MkDocs does.
    """
    if depth > MAX_INHERITANCE:
        raise SettingsError(f"{path}: `INHERIT:` goes {MAX_INHERITANCE} files deep; is there a loop?")
    source = path.name
    text = read_source(path, source, Boundary([path.parent, Path(os.path.realpath(path)).parent]))
    if not text.read or text.problem is not None:
        message = text.problem.message if text.problem else "it cannot be read"
        raise SettingsError(f"cannot read {path}: {message}")
    try:
        document = parse_yaml(text.text, loader=loader or _ConfigLoader, keep_last=True)
    except YamlSyntaxError as exc:
        raise SettingsError(f"{path}:{exc.line}: {exc}") from None
    data = document.data or {}
    if not isinstance(data, dict):
        raise SettingsError(f"{path} must be a YAML mapping")
    problems = [error(source, dup.line, dup.message, "duplicate-key") for dup in document.duplicates]
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data, problems
    inherited = (path.parent / str(parent)).resolve()
    if not inherited.is_file():
        raise SettingsError(f"{path}: the inherited file '{parent}' does not exist at {inherited}")
    base, more = load_config_file(inherited, depth + 1, loader)
    return merge(base, data), more + problems


def config_problems(path: Path) -> list[Problem]:
    """Return what is wrong in a configuration that the site builder itself lets pass (the plugin
    reports it); a file that cannot be read is the builder's to report."""
    try:
        return load_config_file(path)[1]
    except SettingsError:
        return []


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into ``base`` as MkDocs does: mappings merge key by key, the rest replaces."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = merge(base[key], value)
        else:
            base[key] = value
    return base


class _ConfigLoader(Yaml11Loader):
    """YAML as MkDocs reads its configuration: YAML 1.1, safe, plus the tags configurations use."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, else the default."""
    default = None
    if isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default = loader.construct_object(children[-1])
            children = children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    else:
        names = [loader.construct_scalar(node)]
    for name in names:
        if str(name) in os.environ:
            value = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


def _relative(loader: _ConfigLoader, node: yaml.Node) -> str:
    """``!relative``: kept as written; it only means something to Markdown extensions at build time."""
    return str(loader.construct_scalar(node)) if isinstance(node, yaml.ScalarNode) else ""


def _python_name(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    """``!!python/name:module.attribute``: the object, as the build imports it; None if it cannot."""
    module, _, attribute = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError):
        return None


def _python_apply(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    """``!!python/object/apply:f {kwds: …}``: the call's result, as the build makes it; None if it fails."""
    function = _python_name(loader, suffix, node)
    if function is None:
        return None
    if isinstance(node, yaml.MappingNode):
        spec = loader.construct_mapping(node, deep=True)
        args, kwargs = spec.get("args", []), spec.get("kwds", {})
    elif isinstance(node, yaml.SequenceNode):
        args, kwargs = loader.construct_sequence(node, deep=True), {}
    else:
        args, kwargs = [], {}
    try:
        return function(*args, **kwargs)
    except Exception:  # a misconfigured extension: the build reports it, the handbook reads on
        return None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_constructor("!relative", _relative)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python_apply)
