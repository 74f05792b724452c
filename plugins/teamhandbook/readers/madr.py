"""MADR: YAML front matter (MADR 3 and 4) and ``* Status:`` header bullets (MADR 2)."""

from __future__ import annotations

import re

from ..model.decision import DecisionFormat
from .fields import Extraction, canonical_key
from .frontmatter import FrontMatter

_BULLET = re.compile(  # written so that no run of spaces can be split two ways: linear on any line
    r"^[ ]{0,3}([*+-])[ \t]+([A-Za-z](?:[\w-]|[ ]+(?=[\w-]))*)[ \t]*:[ \t]*((?:.*[^ \t])?)[ \t]*$"
)


def from_front_matter(front_matter: FrontMatter) -> Extraction:
    """Collect the metadata fields of MADR 3/4 front matter.

    ``deciders`` marks MADR 3; anything else is read as MADR 4, the canonical format.
    """
    raw_keys = {str(key).strip().lower().replace("_", "-") for key in front_matter.data}
    flavour = DecisionFormat.MADR3 if "deciders" in raw_keys else DecisionFormat.MADR4
    extraction = Extraction(flavour)
    for key, value in front_matter.data.items():
        line = front_matter.key_lines.get(str(key), 1)
        extraction.put(canonical_key(key), value, line)
    return extraction


def header_bullets(lines: list[str], start: int) -> tuple[dict[str, tuple[str, str, int]], set[int], str]:
    """Read the ``* Key: value`` lines that follow a decision's title.

    Returns the fields by canonical key as (label as written, value, 0-based line), the lines read,
    and the bullet
    marker used (``*`` in MADR 2, ``-`` in log4brains). Blank lines may separate bullets; any other
    line ends the block. Keys the handbook does not know (``* Components:``) are returned too.
    """
    found: dict[str, tuple[str, str, int]] = {}
    used: set[int] = set()
    marker = ""
    i = start
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        match = _BULLET.match(line)
        if not match:
            break
        marker = marker or match.group(1)
        found.setdefault(canonical_key(match.group(2)), (match.group(2), match.group(3), i))
        used.add(i)
        i += 1
    if not {"status", "date", "deciders"} & found.keys():
        return {}, set(), ""  # an ordinary list under the title, not metadata
    return found, used, marker


def from_bullets(lines: list[str], start: int, body_line: int) -> Extraction | None:
    """Read MADR 2 header bullets, or return None when the file has none."""
    found, used, marker = header_bullets(lines, start)
    if not found:
        return None
    flavour = DecisionFormat.MADR2 if marker != "-" else DecisionFormat.LOG4BRAINS
    extraction = Extraction(flavour, hidden_lines=used)
    for key, (label, value, index) in found.items():
        extraction.put(key, value, body_line + index, label)
    return extraction
