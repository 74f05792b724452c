"""The example handbook built with each site builder, and what each built site shows a reader.

The tests (``test_builders.py``, ``browser/test_zensical_site.py``) and the comparison table in
the guide's "Moving off Material" page both come from here. Print the table with:

    .venv/bin/python -m tests.builders            # add --browser to drive Chromium as well

Builds:

- ``mkdocs``: ``mkdocs build --strict`` on the repository (the team-handbook plugin runs).
- ``properdocs``: ``properdocs build --strict`` on the repository (the plugin runs).
- ``zensical``: ``handbook render --for zensical``, then ``zensical build --strict`` on the project.
- ``mkdocs-render``: ``handbook render --for mkdocs``, then ``mkdocs build --strict`` (no plugin).
- ``zensical-as-is``: ``zensical build`` on a copy of the repository as it is (not strict: it fails).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html import unescape as html_unescape
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

REPOSITORY = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EPOCH = "1796216400"
"""Every build is for the same instant (2026-12-02 13:00 UTC, as the browser tests of the updates),
so reviews and "still to write" agree between them; that day one page is overdue for review."""

SITE_URL = "https://harbor-team.github.io/handbook/"
EDIT_BASE = "https://github.com/harbor-team/handbook/edit/main/"
COPY_IGNORED = (
    ".git",
    ".venv",
    "site",
    ".cache",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
)

BUILDERS = {
    "mkdocs": "MkDocs + plugin",
    "properdocs": "ProperDocs + plugin",
    "zensical": "Zensical, `render --for zensical`",
    "mkdocs-render": "MkDocs without plugin, `render --for mkdocs`",
    "zensical-as-is": "Zensical on the repository as is",
}

_EDIT = re.compile(r'<a href="([^"]*)"[^>]*rel="edit"')
_INFO = re.compile(r'<p class="th-page-info"[^>]*>(.*?)</p>', re.DOTALL)
_FEED_HEAD = re.compile(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]*)"')
_HREF = re.compile(r'href="([^"#?]*)')
_DECISION = re.compile(r"^decisions/(\d{4}-[^/]+)/index\.html$")
_CLICK = re.compile(r'click \w+ href "([^"]+)"')


@dataclass
class Built:
    """One build of the example handbook."""

    name: str
    site: Path
    returncode: int
    log: str
    seconds: float = 0.0

    def pages(self) -> list[str]:
        """Return the site's HTML pages, by path in the site."""
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))

    def html(self, path: str) -> str:
        """Return one page's HTML."""
        return (self.site / path).read_text("utf-8")

    def json_records(self) -> list[dict]:
        """Return the decisions ``decisions.json`` lists."""
        return json.loads((self.site / "decisions.json").read_text("utf-8"))["decisions"]

    def graph_links(self, path: str = "decisions/graph/index.html") -> list[str]:
        """Return the addresses the graph's nodes open."""
        return _CLICK.findall(self.html(path))

    def resolves(self, url: str, base: str = "") -> bool:
        """Tell whether a link (absolute within the site's address, or relative to ``base``, a
        path in the site) leads to a file of the site."""
        if url.startswith(SITE_URL):
            path = url[len(SITE_URL) :]
        elif urlsplit(url).scheme:
            return False
        else:
            path = urljoin("/" + base, url).lstrip("/")
        path = unquote(path.split("#", 1)[0].split("?", 1)[0])
        target = self.site / path
        return (target / "index.html").is_file() if path.endswith("/") or not path else target.is_file()


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a builder or the handbook command as a user would, for the pinned instant."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=600)


def _timed(name: str, site: Path, steps: list[tuple[list[str], Path]]) -> Built:
    """Run the steps of one build in order, stopping at the first that fails."""
    import time

    start, log, code = time.perf_counter(), "", 0
    for command, cwd in steps:
        result = _run(command, cwd)
        log += result.stdout + result.stderr
        code = result.returncode
        if code:
            break
    return Built(name, site, code, log, time.perf_counter() - start)


