"""Edit YAML front matter one line at a time: comments, spacing, key order and quoting stay as written."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

import yaml

from ..readers.fields import canonical_key
from ..readers.frontmatter import split_front_matter
from ..readers.yaml_source import YamlSyntaxError, parse_yaml
from .lines import Lines

_KEY = re.compile(r"""^(?P<key>[A-Za-z_][\w .-]*?|"[^"]*"|'[^']*')[ \t]*:(?=[ \t]|$)""")
_BLOCK_ITEM = re.compile(r"^(?P<indent>[ \t]*)-(?P<gap>[ \t]+|$)")
_FLOW_LIST = re.compile(r"^\[(?P<lead>\s*)(?P<items>.*?)(?P<trail>\s*)\]$")
_EMPTY_VALUES = frozenset({"", "~", "null", "Null", "NULL", "[]"})
_NUMERIC = re.compile(r"^[-+]?[\d_.:]+$")
"""Text that some YAML reader would take for a number (``0007`` is octal in YAML 1.1): always quoted."""
KEY_NAMES = {"deciders": "decision-makers"}
"""The key new front matter uses for a field, where it differs from the field's canonical name."""


class EditError(ValueError):
    """An edit that cannot be made without risking what the author wrote; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One top-level key of the front matter and the lines its value takes."""

    key: str
    """The key as written, quotes removed."""

    line: int
    """Index of the key's line."""

    last: int
    """Index of the last line of the value (the key's line for one-line values)."""

    prefix: str
    """The key, the colon and the spaces after it: everything before the value."""

    value: str
    """The value as written on the key's line, without a trailing comment."""

    suffix: str
    """Spaces and a ``# comment`` after the value, if any."""

    def with_value(self, value: str) -> str:
        """Return the key's line with another value, keeping the key, spacing and comment."""
        suffix = self.suffix if not self.suffix or self.suffix[0] in " \t" else " " + self.suffix
        return self.prefix + value + suffix


def split_value(rest: str) -> tuple[str, str, str]:
    """Split what follows a key's colon into (spaces, value, spaces and comment)."""
    lead = rest[: len(rest) - len(rest.lstrip(" \t"))]
    body = rest[len(lead) :]
    quote = ""
    for i, char in enumerate(body):
        if quote:
            if char == quote and not (quote == '"' and body[i - 1] == "\\"):
                quote = ""
        elif char in "\"'" and (i == 0 or body[i - 1] in " \t[,{"):
            quote = char
        elif char == "#" and (i == 0 or body[i - 1] in " \t"):
            value = body[:i].rstrip(" \t")
            return lead, value, body[len(value) :]
    value = body.rstrip(" \t")
    return lead, value, body[len(value) :]


def quote_like(value: str, example: str = "") -> str:
    """Write a string as a YAML scalar, quoted the way ``example`` is, or plain when that is safe."""
    if example.startswith("'"):
        return "'" + value.replace("'", "''") + "'"
    if example.startswith('"') or not _plain_is_safe(value):
        return json.dumps(value, ensure_ascii=False)
    return value


def _plain_is_safe(value: str) -> bool:
    """Tell whether a string written unquoted reads back as the same string."""
    if not value or value != value.strip() or "#" in value or "\n" in value or _NUMERIC.match(value):
        return False
    try:
        ours = parse_yaml(f"k: {value}").data
        theirs = yaml.safe_load(f"k: {value}")  # YAML 1.1, as most other tools read it
    except (YamlSyntaxError, yaml.YAMLError):
        return False
    return all(isinstance(parsed, dict) and parsed.get("k") == value for parsed in (ours, theirs))


