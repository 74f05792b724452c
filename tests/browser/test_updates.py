"""Harbor's updates in a real browser: the index's filters, kept in the address, and the home page's
radiator, each of its links leading to the page it names. Built as of 2 December 2026."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from ..conftest import REPOSITORY
from ..updates_helpers import epoch
from .conftest import Server, address, serve_handbook

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
