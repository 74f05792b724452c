"""Harbor's updates, projects and meetings, built as of 2 December 2026 (the tests pin the date, so
they read the same pages whatever day they run)."""

from __future__ import annotations

import html
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from .cli import run_cli
from .conftest import REPOSITORY, Build, build
from .updates_helpers import epoch

AS_OF = "2026-12-02T13:00:00Z"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's handbook, copied without its git history and built strictly as of AS_OF."""
    root = tmp_path_factory.mktemp("example") / "handbook"
    ignored = shutil.ignore_patterns(".git", ".venv", "site", "plugins", "tests", "__pycache__", "*.egg-info")
    shutil.copytree(REPOSITORY, root, ignore=ignored)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(AS_OF))
        result = build(root, strict=True)
    assert result.returncode == 0, result.log
    return result


def text(html: str) -> str:
    """Return HTML as one line of text."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_every_update_is_listed_newest_first(example: Build) -> None:
    """35 updates: 28 weekly ones, 3 meetings, 3 handoffs and a request, the newest first."""
    index = example.content("updates/")
    kinds = re.findall(r'<tr data-person="\w+" data-kind="(\w+)"', index)
    assert len(kinds) == 35
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "weekly": 28,
        "meeting": 3,
        "handoff": 3,
        "request": 1,
    }
    dates = re.findall(r'<tr data-person.*?<time datetime="([\d-]+)"', index)
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026-11-27" and dates[-1] == "2026-10-22"


def test_this_week_everyone_still_has_time(example: Build) -> None:
    """On Wednesday 2 December nobody is late: everyone's week 49 update is due by their own Friday."""
    page = text(example.content("updates/still-to-write/"))
    assert "Nobody is late. 5 of us still have time before the end of our week." in page
    assert "due by Fri 4 Dec, 21:30 in Kolkata (16:00 UTC), in 2 days" in page
    assert "due by Fri 4 Dec, 15:30 in Los Angeles (23:30 UTC), in 2 days" in page
    assert page.count("Posted") == 5  # everyone wrote last week's


def test_weeks_show_leave_a_missed_update_and_a_late_one(example: Build) -> None:
    """Week 46: Aisha on leave. Week 44: Maya wrote none. Week 45: Diego's Monday update counts."""
    assert "Aisha Okafor Away away that week (Leave), nothing expected" in text(
        example.content("updates/weeks/2026-w46/")
    )
    week_44 = text(example.content("updates/weeks/2026-w44/"))
    assert "Maya Chen Still to write was due by Fri 30 Oct, 15:30 in Los Angeles (22:30 UTC)" in week_44
    week_45 = text(example.content("updates/weeks/2026-w45/"))
    assert "Diego Ramírez Posted written: Mon 9 Nov" in week_45
    diego = text(example.content("updates/2026-11-09-diego-weekly/"))
    assert "Week 45, 2026 (written late)" in diego


def test_an_update_shows_its_authors_local_date(example: Build) -> None:
    """Maya wrote at 17:10 on Friday in Los Angeles, already Saturday in UTC."""
    page = text(example.content("updates/2026-11-27-maya-weekly/"))
    assert (
        "Written Friday 27 November 2026 , local date in Los Angeles, at 17:10 there (01:10 UTC, Sat 28 Nov)"
        in page
    )


def test_boards_as_of_the_day(example: Build) -> None:
    """Lukas's blocker is 19 days old; Priya's fallback script is overdue; Maya's window is due soon."""
    blockers = text(example.content("updates/blockers/"))
    assert "Lukas Berg Staging upgrade to PostgreSQL 17 fails at the pg_partman extension step" in blockers
    assert "Fri 13 Nov 2026 19 days" in blockers
    assert "Push provider rate-limits batch sends above 500 per second" in blockers.split("Cleared")[1]
    actions = text(example.content("updates/action-items/"))
    assert "4 open , 1 of them overdue; 8 done and 0 dropped." in actions
    assert "Overdue due Fri 27 Nov 2026 , 5 days ago — Script the logical-replication fallback" in actions
    assert "Due soon Fri 4 Dec 2026 , in 2 days — Agree a maintenance window with support" in actions


