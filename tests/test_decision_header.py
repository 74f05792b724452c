"""The decision header joins the page after Markdown, in the plugin, and in the same place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page
from teamhandbook.handbook import load_handbook
from teamhandbook.plan.site_pages import build_site_pages
from teamhandbook.settings import Settings

from .conftest import MINIMAL_CONFIG, build, decision, make_handbook

FILES = {
    "decisions/0001-old.md": decision(
        {"status": "superseded", "date": "2024-01-02", "superseded-by": ["0002"], "decision-makers": ["Ana"]},
        "Old way",
    ),
    "decisions/0002-new.md": decision({"status": "accepted", "supersedes": ["0001"]}, "New way"),
}


def test_the_header_follows_the_title_once(tmp_path: Path) -> None:
    """Title, header, information line, then the banner: each once, in that order."""
    result = build(make_handbook(tmp_path / "h", FILES), strict=True)
    page = result.content("decisions/0001-old/")
    marks = ["<h1", 'class="th-decision-meta"', 'class="th-page-info"', "th-banner--superseded"]
    positions = [page.find(mark) for mark in marks]
    assert all(page.count(mark) == 1 for mark in marks), positions
    assert positions == sorted(positions) and positions[0] >= 0
    assert "Decided by</span> Ana" in page


def test_the_banner_shows_when_another_plugin_takes_html_comments_out(tmp_path: Path) -> None:
    """A hook that strips comments from the converted page (as minifiers do) still leaves the
    banner and relations on the decision's page, after its title."""
    hook = (
        "import re\n\n"
        "def on_page_content(html, **kwargs):\n"
        "    return re.sub(r'<!--.*?-->', '', html, flags=re.S)\n"
    )
    config = {**MINIMAL_CONFIG, "hooks": ["strip_comments.py"]}
    root = make_handbook(tmp_path / "h", {**FILES, "strip_comments.py": hook}, config)
    result = build(root, strict=True)
    old, new = result.content("decisions/0001-old/"), result.content("decisions/0002-new/")
    assert old.index("<h1") < old.index("th-banner--superseded") and "<!--" not in old
    assert "ADR-0002: New way</a>" in old and "ADR-0001: Old way</a>" in new


def test_other_builders_get_the_header_in_the_markdown(tmp_path: Path) -> None:
    """Without the plugin (``handbook render``), the header is part of the page's Markdown."""
    root = make_handbook(tmp_path / "h", FILES)
    handbook = load_handbook(Settings(root=root))
    markdown = build_site_pages(handbook).decision_markdown(handbook.decisions.decisions[0])
    assert (
        markdown.index("# Old way")
        < markdown.index('<div class="th-decision-meta"')
        < markdown.index("th-banner--superseded")
    )
    successor = build_site_pages(handbook).decision_markdown(handbook.decisions.decisions[1])
    assert "**Supersedes:** [ADR-0001: Old way](0001-old.md)" in successor


def test_parentheses_in_titles_stay_text_beside_arithmatex(tmp_path: Path) -> None:
    """A title's parentheses are written as they are, so ``pymdownx.arithmatex`` finds no math."""
    config = {
        **MINIMAL_CONFIG,
        "markdown_extensions": [{"pymdownx.arithmatex": {"generic": True}}],
    }
    root = make_handbook(
        tmp_path / "h",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "Use Postgres (not MySQL)")},
        config,
    )
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    for url in ("decisions/", "decisions/timeline/", "decisions/0001-x/"):
        page = result.page(url)
        assert "Use Postgres (not MySQL)" in page
        assert "arithmatex" not in page


def test_the_header_joins_after_search_has_read_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The header, information line, banner and relations go in after the search plugin read the
    page: it leaves them out anyway (``data-search-exclude``), so it need not parse them. The page
    shows them."""
    seen: dict[str, str] = {}
    index = SearchPlugin.on_page_context

    def indexing(plugin: SearchPlugin, context: Any, *, page: Page, config: Any, nav: Any) -> Any:
        seen[page.file.src_uri] = page.content
        return index(plugin, context, page=page, config=config, nav=nav)

    monkeypatch.setattr(SearchPlugin, "on_page_context", indexing)
    root = make_handbook(tmp_path / "h", FILES)
    mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    assert "Old way" in seen["decisions/0001-old.md"]
    for marker in ('class="th-decision-meta', 'class="th-banner', 'class="th-relations'):
        assert marker not in seen["decisions/0001-old.md"] + seen["decisions/0002-new.md"], marker
    page = (root / "site/decisions/0001-old/index.html").read_text("utf-8")
    assert "Decided by</span> Ana" in page
    assert 'class="th-banner__title">Superseded</strong> by <a href="../0002-new/">' in page
    page = (root / "site/decisions/0002-new/index.html").read_text("utf-8")
    assert '<span class="th-relations__label">Supersedes:</span> <a href="../0001-old/">' in page
