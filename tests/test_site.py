"""The decision pages, the generated pages and the exports of a built site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import MERMAID_CONFIG, MINIMAL_CONFIG, build, decision, make_handbook

LOG = {
    "decisions/0001-record-decisions.md": decision(
        {
            "status": "accepted",
            "date": "2024-01-15",
            "decision-makers": ["Maya Chen", "Lukas Berg"],
            "tags": ["process"],
        },
        "Record decisions as ADRs",
    ),
    "decisions/0002-self-host-postgres.md": decision(
        {
            "status": "superseded",
            "date": "2024-02-03",
            "superseded-by": ["0004"],
            "tags": ["database"],
        },
        "Self-host PostgreSQL",
    ),
    "decisions/0003-core-hours.md": decision(
        {"status": "proposed", "date": "2024-02-20", "feedback-by": "2024-03-01", "relates-to": ["0001"]},
        "Core overlap hours",
    ),
    "decisions/0004-managed-postgres.md": decision(
        {
            "status": "accepted",
            "date": "2024-03-11",
            "supersedes": ["0002"],
            "tags": ["database", "infrastructure"],
        },
        "Move to managed PostgreSQL",
    ),
    "decisions/archive/0005-old-tooling.md": decision(
        {"status": "deprecated", "date": "2023-11-30"},
        "Old tooling",
        body="See the [diagram](tooling.svg) and [the ADR decision](../0001-record-decisions.md).",
    ),
    "decisions/archive/tooling.svg": '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title></svg>',
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A small decision log with every status and relation, built once for this module."""
    root = make_handbook(tmp_path_factory.mktemp("site") / "handbook", LOG, MERMAID_CONFIG)
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    return result


def test_every_decision_gets_a_page_at_its_stem(site) -> None:
    """Each decision, subfolders included, is published at ``decisions/<file-stem>/``."""
    for path in LOG:
        if path.endswith(".md"):
            assert (site.site / "decisions" / Path(path).stem / "index.html").is_file()


def test_edit_links_point_at_the_real_files(site) -> None:
    """The edit button of a decision points at its file in the repository, outside docs/."""
    page = site.page("decisions/0001-record-decisions/")
    assert 'href="https://github.com/example/handbook/edit/main/decisions/0001-record-decisions.md"' in page
    nested = site.page("decisions/0005-old-tooling/")
    assert "edit/main/decisions/archive/0005-old-tooling.md" in nested


def test_decision_header_shows_the_metadata(site) -> None:
    """The header shows the status badge, number, date and deciders."""
    page = site.page("decisions/0001-record-decisions/")
    assert 'class="th-status th-status--accepted"' in page
    assert "ADR-0001" in page
    assert '<time datetime="2024-01-15">' in page
    assert "Maya Chen, Lukas Berg" in page


def test_superseded_banner_links_the_successor(site) -> None:
    """A superseded decision says so prominently and links to the decision that replaced it."""
    page = site.page("decisions/0002-self-host-postgres/")
    banner = re.search(r'<div class="th-banner th-banner--superseded".*?</div>', page, re.S).group(0)
    assert 'data-status="superseded"' in banner and 'role="note"' in banner
    assert 'href="../0004-managed-postgres/"' in banner


@pytest.mark.parametrize(
    ("stem", "kind", "words"),
    [
        ("0003-core-hours", "proposed", "Feedback is welcome until"),
        ("0005-old-tooling", "deprecated", "no longer applies"),
    ],
)
def test_proposed_and_deprecated_decisions_have_banners(site, stem: str, kind: str, words: str) -> None:
    """Proposed and deprecated decisions carry a banner saying what that means."""
    page = site.page(f"decisions/{stem}/")
    assert f"th-banner--{kind}" in page
    assert words in page


def test_relations_are_linked_both_ways(site) -> None:
    """A decision links what it supersedes, and related decisions link each other."""
    newer = site.page("decisions/0004-managed-postgres/")
    assert "Supersedes:" in newer and 'href="../0002-self-host-postgres/"' in newer
    related = site.page("decisions/0001-record-decisions/")
    assert "Related:" in related and 'href="../0003-core-hours/"' in related


def test_links_in_a_subfolder_are_rebased(site) -> None:
    """Links written next to a file in a subfolder still work from its published page."""
    page = site.page("decisions/0005-old-tooling/")
    assert 'href="../archive/tooling.svg"' in page
    assert 'href="../0001-record-decisions/"' in page
    assert (site.site / "decisions" / "archive" / "tooling.svg").is_file()


def test_index_lists_every_decision_with_its_details(site) -> None:
    """The index has a row per decision: number, linked title, status, date, deciders and tags."""
    index = site.page("decisions/")
    rows = re.findall(r"<tr>.*?</tr>", index, re.S)[1:]
    assert len(rows) == 5
    first = rows[0]
    assert "0001" in first and 'href="0001-record-decisions/"' in first
    assert "th-status--accepted" in first and "2024-01-15" in first
    assert "Maya Chen, Lukas Berg" in first and '<span class="th-tag">process</span>' in first