def test_projects_page_puts_the_project_at_risk_first(example: Build) -> None:
    """PostgreSQL 17 is at risk, with Lukas's blocker and ADR-0009; the escalations project is done."""
    page = example.content("projects/")
    order = re.findall(r'id="project-([\w-]+)"', page)
    assert order == ["postgres-17", "digest-mode", "pager-escalations"]
    postgres = text(page.split('id="project-postgres-17"></span>')[1].split('id="project-digest-mode"')[0])
    assert postgres.startswith(
        "At risk since Fri 20 Nov 2026 · Owner: Lukas Berg · Target: Thu 10 Dec 2026 , in 8 days"
    )
    assert "Open blockers (2): Staging upgrade to PostgreSQL 17 fails" in postgres
    blockers = page.split("Open blockers (2):")[1].split("</ul>")[0]
    assert [text(item) for item in re.findall(r"<li>(.*?)</li>", blockers, re.S)] == [
        "Staging upgrade to PostgreSQL 17 fails at the pg_partman extension step; waiting on the provider "
        "(ticket 4471). (Lukas Berg, 19 days)",
        "@lukas: propose two maintenance windows for the upgrade by Thursday 3 December. (Maya Chen, 5 days)",
    ]  # one under the other, each with whose it is and its age
    assert "Latest update: Weekly update by Maya Chen, Fri 27 Nov 2026 (5 days ago)" in postgres
    assert "ADR-0009: Move the primary database to managed PostgreSQL Accepted" in postgres
    assert "On track (2026-10-19) → At risk (2026-11-20)" in postgres


def test_every_link_of_the_updates_pages_leads_to_a_page_and_its_anchor(example: Build) -> None:
    """Links written in HTML (tables, cards), which MkDocs does not check, lead where they say too."""
    pages = [
        path
        for folder in ("updates", "projects")
        for path in sorted((example.site / folder).rglob("index.html"))
    ]
    assert len(pages) > 40
    checked = 0
    for page in pages:
        url = page.parent.relative_to(example.site).as_posix() + "/"
        article = example.content(url)
        for href in re.findall(r'href="([^"]+)"', article):
            href = html.unescape(href)
            if href.startswith(("http:", "https:", "mailto:", "#")):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / unquote(path)).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{url}: {href}"
            if fragment and "=" not in fragment:  # not a filter (#project=…), which the browser tests follow
                assert f'id="{fragment}"' in target.read_text("utf-8"), f"{url}: {href}"
            checked += 1
    assert checked > 400


def test_the_home_radiator(example: Build) -> None:
    """The home page lists the project at risk, the open proposal, the overdue review and action item."""
    home = example.content("")
    glances = re.findall(r'data-glance="(\w+)">([^<]+)</span>', home)
    assert glances == [
        ("project", "At risk"),
        ("proposal", "Feedback by Fri 4 Dec 2026"),
        ("review", "Review overdue since Tue 1 Sep 2026"),
        ("action", "Action overdue since Fri 27 Nov 2026"),
    ]
    assert "Still to write this week: 0 late, 5 due" in home


def test_meeting_notes_link_the_decisions_they_name(example: Build) -> None:
    """The demo call retrospective links ADR-0011, ADR-0012 and ADR-0008 in its Decisions section."""
    page = example.content("updates/2026-11-19-demo-call-retrospective/")
    decisions = page.split('id="decisions"')[1].split('id="action-items"')[0]
    assert re.findall(r'href="\.\./\.\./decisions/(\d{4})[^"]*/">ADR-\d{4}</a>', decisions) == [
        "0011",
        "0012",
        "0008",
    ]


def test_the_feed_carries_updates_and_project_changes(example: Build) -> None:
    """``feed_updates: true``: the newest updates and projects' status changes are feed entries."""
    feed = ET.parse(example.site / "feed.xml").getroot()
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    site = "https://harbor-team.github.io/handbook/"
    assert f"{site}updates/2026-11-27-maya-weekly/#posted" in ids
    assert f"{site}projects/#project-postgres-17-at-risk-2026-11-20" in ids
    assert len(ids) == len(set(ids))


def test_the_check_agrees_with_the_build(example: Build, capsys) -> None:
    """The example's check finds no error; only the overdue review is a warning."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(AS_OF))
        outcome = run_cli(capsys, example.root, "check")
    assert outcome.code == 0
    assert outcome.out.splitlines()[-1] == "handbook check: 1 warning"


def test_render_writes_the_update_pages(example: Build, capsys, tmp_path: Path) -> None:
    """``handbook render`` writes every update's page and the generated pages for another builder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch(AS_OF))
        outcome = run_cli(capsys, example.root, "render", "--out", str(tmp_path / "out"))
    assert outcome.code == 0, outcome.err
    out = tmp_path / "out"
    assert len(list((out / "updates").glob("2026-*.md"))) == 35
    for page in (
        "updates/index.md",
        "updates/still-to-write.md",
        "projects/index.md",
        "updates/weeks/2026-w48.md",
    ):
        assert (out / page).is_file(), page
    assert "**At risk**" not in (out / "index.md").read_text("utf-8")
    assert 'data-glance="project">At risk</span>' in (out / "index.md").read_text("utf-8")
