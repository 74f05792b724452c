"""Escaping at every output boundary: file names and metadata are text wherever they land.

Edit links built from file names, the ``<title>``, navigation and ``<meta>`` tags of decisions,
agreement pages, templates, docs pages and generated pages, and ``feed.xml`` are checked in the
built HTML and XML, parsed back; a decision named like a generated page is a reported problem,
never a crash. The browser tests (``tests/browser/test_hostile_names.py``) confirm nothing runs.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from teamhandbook.plugin.plugin import TeamHandbookPlugin

from .cli import run_script
from .conftest import MINIMAL_CONFIG, Build, build, decision, make_handbook

QUOTE_NAME = '0003-x" onfocus="pwn()" autofocus="'
"""A decision file name that tries to leave the edit link's ``href``."""

HTML_NAME = "<img src=x onerror=pwn()>"
"""A docs page file name that MkDocs would turn into its title."""

TITLE = "</title><img src=x onerror=pwn()>"
DESCRIPTION = '"><script>pwn()</script>'
CONTROL_TITLE = "Bell \x07 vertical tab \x0b non-character \ufffe end"

CONFIG = {
    **MINIMAL_CONFIG,
    "plugins": ["search", {"team-handbook": {"audiences": {"ops": "<b>Ops</b> & friends"}}}, "macros"],
}

FILES = {
    "decisions/0001-plain.md": decision({"status": "accepted", "date": "2024-01-01"}, "Plain"),
    f"decisions/{QUOTE_NAME}.md": decision({"status": "accepted", "date": "2024-01-02"}, "Quoted name"),
    "decisions/0004-control.md": decision(
        {"status": "accepted", "date": "2024-01-03", "tags": ["tab\x0btag", "ok"]}, CONTROL_TITLE
    ),
    f"docs/{HTML_NAME}.md": "No heading here.\n",
    "docs/titled.md": (
        f"---\ntitle: {json.dumps(TITLE)}\ndescription: {json.dumps(DESCRIPTION)}\n"
        f"author: {json.dumps(DESCRIPTION)}\nstatus: {json.dumps(DESCRIPTION)}\n"
        "start-here:\n  audience: ops\n---\nBody.\n"
    ),
    "working-agreement/index.md": (
        f"---\ntitle: {json.dumps(TITLE)}\ndescription: {json.dumps(DESCRIPTION)}\n---\n# Agreement\n"
    ),
    "working-agreement/templates/weekly.md": (
        f"---\ntitle: {json.dumps(TITLE)}\ndescription: An update.\n"
        "path: docs/updates/{date}.md\n---\nText\n"
    ),
}


class Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its ``<title>``."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record an element and its attributes."""
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        """Notice the end of the title."""
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        """Collect the title's text."""
        if self._in_title:
            self.title += data

    def attribute(self, tag: str, wanted: str, **where: str) -> list[str | None]:
        """Return the values of attribute ``wanted`` of the ``tag`` elements matching ``where``."""
        return [
            attrs.get(wanted)
            for element, attrs in self.elements
            if element == tag and all(attrs.get(key) == value for key, value in where.items())
        ]