def build(name: str, base: Path, site_url: str | None = None) -> Built:
    """Build the example handbook one way into a folder below ``base``.

    With ``site_url``, plain MkDocs builds the rendered project for that address instead of its
    configured one, as ``mkdocs serve`` does (the browser tests serve it on localhost, where
    Material's instant navigation only takes over links to the addresses of the sitemap).
    """
    folder = base / name
    if name in ("mkdocs", "properdocs"):
        tool = [sys.executable, "-m", "mkdocs"] if name == "mkdocs" else [str(BIN / "properdocs")]
        return _timed(name, folder, [([*tool, "build", "--strict", "-d", str(folder)], REPOSITORY)])
    handbook = [sys.executable, "-m", "teamhandbook.cli.main"]
    if name == "zensical":
        render = [*handbook, "render", "--for", "zensical", "--out", str(folder)]
        steps = [(render, REPOSITORY), ([str(BIN / "zensical"), "build", "--strict"], folder)]
        return _timed(name, folder / "site", steps)
    if name == "mkdocs-render":
        render = [*handbook, "render", "--for", "mkdocs", "--out", str(folder)]
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        if site_url is not None:
            from .browser.conftest import BUILD_FOR_URL

            mkdocs = [sys.executable, "-c", BUILD_FOR_URL, "mkdocs.yml", "site", site_url]
        return _timed(name, folder / "site", [(render, REPOSITORY), (mkdocs, folder)])
    if name == "zensical-as-is":
        shutil.copytree(REPOSITORY, folder, ignore=shutil.ignore_patterns(*COPY_IGNORED))
        strict = _timed(name, folder / "site", [([str(BIN / "zensical"), "build", "--strict"], folder)])
        built = _timed(name, folder / "site", [([str(BIN / "zensical"), "build"], folder)])
        built.returncode, built.log = strict.returncode, strict.log + built.log
        return built
    raise ValueError(name)


def build_all(names: Iterable[str], base: Path) -> dict[str, Built]:
    """Build the example handbook several ways at once (each build is a process of its own, which
    mostly waits on files and git), into folders below ``base``."""
    names = list(names)
    with ThreadPoolExecutor(max_workers=len(names) or 1) as pool:
        return dict(zip(names, pool.map(lambda name: build(name, base), names), strict=True))


@dataclass
class Measure:
    """One feature of one built site: whether it is there, and the figure that says so."""

    ok: bool
    detail: str


@dataclass
class Reference:
    """What the plugin's own build shows, which every other build is compared with."""

    pages: set[str]
    info: dict[str, str]
    """The information line of each page that has one, by page."""

    edits: dict[str, str]
    """The edit link of each page that has one, by page."""

    decisions: list[str] = field(default_factory=list)
    """The decision pages."""

    nav_decisions: set[str] = field(default_factory=set)
    """The decision pages the navigation lists."""

    tagged: list[str] = field(default_factory=list)
    """The decision pages whose decision has tags."""


def reference(built: Built) -> Reference:
    """Read what the plugin's build shows on every page."""
    info, edits = {}, {}
    for page in built.pages():
        html = built.html(page)
        if found := _INFO.search(html):
            info[page] = found.group(1)
        if found := _EDIT.search(html):
            edits[page] = found.group(1)
    decisions = [page for page in built.pages() if _DECISION.match(page)]
    return Reference(set(built.pages()), info, edits, decisions, _nav_decisions(built), _tagged(built))


def _nav_decisions(built: Built) -> set[str]:
    """Return the decision pages the navigation lists, as seen from the decision index."""
    path = "decisions/index.html"
    if not (built.site / path).is_file():
        return set()
    html = built.html(path)
    start = html.find('class="md-nav md-nav--primary"')
    end = html.find("md-sidebar--secondary", start)
    links = _HREF.findall(html[start:end]) if start >= 0 else []
    decisions = [link for link in links if re.search(r"(^|/)\d{4}-", link)]
    return {urljoin("/" + path, link).lstrip("/") + "index.html" for link in decisions}


def measure(built: Built, ref: Reference) -> dict[str, Measure]:
    """Measure every feature of one built site against the plugin's build."""
    pages = set(built.pages())
    result: dict[str, Measure] = {}

    def count(name: str, wanted: list[str] | set[str], test: Callable[[str], bool]) -> None:
        good = sum(1 for page in wanted if page in pages and test(page))
        result[name] = Measure(bool(wanted) and good == len(wanted), f"{good}/{len(wanted)}")

    missing, extra = ref.pages - pages, pages - ref.pages
    result["Pages at the plugin's addresses"] = Measure(
        not missing and not extra,
        f"{len(ref.pages & pages)}/{len(ref.pages)}" + (f", {len(extra)} more" if extra else ""),
    )
    count(
        "Page-info line (owner, review, last change)", ref.info, lambda p: info_line(built, p) == ref.info[p]
    )
    overdue = [p for p, line in ref.info.items() if "overdue" in line.lower()]
    count("Overdue-review mark", overdue, lambda p: "overdue" in (info_line(built, p) or "").lower())
    count("Edit link to the file an author edits", ref.edits, lambda p: edit_link(built, p) == ref.edits[p])
    generated = sorted(ref.pages - set(ref.edits))
    count("No edit link on generated pages", generated, lambda p: edit_link(built, p) is None)
    count("Decision header", ref.decisions, lambda p: 'class="th-decision-meta"' in built.html(p))
    count("Decision banner", ref.decisions, lambda p: "th-banner" in built.html(p))
    count("Decision tags shown on the page", ref.tagged, lambda p: "md-tag" in built.html(p))
    count("Links to previous and next decision", ref.decisions, lambda p: _neighbours(built, p, ref))
    listed = _nav_decisions(built)
    result["Recent decisions in the navigation"] = Measure(
        bool(ref.nav_decisions) and listed == ref.nav_decisions,
        f"{len(listed & ref.nav_decisions)}/{len(ref.nav_decisions)}",
    )
    result["Tags page lists the decisions"] = _tags_page(built, ref)
    count("Stylesheets and scripts linked", sorted(ref.pages - {"404.html"}), lambda p: _assets(built, p))
    count(
        "Feed linked from every page's head", sorted(ref.pages - {"404.html"}), lambda p: _feed_head(built, p)
    )
    result["Links in the pages resolve"] = _page_links(built)
    result["decisions.json links resolve"] = _json_links(built)
    result["Feed links resolve"] = _feed_links(built)
    result["Graph links resolve"] = _graph_links(built)
    result["Decisions in the site search"] = _search(built, ref)
    return result


