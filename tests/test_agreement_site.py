"""The working agreement on a built site: its pages, macros, widgets' data and templates."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from pathlib import Path

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.pages.agreement import key_figures
from teamhandbook.settings import Settings

from .conftest import MINIMAL_CONFIG, build, make_handbook

EVIL_NAME = "Zoë <img src=x onerror=alert(1)> {{ evil }}"

FILES = {
    "working-agreement/team.yml": f"""\
        people:
          - name: Ana Silva
            handle: ana
            role: Backend engineer
            timezone: America/Sao_Paulo
            hours: 09:00-17:00
          - name: "{EVIL_NAME}"
            handle: zoe
            role: "</script><script>alert(2)</script>"
            timezone: Africa/Lagos
            hours: [08:00-12:00, 13:00-17:00]
            note: Split day
        """,
    "working-agreement/agreement.yml": """\
        response-times:
          - tier: urgent
            within: 4 business hours
            for: Blocked today.
            channels: {email: 1 business day}
          - tier: normal
            within: 1 business day
        channels:
          - name: chat
            label: Team chat
            for: Quick questions.
            public: true
          - name: email
            label: Email
        escalation:
          label: Page the on-call engineer
          contacts: [ana]
        core-hours:
          utc: 13:00-14:00
          for: Calls.
        focus:
          - name: Morning focus
            hours: morning
        sync-or-async:
          situations:
            - situation: Status updates
              prefer: async
              sync: wasteful
              async: preferred
          escalate-to-call:
            after: 3
            rule: Book a call.
        """,
    "working-agreement/index.md": """\
        # Our agreement

        {{ key_figures() }}

        {{ team_roster() }}

        {{ response_times() }}

        Urgent is {{ response_time("urgent") }}; on email, {{ response_time("urgent", channel="email") }}.
        A thread becomes a call after {{ call_after() }} rounds. Ask {{ person("ana") }}.

        ```yaml
        token: ${{ secrets.TOKEN }}
        image: {{ .Values.image }}
        ```

        Inline `{{ github.ref }}` stays. See the ![diagram](diagram.svg).

        {{ template_list() }}
        """,
    "working-agreement/overlap.md": """\
        # Overlap

        {{ core_window() }}

        {{ overlap_strips() }}

        {{ working_now() }}

        {{ reply_estimator() }}

        {{ overlap_through_the_year() }}
        """,
    "working-agreement/diagram.svg": '<svg xmlns="http://www.w3.org/2000/svg"><title>d</title></svg>',
    "working-agreement/templates/weekly.md": """\
        ---
        title: Weekly update
        description: What happened this week.
        path: docs/updates/{date}-{handle}-weekly.md
        ---
        # Weekly update

        Keep {{ not_a_macro }} and {% raw %} as written.

        ```yaml
        example: true
        ```
        """,
}
CONFIG = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A handbook with a roster, an agreement, two pages, an image and a template, built strictly."""
    root = make_handbook(tmp_path_factory.mktemp("agreement") / "handbook", FILES, CONFIG)
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    return result


def test_pages_are_published_with_edit_links_to_their_files(site) -> None:
    """Each agreement page and template is at ``working-agreement/…/`` and edits its real file."""
    for url, source in [
        ("working-agreement/", "working-agreement/index.md"),
        ("working-agreement/overlap/", "working-agreement/overlap.md"),
        ("working-agreement/templates/weekly/", "working-agreement/templates/weekly.md"),
    ]:
        assert f'href="https://github.com/example/handbook/edit/main/{source}"' in site.page(url)
    assert (site.site / "working-agreement" / "diagram.svg").is_file()
    assert 'src="diagram.svg"' in site.content("working-agreement/")


def test_macros_quote_the_data(site) -> None:
    """Response times, the call rule and names come from the data, not from the page's text."""
    page = site.content("working-agreement/")
    assert "Urgent is 4 business hours; on email, 1 business day." in page
    assert "after 3 rounds. Ask Ana Silva." in page
    table = page.split("<table>")[2]
    assert "<th>On Email</th>" in table and '<td data-label="On Email">1 business day</td>' in table


def test_key_figures_link_to_the_local_times(site) -> None:
    """The key figures list each tier and the core window, linking to the page with local times."""
    page = site.content("working-agreement/")
    assert "<strong>Urgent</strong>: an answer within 4 business hours." in page
    assert '13:00–14:00 UTC, Mon–Fri (<a href="overlap/">in everyone’s local time</a>)' in page


def test_authors_text_is_shown_as_text(site) -> None:
    """A name with HTML or braces is escaped everywhere: no element is made, no template is run."""
    for url in ("working-agreement/", "working-agreement/overlap/"):
        page = site.content(url)
        assert "<img src=x" not in page and "<script>alert(2)" not in page
        assert EVIL_NAME in html.unescape(re.sub(r"<(?!img)[^>]+>", "", page))
    roster = site.content("working-agreement/").replace("&#123;", "{").replace("&#125;", "}")
    assert "Zoë &lt;img src=x onerror=alert(1)&gt; {{ evil }}" in roster


