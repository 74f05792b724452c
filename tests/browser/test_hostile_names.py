"""File names and metadata written to attack the site: no page of it runs any of them.

Decision and page file names break out of the edit link's ``href``; titles, descriptions and
authors in front matter of docs pages, agreement pages and templates close ``<title>`` or a
``<meta>`` tag; an audience's label reaches a generated page; tags are named like the properties
every JavaScript object has (``__proto__``, ``constructor``). Every payload calls ``pwn()``,
which the page records. Every HTML page of the site is opened, and its edit link focused; the
decision index's filters must keep working with those tags and with a malformed address.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, expect

from ..conftest import make_handbook
from .conftest import Server, serve_handbook

pytestmark = pytest.mark.browser

EDIT_NAME = '0003-x" onfocus="pwn(\'edit\')" autofocus="'
PAGE_NAME = "<img src=x onerror=pwn('name')>"
TITLE = "</title><img src=x onerror=pwn('title')>"
FIELD = "\"><img src=x onerror=pwn('field')>"
TAGS = ["__proto__", "constructor", "toString", "hasOwnProperty", "<img src=x onerror=pwn('tag')>"]

CONFIG = f"""\
site_name: Hostile names
site_url: https://example.org/handbook/
repo_url: https://git.example.org/team/handbook
edit_uri: edit/main/docs/
theme:
  name: material
  font: false
  features:
    - content.action.edit
    - navigation.instant
plugins:
  - search
  - team-handbook:
      audiences:
        ops: {json.dumps("<img src=x onerror=pwn('audience')>")}
  - macros
"""


def front_matter(**fields: object) -> str:
    """Return front matter holding ``fields`` as JSON-quoted YAML values."""
    return "---\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in fields.items()) + "---\n"


FILES = {
    "docs/index.md": '# Home\n\n<a href="/handbook/bad%E0%A4%A/">A malformed address</a>\n',
    f"docs/{PAGE_NAME}.md": "A page with no heading: MkDocs titles it from its file name.\n",
    "docs/fields.md": front_matter(title=TITLE, description=FIELD, author=FIELD, status=FIELD)[:-4]
    + "start-here:\n  audience: ops\n---\nBody.\n",
    "decisions/0001-plain.md": front_matter(status="accepted", date="2024-01-10") + "# Plain\n",
    "decisions/0002-tagged.md": front_matter(status="accepted", date="2024-01-11", tags=TAGS) + "# Tagged\n",
    f"decisions/{EDIT_NAME}.md": front_matter(status="proposed", date="2024-01-12") + "# Quoted name\n",
    "working-agreement/team.yml": textwrap.dedent(
        """\
        people:
          - name: Ana
            handle: ana
            timezone: UTC
            hours: 09:00-17:00
        """
    ),
    "working-agreement/index.md": front_matter(title=TITLE, description=FIELD) + "# Agreement\n",
    "working-agreement/templates/weekly.md": front_matter(
        title=TITLE, description=FIELD, path="docs/updates/{date}.md"
    )
    + "Text of the update.\n",
}
RECORD_CALLS = "window.__pwned = []; window.pwn = (where) => window.__pwned.push(where);"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The hostile handbook, built strictly (the names and fields are legal) and served."""
    root = make_handbook(tmp_path_factory.mktemp("hostile-names") / "handbook", FILES, CONFIG)
    server = serve_handbook(root / "mkdocs.yml", root / "site")
    yield server
    server.close()


@pytest.fixture
def guarded_page(page: Page) -> Iterator[Page]:
    """A page that records every payload that runs; the test fails if any did (or if any image
    request failed, which the page fixture reports as a console error)."""
    page.add_init_script(RECORD_CALLS)
    yield page
    assert page.evaluate("window.__pwned || []") == [], "a payload ran"


def site_pages(server: Server) -> list[str]:
    """Return the address of every HTML page of the built site, percent-encoded."""
    mount = urlsplit(server.url).path
    pages = []
    for path in sorted(Path(server.root).rglob("index.html")):
        folder = path.parent.relative_to(server.root).as_posix()
        pages.append(mount + ("" if folder == "." else quote(folder) + "/"))
    return pages


def test_no_payload_runs_on_any_page(guarded_page: Page, hostile_site: Server) -> None:
    """Every page opens, its edit link takes the focus, and nothing a name or field holds runs."""
    origin = hostile_site.url[: -len(urlsplit(hostile_site.url).path)]
    pages = site_pages(hostile_site)
    assert len(pages) > 12
    for address in pages:
        guarded_page.goto(origin + address)
        edit = guarded_page.locator("a[rel=edit]")
        if edit.count():
            edit.first.focus()
        assert guarded_page.evaluate("window.__pwned") == [], address


