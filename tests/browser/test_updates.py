"""Harbor's updates in a real browser: the index's filters, kept in the address, also on a phone where
rows are cards, and the home page's radiator, each of its links leading to the page it names. Built as
of 2 December 2026. A small handbook whose names are also names of JavaScript's objects checks that
the filters count and filter them like any other."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from ..conftest import REPOSITORY, make_handbook
from ..updates_helpers import TEAM, epoch, weekly
from .conftest import Server, address, serve_handbook
from .test_phone_widths import OVERFLOW

pytestmark = pytest.mark.browser

ROWS = ".md-typeset table tbody tr"


@pytest.fixture(scope="module")
def harbor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The example handbook, built strictly as of 2 December 2026 and served on localhost."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2026-12-02T13:00:00Z"))
        server = serve_handbook(REPOSITORY / "mkdocs.yml", tmp_path_factory.mktemp("harbor") / "site")
    yield server
    server.close()


@pytest.fixture(scope="module")
def rows(harbor: Server) -> list[dict[str, str]]:
    """Every row of the built index, as the HTML says: person, kind, week and projects."""
    html = (harbor.root / "updates" / "index.html").read_text("utf-8")
    found = re.findall(
        r'<tr data-person="(\w+)" data-kind="(\w+)" data-week="([\w-]+)" data-projects="([^"]*)"', html
    )
    return [{"person": p, "kind": k, "week": w, "projects": j.split()} for p, k, w, j in found]


def open_index(page: Page, url: str) -> None:
    """Open the updates index and wait until its filters are ready."""
    page.goto(url)
    expect(page.locator(".th-update-filters")).to_have_attribute("data-ready", "true")


def visible(page: Page) -> list[dict[str, str]]:
    """Return the person, kind and week of the rows a reader sees, top to bottom."""
    return page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(row => !row.hidden)
            .map(row => ({person: row.dataset.person, kind: row.dataset.kind, week: row.dataset.week,
                          projects: row.dataset.projects.split(" ").filter(Boolean)}))""",
        ROWS,
    )


def test_the_index_shows_every_update_and_counts_the_choices(page: Page, harbor: Server, rows) -> None:
    """All 35 updates show; each filter's options say how many updates each choice has."""
    open_index(page, harbor.url + "updates/")
    assert len(visible(page)) == len(rows) == 35
    expect(page.locator(".th-filter__count")).to_have_text("Showing 35 of 35 updates")
    people = Counter(row["person"] for row in rows)
    expect(page.locator('select[name="person"] option[value="lukas"]')).to_have_text(
        f"Lukas Berg ({people['lukas']})"
    )
    expect(page.locator('select[name="kind"] option[value="handoff"]')).to_have_text("End-of-day handoff (3)")
    expect(page.locator('select[name="project"] option[value="postgres-17"]')).to_have_text(
        f"PostgreSQL 17 upgrade ({sum('postgres-17' in row['projects'] for row in rows)})"
    )
    weeks = page.eval_on_selector_all(
        'select[name="week"] option', "options => options.map(o => o.textContent)"
    )
    assert weeks[:3] == ["All weeks", "Week 48, 2026 (7)", "Week 47, 2026 (7)"]


@pytest.mark.parametrize(
    ("choices", "hash_"),
    [
        ({"person": "lukas"}, "#person=lukas"),
        ({"kind": "meeting"}, "#kind=meeting"),
        ({"project": "pager-escalations"}, "#project=pager-escalations"),
        ({"week": "2026-w46"}, "#week=2026-w46"),
        (
            {"person": "priya", "project": "postgres-17", "kind": "weekly"},
            "#person=priya&kind=weekly&project=postgres-17",
        ),
    ],
)
def test_filters_combine_and_are_kept_in_the_address(
    page: Page, harbor: Server, rows, choices, hash_
) -> None:
    """Each filter shows exactly the matching updates, in the same order; all of them must match."""
    open_index(page, harbor.url + "updates/")
    for name, value in choices.items():
        page.select_option(f'select[name="{name}"]', value)

    def matches(row: dict) -> bool:
        return all(
            value in row["projects"] if name == "project" else row[name] == value
            for name, value in choices.items()
        )

    expected = [row for row in rows if matches(row)]
    assert visible(page) == expected and expected
    expect(page.locator(".th-filter__count")).to_have_text(f"Showing {len(expected)} of 35 updates")
    assert page.evaluate("location.hash") == hash_


