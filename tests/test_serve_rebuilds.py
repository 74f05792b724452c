"""Rebuilds under ``mkdocs serve`` reuse converted decisions and come out as a cold build would."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
from teamhandbook.plugin import deferred
from teamhandbook.plugin.plugin import TeamHandbookPlugin

from .conftest import MERMAID_CONFIG, decision, make_handbook, write_files

FILES = {
    "decisions/0001-old.md": decision({"status": "superseded", "superseded-by": ["0002"]}, "Old way"),
    "decisions/0002-new.md": decision({"status": "accepted", "supersedes": ["0001"]}, "New way"),
    "decisions/0003-other.md": decision({"status": "proposed", "tags": ["api"]}, "Other", "See [x](#x)."),
}
PAGES = ["decisions/0001-old/index.html", "decisions/0002-new/index.html", "decisions/0003-other/index.html"]


@pytest.fixture
def serving() -> Iterator[None]:
    """Start the plugin as ``mkdocs serve`` does, and stop it afterwards."""
    TeamHandbookPlugin().on_startup(command="serve", dirty=False)
    yield
    TeamHandbookPlugin().on_shutdown()


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the pages MkDocs converts from Markdown, by source path."""
    converted: list[str] = []
    original = Page.render

    def render(page: Page, config, files) -> None:
        converted.append(page.file.src_uri)
        original(page, config, files)

    monkeypatch.setattr(Page, "render", render)
    return converted