EVENT_ATTRIBUTES = {"onfocus", "onerror", "onload", "autofocus", "onclick", "onmouseover"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The handbook with hostile names and metadata, built once."""
    root = make_handbook(tmp_path_factory.mktemp("hostile-output") / "handbook", FILES, CONFIG)
    return build(root)


def html_pages(site: Build) -> Iterator[Path]:
    """Yield every HTML page of the site."""
    yield from sorted(site.site.rglob("*.html"))


def test_the_build_succeeds_strictly(site: Build) -> None:
    """The hostile names and metadata are legal: the build has no warning."""
    assert site.returncode == 0, site.log
    assert site.warnings() == []


def test_no_page_gains_an_event_attribute(site: Build) -> None:
    """No file name or field breaks out of an attribute or element: no page has an event handler."""
    for path in html_pages(site):
        elements = Elements(path.read_text("utf-8")).elements
        injected = [(tag, sorted(set(attrs) & EVENT_ATTRIBUTES)) for tag, attrs in elements]
        assert [entry for entry in injected if entry[1]] == [], path
        assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in elements), path


@pytest.mark.parametrize(
    ("folder", "edit_path"),
    [
        (f"decisions/{QUOTE_NAME}", "decisions/0003-x%22%20onfocus%3D%22pwn%28%29%22%20autofocus%3D%22.md"),
        (HTML_NAME, "docs/%3Cimg%20src%3Dx%20onerror%3Dpwn%28%29%3E.md"),
    ],
    ids=["decision", "docs page"],
)
def test_edit_links_are_percent_encoded(site: Build, folder: str, edit_path: str) -> None:
    """The edit link of a page named with quotes or ``<>`` holds the name percent-encoded."""
    page = Elements((site.site / folder / "index.html").read_text("utf-8"))
    edit = f"https://github.com/example/handbook/edit/main/{edit_path}"
    assert page.attribute("a", "href", rel="edit") == [edit]


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("working-agreement/templates/weekly/", TITLE),
        ("working-agreement/", TITLE),
        ("titled/", TITLE),
        (f"{HTML_NAME}/", HTML_NAME),
        ("start-here/ops/", "Start here: <b>Ops</b> & friends"),
        ("decisions/0004-control/", "ADR-0004: " + CONTROL_TITLE),
    ],
    ids=["template", "agreement page", "docs front matter", "docs file name", "generated page", "decision"],
)
def test_titles_are_text_in_the_title_element(site: Build, url: str, title: str) -> None:
    """The document title shows the hostile title as text: ``</title>`` does not end it."""
    page = Elements((site.site / url / "index.html").read_text("utf-8"))
    shown = " ".join(page.title.split())
    assert shown.startswith(" ".join(title.split())), shown
    assert page.title.endswith(" - Test handbook")


def test_meta_tags_hold_the_fields_as_text(site: Build) -> None:
    """``description`` and ``author`` reach their ``<meta>`` tags as attribute values, whole."""
    page = Elements(site.page("titled/"))
    assert page.attribute("meta", "content", name="description") == [DESCRIPTION]
    assert page.attribute("meta", "content", name="author") == [DESCRIPTION]
    assert all(not key.startswith("on") for _, attrs in page.elements for key in attrs)


def test_the_feed_is_well_formed_xml(site: Build) -> None:
    """Characters XML 1.0 forbids become U+FFFD: the feed parses, titles and tags keep the rest."""
    feed = ET.fromstring((site.site / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    title = next(t for t in titles if t and "Bell" in t)
    # a vertical tab is white space, which titles collapse; the bell and the non-character are replaced
    assert title == "Accepted: ADR-0004: Bell \ufffd vertical tab non-character \ufffd end"
    terms = {c.get("term") for c in feed.iter(f"{atom}category")}
    assert {"tab\ufffdtag", "ok"} <= terms


NAMED_LIKE_GENERATED = {
    "decisions/0001-plain.md": decision({"status": "accepted"}, "Plain"),
    "decisions/graph.md": decision({"status": "accepted"}, "Named graph"),
    "decisions/Timeline.md": decision({"status": "accepted"}, "Named timeline"),
}
RESERVED = [
    (
        "decisions/Timeline.md",
        "a decision cannot be called 'Timeline': the timeline is published at that address",
    ),
    (
        "decisions/graph.md",
        "a decision cannot be called 'graph': the relationship graph is published at that address",
    ),
]


def test_a_decision_named_like_a_generated_page_is_reported_by_build_and_check(tmp_path: Path) -> None:
    """``graph.md`` and ``Timeline.md`` in the log are problems in the build and the check, not crashes;
    the generated pages keep their addresses."""
    root = make_handbook(tmp_path / "handbook", NAMED_LIKE_GENERATED)
    site = build(root)
    problems = [(p["file"], p["line"], p["message"]) for p in site.json()["problems"]]
    for file, words in RESERVED:
        line = next(p for p in problems if p[0] == file)
        assert line[1] == 1 and line[2].startswith(words)
        assert f"WARNING -  teamhandbook: {file}:1: {line[2]}" in site.log
    assert "<h1" in site.content("decisions/graph/") and "Decision graph" in site.content("decisions/graph/")
    assert "Decision timeline" in site.content("decisions/timeline/")
    assert "Named graph" not in site.content("decisions/graph/")
    assert {record["id"] for record in site.json()["decisions"]} == {"0001-plain"}
    outcome = run_script(root, "check")
    for file, words in RESERVED:
        assert f"{file}:1: error: {words}" in outcome.out
    assert outcome.code == 1


def test_a_serve_rebuild_survives_a_decision_named_graph(tmp_path: Path) -> None:
    """Under ``mkdocs serve`` (caches kept) rebuilds with ``graph.md`` in the log finish too."""
    root = make_handbook(tmp_path / "handbook", NAMED_LIKE_GENERATED)
    TeamHandbookPlugin().on_startup(command="serve", dirty=False)
    try:
        for _ in range(2):
            mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    finally:
        TeamHandbookPlugin().on_shutdown()
    records = json.loads((root / "site" / "decisions.json").read_text("utf-8"))
    assert sorted(p["code"] for p in records["problems"]) == ["reserved-name", "reserved-name"]


def test_problems_show_control_characters_as_escapes(tmp_path: Path) -> None:
    """A status holding a terminal escape sequence or a direction override cannot clear or reorder a
    CI log: build and check print it as visible escapes."""
    status = "\x1b[2J\x1b[1;1Haccepted\u202e"
    root = make_handbook(tmp_path / "handbook", {"decisions/0001-x.md": decision({"status": status})})
    site = build(root)
    outcome = run_script(root, "check")
    for output in (site.log, outcome.out):
        assert "\x1b" not in output and "\u202e" not in output
    assert "decisions/0001-x.md:2: error: " in outcome.out
    assert "the status '[2J\\x1b[1'" in outcome.out  # shown as escapes (the reader splits at ;)


def test_a_status_cannot_inject_a_workflow_command(tmp_path: Path) -> None:
    """A status holding a line break and ``::error::`` stays inside its own annotation in GitHub
    Actions, and on one line of the text output."""
    status = "odd\n::error file=mkdocs.yml,line=1::forged"
    root = make_handbook(tmp_path / "handbook", {"decisions/0001-x.md": decision({"status": status})})
    github = run_script(root, "check", "--format", "github", env={"GITHUB_WORKSPACE": ""})
    assert [line[:8] for line in github.out.splitlines()] == ["::error "]
    assert "file=mkdocs.yml" not in github.out  # the second line is prose of the status, never a command
    text = run_script(root, "check")
    assert all(line.startswith("decisions/0001-x.md:2:") for line in text.out.splitlines()[:-1])
