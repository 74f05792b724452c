"""Write TOML 1.0 for a site builder's configuration (``zensical.toml``): Python's standard library
reads TOML but does not write it."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def toml_document(data: Mapping[str, Any], inline_keys: Iterable[str] = ()) -> str:
    """Return ``data`` as a TOML document: mappings as tables, lists of mappings as arrays of
    tables, except under ``inline_keys`` (written as inline arrays, one entry a line). Keys whose
    value is None are left out: TOML has no null, and a builder takes a missing key as its default."""
    lines: list[str] = []
    _table(lines, [], data, frozenset(inline_keys))
    return "\n".join(lines).strip("\n") + "\n"


def _table(lines: list[str], path: list[str], table: Mapping[str, Any], inline: frozenset[str]) -> None:
    """Write one table: its plain values first, then its sub-tables and arrays of tables."""
    if path:
        lines += ["", f"[{'.'.join(_key(part) for part in path)}]"]
    nested = []
    for key, value in table.items():
        if value is None:
            continue
        if key not in inline and (isinstance(value, Mapping) or _table_array(value)):
            nested.append((key, value))
        elif key in inline and isinstance(value, list) and value:
            items = "".join(f"  {_inline(item)},\n" for item in value if item is not None)
            lines.append(f"{_key(key)} = [\n{items}]")
        else:
            lines.append(f"{_key(key)} = {_inline(value)}")
    for key, value in nested:
        if isinstance(value, Mapping):
            _table(lines, [*path, key], value, inline)
            continue
        for item in value:
            lines += ["", f"[[{'.'.join(_key(part) for part in [*path, key])}]]"]
            body: list[str] = []
            _table(body, [*path, key], item, inline)
            lines += body[2:]  # the item's own header is the [[…]] above


def _table_array(value: Any) -> bool:
    """Tell whether a value is written as an array of tables: a non-empty list of mappings."""
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _inline(value: Any) -> str:
    """Return a value written inline: a string, number, boolean, date, array or inline table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items() if v is not None)
        return "{ " + pairs + " }" if pairs else "{}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_inline(item) for item in value if item is not None) + "]"
    return _string(str(value))


def _key(key: object) -> str:
    """Return a key bare when TOML allows it, else quoted."""
    text = str(key)
    return text if _BARE_KEY.fullmatch(text) else '"' + _escaped(text) + '"'  # keys are one line


def _string(text: str) -> str:
    """Return a TOML basic string: quotes, backslashes and control characters escaped; text of
    several lines as a multi-line string, a line each."""
    if "\n" in text.rstrip("\n") and "\r" not in text:
        return '"""\n' + "\n".join(_escaped(line) for line in text.split("\n")) + '"""'
    return '"' + _escaped(text) + '"'


def _escaped(text: str) -> str:
    """Escape quotes, backslashes and control characters for a basic string."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)