def rebuild(root: Path, site: str = "site", dirty: bool = False) -> Path:
    """Load the configuration afresh and build, as each rebuild of ``mkdocs serve`` does."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / site))
    mkdocs_build(config, dirty=dirty)
    return root / site


def test_a_rebuild_converts_only_the_edited_decision(
    tmp_path: Path, serving: None, conversions: list[str]
) -> None:
    """After one decision is edited, only it is converted again; the others are reused."""
    root = make_handbook(tmp_path / "h", FILES, MERMAID_CONFIG)
    rebuild(root)
    assert {"decisions/0001-old.md", "decisions/0002-new.md"} <= set(conversions)
    conversions.clear()
    write_files(root, {"decisions/0003-other.md": decision({"status": "proposed"}, "Other", "Edited.")})
    site = rebuild(root)
    assert [uri for uri in conversions if uri.startswith("decisions/00")] == ["decisions/0003-other.md"]
    assert "Edited." in (site / "decisions/0003-other/index.html").read_text("utf-8")


def test_a_page_naming_the_edited_decision_follows(
    tmp_path: Path, serving: None, conversions: list[str]
) -> None:
    """A decision whose banner names the edited one (its successor's title) shows the new title.

    Its own Markdown holds only a mark where the banner goes, so its conversion is reused; the
    banner is put in after conversion on every rebuild, from the handbook as it is now.
    """
    root = make_handbook(tmp_path / "h", FILES, MERMAID_CONFIG)
    rebuild(root)
    conversions.clear()
    new = decision({"status": "accepted", "supersedes": ["0001"]}, "Newer way")
    write_files(root, {"decisions/0002-new.md": new})
    site = rebuild(root)
    assert [uri for uri in conversions if uri.startswith("decisions/00")] == ["decisions/0002-new.md"]
    served = (site / "decisions/0001-old/index.html").read_text("utf-8")
    assert "Newer way" in served
    assert "New way" not in served
    TeamHandbookPlugin().on_shutdown()  # a cold build: no caches
    assert served == (rebuild(root, "cold-site") / "decisions/0001-old/index.html").read_text("utf-8")


def test_reused_pages_match_a_cold_build(tmp_path: Path, serving: None) -> None:
    """Every decision page of a rebuild that reused conversions is byte for byte a cold build's."""
    root = make_handbook(tmp_path / "h", FILES, MERMAID_CONFIG)
    rebuild(root)
    write_files(root, {"decisions/0003-other.md": decision({"status": "accepted"}, "Other, decided")})
    served = rebuild(root)
    TeamHandbookPlugin().on_shutdown()  # a cold build: no caches
    cold = rebuild(root, "cold-site")
    for page in PAGES:
        assert (served / page).read_text("utf-8") == (cold / page).read_text("utf-8"), page


def test_a_warning_comes_back_on_every_rebuild(
    tmp_path: Path, serving: None, caplog: pytest.LogCaptureFixture
) -> None:
    """A decision whose conversion warns is never reused, so ``--strict`` sees the warning each time."""
    files = {
        **FILES,
        "decisions/0003-other.md": decision({"status": "proposed"}, "Other", "[x](/elsewhere/)"),
    }
    config = MERMAID_CONFIG + "validation:\n  links:\n    absolute_links: warn\n"
    root = make_handbook(tmp_path / "h", files, config)
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            rebuild(root)
        warned = [r for r in caplog.records if "absolute link '/elsewhere/'" in r.getMessage()]
        assert [r.levelno for r in warned] == [logging.WARNING]


def test_a_renamed_page_is_converted_again(tmp_path: Path, serving: None, conversions: list[str]) -> None:
    """When the site's files change (a new decision), every page is converted again: links may differ."""
    root = make_handbook(tmp_path / "h", FILES, MERMAID_CONFIG)
    rebuild(root)
    conversions.clear()
    write_files(root, {"decisions/0004-added.md": decision({"status": "proposed"}, "Added")})
    rebuild(root)
    assert {"decisions/0001-old.md", "decisions/0002-new.md", "decisions/0004-added.md"} <= set(conversions)


def test_a_dirty_rebuild_shows_the_edit_in_every_listing(tmp_path: Path, serving: None) -> None:
    """With ``--dirty``, an edited title reaches the index, timeline, graph and JSON; other pages are kept."""
    root = make_handbook(tmp_path / "h", FILES, MERMAID_CONFIG)
    site = rebuild(root, dirty=True)
    untouched = site / "decisions/0003-other/index.html"
    os.utime(untouched, (4_000_000_000, 4_000_000_000))  # newer than its source; a rewrite would show
    new = decision({"status": "accepted", "supersedes": ["0001"]}, "Renamed while serving")
    write_files(root, {"decisions/0002-new.md": new})
    rebuild(root, dirty=True)
    for listing in ("decisions/index.html", "decisions/timeline/index.html", "decisions/graph/index.html"):
        assert "Renamed while serving" in (site / listing).read_text("utf-8"), listing
    titles = {
        d["id"]: d["title"] for d in json.loads((site / "decisions.json").read_text("utf-8"))["decisions"]
    }
    assert titles["0002-new"] == "Renamed while serving"
    assert "Renamed while serving" in (site / "decisions/0002-new/index.html").read_text("utf-8")
    assert untouched.stat().st_mtime == 4_000_000_000


def long_block(tag: str, rows: int) -> str:
    """Return a long HTML block as the core writes it."""
    inner = "tr><td>{}</td></tr" if tag == "table" else 'li><a href="x/">Item {} *not emphasis*</a></li'
    return f"<{tag}>\n" + "\n".join("<" + inner.format(n) + ">" for n in range(rows)) + f"\n</{tag}>"


@pytest.mark.parametrize(
    "text",
    [
        "# Index\n\nSome *text*.\n\n" + long_block("table", 200) + "\n\nAfter.\n",
        "# Timeline\n\n## May\n\n" + long_block("ul", 100) + "\n\n## June\n\n" + long_block("ul", 80) + "\n",
        "# Short\n\n" + long_block("ul", 2) + "\n",
        "# Code\n\n```html\n" + long_block("ul", 100) + "\n```\n",
    ],
    ids=["table", "two-lists", "short-list", "fenced"],
)
def test_setting_blocks_aside_changes_nothing(text: str) -> None:
    """Converting with long blocks set aside and put back gives the HTML of converting them."""
    extensions = ["md_in_html", "tables", "pymdownx.superfences"]
    aside, blocks = deferred.set_aside(text)
    expected = markdown.markdown(text, extensions=extensions)
    assert deferred.put_back(markdown.markdown(aside, extensions=extensions), blocks) == expected
