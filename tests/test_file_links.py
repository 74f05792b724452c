"""Links in a decision's body to decision files that do not exist are reported with their line."""

from __future__ import annotations

from pathlib import Path

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.settings import Settings

from .conftest import write_files

FILES = {
    "decisions/0001-first.md": "# First\n\nNothing.\n",
    "decisions/archive/0002-old.md": "# Old\n\nSee [first](../0001-first.md) and [README](../README.md).\n",
    "decisions/README.md": "# Decisions\n",
    "docs/guide.md": "# Guide\n",
}

# body of decisions/0003-x.md: the line and target of each broken link (empty: none)
CASES: dict[str, tuple[str, list[tuple[int, str]]]] = {
    "links that resolve": (
        "[a](0001-first.md) [b](archive/0002-old.md#why) [c](<0001-first.md>) [d](0001%2Dfirst.md)",
        [],
    ),
    "a missing decision": ("Intro.\n\nSee [x](0099-missing.md#why).", [(5, "0099-missing.md#why")]),
    "a reference definition": ("[x][y]\n\n[y]: 0098-gone.md", [(5, "0098-gone.md")]),
    "outside the decision folder": ("[guide](../docs/guide.md) [web](https://x.org/a.md)", []),
    "in code": ("```\n[x](0099-missing.md)\n```\n\n    [y](0099-missing.md)\n\n`[z](0099-missing.md)`", []),
    "a relation line": ("## Links\n\n* Relates to [ADR-0097](0097-ghost.md)", []),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_links_are_reported(tmp_path: Path, name: str) -> None:
    """Each broken link is one ``broken-link`` error on its line; working links are not."""
    body, expected = CASES[name]
    write_files(tmp_path, {**FILES, "decisions/0003-x.md": f"# X\n\n{body}\n"})
    handbook = load_handbook(Settings(root=tmp_path))
    found = [(p.file, p.line, p.message) for p in handbook.problems if p.code == "broken-link"]
    assert [(line, message.split("'")[1]) for _, line, message in found] == expected
    assert {file for file, _, _ in found} <= {"decisions/0003-x.md"}
