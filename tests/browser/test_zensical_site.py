"""The example handbook written by ``handbook render`` and built without the plugin, as a reader
uses it in headless Chromium, offline: the decision index's filters, the graph, the agreement's
widgets and the updates' filters work as on the plugin's site.

Two builds, one after the other: ``render --for zensical`` built by Zensical, and ``render --for
mkdocs`` built by plain MkDocs (the columns of the comparison in the guide's "Moving off
Material"). The tests are the ones the plugin's site passes (imported from their modules), run
here against each build: the fixtures ``example_site`` and ``harbor`` are that site.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from ..builders import SITE_URL, build
from .conftest import OPEN_SHADOW_ROOTS, Server, serve
from .test_agreement_widgets import (  # noqa: F401  (the fixture and tests run against this module's site)
    agreement,
    test_the_readers_zone_goes_by_its_current_name,
    test_when_to_expect_an_answer,
    test_who_is_working_now,
    test_widgets_write_dates_as_the_site_does,
)
from .test_example_site import (  # noqa: F401
    records,
    test_a_shared_filtered_address_opens_filtered,
    test_edit_buttons_point_at_the_real_files,
    test_graph_nodes_open_their_decisions,
    test_index_lists_every_decision_with_matching_counts,
    test_instant_navigation_keeps_the_widgets_working,
    test_sorting_orders_the_rows,
    test_status_filter_shows_only_that_status,
    test_superseded_banner_links_to_its_successor,
    test_tag_filter_and_status_filter_combine,
)
from .test_updates import (  # noqa: F401
    rows,
    test_a_project_link_in_the_index_opens_its_project,
    test_a_shared_address_opens_filtered_and_ignores_what_it_does_not_know,
    test_each_radiator_item_leads_to_its_page,
    test_filters_combine_and_are_kept_in_the_address,
    test_the_index_shows_every_update_and_counts_the_choices,
    test_the_projects_page_links_to_its_filtered_updates,
    test_the_radiator_counts_lead_to_the_boards,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=["zensical", "mkdocs-render"])
def rendered_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """The example rendered for one builder and built strictly once, served where its ``site_url``
    puts it (``/handbook/``): ``render --for zensical`` then ``zensical build``, or ``render --for
    mkdocs`` then ``mkdocs build``, for the local address as ``mkdocs serve`` does."""
    base = tmp_path_factory.mktemp(request.param)
    server = serve(base / request.param / "site", urlsplit(SITE_URL).path)
    try:
        local = server.url if request.param == "mkdocs-render" else None
        built = build(request.param, base, site_url=local)
        assert built.returncode == 0, built.log
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def example_site(rendered_site: Server) -> Server:
    """The site the imported tests of the plugin's site open: the rendered one."""
    return rendered_site


@pytest.fixture(scope="module")
def harbor(rendered_site: Server) -> Server:
    """The site the imported tests of the updates open: the rendered one, built as of the same day."""
    return rendered_site


@pytest.mark.parametrize(
    "path",
    [
        "",
        "decisions/",
        "decisions/timeline/",
        "decisions/graph/",
        "decisions/0009-move-to-managed-postgresql/",
        "working-agreement/overlap-hours/",
        "updates/",
        "updates/blockers/",
        "whats-new/",
        "start-here/",
        "needs-review/",
        "tags/",
    ],
)
def test_every_kind_of_page_loads_offline_without_errors(
    page: Page, rendered_site: Server, path: str
) -> None:
    """Each kind of page loads with no console error and no request leaving localhost (the
    ``page`` fixture checks both), under its own title."""
    page.goto(rendered_site.url + path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_be_visible()
    assert "Macro Rendering Error" not in page.content()


def test_every_node_of_the_graph_links_its_decision(page: Page, rendered_site: Server) -> None:
    """The graph is drawn offline with a node per related decision, and each node links the page
    of the decision it names."""
    page.add_init_script(OPEN_SHADOW_ROOTS)
    page.goto(rendered_site.url + "decisions/graph/")
    expect(page.locator(".mermaid svg").first).to_be_visible()
    graph = rendered_site.url + "decisions/graph/"
    links = page.locator(".mermaid a").evaluate_all(
        """links => links.map(a => [
            a.getAttribute("href") ?? a.getAttribute("xlink:href"), a.textContent.trim(),
        ])"""
    )
    decisions = json.loads((rendered_site.root / "decisions.json").read_text("utf-8"))["decisions"]
    pages = {urljoin(rendered_site.url, r["url"]): f"ADR-{r['number']:04d}" for r in decisions}
    assert len(links) == page.locator(".mermaid .node").count() >= 2
    for href, text in links:
        target = urljoin(graph, href)
        assert target in pages, href
        assert text.startswith(pages[target] + ":"), (href, text)
