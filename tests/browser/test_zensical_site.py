"""The example handbook written by ``handbook render --for zensical`` and built by Zensical, as a
reader uses it in headless Chromium, offline: the decision index's filters, the graph, the
agreement's widgets and the updates' filters work as on the plugin's site.

The tests are the ones the plugin's site passes (imported from their modules), run here against
the Zensical site: the fixtures ``example_site`` and ``harbor`` are that site.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from ..builders import SITE_URL, build
from .conftest import Server, serve
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


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``handbook render --for zensical``, built strictly by Zensical once, served where its
    ``site_url`` puts it (``/handbook/``)."""
    built = build("zensical", tmp_path_factory.mktemp("zensical"))
    assert built.returncode == 0, built.log
    server = serve(built.site, urlsplit(SITE_URL).path)
    yield server
    server.close()


@pytest.fixture(scope="module")
def example_site(zensical_site: Server) -> Server:
    """The site the imported tests of the plugin's site open: the Zensical one."""
    return zensical_site


@pytest.fixture(scope="module")
def harbor(zensical_site: Server) -> Server:
    """The site the imported tests of the updates open: the Zensical one, built as of the same day."""
    return zensical_site


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
def test_every_kind_of_page_loads_offline_without_errors(page: Page, zensical_site, path: str) -> None:
    """Each kind of page loads with no console error and no request leaving localhost (the
    ``page`` fixture checks both), under its own title."""
    page.goto(zensical_site.url + path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_be_visible()
    assert "Macro Rendering Error" not in page.content()
