"""YAML front matter: split it from the body, parse it, and survive when it is broken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model.problem import Problem, error
from .yaml_source import YamlSyntaxError, parse_yaml

_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_LOOSE_KEY = re.compile(r"^([A-Za-z][\w -]*?)[ \t]*:[ \t]*(.*?)[ \t]*$")


@dataclass
class FrontMatter:
    """The front matter of a Markdown file and where the body starts."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    """The 1-based line of the file on which the body starts."""

    present: bool = False
    problems: list[Problem] = field(default_factory=list)


def split_front_matter(text: str, rel: str) -> FrontMatter:
    """Split ``text`` into front matter and body, parsing the front matter as YAML.

    Front matter that is not valid YAML is reported with its line and then read line by line as
    ``key: value`` pairs, so a single unquoted colon does not throw away the status and date.
    """
    lines = text.split("\n")
    if not lines or not _OPENING.match(lines[0]):
        return FrontMatter(body=text)
    end = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i])), None)
    if end is None:
        return FrontMatter(body=text)  # a lone '---' is a thematic break, not front matter
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    result = FrontMatter(body=body, body_line=end + 2, present=True)
    try:
        document = parse_yaml(yaml_text, first_line=2)
    except YamlSyntaxError as exc:
        result.problems.append(error(rel, exc.line, f"the front matter is broken: {exc}.", "yaml"))
        result.data, result.key_lines = _loose_pairs(lines[1:end], first_line=2)
        return result
    if document.data is None:
        return result
    if not isinstance(document.data, dict):
        result.problems.append(
            error(rel, 2, "the front matter must be a list of `key: value` lines.", "yaml")
        )
        return result
    result.data = {str(key): value for key, value in document.data.items()}
    result.key_lines = document.key_lines
    result.item_lines = document.item_lines
    return result


def _loose_pairs(lines: list[str], first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    """Read ``key: value`` lines one by one, as a fallback for YAML that does not parse."""
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    current: str | None = None
    for offset, line in enumerate(lines):
        match = _LOOSE_KEY.match(line)
        if match and not line.startswith((" ", "\t", "#")):
            current, value = match.group(1).strip(), match.group(2)
            data[current] = value.strip("'\"") if value else None
            key_lines[current] = first_line + offset
        elif current and line.lstrip().startswith("- ") and _takes_items(data[current]):
            items = data[current] = data[current] or []
            items.append(line.lstrip()[2:].strip().strip("'\""))
        elif line.strip() and not line.startswith((" ", "\t")):
            current = None
    return data, key_lines


def _takes_items(value: Any) -> bool:
    """Tell whether a loosely read key can still collect ``- item`` lines."""
    return value is None or isinstance(value, list)