def test_a_shared_address_opens_filtered_and_ignores_what_it_does_not_know(
    page: Page, harbor: Server
) -> None:
    """A filtered address reopens filtered; an unknown value leaves that filter off."""
    open_index(page, harbor.url + "updates/#kind=handoff&project=postgres-17&person=nobody")
    assert [(row["person"], row["kind"]) for row in visible(page)] == [
        ("lukas", "handoff"),
        ("priya", "handoff"),
    ]
    expect(page.locator('select[name="person"]')).to_have_value("")
    expect(page.locator('select[name="kind"]')).to_have_value("handoff")


@pytest.mark.parametrize("width", [360, 390])
def test_on_a_phone_each_update_is_a_card_and_the_filters_hide_cards(
    browser, harbor: Server, rows, width: int
) -> None:
    """On a phone the table is a column of cards, none wider than the screen; a filter leaves only
    the matching cards, in the same order, and the hidden ones take no room."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    open_index(page, harbor.url + "updates/")
    assert page.locator(".th-table--updates thead").is_hidden()
    first = page.locator(ROWS).first
    assert first.evaluate("row => getComputedStyle(row).display") == "grid"
    assert page.evaluate(OVERFLOW) == []
    page.select_option('select[name="person"]', "aisha")
    expected = [row for row in rows if row["person"] == "aisha"]
    assert visible(page) == expected and 0 < len(expected) < len(rows)
    boxes = page.eval_on_selector_all(ROWS, "rows => rows.map(row => row.getBoundingClientRect().height)")
    assert sum(1 for height in boxes if height > 0) == len(expected)
    assert page.evaluate(OVERFLOW) == []
    context.close()


def test_a_project_link_in_the_index_opens_its_project(page: Page, harbor: Server) -> None:
    """The Projects column links each project to its section of the projects page."""
    open_index(page, harbor.url + "updates/")
    page.locator(ROWS).first.locator("a[data-project='postgres-17']").click()
    expect(page).to_have_url(harbor.url + "projects/#project-postgres-17")
    expect(page.locator("#project-postgres-17")).to_have_count(1)


def test_the_projects_page_links_to_its_filtered_updates(page: Page, harbor: Server, rows) -> None:
    """ "All N updates about it" opens the index filtered to that project, with N rows."""
    page.goto(harbor.url + "projects/")
    link = page.locator("a", has_text="updates about it").first
    count = sum("postgres-17" in row["projects"] for row in rows)
    expect(link).to_have_text(f"All {count} updates about it")
    link.click()
    expect(page).to_have_url(address(harbor.url + "updates/#project=postgres-17"))
    expect(page.locator(".th-filter__count")).to_have_text(f"Showing {count} of 35 updates")


@pytest.mark.parametrize(
    ("glance", "target", "heading"),
    [
        ("project", "projects/#project-postgres-17", "Projects"),
        (
            "proposal",
            "decisions/0011-record-demos-instead-of-demo-call/",
            "Record demos instead of the Friday demo call",
        ),
        ("review", "onboarding/tools-and-access/", "Tools and access"),
        ("action", "updates/2026-11-19-demo-call-retrospective/", "Demo call retrospective"),
    ],
)
def test_each_radiator_item_leads_to_its_page(
    page: Page, harbor: Server, glance: str, target: str, heading: str
) -> None:
    """The home page lists what needs attention; following an item opens the page it is about."""
    page.goto(harbor.url)
    items = page.locator("article li").filter(has=page.locator(f'[data-glance="{glance}"]'))
    expect(items).to_have_count(1)
    items.locator("a").first.click()
    expect(page).to_have_url(address(harbor.url + target))
    expect(page.locator("article h1").first).to_have_text(re.compile("^" + re.escape(heading)))


def test_the_radiator_counts_lead_to_the_boards(page: Page, harbor: Server) -> None:
    """The line under the list counts who still has to write, the open blockers and action items."""
    page.goto(harbor.url)
    counts = page.locator("article p", has_text="Still to write this week")
    expect(counts).to_have_text(
        "Still to write this week: 0 late, 5 due · Open blockers: 4 · Open action items: 4"
    )
    counts.locator("a", has_text="Open blockers").click()
    expect(page).to_have_url(address(harbor.url + "updates/blockers/"))
    expect(page.locator("article table tbody tr")).to_have_count(4)


ODD_NAMES = {
    "working-agreement/team.yml": TEAM + "  - name: Con Structor\n    handle: constructor\n"
    "    timezone: Europe/Berlin\n    hours: 09:00-17:00\n",
    "updates/projects.yml": "projects:\n"
    "  - key: constructor\n    name: Constructor project\n    owner: constructor\n    status: on track\n"
    "  - key: apollo\n    name: Apollo\n    owner: ana\n    status: on track\n",
    "updates/2026-11-20-constructor-weekly.md": weekly("constructor", "2026-11-20", projects="[constructor]"),
    "updates/2026-11-13-constructor-weekly.md": weekly("constructor", "2026-11-13", projects="[constructor]"),
    "updates/2026-11-20-ana-weekly.md": weekly("ana", "2026-11-20", projects="[apollo, constructor]"),
    "updates/2026-11-20-kai-weekly.md": weekly("kai", "2026-11-20", projects="[apollo]"),
}
"""A person and a project called ``constructor``, as every JavaScript object has a ``constructor``."""

OFFLINE_CONFIG = {
    "site_name": "Odd names",
    "site_url": "https://example.org/handbook/",
    "theme": {"name": "material", "font": False},
    "plugins": ["search", "team-handbook"],
}
"""A handbook that asks for nothing off localhost: no web fonts, no repository to ask GitHub about."""


@pytest.fixture(scope="module")
def odd_names(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The handbook above, built strictly as of 21 November 2026 and served on localhost."""
    root = make_handbook(tmp_path_factory.mktemp("odd") / "handbook", ODD_NAMES, OFFLINE_CONFIG)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-21T12:00:00Z"))
        server = serve_handbook(root / "mkdocs.yml", root / "site")
    yield server
    server.close()