def info_line(built: Built, page: str) -> str | None:
    """Return a page's information line (owner, review, last change), or None."""
    found = _INFO.search(built.html(page))
    return found.group(1) if found else None


def edit_link(built: Built, page: str) -> str | None:
    """Return the address a page's edit button opens, or None."""
    found = _EDIT.search(built.html(page))
    return found.group(1) if found else None


def _tagged(built: Built) -> list[str]:
    """Return the decision pages whose decision has tags (as decisions.json says)."""
    path = built.site / "decisions.json"
    if not path.is_file():
        return []
    records = json.loads(path.read_text("utf-8"))["decisions"]
    return [urljoin("", r["url"]) + "index.html" for r in records if r["tags"]]


def _neighbours(built: Built, page: str, ref: Reference) -> bool:
    """Tell whether a decision page links the decisions before and after it in the log."""
    position = ref.decisions.index(page)
    html = built.html(page)
    links = {urljoin("/" + page, href).lstrip("/") for href in _HREF.findall(html)}
    wanted = [ref.decisions[i] for i in (position - 1, position + 1) if 0 <= i < len(ref.decisions)]
    return all(w.removesuffix("index.html") in links for w in wanted)


def _tags_page(built: Built, ref: Reference) -> Measure:
    """Tell whether the Tags page links every tagged decision."""
    tagged = ref.tagged
    path = built.site / "tags" / "index.html"
    if not path.is_file():
        return Measure(False, "no page")
    links = {urljoin("/tags/", href).lstrip("/") for href in _HREF.findall(path.read_text("utf-8"))}
    good = sum(1 for page in tagged if page.removesuffix("index.html") in links)
    return Measure(bool(tagged) and good == len(tagged), f"{good}/{len(tagged)}")


def _assets(built: Built, page: str) -> bool:
    """Tell whether a page links the handbook's stylesheet and its decision-index script."""
    html = built.html(page)
    return "assets/teamhandbook/teamhandbook.css" in html and "assets/teamhandbook/decision-index.js" in html


def _feed_head(built: Built, page: str) -> bool:
    """Tell whether a page's head links the Atom feed, and the link leads to it."""
    html = built.html(page)
    head = html[: html.find("</head>")]
    found = _FEED_HEAD.search(head)
    return bool(found) and built.resolves(found.group(1), page)


def broken_links(built: Built) -> tuple[list[tuple[str, str]], int]:
    """Return the links of the pages' text (``<article>``) that lead to no file of the site, with
    their page, and how many links there are in all."""
    broken, total = [], 0
    for page in built.pages():
        html = built.html(page)
        start = html.find("<article")
        article = html[start : html.find("</article>", start)] if start >= 0 else ""
        for link in re.findall(r'(?:href|src)="([^"]*)"', article):
            if (
                not link
                or link.startswith(("#", "mailto:"))
                or (urlsplit(link).scheme and not link.startswith(SITE_URL))
            ):
                continue
            total += 1
            if not built.resolves(html_unescape(link), page):
                broken.append((page, link))
    return broken, total


def _page_links(built: Built) -> Measure:
    """Tell whether every link in the pages' text leads to a file of the site."""
    broken, total = broken_links(built)
    return Measure(total > 0 and not broken, f"{total - len(broken)}/{total}")


def _json_links(built: Built) -> Measure:
    """Tell whether every address in ``decisions.json`` leads to a page of the site."""
    path = built.site / "decisions.json"
    if not path.is_file():
        return Measure(False, "no decisions.json")
    records = json.loads(path.read_text("utf-8"))["decisions"]
    good = sum(1 for r in records if built.resolves(r["url"]))
    return Measure(bool(records) and good == len(records), f"{good}/{len(records)}")