def test_index_shows_counts_per_status(site) -> None:
    """The index counts decisions per status, and the counts add up."""
    index = site.page("decisions/")
    counts = dict(re.findall(r'data-status="(\w+)">.*?th-count__number">(\d+)<', index))
    assert counts == {"proposed": "1", "accepted": "2", "deprecated": "1", "superseded": "1"}


def test_timeline_groups_decisions_by_month(site) -> None:
    """The timeline has a heading per month, newest first, each listing that month's decisions."""
    page = site.page("decisions/timeline/")
    months = re.findall(r"<h2[^>]*>([A-Z][a-z]+ \d{4})", page)
    assert months == ["March 2024", "February 2024", "January 2024", "November 2023"]
    february = page.split("February 2024")[1].split("<h2")[0]
    assert "0002-self-host-postgres" in february and "0003-core-hours" in february


def test_graph_draws_supersession_and_relations(site) -> None:
    """The graph page has a Mermaid diagram and the same relations as a list of links."""
    page = site.page("decisions/graph/")
    assert 'class="mermaid"' in page
    assert "--&gt;|supersedes|" in page and "-.-|relates to|" in page
    assert 'href="../0004-managed-postgres/">ADR-0004: Move to managed PostgreSQL</a> supersedes' in page


def test_decisions_json_has_the_documented_shape(site) -> None:
    """``decisions.json`` is an object with every decision and its documented fields."""
    data = site.json()
    assert set(data) == {"version", "decisions", "statuses", "skipped", "problems"}
    record = next(d for d in data["decisions"] if d["id"] == "0004-managed-postgres")
    assert record == {
        **record,
        "number": 4,
        "title": "Move to managed PostgreSQL",
        "status": "accepted",
        "status_raw": "accepted",
        "date": "2024-03-11",
        "date_source": "file",
        "status_label": "Accepted",
        "status_state": "in-force",
        "tags": ["database", "infrastructure"],
        "supersedes": ["0002-self-host-postgres"],
        "superseded_by": [],
        "url": "decisions/0004-managed-postgres/",
        "source": "decisions/0004-managed-postgres.md",
        "format": "madr4",
    }
    required = {
        "id",
        "number",
        "title",
        "status",
        "status_raw",
        "date",
        "date_source",
        "deciders",
        "tags",
        "supersedes",
        "superseded_by",
        "relates_to",
        "url",
        "source",
        "format",
    }
    assert all(required <= set(d) for d in data["decisions"])


def test_decision_urls_in_json_exist(site) -> None:
    """Every ``url`` in ``decisions.json`` is a page of the site."""
    for record in site.json()["decisions"]:
        assert (site.site / record["url"] / "index.html").is_file()


def test_navigation_lists_recent_decisions_only(tmp_path: Path) -> None:
    """The navigation lists only the most recent decisions; the others stay reachable."""
    files = {
        f"decisions/{n:04d}-decision-{n}.md": decision({"status": "accepted", "date": f"2024-01-{n:02d}"})
        for n in range(1, 16)
    }
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {"nav_decisions": 3}}]}
    result = build(make_handbook(tmp_path / "h", files, config), strict=True)
    home = result.page("")
    nav = home.split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    listed = sorted(set(re.findall(r"decisions/(\d{4})-decision", nav)))
    assert listed == ["0013", "0014", "0015"]
    middle = result.page("decisions/0007-decision-7/")
    previous = re.search(r'href="([^"]*)" class="md-footer__link md-footer__link--prev"', middle)
    following = re.search(r'href="([^"]*)" class="md-footer__link md-footer__link--next"', middle)
    assert (previous.group(1), following.group(1)) == ("../0006-decision-6/", "../0008-decision-8/")


def test_the_navigation_and_previous_next_follow_one_order(tmp_path: Path) -> None:
    """The most recent decisions, by date, are listed in the log's order, which previous/next follow:
    reading down the navigation is clicking "Next"."""
    dates = {1: "2024-01-01", 2: "2024-03-01", 3: "2024-02-01", 4: "2024-01-15", 5: "2024-04-01"}
    files = {
        f"decisions/{n:04d}-decision-{n}.md": decision({"status": "accepted", "date": day})
        for n, day in dates.items()
    }
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {"nav_decisions": 3}}]}
    result = build(make_handbook(tmp_path / "h", files, config), strict=True)
    nav = result.page("").split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    listed = list(dict.fromkeys(re.findall(r"decisions/(\d{4})-decision", nav)))
    assert listed == ["0002", "0003", "0005"]  # the three latest dates, by number
    following = re.compile(r'href="\.\./(\d{4})-decision-\d/" class="md-footer__link md-footer__link--next"')
    walk = ["0002"]
    while len(walk) < 4:
        walk.append(following.search(result.page(f"decisions/{walk[-1]}-decision-{int(walk[-1])}/")).group(1))
    assert walk == ["0002", "0003", "0004", "0005"]
    assert [n for n in walk if n in listed] == listed


