"""Every link of the generated listings (index, timeline, graph) leads to a page of the site."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote, urljoin

import pytest

from .conftest import MERMAID_CONFIG, Build, build, decision, make_handbook

FILES = {
    "decisions/0001-first.md": decision({"status": "superseded", "superseded-by": ["0002"]}, "First"),
    "decisions/0002-second one.md": decision({"status": "accepted", "supersedes": ["0001"]}, "Second"),
    "decisions/archive/0003-c#.md": decision({"status": "accepted", "relates-to": ["0001"]}, "Third"),
}
LISTINGS = ["decisions/index.md", "decisions/timeline.md", "decisions/graph.md"]
HREF = re.compile(r'href="([^"]+)"|click n\d+ href &quot;(.+?)&quot;')


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "file-urls"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook built with and without directory URLs."""
    config = MERMAID_CONFIG + f"use_directory_urls: {str(request.param).lower()}\n"
    root = make_handbook(tmp_path_factory.mktemp("links") / "handbook", FILES, config)
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    return result


def page_address(site: Build, source: str) -> str:
    """Return the site-relative address a source page is published at."""
    stem = source[: -len(".md")]
    return f"{stem}.html" if (site.site / f"{stem}.html").exists() else f"{stem}/"


@pytest.mark.parametrize("listing", LISTINGS)
def test_listing_links_lead_to_decision_pages(site: Build, listing: str) -> None:
    """Each decision link of a listing opens a page that exists, whatever the URL style."""
    address = page_address(site, listing)
    html = site.content(address)
    targets = {unescape(a or b) for a, b in HREF.findall(html)}
    decision_targets = {t for t in targets if "000" in t}
    assert len(decision_targets) == 3, targets
    for target in decision_targets:
        resolved = unquote(urljoin("http://site/" + address, target))[len("http://site/") :]
        path = site.site / resolved
        assert (path / "index.html" if resolved.endswith("/") else path).is_file(), (listing, target)