def test_code_is_shown_as_written(site) -> None:
    """``{{ }}`` in code blocks and inline code of agreement pages is not run by macros."""
    page = html.unescape(re.sub(r"<[^>]+>", "", site.content("working-agreement/")))
    assert "token: ${{ secrets.TOKEN }}" in page
    assert "image: {{ .Values.image }}" in page
    assert "Inline {{ github.ref }} stays." in page


def test_widgets_carry_their_data_once_per_page(site) -> None:
    """The overlap page has one inert data element whose JSON holds people, tiers and the window."""
    page = site.page("working-agreement/overlap/")
    blocks = re.findall(r'<div class="th-agreement-data" hidden data-agreement="([^"]*)"></div>', page)
    assert len(blocks) == 1
    assert "<" not in blocks[0] and "{" not in blocks[0]
    data = json.loads(html.unescape(blocks[0]))
    assert [p["handle"] for p in data["people"]] == ["ana", "zoe"]
    assert data["people"][1]["name"] == EVIL_NAME
    assert data["people"][1]["hours"] == [[480, 720], [780, 1020]]
    assert data["core"] == {"start": 780, "end": 840, "days": [0, 1, 2, 3, 4]}
    assert data["tiers"][0]["channels"]["email"]["unit"] == "days"
    for kind in ("strips", "working-now", "reply-estimator"):
        assert f'data-th-widget="{kind}"' in page


def test_strips_and_the_year_show_the_overlap(site) -> None:
    """The strips draw each person's hours in UTC; the year table gives the overlap in UTC."""
    page = site.content("working-agreement/overlap/")
    assert 'aria-label="Ana Silva: works 12:00–20:00 UTC"' in page
    assert 'aria-label="Everyone: 12:00–16:00 UTC"' in page
    assert "everyone overlaps 240 minutes a day" in page
    local = '<td data-label="The core window in their time"><span class="th-nowrap">{}</span></td>'
    assert local.format("10:00–11:00") in page and local.format("14:00–15:00") in page  # São Paulo, Lagos


def test_template_pages_show_the_template_as_written(site) -> None:
    """A template's page says where documents go and shows its text, braces included."""
    page = site.content("working-agreement/templates/weekly/")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "docs/updates/{date}-{handle}-weekly.md" in text
    assert "Keep {{ not_a_macro }} and {% raw %} as written." in text
    assert "```yaml" in text
    listing = site.content("working-agreement/")
    assert '<a href="templates/weekly/">Weekly update</a>: What happened this week.' in listing


def test_the_agreement_folder_is_watched_by_serve(tmp_path: Path) -> None:
    """``mkdocs serve`` watches the agreement folder, so editing the roster reloads the site."""
    from mkdocs.config import load_config

    root = make_handbook(tmp_path / "h", {"working-agreement/team.yml": "people: []\n"})
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_config(config)
    assert str((root / "working-agreement").resolve()) in config.watch


def test_dirty_rebuilds_follow_the_data(tmp_path: Path) -> None:
    """With ``mkdocs serve --dirty``, an agreement page is rebuilt when the roster it quotes changes."""
    from mkdocs.config import load_config
    from teamhandbook.plugin.agreement import QuotingPage

    root = make_handbook(tmp_path / "h", FILES, CONFIG)
    source, team = root / "working-agreement/index.md", root / "working-agreement/team.yml"
    page = QuotingPage(
        "working-agreement/index.md", load_config(str(root / "mkdocs.yml")), source, str, [team]
    )
    written = Path(page.abs_dest_path)
    written.parent.mkdir(parents=True)
    written.write_text("built", encoding="utf-8")
    built = written.stat().st_mtime
    for path in (source, team):
        os.utime(path, (built - 60, built - 60))
    assert not page.is_modified()
    os.utime(team, (built + 60, built + 60))
    assert page.is_modified()


def test_a_roster_alone_builds(tmp_path: Path) -> None:
    """A handbook whose agreement folder holds only a roster builds strictly, with no agreement pages."""
    root = make_handbook(tmp_path / "h", {"working-agreement/team.yml": FILES["working-agreement/team.yml"]})
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    assert result.warnings() == []
    assert not (result.site / "working-agreement").exists()


def test_a_handbook_without_an_agreement_has_none(tmp_path: Path) -> None:
    """With no agreement folder, the model has no agreement and the key figures are empty."""
    root = make_handbook(tmp_path / "h")
    handbook = load_handbook(Settings(root=root))
    assert handbook.agreement is None
    assert key_figures(handbook.agreement, "start-here/index.md") == ""


def test_key_figures_for_another_page(tmp_path: Path) -> None:
    """The key figures block links to the local times relative to the page that embeds it."""
    root = make_handbook(tmp_path / "h", FILES)
    agreement = load_handbook(Settings(root=root, today=dt.date(2026, 11, 23))).agreement
    block = key_figures(agreement, "start-here/index.md")
    assert "- **Normal**: an answer within 1 business day." in block
    assert "- **Truly urgent**: page the on-call engineer, not a message." in block
    assert "13:00–14:00 UTC, Mon–Fri ([in everyone’s local time](../working-agreement/overlap.md))" in block