def test_curly_braces_are_left_alone_by_macros(tmp_path: Path) -> None:
    """``{{ }}`` in decisions is shown as written, even with mkdocs-macros enabled after us."""
    body = (
        "```yaml\ntoken: ${{ secrets.TOKEN }}\nimage: {{ .Values.image }}\n```\n\n"
        "Inline `{{ github.ref }}` and text {{ not_a_macro }}."
    )
    files = {"decisions/0001-ci.md": decision({"status": "accepted"}, "CI {{ title }}", body)}
    config = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}
    result = build(make_handbook(tmp_path / "h", files, config), strict=True)
    assert result.returncode == 0, result.log
    page = html.unescape(result.page("decisions/0001-ci/"))  # as a reader sees it
    assert "secrets.TOKEN }}" in page and "{{ .Values.image }}" in page
    assert "{{ not_a_macro }}" in page and "CI {{ title }}" in page


def test_macros_can_be_turned_on_for_decisions(tmp_path: Path) -> None:
    """With ``render_macros: true``, decision pages are rendered by mkdocs-macros."""
    files = {"decisions/0001-math.md": decision({"status": "accepted"}, "Math", "Two is {{ 1 + 1 }}.")}
    config = {
        **MINIMAL_CONFIG,
        "plugins": ["search", {"team-handbook": {"render_macros": True}}, "macros"],
    }
    result = build(make_handbook(tmp_path / "h", files, config), strict=True)
    assert "Two is 2." in result.page("decisions/0001-math/")


def test_macros_quote_the_decision_log(tmp_path: Path) -> None:
    """Prose pages can link and list decisions through the handbook's macros."""
    files = {
        **{k: v for k, v in LOG.items() if "archive" not in k},
        "docs/index.md": "# Home\n\nRead {{ decision_link(4) }}. We have "
        "{{ decision_count(status='accepted') }} accepted decisions.\n\n"
        "{{ decision_list(tag='database') }}\n",
    }
    config = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}
    result = build(make_handbook(tmp_path / "h", files, config), strict=True)
    home = result.page("")
    assert 'href="decisions/0004-managed-postgres/">ADR-0004: Move to managed PostgreSQL</a>' in home
    assert "We have 2 accepted decisions." in home
    assert 'href="decisions/0002-self-host-postgres/"' in home


@pytest.mark.parametrize(
    "plugins",
    [
        ["search", {"team-handbook": {"decisions_dir": "decisions"}}],
        ["search", {"team-handbook": {"decisions_dir": "decisions"}}, "macros"],
    ],
    ids=["search-only", "with-macros-after"],
)
def test_a_minimal_configuration_builds(tmp_path: Path, plugins: list) -> None:
    """Only ``search`` and ``team-handbook``, on MkDocs' own theme, with no agreement: it builds."""
    config = {"site_name": "Minimal", "plugins": plugins}
    result = build(make_handbook(tmp_path / "h", LOG, config), strict=True)
    assert result.returncode == 0, result.log
    assert "Move to managed PostgreSQL" in result.page("decisions/")


def test_a_handbook_without_decisions_builds(tmp_path: Path) -> None:
    """With no decisions folder at all, the site builds and has no decision pages."""
    result = build(make_handbook(tmp_path / "h"), strict=True)
    assert result.returncode == 0, result.log
    assert not (result.site / "decisions").exists()
    assert result.json()["decisions"] == []


def test_the_decisions_folder_is_watched_by_serve(tmp_path: Path) -> None:
    """``mkdocs serve`` watches the decisions folder, so editing a decision reloads the site."""
    from mkdocs.config import load_config

    root = make_handbook(tmp_path / "h", LOG)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_config(config)
    assert str((root / "decisions").resolve()) in config.watch


def test_an_author_page_at_a_generated_path_is_kept(tmp_path: Path) -> None:
    """An author's own ``docs/decisions/index.md`` keeps its text; the listing goes at its marker."""
    files = {
        **{k: v for k, v in LOG.items() if "archive" not in k},
        "docs/decisions/index.md": "# Our decisions\n\nWhy we keep them.\n\n<!-- team-handbook -->\n\nFin.\n",
    }
    result = build(make_handbook(tmp_path / "h", files), strict=True)
    index = result.content("decisions/")
    assert "Why we keep them." in index and "Fin." in index
    assert index.index("Why we keep them.") < index.index("0001-record-decisions") < index.index("Fin.")
