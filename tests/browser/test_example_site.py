"""The repository's own handbook, as a reader uses it in a real browser."""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, expect

from ..conftest import REPOSITORY
from .conftest import OPEN_SHADOW_ROOTS, address

pytestmark = pytest.mark.browser

INDEX_ROWS = ".md-typeset table tbody tr"


@pytest.fixture(scope="module")
def records(example_site) -> list[dict]:
    """The decisions of the example handbook, as its ``decisions.json`` lists them."""
    return json.loads((example_site.root / "decisions.json").read_text("utf-8"))["decisions"]


def visible_numbers(page: Page) -> list[int]:
    """Return the numbers of the index rows a reader sees, top to bottom."""
    return page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(row => !row.hidden)
            .map(row => parseInt(row.cells[0].textContent, 10))""",
        INDEX_ROWS,
    )


def open_index(page: Page, url: str) -> None:
    """Open the decision index and wait until its filters are ready."""
    page.goto(url)
    expect(page.locator(".th-decision-filters")).to_have_attribute("data-ready", "true")


def test_index_lists_every_decision_with_matching_counts(page: Page, example_site, records) -> None:
    """Every decision has a row, and the counts above the table agree with the log."""
    open_index(page, example_site.url + "decisions/")
    assert sorted(visible_numbers(page)) == sorted(r["number"] for r in records)
    expect(page.locator(".th-count__total")).to_have_text(f"{len(records)} decisions")
    for status, count in Counter(r["status"] for r in records).items():
        shown = page.locator(f'.th-count[data-status="{status}"] .th-count__number')
        expect(shown).to_have_text(str(count))
    everything = f"Showing {len(records)} of {len(records)} decisions"
    expect(page.locator(".th-filter__count")).to_have_text(everything)


@pytest.mark.parametrize("status", ["superseded", "accepted", "proposed", "rejected", "deprecated"])
def test_status_filter_shows_only_that_status(page: Page, example_site, records, status: str) -> None:
    """Choosing a status shows exactly the decisions with it, and says how many."""
    open_index(page, example_site.url + "decisions/")
    expected = [r["number"] for r in records if r["status"] == status]
    option = page.locator(f'select[name="status"] option[value="{status}"]')
    expect(option).to_have_text(f"{status.capitalize()} ({len(expected)})")
    page.select_option('select[name="status"]', status)
    assert visible_numbers(page) == expected
    expect(page.locator(".th-filter__count")).to_have_text(
        f"Showing {len(expected)} of {len(records)} decisions"
    )
    assert page.evaluate("location.hash") == f"#status={status}"


def test_tag_filter_and_status_filter_combine(page: Page, example_site, records) -> None:
    """A tag filter shows the decisions with that tag; with a status too, both must match."""
    open_index(page, example_site.url + "decisions/")
    tags = Counter(tag for r in records for tag in r["tags"])
    for tag, count in tags.items():
        page.select_option('select[name="tag"]', tag)
        assert visible_numbers(page) == [r["number"] for r in records if tag in r["tags"]], tag
        expect(page.locator(f'select[name="tag"] option[value="{tag}"]')).to_have_text(f"{tag} ({count})")
    page.select_option('select[name="tag"]', "meetings")
    page.select_option('select[name="status"]', "accepted")
    expected = [r["number"] for r in records if "meetings" in r["tags"] and r["status"] == "accepted"]
    assert visible_numbers(page) == expected and expected


@pytest.mark.parametrize(
    ("sort", "key", "reverse"),
    [
        ("number-desc", "number", True),
        ("number-asc", "number", False),
        ("date-desc", "date", True),
        ("date-asc", "date", False),
    ],
)
def test_sorting_orders_the_rows(
    page: Page, example_site, records, sort: str, key: str, reverse: bool
) -> None:
    """Each sort order puts the rows in that order."""
    open_index(page, example_site.url + "decisions/")
    page.select_option('select[name="sort"]', sort)
    expected = [r["number"] for r in sorted(records, key=lambda r: (r[key], r["number"]), reverse=reverse)]
    assert visible_numbers(page) == expected


def test_a_shared_filtered_address_opens_filtered(page: Page, example_site, records) -> None:
    """The filters live in the address, so a filtered view can be shared and reopened."""
    open_index(page, example_site.url + "decisions/#tag=database&sort=date-desc")
    assert visible_numbers(page) == [r["number"] for r in records if "database" in r["tags"]]
    expect(page.locator('select[name="sort"]')).to_have_value("date-desc")


def search(page: Page, words: str):
    """Type into Material's search box and return the locator of its results.

    Material reads the query on key presses, so the words are typed, not pasted; it searches in
    a web worker that loads the index after the page, so the results are awaited through the
    locator, never with a fixed sleep.
    """
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(words)
    return page.locator(".md-search-result__item")


@pytest.mark.parametrize(
    ("words", "stem"),
    [
        ("archiving", "0009-move-to-managed-postgresql"),  # a word of the body only
        ("follow-the-sun", "0008-follow-the-sun-on-call"),  # a word of the title
        ("Self-host PostgreSQL", "0003-self-host-postgresql"),
    ],
)
def test_site_search_finds_decisions(page: Page, example_site, words: str, stem: str) -> None:
    """The site search finds a decision by a word of its body and by its title."""
    page.goto(example_site.url)
    results = search(page, words)
    expect(results.locator(f'a[href*="decisions/{stem}/"]').first).to_be_visible()


def test_superseded_banner_links_to_its_successor(page: Page, example_site) -> None:
    """A superseded decision shows the banner, and its link opens the decision that replaced it."""
    page.goto(example_site.url + "decisions/0003-self-host-postgresql/")
    banner = page.locator('.th-banner[data-status="superseded"]')
    expect(banner).to_contain_text("Superseded by ADR-0009")
    banner.locator("a").click()
    expect(page).to_have_url(address(example_site.url + "decisions/0009-move-to-managed-postgresql/"))
    expect(page.locator("h1")).to_contain_text("Move the primary database to managed PostgreSQL")
    expect(page.locator(".md-content")).to_contain_text("Supersedes:")


def test_instant_navigation_keeps_the_widgets_working(page: Page, example_site) -> None:
    """Clicking through the site swaps pages without reloading them, and every widget still works.

    The site is served at ``/`` while ``site_url`` has a path (``/handbook/``): Material maps
    the sitemap's addresses onto wherever the site is served, so instant navigation still applies.
    """
    page.add_init_script(OPEN_SHADOW_ROOTS)
    page.goto(example_site.url)
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav--primary").get_by_role("link", name="Decisions", exact=True).click()
    expect(page.locator(".th-decision-filters")).to_have_attribute("data-ready", "true")
    page.select_option('select[name="status"]', "superseded")
    assert visible_numbers(page) == [3]
    page.locator(f"{INDEX_ROWS}:not([hidden]) a").first.click()
    expect(page).to_have_url(address(example_site.url + "decisions/0003-self-host-postgresql/"))
    page.locator(".th-banner--superseded a").click()
    expect(page.locator("h1")).to_contain_text("Move the primary database to managed PostgreSQL")
    page.locator(".md-nav--primary").get_by_role("link", name="Graph", exact=True).click()
    expect(page.locator(".mermaid svg").first).to_be_visible()
    page.locator(".md-nav--primary").get_by_role("link", name="Decisions", exact=True).click()
    expect(page.locator(".th-decision-filters")).to_have_attribute("data-ready", "true")
    page.select_option('select[name="tag"]', "database")
    assert visible_numbers(page) == [9]
    assert page.evaluate("window.__sameDocument") is True, "a click reloaded the page"


def test_edit_buttons_point_at_the_real_files(page: Page, example_site, records) -> None:
    """Each decision's edit button opens its own file in the repository, outside ``docs/``."""
    for record in records:
        page.goto(urljoin(example_site.url, record["url"]), wait_until="domcontentloaded")
        edit = page.locator("a.md-content__button[rel=edit]")
        href = edit.get_attribute("href")
        assert href == f"https://github.com/harbor-team/handbook/edit/main/{record['source']}"
        assert (REPOSITORY / record["source"]).is_file()


def test_graph_nodes_open_their_decisions(page: Page, example_site) -> None:
    """Clicking a decision in the relationship graph opens that decision's page."""
    page.add_init_script(OPEN_SHADOW_ROOTS)
    page.goto(example_site.url + "decisions/graph/")
    node = page.locator(".mermaid .node", has_text="ADR-0009").first
    node.click()
    expect(page).to_have_url(address(example_site.url + "decisions/0009-move-to-managed-postgresql/"))
    expect(page.locator("h1")).to_contain_text("Move the primary database to managed PostgreSQL")
