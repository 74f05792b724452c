"""The example handbook on every builder, compared page by page with the plugin's own build.

(a) MkDocs with the plugin, (b) ProperDocs with the plugin, (c) ``handbook render --for
zensical`` built by Zensical, and ``handbook render --for mkdocs`` built by MkDocs without the
plugin; each is measured as ``tests/builders.py`` measures it for the guide's comparison table.
"""

from __future__ import annotations

import re

import pytest

from .builders import (
    EDIT_BASE,
    REPOSITORY,
    Built,
    Measure,
    Reference,
    build_all,
    edit_link,
    info_line,
    measure,
    reference,
)

OTHERS = ("properdocs", "zensical", "mkdocs-render")
FEATURES = (
    "Pages at the plugin's addresses",
    "Page-info line (owner, review, last change)",
    "Overdue-review mark",
    "Edit link to the file an author edits",
    "No edit link on generated pages",
    "Decision header",
    "Decision banner",
    "Decision tags shown on the page",
    "Links to previous and next decision",
    "Recent decisions in the navigation",
    "Tags page lists the decisions",
    "Stylesheets and scripts linked",
    "Feed linked from every page's head",
    "Links in the pages resolve",
    "decisions.json links resolve",
    "Feed links resolve",
    "Graph links resolve",
    "Decisions in the site search",
)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The example handbook built every way, all at once, once for the module."""
    return build_all(("mkdocs", *OTHERS, "zensical-as-is"), tmp_path_factory.mktemp("builders"))


@pytest.fixture(scope="module")
def sites(builds: dict[str, Built]) -> dict[str, Built]:
    """The builds that must pass: strictly, and without a traceback."""
    built = {name: builds[name] for name in ("mkdocs", *OTHERS)}
    for name, site in built.items():
        assert site.returncode == 0, f"{name}:\n{site.log}"
        assert "Traceback" not in site.log, f"{name}:\n{site.log}"
    return built


@pytest.fixture(scope="module")
def plugin_site(sites: dict[str, Built]) -> Reference:
    """What the plugin's build shows on every page."""
    return reference(sites["mkdocs"])


@pytest.fixture(scope="module")
def measured(sites: dict[str, Built], plugin_site: Reference) -> dict[str, dict[str, Measure]]:
    """Every feature of every build, measured against the plugin's build."""
    return {name: measure(site, plugin_site) for name, site in sites.items()}


def test_the_plugins_build_shows_every_feature(measured, plugin_site: Reference) -> None:
    """The reference build has each feature, on enough pages for the comparison to mean something."""
    failing = {f: m.detail for f, m in measured["mkdocs"].items() if not m.ok}
    assert failing == {}
    assert len(plugin_site.pages) > 100 and len(plugin_site.decisions) == 13
    assert len(plugin_site.info) > 30 and len(plugin_site.nav_decisions) == 10


@pytest.mark.parametrize("builder", OTHERS)
@pytest.mark.parametrize("feature", FEATURES)
def test_every_builder_shows_what_the_plugin_shows(measured, builder: str, feature: str) -> None:
    """Each feature of the plugin's site is there, page for page, on the other builds."""
    found = measured[builder][feature]
    assert found.ok, f"{builder}: {feature}: {found.detail}"


@pytest.mark.parametrize("builder", OTHERS)
def test_information_lines_say_the_same(sites, plugin_site: Reference, builder: str) -> None:
    """Every page's owner, last review and last change read exactly as on the plugin's site."""
    site = sites[builder]
    shown = {page: info_line(site, page) for page in plugin_site.info}
    assert shown == plugin_site.info


@pytest.mark.parametrize("builder", ("mkdocs", *OTHERS))
def test_edit_links_open_files_that_exist(sites, builder: str) -> None:
    """Every edit button opens a file of the repository: never a ``docs/…`` copy that does not exist."""
    site = sites[builder]
    links = {page: edit_link(site, page) for page in site.pages()}
    targets = {page: link for page, link in links.items() if link is not None}
    assert len(targets) > 70
    for page, link in targets.items():
        assert link.startswith(EDIT_BASE), (page, link)
        assert (REPOSITORY / link[len(EDIT_BASE) :]).is_file(), (page, link)
    decision = targets["decisions/0005-core-overlap-hour/index.html"]
    assert decision == EDIT_BASE + "decisions/0005-core-overlap-hour.md"
    assert targets["updates/2026-10-23-aisha-weekly/index.html"].endswith(
        "/updates/2026-10-23-aisha-weekly.md"
    )
    assert links["decisions/index.html"] is None


@pytest.fixture(scope="module")
def as_is(builds: dict[str, Built]) -> Built:
    """Zensical on a copy of the repository as it is: strictly (it fails), then not."""
    return builds["zensical-as-is"]


def test_the_measures_fail_where_the_plugin_did_not_run(as_is: Built, plugin_site: Reference) -> None:
    """Zensical on the repository as it is fails its strict build and lacks every generated feature,
    so the comparison above can fail."""
    assert as_is.returncode != 0
    found = measure(as_is, plugin_site)
    passing = [feature for feature in FEATURES if found[feature].ok]
    assert passing == []


def test_zensical_on_the_repository_as_is_says_what_to_do(as_is: Built) -> None:
    """Zensical builds the repository's docs/ with the handbook's macros rendered, no traceback in
    any page, and a notice naming `handbook render --for zensical`."""
    home = as_is.html("index.html")
    assert "Macro Rendering Error" not in home and "Traceback" not in home
    assert 'class="th-table' in home and "Maya Chen" in home  # the roster, from working-agreement/team.yml
    assert "th-glance" in home  # the radiator, from the updates
    assert not [page for page in as_is.pages() if "Traceback (most recent call last)" in as_is.html(page)]
    assert "does not run the team-handbook plugin" in as_is.log
    assert "handbook render --for zensical --out DIR" in as_is.log


def test_guide_pages_name_macros_in_code_without_running_them() -> None:
    """A page of ``docs/`` that shows a macro in code (`` `{{ radiator() }}` ``) turns macros off:
    mkdocs-macros runs macros in code too, where the plugin's site would show the macro's output
    and ``handbook render`` (which spares code) the macro as written."""
    shown_in_code = re.compile(r"`[^`\n]*\{\{[^`\n]*\}\}[^`\n]*`")
    running = [
        page.relative_to(REPOSITORY).as_posix()
        for page in sorted((REPOSITORY / "docs").rglob("*.md"))
        if shown_in_code.search(text := page.read_text("utf-8"))
        and not re.search(r"^render_macros: false\b", text.split("\n---", 1)[0], re.MULTILINE)
    ]
    assert running == []
