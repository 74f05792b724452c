"""Reading a YAML data file value by value, with the line of every value for its problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..model.problem import Problem, error, note
from .yaml_source import YamlDocument, YamlPath, nested_lines


def normal_key(key: object) -> str:
    """Return a key as the readers compare it: lower case, ``_`` written as ``-``."""
    return str(key).strip().lower().replace("_", "-")


class DataFile:
    """A parsed YAML data file; its readers ask for values by path and report what is wrong."""

    def __init__(self, source: str, document: YamlDocument, code: str) -> None:
        self.source = source
        self.data = document.data
        self.code = code
        """The problem code for this file's problems, e.g. ``invalid-team``."""

        self.problems: list[Problem] = []
        self._lines = nested_lines(document)
        self._written: dict[tuple[YamlPath, str], object] = {}
        """Keys as the author wrote them, by enclosing path and normalised key."""

    def line(self, path: YamlPath) -> int:
        """Return the line of a value, or of the closest enclosing value that has one."""
        while path not in self._lines and path:
            path = path[:-1]
        return self._lines.get(path, 1)

    def error(self, path: YamlPath, message: str, code: str | None = None) -> None:
        """Report an error on the line of ``path``."""
        self.problems.append(error(self.source, self.line(path), message, code or self.code))

    def note(self, path: YamlPath, message: str, code: str | None = None) -> None:
        """Report a hint on the line of ``path``."""
        self.problems.append(note(self.source, self.line(path), message, code or self.code))

    def mapping(self, value: Any, path: YamlPath, what: str) -> dict[str, Any] | None:
        """Return a mapping with normalised keys (first spelling wins), or report it is not one."""
        if not isinstance(value, dict):
            self.error(path, f"{what} must be a list of `key: value` lines.")
            return None
        result: dict[str, Any] = {}
        for key, item in value.items():
            normal = normal_key(key)
            if normal in result:
                self.error((*path, str(key)), f"`{key}` is given twice in {what}; keep one.")
                continue
            result[normal] = item
            self._written[(path, normal)] = key
        return result

    def key_path(self, path: YamlPath, key: str) -> YamlPath:
        """Return the path of a key as the author wrote it, for its line."""
        written = self._written.get((path, key), key)
        return (*path, str(written))

    def sequence(self, value: Any, path: YamlPath, what: str) -> list[Any]:
        """Return a list; a single value counts as a list of one; report anything else."""
        if value is None:
            return []
        if isinstance(value, dict):
            self.error(path, f"{what} must be a list: start each item with `- `.")
            return []
        return value if isinstance(value, list) else [value]

    def text(self, entry: dict[str, Any], key: str, path: YamlPath, what: str, required: bool = False) -> str:
        """Return a text field, reporting a missing required one or a value that is not text."""
        value = entry.get(key)
        if value is None or value == "":
            if required:
                self.error(path, f"{what} has no `{key}`; add `{key}: …`.")
            return ""
        if isinstance(value, dict | list):
            self.error(self.key_path(path, key), f"`{key}` of {what} must be text, not a list.")
            return ""
        return " ".join(str(value).split()) if key != "note" else str(value).strip()

    def flag(self, entry: dict[str, Any], key: str, path: YamlPath, what: str) -> bool | None:
        """Return a ``true``/``false`` field, or None when absent."""
        value = entry.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(self.key_path(path, key), f"`{key}` of {what} must be true or false, not '{value}'.")
            return None
        return value

    def known_keys(self, entry: dict[str, Any], allowed: Iterable[str], path: YamlPath, what: str) -> None:
        """Report keys the reader does not know, suggesting the closest known one."""
        allowed = tuple(allowed)
        for key in entry:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"known keys: {', '.join(allowed)}."
            self.error(self.key_path(path, key), f"`{key}` is not a field of {what}; {hint}")
