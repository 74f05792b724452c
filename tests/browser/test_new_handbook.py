"""A handbook fresh from ``handbook init``, as its first reader sees it in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from ..cli import run_script
from .conftest import OPEN_SHADOW_ROOTS, Server, serve_handbook

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``handbook init`` with addresses, plus a decision superseding the first, built and served locally."""
    parent = tmp_path_factory.mktemp("new-handbook")
    outcome = run_script(
        parent,
        "init",
        "team",
        "--name",
        "Lighthouse",
        "--site-url",
        "https://example.org/handbook/",
        "--repo-url",
        "https://github.com/example/handbook",
    )
    assert outcome.code == 0, outcome.err
    root = parent / "team"
    title = "Keep decisions in the wiki"
    successor = run_script(root, "new", title, "--supersedes", "1", "--status", "accepted")
    assert successor.code == 0, successor.err
    server = serve_handbook(root / "mkdocs.yml", parent / "site")
    yield server
    server.close()


def nav_links(page: Page) -> list[str]:
    """Return the address of every page the navigation lists, in order, each once."""
    hrefs = page.eval_on_selector_all(
        "nav.md-nav--primary a.md-nav__link[href]", "links => links.map(link => link.href)"
    )
    seen: list[str] = []
    for href in hrefs:
        address = href.split("#", 1)[0]
        if address not in seen:
            seen.append(address)
    return seen


def test_every_page_in_the_navigation_opens_and_nothing_leaves_the_machine(
    new_site: Server, page: Page
) -> None:
    """Each navigation entry opens a page of the site with its title; no request goes elsewhere."""
    page.goto(new_site.url)
    expect(page.locator("article h1").first).to_contain_text("Lighthouse")
    links = nav_links(page)
    expected = {
        "",
        "start-here/",
        "decisions/",
        "decisions/timeline/",
        "decisions/graph/",
        "working-agreement/",
        "working-agreement/templates/weekly-update/",
        "working-agreement/templates/handoff-note/",
        "working-agreement/templates/meeting-notes/",
        "working-agreement/templates/decision-request/",
        "updates/",
        "updates/still-to-write/",
        "updates/blockers/",
        "updates/action-items/",
        "projects/",
        "whats-new/",
        "needs-review/",
        "decisions/0001-record-decisions-as-adrs/",  # the most recent decisions join the navigation
        "decisions/0002-keep-decisions-in-the-wiki/",
    }
    assert {link.removeprefix(new_site.url) for link in links} == expected
    for link in links:
        response = page.goto(link)
        assert response is not None and response.ok, link
        expect(page.locator("article h1").first).to_be_visible()
        assert "404" not in page.title(), link


def test_the_home_page_shows_the_roster_and_the_graph_draws_offline(new_site: Server, page: Page) -> None:
    """The roster from team.yml is on the home page; the decision graph renders with the local Mermaid."""
    page.goto(new_site.url)
    expect(page.locator("article")).to_contain_text("Alex Example")
    page.add_init_script(OPEN_SHADOW_ROOTS)
    page.goto(urljoin(new_site.url, "decisions/graph/"))
    expect(page.locator(".mermaid svg").first).to_be_visible()
    expect(page.locator(".mermaid .node", has_text="ADR-0002").first).to_be_visible()
