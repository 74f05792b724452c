"""A decision and a teammate written to attack the site are shown as text, and nothing runs.

The decision's title, tags and deciders, and the teammate's name and role in the working
agreement, carry ``<script>``, ``<img onerror>``, a ``</title>`` that tries to close the document
title, and Jinja's ``{{ }}`` and ``{% %}``. Every payload calls ``pwn()``,
which the page records; any call, any console error (a broken ``<img src=x>`` is a failed
request) or any request off localhost fails the test.

To cover a new place that shows a decision's title or tags (a page, a widget, an export), add a
row to ``SPOTS``; ``.xml`` and ``.json`` addresses are fetched and parsed instead of opened.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from ..conftest import make_handbook
from .conftest import OPEN_SHADOW_ROOTS, Server, serve_handbook

pytestmark = pytest.mark.browser

TITLE = "</title><script>pwn('title')</script><img src=x onerror=pwn('title')> {{ 7*7 }} {% if 1 %}"
FULL_TITLE = f"ADR-0002: {TITLE}"
TAGS = ["<script>pwn('tag')</script>", "<img src=x onerror=pwn('tag')>", "{{ 7*7 }}"]
DECIDER = "<svg onload=pwn('decider')>"
PERSON = "Zoë <img src=x onerror=pwn('person')> {{ 7*7 }}"
ROLE = "</script><script>pwn('role')</script>"

CONFIG = """\
site_name: Hostile handbook
site_url: https://example.org/handbook/
theme:
  name: material
  font: false
  features:
    - navigation.instant
    - navigation.footer
    - navigation.sections
    - navigation.indexes
    - search.suggest
    - search.highlight
plugins:
  - search
  - tags
  - team-handbook
  - macros:
      on_undefined: strict
markdown_extensions:
  - toc:
      permalink: true
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
nav:
  - Home: index.md
  - Decisions:
      - decisions/index.md
      - Timeline: decisions/timeline.md
      - Graph: decisions/graph.md
  - Tags: tags.md
"""

FILES = {
    "docs/index.md": "# Home\n\nA handbook under attack.\n",
    "docs/tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "decisions/0001-plain.md": textwrap.dedent(
        """\
        ---
        status: accepted
        date: 2024-01-10
        tags: [plain]
        ---
        # A plain decision

        Nothing to see.
        """
    ),
    "working-agreement/team.yml": textwrap.dedent(
        f"""\
        people:
          - name: Ana Silva
            handle: ana
            timezone: America/Sao_Paulo
            hours: 09:00-17:00
          - name: {json.dumps(PERSON)}
            handle: zoe
            role: {json.dumps(ROLE)}
            timezone: Africa/Lagos
            hours: 08:00-16:00
        """
    ),
    "working-agreement/agreement.yml": "core-hours:\n  utc: 13:00-14:00\n",
    "working-agreement/index.md": "# Agreement\n\n{{ team_roster() }}\n\nAsk {{ person('zoe') }}.\n",
    "working-agreement/overlap.md": "# Overlap\n\n{{ overlap_strips() }}\n\n{{ working_now() }}\n",
    "decisions/0002-hostile.md": "---\n"
    + "status: accepted\n"
    + "date: 2024-02-01\n"
    + f"decision-makers: {json.dumps([DECIDER])}\n"
    + f"tags: {json.dumps(TAGS)}\n"
    + 'relates-to: ["0001"]\n'
    + "---\n"
    + f"# {TITLE}\n\nThe body mentions pwnage once, so that search finds it.\n",
}

SPOTS: list[tuple[str, str, str]] = [
    ("decisions/", ".md-typeset table a[href*='0002-hostile']", TITLE),
    *[("decisions/", ".md-typeset table .th-tag", tag) for tag in TAGS],
    *[("decisions/", 'select[name="tag"] option', tag) for tag in TAGS],
    ("decisions/0002-hostile/", "article h1", TITLE),
    ("decisions/0002-hostile/", ".md-nav--primary .md-nav__link--active", FULL_TITLE),
    ("decisions/0002-hostile/", ".th-decision-meta", DECIDER),
    *[("decisions/0002-hostile/", ".md-tag", tag) for tag in TAGS],
    ("decisions/0002-hostile/", ".md-footer__link--prev", "A plain decision"),
    ("decisions/0001-plain/", ".md-footer__link--next", FULL_TITLE),
    ("decisions/0001-plain/", "article p", f"Related: {FULL_TITLE}"),
    ("decisions/timeline/", "article li", FULL_TITLE),
    ("decisions/graph/", "article li", f"{FULL_TITLE} relates to ADR-0001: A plain decision"),
    ("decisions/graph/", ".mermaid .nodeLabel", FULL_TITLE[:40]),
    *[("tags/", "article", tag) for tag in TAGS],
    ("working-agreement/", "article table", PERSON),
    ("working-agreement/", "article table", ROLE),
    ("working-agreement/", "article p", f"Ask {PERSON}."),
    ("working-agreement/overlap/", '[data-th-widget="strips"]', PERSON),
    ("feed.xml", "entry > title", f"Accepted: {FULL_TITLE}"),
    ("changes.json", "pages.2.2", FULL_TITLE),
    ("decisions.json", "decisions.1.title", TITLE),
    ("decisions.json", "decisions.1.tags", json.dumps(TAGS)),
    ("decisions.json", "decisions.1.deciders", json.dumps([DECIDER])),
]
"""Where the hostile decision shows: (address, selector or JSON path, text that must be shown)."""

RECORD_CALLS = "window.__pwned = []; window.pwn = (where) => window.__pwned.push(where);"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A handbook with one hostile decision, built strictly and served on localhost."""
    root = make_handbook(tmp_path_factory.mktemp("hostile") / "handbook", FILES, CONFIG)
    server = serve_handbook(root / "mkdocs.yml", root / "site")
    yield server
    server.close()