def _feed_links(built: Built) -> Measure:
    """Tell whether every link of the Atom feed leads to a page of the site."""
    path = built.site / "feed.xml"
    if not path.is_file():
        return Measure(False, "no feed.xml")
    links = re.findall(r'<link[^>]*href="([^"]+)"', path.read_text("utf-8"))
    good = sum(1 for link in links if built.resolves(link))
    return Measure(bool(links) and good == len(links), f"{good}/{len(links)}")


def _graph_links(built: Built) -> Measure:
    """Tell whether every decision the graph links leads to its page."""
    path = "decisions/graph/index.html"
    if not (built.site / path).is_file():
        return Measure(False, "no graph")
    links = _CLICK.findall(built.html(path))
    good = sum(1 for link in links if built.resolves(link, path))
    return Measure(bool(links) and good == len(links), f"{good}/{len(links)}")


def _search(built: Built, ref: Reference) -> Measure:
    """Tell whether the site's search index has an entry for every decision page."""
    for name, key in (("search/search_index.json", "docs"), ("search.json", "items")):
        path = built.site / name
        if path.is_file():
            entries = json.loads(path.read_text("utf-8")).get(key, [])
            found = {entry["location"].split("#", 1)[0] for entry in entries}
            good = sum(1 for page in ref.decisions if page.removesuffix("index.html") in found)
            return Measure(bool(ref.decisions) and good == len(ref.decisions), f"{good}/{len(ref.decisions)}")
    return Measure(False, "no index")


def browser_measures(sites: dict[str, Built]) -> dict[str, dict[str, Measure]]:
    """Open each site in headless Chromium, offline: the index's filters and the graph."""
    from playwright.sync_api import sync_playwright

    from .browser.conftest import LAUNCH_ARGS, OPEN_SHADOW_ROOTS, Watch, chromium_path, open_context, serve

    found: dict[str, dict[str, Measure]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=LAUNCH_ARGS)
        for name, built in sites.items():
            server = serve(built.site, urlsplit(SITE_URL).path)
            watch = Watch()
            context = open_context(browser, watch)
            page = context.new_page()
            page.add_init_script(OPEN_SHADOW_ROOTS)
            try:
                found[name] = _browse(page, server.url, watch)
            finally:
                context.close()
                server.close()
        browser.close()
    return found


def _browse(page, url: str, watch) -> dict[str, Measure]:
    """Measure the decision index's filters and the graph on one served site."""
    result = {}
    ready = False
    try:
        page.goto(url + "decisions/")
        page.wait_for_selector('.th-decision-filters[data-ready="true"]', timeout=5000)
        page.select_option('select[name="status"]', "superseded")
        rows = "Array.from(document.querySelectorAll('.md-typeset table tbody tr'))"
        visible = page.evaluate(rows + ".filter(row => !row.hidden).length")
        ready = visible == 1
    except Exception:
        ready = False
    result["Decision index filters (Chromium)"] = Measure(ready, "works" if ready else "missing")
    drawn = False
    try:
        page.goto(url + "decisions/graph/")
        page.wait_for_selector(".mermaid svg", timeout=8000)
        drawn = True
    except Exception:
        drawn = False
    result["Graph drawn offline (Chromium)"] = Measure(
        drawn and not watch.external_requests, "works" if drawn else "not drawn"
    )
    result["No request leaves the site"] = Measure(
        not watch.external_requests, f"{len(watch.external_requests)} external requests"
    )
    return result


def table(measures: dict[str, dict[str, Measure]], builds: dict[str, Built]) -> str:
    """Return the comparison as a Markdown table: a row per feature, a column per builder."""
    names = list(measures)
    rows = [
        "| Feature | " + " | ".join(BUILDERS[n] for n in names) + " |",
        "|---|" + "---|" * len(names),
        "| Build passes (strict) | "
        + " | ".join(("yes" if builds[n].returncode == 0 else "**fails**") for n in names)
        + " |",
    ]
    features = list(dict.fromkeys(f for n in names for f in measures[n]))
    for feature in features:
        cells = []
        for name in names:
            found = measures[name].get(feature)
            cells.append("–" if found is None else ("✓ " if found.ok else "✗ ") + found.detail)
        rows.append(f"| {feature} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    """Build the example every way, measure each site and print the comparison table."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        builds = build_all(BUILDERS, base)
        ref = reference(builds["mkdocs"])
        measures = {name: measure(built, ref) for name, built in builds.items()}
        if "--browser" in argv:
            for name, found in browser_measures(builds).items():
                measures[name].update(found)
        print(table(measures, builds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
