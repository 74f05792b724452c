"""Read a site configuration as written, its tags kept, to write it again for another site builder.

The build reads ``!ENV NAME`` as the variable's value and ``!!python/name:module.function`` as
the function; a configuration written for another builder must say the same thing again, so here
each tagged value is kept as the tag and what follows it (``Tagged``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .config_file import load_config_file
from .yaml_source import Yaml11Loader

PYTHON_TAG = "tag:yaml.org,2002:python/"


@dataclass(frozen=True)
class Tagged:
    """A value written with a tag (``!ENV``, ``!relative``, ``!!python/name:…``), kept as written."""

    tag: str
    """The tag as YAML names it: ``!ENV``, or ``tag:yaml.org,2002:python/name:module.function``."""

    value: Any
    """What follows the tag: text, a list or a mapping, read without tags' meaning."""

    @property
    def python(self) -> tuple[str, str] | None:
        """Return ``(kind, dotted name)`` for a ``!!python/…`` tag (``name``, ``object/apply``), else None."""
        if not self.tag.startswith(PYTHON_TAG):
            return None
        kind, _, name = self.tag[len(PYTHON_TAG) :].partition(":")
        return kind, name


class _RawLoader(Yaml11Loader):
    """YAML 1.1, as MkDocs reads ``mkdocs.yml``, with tags kept rather than applied."""


def _tagged(loader: _RawLoader, suffix: str, node: yaml.Node, prefix: str) -> Tagged:
    """Keep a tagged node as its tag and its plain value."""
    if isinstance(node, yaml.MappingNode):
        value: Any = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(prefix + suffix, value)


_RawLoader.add_multi_constructor("!", lambda loader, suffix, node: _tagged(loader, suffix, node, "!"))
_RawLoader.add_multi_constructor(
    PYTHON_TAG, lambda loader, suffix, node: _tagged(loader, suffix, node, PYTHON_TAG)
)


def load_raw_config(path: Path) -> dict[str, Any]:
    """Return a configuration as written (inherited files merged in), tags kept as ``Tagged``."""
    data, _ = load_config_file(path, loader=_RawLoader)
    return data
