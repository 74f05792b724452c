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

from ..settings import SettingsError

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


def load_config_file(path: Path, depth: int = 0) -> dict[str, Any]:
    """Read a configuration file and the files it inherits from; raise ``SettingsError`` if unreadable."""
    if depth > MAX_INHERITANCE:
        raise SettingsError(f"{path}: `INHERIT:` goes {MAX_INHERITANCE} files deep; is there a loop?")
    try:
        with path.open("rb") as stream:
            data = yaml.load(stream, Loader=_ConfigLoader) or {}
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path} must be a YAML mapping")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    inherited = (path.parent / str(parent)).resolve()
    if not inherited.is_file():
        raise SettingsError(f"{path}: the inherited file '{parent}' does not exist at {inherited}")
    return merge(load_config_file(inherited, depth + 1), data)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into ``base`` as MkDocs does: mappings merge key by key, the rest replaces."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = merge(base[key], value)
        else:
            base[key] = value
    return base


class _ConfigLoader(yaml.SafeLoader):
    """YAML as MkDocs reads its configuration: safe, plus the tags configurations use."""


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
