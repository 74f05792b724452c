"""YAML as authors mean it: YAML 1.2 scalars, C speed, and the line of every key.

Every YAML file and front matter the handbook reads goes through ``parse_yaml``: it refuses
nesting too deep and aliases that expand too far, and finds keys given twice, before anything
else sees the data.
"""

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


class Yaml11Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader reading YAML 1.1, as MkDocs reads ``mkdocs.yml`` and most other tools read YAML."""


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


MAX_DEPTH = 50
"""How deep values may nest (a list in a mapping in a list …), counting what aliases bring in.

Real front matter and rosters nest a few levels; the limit keeps every later walk of the data
(construction, copies, comparisons) far from Python's recursion limit."""

MAX_ALIAS_EXPANSION = 10_000
"""How many values aliases (``*name``) may add to a document once expanded.

An anchor reused for everyone's hours adds a few dozen; nine aliases of nine aliases of … (the
"billion laughs") add a billion, enough to exhaust memory in whatever reads the data next."""


@dataclass(frozen=True)
class DuplicateKey:
    """A mapping key written twice; only one of its values is read."""

    key: str
    first_line: int
    line: int
    read_line: int
    """The line whose value is read: the first, or the last where the reader must agree with MkDocs."""

    @property
    def message(self) -> str:
        """Say which key is given twice, on which lines, and which value is read."""
        return (
            f"`{self.key}` is given twice, on lines {self.first_line} and {self.line}; "
            f"delete one of them (until then, line {self.read_line} is read)."
        )


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
    duplicates: list[DuplicateKey] = field(default_factory=list)
    """Keys given twice in one mapping, anywhere in the document; only the first value is read."""