def test_names_of_javascript_objects_are_names_like_any_other(page: Page, odd_names: Server) -> None:
    """A person and a project called ``constructor`` are counted, labelled and filtered as any other."""
    open_index(page, odd_names.url + "updates/")
    expect(page.locator('select[name="person"] option[value="constructor"]')).to_have_text("Con Structor (2)")
    expect(page.locator('select[name="project"] option[value="constructor"]')).to_have_text(
        "Constructor project (3)"
    )
    expect(page.locator('select[name="project"] option[value="apollo"]')).to_have_text("Apollo (2)")
    page.select_option('select[name="project"]', "constructor")
    expect(page.locator(".th-filter__count")).to_have_text("Showing 3 of 4 updates")
    assert page.evaluate("location.hash") == "#project=constructor"


@pytest.mark.parametrize(
    "hash_",
    [
        "#project=constructor&week=2026-w47%&person=%E0%A4%A",
        "#project=constructor&%=x&person=%",
        "#project=constructor&person",
    ],
)
def test_a_malformed_address_keeps_what_it_can(page: Page, odd_names: Server, hash_: str) -> None:
    """A stray ``%`` or a key without a value leaves that filter off, keeps the others, breaks nothing."""
    open_index(page, odd_names.url + "updates/" + hash_)
    expect(page.locator('select[name="project"]')).to_have_value("constructor")
    expect(page.locator('select[name="person"]')).to_have_value("")
    expect(page.locator('select[name="week"]')).to_have_value("")
    expect(page.locator(".th-filter__count")).to_have_text("Showing 3 of 4 updates")