@pytest.fixture
def guarded_page(page: Page) -> Iterator[Page]:
    """A page that records every payload that runs, and fails the test if any did."""
    page.add_init_script(RECORD_CALLS)
    page.add_init_script(OPEN_SHADOW_ROOTS)
    yield page
    assert page.evaluate("window.__pwned || []") == [], "a payload ran"


def shown_texts(page: Page, url: str, selector: str) -> list[str]:
    """Return the texts a reader sees at ``selector`` on the page at ``url``.

    JSON addresses take a dotted path instead of a selector; XML addresses are parsed as XML.
    """
    if url.endswith((".json", ".xml")):
        page.goto(url.rsplit("/", 1)[0] + "/")
        text = page.evaluate("async url => (await fetch(url)).text()", url)
        if url.endswith(".xml"):
            return page.evaluate(
                """([text, selector]) => Array.from(
                    new DOMParser().parseFromString(text, "application/xml").querySelectorAll(selector),
                    element => element.textContent)""",
                [text, selector],
            )
        value = json.loads(text)
        for key in selector.split("."):
            value = value[int(key)] if isinstance(value, list) else value[key]
        return [value if isinstance(value, str) else json.dumps(value)]
    page.goto(url)
    locator = page.locator(selector)
    expect(locator.first).to_be_attached()
    return [" ".join(text.split()) for text in locator.all_text_contents()]


@pytest.mark.parametrize(("path", "selector", "expected"), SPOTS, ids=[f"{p} {s}" for p, s, _ in SPOTS])
def test_hostile_text_is_shown_as_text(
    guarded_page: Page, hostile_site: Server, path: str, selector: str, expected: str
) -> None:
    """The hostile title, tags and deciders appear literally, and no payload runs."""
    texts = shown_texts(guarded_page, hostile_site.url + path, selector)
    assert any(expected in text for text in texts), texts


def test_hostile_title_is_the_document_title(guarded_page: Page, hostile_site: Server) -> None:
    """The browser tab shows the hostile title as text: ``</title>`` does not end it."""
    guarded_page.goto(hostile_site.url + "decisions/0002-hostile/")
    assert guarded_page.title().startswith(FULL_TITLE)


def test_hostile_decision_in_search_results(guarded_page: Page, hostile_site: Server) -> None:
    """Searching finds the hostile decision and lists its title as text."""
    guarded_page.goto(hostile_site.url)
    box = guarded_page.locator(".md-search__input")
    box.click()
    box.press_sequentially("pwnage")
    result = guarded_page.locator(".md-search-result__item", has_text="pwnage").first
    expect(result).to_contain_text("<script>pwn('title')</script>")


def test_hostile_title_in_what_changed_since_the_last_visit(guarded_page: Page, hostile_site: Server) -> None:
    """The "changed since your last visit" list, built by script from changes.json, shows it as text."""
    key = "teamhandbook:visits:" + urlsplit(hostile_site.url).path
    guarded_page.goto(hostile_site.url + "whats-new/")
    guarded_page.evaluate(
        f"localStorage.setItem('{key}', JSON.stringify({{lastSeen: 946684800000, seen: {{}}}}))"
    )
    guarded_page.reload()
    listing = guarded_page.locator(".th-since-last-visit li a")
    expect(listing.first).to_be_attached()
    assert FULL_TITLE in listing.all_text_contents()


def test_hostile_pages_by_instant_navigation(guarded_page: Page, hostile_site: Server) -> None:
    """Reaching the hostile page by clicks (instant navigation) runs nothing either."""
    guarded_page.goto(hostile_site.url + "decisions/")
    guarded_page.locator(".md-typeset table a[href*='0002-hostile']").click()
    expect(guarded_page.locator("article h1")).to_contain_text(TITLE)
    guarded_page.locator(".md-footer__link--prev").click()
    expect(guarded_page.locator("article h1")).to_contain_text("A plain decision")
    guarded_page.locator(".md-nav--primary").get_by_role("link", name="Graph", exact=True).click()
    expect(guarded_page.locator(".mermaid .nodeLabel").first).to_be_visible()