class YamlSyntaxError(ValueError):
    """A YAML document that cannot be parsed; carries the line the parser stopped at."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class YamlLimitError(YamlSyntaxError):
    """A YAML document refused because it nests too deep or its aliases expand too far."""


def parse_yaml(
    text: str, first_line: int = 1, loader: type = HandbookLoader, keep_last: bool = False
) -> YamlDocument:
    """Parse one YAML document, recording lines relative to ``first_line``.

    This is the one way the handbook reads YAML. The document is composed here, event by event and
    without recursion, so nesting beyond ``MAX_DEPTH``, aliases that expand beyond
    ``MAX_ALIAS_EXPANSION`` or refer to themselves are refused before anything walks the data.
    Of a key given twice the first value is read, or the last with ``keep_last`` (as MkDocs reads
    ``mkdocs.yml``); either way it is listed in ``duplicates``. Raises ``YamlSyntaxError``
    (``YamlLimitError`` for a refusal) with a plain message and the line.
    """
    parser = loader(text)
    duplicates: list[DuplicateKey] = []
    try:
        node = _compose_single(parser, first_line, _Duplicates(duplicates, keep_last))
        if node is None:
            return YamlDocument(None)
        data = parser.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit, met while scanning
            raise YamlLimitError(f"values are nested more than {MAX_DEPTH} levels deep", line) from None
        raise YamlSyntaxError(_plain_yaml_message(exc), line) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        raise YamlSyntaxError(str(exc).splitlines()[0], first_line) from None
    finally:
        parser.dispose()
    return YamlDocument(
        data, *_lines_of(node, first_line), node=node, first_line=first_line, duplicates=duplicates
    )


@dataclass
class _Duplicates:
    """Where duplicate keys are recorded, and which of the values is kept."""

    found: list[DuplicateKey]
    keep_last: bool


class _Open:
    """A sequence or mapping whose end event has not come yet."""

    __slots__ = ("depth", "key", "keys", "node", "size")

    def __init__(self, node: yaml.Node) -> None:
        self.node = node
        self.size = 1
        self.depth = 1
        self.key: yaml.Node | None = None
        self.keys: dict[str, tuple[int, int]] = {}
        """Line and position of each scalar key seen so far in a mapping, to find one written twice."""


def _compose_single(parser: Any, first_line: int, duplicates: _Duplicates) -> yaml.Node | None:
    """Compose the stream's only document into nodes, as PyYAML's composer does, without recursion."""
    parser.get_event()  # stream start
    if parser.check_event(yaml.StreamEndEvent):
        return None
    parser.get_event()  # document start
    node = _compose_document(parser, first_line, duplicates)
    parser.get_event()  # document end
    if not parser.check_event(yaml.StreamEndEvent):
        event = parser.get_event()
        raise YamlSyntaxError(
            "the YAML holds a second document (a line `---` or `...` inside it); keep one",
            first_line + event.start_mark.line,
        )
    parser.get_event()
    return node


def _compose_document(parser: Any, first_line: int, duplicates: _Duplicates) -> yaml.Node:
    """Compose one document's nodes, checking depth, aliases and duplicate keys as they come.

    One pass over the parser's events, with the open collections on a list rather than the call
    stack; every node's size once expanded and its depth are kept, so an alias is measured when it
    is met. (The most frequent events are tested first: this runs for every front matter.)
    """
    anchors: dict[str, yaml.Node] = {}
    measures: dict[int, tuple[int, int]] = {}  # id(node) -> (values once expanded, depth)
    stack: list[_Open] = []
    expansion = 0
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = parser.resolve(yaml.ScalarNode, event.value, event.implicit)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
            size = depth = 1
            measures[id(node)] = (1, 1)
            if event.anchor is not None:
                _anchor(anchors, event, node, first_line)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            node_kind = yaml.MappingNode if kind is yaml.MappingStartEvent else yaml.SequenceNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = parser.resolve(node_kind, None, event.implicit)
            node = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                _anchor(anchors, event, node, first_line)
            if stack:
                _attach(stack[-1], node, duplicates, first_line)
            stack.append(_Open(node))
            if len(stack) > MAX_DEPTH:
                raise YamlLimitError(
                    f"values are nested more than {MAX_DEPTH} levels deep", first_line + event.start_mark.line
                )
            continue
        elif (kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent) and stack:
            closed = stack.pop()
            closed.node.end_mark = event.end_mark
            measures[id(closed.node)] = (closed.size, closed.depth)
            if not stack:
                return closed.node
            parent = stack[-1]
            parent.size += closed.size
            parent.depth = max(parent.depth, closed.depth + 1)
            continue
        elif kind is yaml.AliasEvent:
            line = first_line + event.start_mark.line
            node = anchors.get(event.anchor)
            if node is None:
                raise YamlSyntaxError(f"the YAML is not valid: the alias *{event.anchor} has no anchor", line)
            if id(node) not in measures:
                raise YamlLimitError(f"the alias *{event.anchor} refers to a value that contains it", line)
            size, depth = measures[id(node)]
            expansion += size
            if expansion > MAX_ALIAS_EXPANSION:
                raise YamlLimitError(
                    f"the aliases (`*name`) expand to more than {MAX_ALIAS_EXPANSION:,} values; "
                    "write the values out instead of nesting aliases of aliases",
                    line,
                )
        else:
            raise YamlSyntaxError(
                "the YAML is not valid: it ends in the middle of a value", first_line + event.start_mark.line
            )
        if not stack:
            return node
        if len(stack) + depth > MAX_DEPTH:
            raise YamlLimitError(
                f"values are nested more than {MAX_DEPTH} levels deep, counting what aliases bring in",
                first_line + event.start_mark.line,
            )
        parent = stack[-1]
        parent.size += size
        if depth >= parent.depth:
            parent.depth = depth + 1
        _attach(parent, node, duplicates, first_line)


def _anchor(anchors: dict[str, yaml.Node], event: Any, node: yaml.Node, first_line: int) -> None:
    """Remember a node by its anchor (``&name``); a name used twice is refused, as PyYAML does."""
    if event.anchor is None:
        return
    if event.anchor in anchors:
        first = first_line + anchors[event.anchor].start_mark.line
        raise YamlSyntaxError(
            f"the YAML is not valid: the anchor &{event.anchor} is also defined on line {first}",
            first_line + event.start_mark.line,
        )
    anchors[event.anchor] = node


def _attach(parent: _Open, node: yaml.Node, duplicates: _Duplicates, first_line: int) -> None:
    """Add a node to the collection being composed: an item, a key, or the value of the last key."""
    if type(parent.node) is yaml.SequenceNode:
        parent.node.value.append(node)
    elif parent.key is None:
        parent.key = node
    else:
        key, parent.key = parent.key, None
        if type(key) is yaml.ScalarNode:
            if key.value in parent.keys:
                line = first_line + key.start_mark.line
                first, position = parent.keys[key.value]
                kept = line if duplicates.keep_last else first
                duplicates.found.append(DuplicateKey(key.value, first, line, kept))
                if duplicates.keep_last:
                    parent.node.value[position] = (key, node)
                return
            parent.keys[key.value] = (first_line + key.start_mark.line, len(parent.node.value))
        parent.node.value.append((key, node))


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
