"""MADR 2 header bullets (``* Status: accepted``), located for the writers that edit them.

Reading a decision's fields is ``extract``'s job, for every shape at once; this finds the block of
bullets under the title so an edit can add or change one in place.
"""

from __future__ import annotations

import re

from .fields import canonical_key

_BULLET = re.compile(  # written so that no run of spaces can be split two ways: linear on any line
    r"^[ ]{0,3}([*+-])[ \t]+([A-Za-z](?:[\w-]|[ ]+(?=[\w-]))*)[ \t]*:[ \t]*((?:.*[^ \t])?)[ \t]*$"
)


def header_bullets(lines: list[str], start: int) -> tuple[dict[str, tuple[str, str, int]], set[int], str]:
    """Read the ``* Key: value`` lines that follow a decision's title.

    Returns the fields by canonical key as (label as written, value, 0-based line), the lines read,
    and the bullet marker used (``*`` in MADR 2, ``-`` in log4brains). Blank lines may separate
    bullets; any other line ends the block. Keys the handbook does not know (``* Components:``) are
    returned too.
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
