"""YAML front matter: split it from the body, parse it, and survive when it is broken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model.problem import Problem, error
from .yaml_source import DuplicateKey, YamlLimitError, YamlSyntaxError, parse_yaml

_OPENING = re.compile(r"^---[ \t]*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY_NAME = re.compile(r"[A-Za-z][\w -]*")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")


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
    Front matter that is opened and never closed is reported, and its ``key: value`` lines (up to
    the first blank line or heading) are still read. A key given twice is an error naming both
    lines. Front matter the YAML reader refuses (nesting, aliases) is reported and not read.
    """
    lines = text.split("\n")
    if not lines or not _OPENING.match(lines[0]):
        return FrontMatter(body=text)
    end = next((i for i in range(1, len(lines)) if _CLOSING.match(lines[i])), None)
    problems: list[Problem] = []
    body_start = end + 1 if end is not None else None
    if end is None:
        end = _unclosed_end(lines)
        if end is None:
            return FrontMatter(body=text)  # a lone '---' is a thematic break, not front matter
        body_start = end
        problems.append(
            error(
                rel,
                1,
                f"the front matter opened on line 1 is never closed; add a line `---` after its last "
                f"`key: value` line (line {end}), so the page's text does not start inside it.",
                "unclosed-front-matter",
            )
        )
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[body_start:])
    result = FrontMatter(body=body, body_line=body_start + 1, present=True, problems=problems)
    try:
        document = parse_yaml(yaml_text, first_line=2)
    except YamlLimitError as exc:
        result.problems.append(error(rel, exc.line, f"the front matter is refused: {exc}.", "yaml-limit"))
        return result
    except YamlSyntaxError as exc:
        result.problems.append(error(rel, exc.line, f"the front matter is broken: {exc}.", "yaml"))
        result.data, result.key_lines = _loose_pairs(
            lines[1:end], first_line=2, rel=rel, problems=result.problems
        )
        return result
    result.problems += [error(rel, dup.line, dup.message, "duplicate-key") for dup in document.duplicates]
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


def refused(front: FrontMatter) -> bool:
    """Tell whether the YAML reader refused the front matter (too deep, aliases expanding too far)."""
    return any(problem.code == "yaml-limit" for problem in front.problems)


def blank_front_matter(text: str, front: FrontMatter) -> str:
    """Return the text with its front matter's lines left empty (line numbers stay the same).

    For front matter the YAML reader refused: other readers of the page (MkDocs, mkdocs-macros)
    would parse it with no limits and hang or run out of memory.
    """
    lines = text.split("\n")
    end = min(front.body_line - 1, len(lines))
    return "\n" * end + "\n".join(lines[end:])


def _unclosed_end(lines: list[str]) -> int | None:
    """Return where front matter that is never closed ends: the first blank line or heading.

    None when the line after the opening ``---`` is no ``key: value`` line: the ``---`` is then
    a thematic break.
    """
    if len(lines) < 2 or _loose_key(lines[1]) is None:
        return None
    return next(
        (i for i in range(2, len(lines)) if not lines[i].strip() or _HEADING.match(lines[i])), len(lines)
    )


def _loose_pairs(
    lines: list[str], first_line: int, rel: str, problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, int]]:
    """Read ``key: value`` lines one by one, as a fallback for YAML that does not parse.

    A key given twice is reported, and its first value kept, as when the YAML parses.
    """
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    current: str | None = None
    for offset, line in enumerate(lines):
        pair = _loose_key(line)
        if pair and not line.startswith((" ", "\t", "#")):
            key, value = pair
            if key in data:
                duplicate = DuplicateKey(key, key_lines[key], first_line + offset, key_lines[key])
                problems.append(error(rel, duplicate.line, duplicate.message, "duplicate-key"))
                current = None
                continue
            current = key
            data[current] = value.strip("'\"") if value else None
            key_lines[current] = first_line + offset
        elif current and line.lstrip().startswith("- ") and _takes_items(data[current]):
            items = data[current] = data[current] or []
            items.append(line.lstrip()[2:].strip().strip("'\""))
        elif line.strip() and not line.startswith((" ", "\t")):
            current = None
    return data, key_lines


def _loose_key(line: str) -> tuple[str, str] | None:
    """Split a ``key: value`` line (a key of letters, digits, spaces and dashes), or return None.

    Done with ``str.find`` rather than a pattern, so a line of a million spaces costs one pass.
    """
    colon = line.find(":")
    if colon < 0:
        return None
    key = line[:colon].rstrip(" \t")
    if not _KEY_NAME.fullmatch(key):
        return None
    return key.strip(), line[colon + 1 :].strip(" \t")


def _takes_items(value: Any) -> bool:
    """Tell whether a loosely read key can still collect ``- item`` lines."""
    return value is None or isinstance(value, list)
