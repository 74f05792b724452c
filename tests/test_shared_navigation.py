"""Material's navigation is rendered once for the pages that show it the same way, and every page
comes out byte for byte as if each had rendered its own."""

from __future__ import annotations

import filecmp
import os
from collections import Counter
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from teamhandbook.plugin import navigation

from .conftest import decision, make_handbook

DECISIONS = {
    f"decisions/{n:04d}-choice-{n}.md": decision(
        {"status": "accepted", "date": f"2024-01-{n:02d}"}, f"Choice {n}"
    )
    for n in range(1, 9)
}
CONFIG = """\
site_name: Shared navigation
site_url: https://example.org/handbook/
repo_url: https://github.com/example/handbook
use_directory_urls: {directory_urls}
theme:
  name: material
  features: [navigation.sections, navigation.indexes, navigation.footer, navigation.prune]
plugins:
  - search
  - team-handbook:
      nav_decisions: 2
not_in_nav: |
  /guide/deep/*
nav:
  - Home: index.md
  - Guide:
      - guide/index.md
      - More:
          - guide/more.md
  - Decisions:
      - decisions/index.md
      - Timeline: decisions/timeline.md
  - The third choice: decisions/0003-choice-3/
  - Elsewhere: https://example.com/
"""
PAGES = {
    "docs/guide/index.md": "# Guide\n",
    "docs/guide/more.md": "# More\n",
    "docs/guide/deep/hidden.md": "# Hidden\n\nNot in the navigation, two folders down.\n",
    "docs/guide/deep/also-hidden.md": "# Also hidden\n",
}


def _build(root: Path, site: str) -> Path:
    """Build the handbook in-process into ``site``, as ``mkdocs build`` does."""
    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / site)))
    return root / site


def _differences(one: Path, other: Path) -> list[str]:
    """Return the files of two sites that differ, or that only one of them has."""
    found = []
    for folder, _dirs, names in os.walk(one):
        for name in names:
            path = Path(folder) / name
            twin = other / path.relative_to(one)
            if not twin.exists() or not filecmp.cmp(path, twin, shallow=False):
                found.append(str(path.relative_to(one)))
    count = sum(len(names) for _folder, _dirs, names in os.walk(other))
    return found + ([] if count == sum(len(n) for _f, _d, n in os.walk(one)) else ["(file counts differ)"])


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_page_is_as_if_it_rendered_its_own_navigation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, directory_urls: bool
) -> None:
    """A site built with the navigation shared is byte for byte the site built without, under both
    URL styles: listed and unlisted decisions, a navigation link to an unlisted decision (whose own
    page must read it as a link to itself), pages out of the navigation in a deeper folder, pruned
    sections, the 404 page."""
    config = CONFIG.format(directory_urls=str(directory_urls).lower())
    root = make_handbook(tmp_path / "h", {**DECISIONS, **PAGES}, config)
    keys: Counter[Hashable] = Counter()
    key = navigation.SharedNavigation.__call__

    def counted(self: navigation.SharedNavigation, context: Mapping[str, Any]) -> Hashable | None:
        found = key(self, context)
        keys[found] += 1
        return found

    monkeypatch.setattr(navigation.SharedNavigation, "__call__", counted)
    shared = _build(root, "shared")
    assert max(count for found, count in keys.items() if found is not None) >= 4  # shared by several
    assert keys[None] >= 8  # the pages the navigation lists render their own
    monkeypatch.setattr(navigation, "share_navigation", lambda *args: False)
    assert _differences(shared, _build(root, "own")) == []


def test_an_override_that_reads_the_page_keeps_every_page_its_own(tmp_path: Path) -> None:
    """A site's own navigation template that names the page is not shared: each page shows its own."""
    files = {
        **DECISIONS,
        "overrides/partials/nav.html": "<nav>{{ page.title }}</nav>",
    }
    config = CONFIG.format(directory_urls="true").replace(
        "  name: material\n", "  name: material\n  custom_dir: overrides\n"
    )
    root = make_handbook(tmp_path / "h", files, config)
    site = _build(root, "site")
    for n in (5, 6):
        assert f"Choice {n}</nav>" in (site / f"decisions/{n:04d}-choice-{n}/index.html").read_text("utf-8")
