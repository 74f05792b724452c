"""Pages the navigation names that the site does not have.

Links in pages are checked as the site builder checks them, in ``site_links``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..boundary import Boundary
from ..model.problem import Problem, Severity
from ..readers.text import read_source


def check_nav(
    nav: list[Any], config: Path, source: str, published: set[str], boundary: Boundary
) -> list[Problem]:
    """Report pages named in ``nav:`` that the site does not have."""
    text = read_source(config, source, boundary).text.split("\n")
    problems = []
    for page in _nav_pages(nav):
        if page.startswith(("http://", "https://", "mailto:", "/")) or page in published:
            continue
        written = re.compile(rf"(?<![\w/.-]){re.escape(page)}[\"']?\s*(?:#.*)?$")
        line = next((i + 1 for i, entry in enumerate(text) if written.search(entry)), 1)
        message = (
            f"the navigation names '{page}', but the site has no such page; correct the path "
            "(relative to the docs folder) or add the page."
        )
        problems.append(Problem(source, line, message, Severity.ERROR, "missing-nav-page", link=page))
    return problems


def _nav_pages(entries: object) -> list[str]:
    """Return every page path a ``nav:`` names, in order."""
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in _nav_pages(entry)]
    if isinstance(entries, dict):
        return [page for value in entries.values() for page in _nav_pages(value)]
    return []