@pytest.mark.parametrize(
    ("address", "title"),
    [
        (f"{quote(PAGE_NAME)}/", PAGE_NAME),
        ("fields/", TITLE),
        ("working-agreement/", TITLE),
        ("working-agreement/templates/weekly/", TITLE),
        ("start-here/ops/", "Start here: <img src=x onerror=pwn('audience')>"),
    ],
    ids=["file name", "docs front matter", "agreement page", "template", "generated page"],
)
def test_hostile_titles_are_the_document_title(
    guarded_page: Page, hostile_site: Server, address: str, title: str
) -> None:
    """The browser tab shows each hostile title as text."""
    guarded_page.goto(hostile_site.url + address)
    assert guarded_page.title() == f"{title} - Hostile names"


def test_meta_fields_stay_in_their_attributes(guarded_page: Page, hostile_site: Server) -> None:
    """``description`` and ``author`` are whole attribute values of their ``<meta>`` tags."""
    guarded_page.goto(hostile_site.url + "fields/")
    for name in ("description", "author"):
        assert guarded_page.locator(f"meta[name={name}]").get_attribute("content") == FIELD


def test_the_edit_link_keeps_the_file_name_in_its_address(guarded_page: Page, hostile_site: Server) -> None:
    """The decision's edit link is one link to its file, the name percent-encoded; no attribute escaped."""
    guarded_page.goto(hostile_site.url + "decisions/" + quote(EDIT_NAME) + "/")
    edit = guarded_page.locator("a[rel=edit]")
    assert edit.get_attribute("href") == (
        "https://git.example.org/team/handbook/edit/main/decisions/" + quote(EDIT_NAME + ".md", safe="")
    )
    assert edit.get_attribute("onfocus") is None and edit.get_attribute("autofocus") is None


def tag_options(page: Page) -> list[str]:
    """Return the tag filter's options as a reader sees them."""
    options = page.locator('select[name="tag"] option')
    expect(options.first).to_be_attached()
    return options.all_text_contents()


def test_tags_named_like_object_properties_filter_like_any_other(
    guarded_page: Page, hostile_site: Server
) -> None:
    """``__proto__``, ``constructor`` and their kind are counted and chosen like any tag."""
    guarded_page.goto(hostile_site.url + "decisions/")
    assert sorted(tag_options(guarded_page)[1:]) == sorted(f"{tag} (1)" for tag in TAGS)
    for tag in TAGS:
        guarded_page.select_option('select[name="tag"]', tag)
        rows = guarded_page.locator(".md-typeset table tbody tr:not([hidden])")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("Tagged")
    guarded_page.goto(hostile_site.url + "decisions/#tag=" + quote("__proto__"))
    guarded_page.reload()
    expect(guarded_page.locator('select[name="tag"]')).to_have_value("__proto__")
    expect(guarded_page.locator(".th-filter__count")).to_have_text("Showing 1 of 3 decisions")


def test_a_malformed_address_leaves_the_filters_working(guarded_page: Page, hostile_site: Server) -> None:
    """``#tag=%E0%A4%A`` does not decode: that choice is ignored and the filters still appear."""
    guarded_page.goto(hostile_site.url + "decisions/#status=accepted&tag=%E0%A4%A")
    expect(guarded_page.locator(".th-decision-filters")).to_be_visible()
    expect(guarded_page.locator('select[name="status"]')).to_have_value("accepted")
    expect(guarded_page.locator('select[name="tag"]')).to_have_value("")
    expect(guarded_page.locator(".th-filter__count")).to_have_text("Showing 2 of 3 decisions")


def test_a_malformed_link_does_not_stop_the_changes_script(guarded_page: Page, hostile_site: Server) -> None:
    """A link whose address does not decode is passed over: the links after it on the page are still
    marked as changed since the last visit (a stored page named ``__proto__`` changes nothing either)."""
    key = "teamhandbook:visits:" + urlsplit(hostile_site.url).path
    guarded_page.goto(hostile_site.url + "decisions/")
    state = {"lastSeen": 946684800000, "seen": {"__proto__": 1, "constructor": 2}}
    guarded_page.evaluate(f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(state))})")
    with guarded_page.expect_response(lambda response: response.url.endswith("changes.json")):
        guarded_page.goto(hostile_site.url)
    assert guarded_page.locator("article a", has_text="A malformed address").count() == 1
    expect(guarded_page.locator("a:has(.th-changed)").first).to_be_attached()
    with guarded_page.expect_response(lambda response: response.url.endswith("changes.json")):
        guarded_page.goto(hostile_site.url + "whats-new/")
    listing = guarded_page.locator(".th-since-last-visit li a")
    expect(listing.first).to_be_attached()
    assert "Tagged" in " ".join(listing.all_text_contents())
