"""YAML as authors mean it: YAML 1.2 scalars, C speed, and the line of every key."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is several times faster; fall back only where it is missing.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class HandbookLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader with YAML 1.2 scalars.

    YAML 1.1, which PyYAML follows, reads ``17:00`` as the integer 1020, ``0032`` as the octal 26
    and ``no`` or ``on`` as booleans. Working hours, ADR numbers and names like ``Norway`` must stay
    what the author typed, so only ``true``/``false`` are booleans, integers are decimal, and a
    number written with leading zeros (``0032``, an ADR number) stays the text the author wrote.
    """


HandbookLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
HandbookLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
HandbookLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
HandbookLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


def _construct_int(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> int:
    """Read an integer the YAML 1.2 way: decimal or hexadecimal, never octal."""
    value = loader.construct_scalar(node)
    try:
        return int(value, 16) if value.startswith("0x") else int(value)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        return value


HandbookLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _construct_timestamp(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> object:
    """Read a date, keeping an impossible one (``2024-13-45``) as text for the date reader to report."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


HandbookLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass
class YamlDocument:
    """A parsed YAML document and where its top-level keys were written."""

    data: Any
    key_lines: dict[str, int] = field(default_factory=dict)
    """1-based line of each top-level key of a mapping, by key as written."""

    item_lines: dict[str, list[int]] = field(default_factory=dict)
    """1-based line of each item, for top-level keys whose value is a sequence."""

    node: Any = None
    """The composed YAML node, for readers that want the lines of nested values (``nested_lines``)."""

    first_line: int = 1


class YamlSyntaxError(ValueError):
    """A YAML document that cannot be parsed; carries the line the parser stopped at."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document, recording lines relative to ``first_line``.

    Raises ``YamlSyntaxError`` with a plain message and the line of the fault.
    """
    loader = HandbookLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(None)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        raise YamlSyntaxError(_plain_yaml_message(exc), line) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise YamlSyntaxError(str(exc).splitlines()[0], first_line) from None
    finally:
        loader.dispose()
    return YamlDocument(data, *_lines_of(node, first_line), node=node, first_line=first_line)


YamlPath = tuple[str | int, ...]
"""Where a value is in a document: mapping keys and sequence indexes, ``("people", 2, "timezone")``."""


def nested_lines(document: YamlDocument) -> dict[YamlPath, int]:
    """Return the 1-based line of every value in the document, by its path; ``()`` is the root.

    For a mapping entry the line is the key's line, which is where an author looks for it.
    """
    lines: dict[YamlPath, int] = {}
    if document.node is None:
        return lines
    stack: list[tuple[YamlPath, yaml.Node, int]] = [((), document.node, document.node.start_mark.line)]
    while stack:
        path, node, line = stack.pop()
        lines[path] = document.first_line + line
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    stack.append(((*path, str(key_node.value)), value_node, key_node.start_mark.line))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append(((*path, index), item, item.start_mark.line))
    return lines


def _lines_of(node: yaml.Node, first_line: int) -> tuple[dict[str, int], dict[str, list[int]]]:
    """Return the lines of a mapping's keys and of the items of its sequence values."""
    key_lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            key_lines[str(key_node.value)] = first_line + key_node.start_mark.line
            if isinstance(value_node, yaml.SequenceNode):
                item_lines[str(key_node.value)] = [
                    first_line + item.start_mark.line for item in value_node.value
                ]
    return key_lines, item_lines


def _plain_yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """Turn PyYAML's error into one sentence an author can act on."""
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    if "mapping values are not allowed" in problem:
        return "the YAML is not valid: a value contains a colon followed by a space; put the value in quotes"
    if "found character '\\t'" in problem or "found character that cannot start" in problem:
        return f"the YAML is not valid: {problem}; use spaces, not tabs, and quote values"
    return f"the YAML is not valid: {problem}"