def scalar(value: str | dt.date, example: str = "") -> str:
    """Write a field's value: dates as ``YYYY-MM-DD``, text as ``quote_like`` decides."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return quote_like(value, example)


class FrontMatterEditor:
    """Changes the front matter of a file's lines in place."""

    def __init__(self, lines: Lines, source: str) -> None:
        self.lines = lines
        self.source = source

    # Reading the structure -------------------------------------------------------------

    def bounds(self) -> tuple[int, int] | None:
        """Return the indexes of the opening and closing ``---``, or None without front matter."""
        front = split_front_matter(self.lines.normalised(), self.source)
        if not front.present:
            return None
        if front.problems:
            problem = front.problems[0]
            raise EditError(
                f"{self.source}:{problem.line}: the front matter is not valid YAML; fix it first "
                f"({problem.message.rstrip('.')})"
            )
        return 0, front.body_line - 2

    def entries(self) -> list[Entry]:
        """Return the top-level keys of the front matter, in order."""
        bounds = self.bounds()
        if bounds is None:
            return []
        start, end = bounds
        texts = self.lines.texts
        found: list[Entry] = []
        i = start + 1
        while i < end:
            match = _KEY.match(texts[i])
            if not match:
                i += 1
                continue
            last = i
            j = i + 1
            while j < end and _continues(texts[j]):
                if texts[j].strip() and not texts[j].lstrip().startswith("#"):
                    last = j
                j += 1
            lead, value, suffix = split_value(texts[i][match.end() :])
            prefix = texts[i][: match.end()] + (lead or " ")
            found.append(Entry(match.group("key").strip("\"'"), i, last, prefix, value, suffix))
            i = last + 1
        return found

    def find(self, canonical: str) -> Entry | None:
        """Return the entry of a field, whatever alias or spelling the file uses for it."""
        return next((e for e in self.entries() if canonical_key(e.key) == canonical), None)

    # Changing it -----------------------------------------------------------------------

    def set_scalar(self, canonical: str, value: str | dt.date) -> None:
        """Set a field to a single value, adding the key at the end when it is missing."""
        entry = self.find(canonical)
        if entry is None:
            self._append(f"{KEY_NAMES.get(canonical, canonical)}: {scalar(value)}")
            return
        _refuse_special(entry, self.source, ANCHORS)
        old = entry.value if entry.last == entry.line else ""
        self.lines.replace(entry.line, entry.with_value(scalar(value, old)))
        self.lines.delete(entry.line + 1, entry.last + 1)

    def set_list(self, canonical: str, items: list[str]) -> None:
        """Set a field to a list of values, replacing what it held."""
        entry = self.find(canonical)
        if entry is None:
            self._append_list(canonical, items)
            return
        _refuse_special(entry, self.source, ANCHORS)
        example = _first_item(entry.value) if entry.line == entry.last else ""
        written = "[" + ", ".join(quote_like(item, example) for item in items) + "]"
        self.lines.replace(entry.line, entry.with_value(written))
        self.lines.delete(entry.line + 1, entry.last + 1)

    def add_items(self, canonical: str, items: list[str]) -> None:
        """Add values to a list field, in the list's own style; a missing key is added."""
        if not items:
            return
        entry = self.find(canonical)
        if entry is None:
            self._append_list(canonical, items)
            return
        _refuse_special(entry, self.source, NOT_LISTS)
        if entry.last > entry.line:
            self._add_block_items(entry, items)
        elif entry.value in _EMPTY_VALUES:
            self.set_list(canonical, items)
        elif entry.value.startswith("["):
            self._add_flow_items(entry, items)
        else:  # one value written as text: make it a list, keeping what it said
            current = self._parsed(entry.key)
            parts = current if isinstance(current, list) else [str(current)]
            example = entry.value if entry.value[:1] in "\"'" else ""
            joined = ", ".join(quote_like(str(part), example) for part in [*parts, *items])
            self.lines.replace(entry.line, entry.with_value(f"[{joined}]"))

    def remove_items(self, canonical: str, unwanted: set[str]) -> bool:
        """Remove values from a list (or one-value) field; a field left empty goes. Tell if any went."""
        entry = self.find(canonical)
        if entry is None:
            return False
        _refuse_special(entry, self.source, ANCHORS)
        current = self._parsed(entry.key)
        values = current if isinstance(current, list) else [current]
        kept = [str(value) for value in values if value is not None and str(value) not in unwanted]
        if len(kept) == len([v for v in values if v is not None]):
            return False
        if kept:
            self.set_list(canonical, kept)
        else:
            self.lines.delete(entry.line, entry.last + 1)
        return True

    def _add_flow_items(self, entry: Entry, items: list[str]) -> None:
        """Add values before the ``]`` of a one-line ``[a, b]`` list."""
        match = _FLOW_LIST.match(entry.value)
        if match is None:
            raise EditError(
                f"{self.source}:{entry.line + 1}: `{entry.key}` spans several lines; edit it by hand"
            )
        existing = match.group("items")
        example = _first_item(entry.value)
        added = [quote_like(item, example) for item in items]
        separator = re.search(r",\s*", existing)
        joiner = separator.group() if separator else ", "
        inner = joiner.join([existing, *added]) if existing else joiner.join(added)
        value = f"[{match.group('lead')}{inner}{match.group('trail')}]"
        self.lines.replace(entry.line, entry.with_value(value))

    def _add_block_items(self, entry: Entry, items: list[str]) -> None:
        """Add ``- item`` lines after the last item of a block list."""
        texts = self.lines.texts
        item_lines = [i for i in range(entry.line + 1, entry.last + 1) if _BLOCK_ITEM.match(texts[i])]
        if not item_lines:
            raise EditError(f"{self.source}:{entry.line + 1}: `{entry.key}` is not a list; edit it by hand")
        first = _BLOCK_ITEM.match(texts[item_lines[0]])
        assert first is not None
        example = texts[item_lines[0]][first.end() :].strip()
        indent, gap = first.group("indent"), first.group("gap") or " "
        new = [f"{indent}-{gap}{quote_like(item, example)}" for item in items]
        self.lines.insert(entry.last + 1, new)

    def _append_list(self, canonical: str, items: list[str]) -> None:
        """Add a list key at the end, in block style if the file writes its lists that way."""
        key = KEY_NAMES.get(canonical, canonical)
        block = self._block_indent()
        if block is None:
            self._append(f"{key}: [" + ", ".join(quote_like(i) for i in items) + "]")
        else:
            indent, gap = block
            self._append(f"{key}:", *(f"{indent}-{gap}{quote_like(i)}" for i in items))

    def _block_indent(self) -> tuple[str, str] | None:
        """Return the indentation and spacing of the file's block lists, if it has any."""
        texts = self.lines.texts
        for entry in self.entries():
            for i in range(entry.line + 1, entry.last + 1):
                match = _BLOCK_ITEM.match(texts[i])
                if match:
                    return match.group("indent"), match.group("gap") or " "
        return None

    def _append(self, *new_lines: str) -> None:
        """Add lines at the end of the front matter, creating the front matter if there is none."""
        bounds = self.bounds()
        if bounds is None:
            self.lines.insert(0, ["---", *new_lines, "---"])
            return
        self.lines.insert(bounds[1], list(new_lines))

    def _parsed(self, key: str) -> object:
        """Return a key's current value as YAML reads it."""
        return split_front_matter(self.lines.normalised(), self.source).data.get(key)


def _continues(text: str) -> bool:
    """Tell whether a line continues the value of the key above it."""
    return not text.strip() or text[:1] in " \t" or bool(_BLOCK_ITEM.match(text)) or text.startswith("#")


def _first_item(value: str) -> str:
    """Return the first item of a ``[a, b]`` list as written, to copy its quoting."""
    match = _FLOW_LIST.match(value)
    return match.group("items").lstrip() if match else ""


ANCHORS = ("&",)
"""Values a replacement must not touch: other keys may refer to an anchor."""

NOT_LISTS = ("&", "*", "!", "|", ">", "{")
"""Values an item cannot be added to: anchors, aliases, tags, block text and mappings."""


def _refuse_special(entry: Entry, source: str, refused: tuple[str, ...]) -> None:
    """Refuse values whose meaning the edit could change."""
    if entry.value[:1] in refused:
        raise EditError(
            f"{source}:{entry.line + 1}: `{entry.key}` is written in a YAML form the command does not "
            "edit (an anchor, tag, mapping or block text); change it by hand"
        )
