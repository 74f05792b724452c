"""Boards made from what people wrote, across dates: blockers (open, ticked, dropped), action items
(open, ticked, dropped, carried over, overdue), and who still has to write this week's update, in
their own time zone and working week, weekends and leave included."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.model.boards import WritingState
from teamhandbook.readers.site_config import read_site_config

from .conftest import Build, build, make_handbook
from .updates_helpers import PROJECTS, TEAM, WEEKLY_TEMPLATE, epoch, update, weekly

FILES: dict[str, str | bytes] = {
    "working-agreement/team.yml": TEAM,
    "working-agreement/templates/weekly.md": WEEKLY_TEMPLATE,
    "updates/projects.yml": PROJECTS,
    # Ana lists three items in week 45; in week 46 she keeps one, ticks one and drops the third.
    "updates/2026-11-06-ana-weekly.md": weekly(
        "ana",
        "2026-11-06",
        blocked="- Waiting for API keys from @lea\n- Staging is down",
        help_needed="- Review of PR 12",
        projects="[apollo]",
    ),
    "updates/2026-11-13-ana-weekly.md": weekly(
        "ana",
        "2026-11-13",
        blocked="- Waiting for API keys from @lea\n- [x] Staging is down",
        projects="[apollo]",
    ),
    # A handoff has no Blocked heading: it says nothing about Ana's blockers.
    "updates/2026-11-16-ana-handoff.md": update(
        {"author": "ana", "date": "2026-11-16", "kind": "handoff"},
        "## Status\n\n- ok\n\n## Next step\n\n- go\n\n## Open questions\n\n- None\n",
    ),
    # Lea strikes her blocker through in her next update.
    "updates/2026-11-06-lea-weekly.md": weekly("lea", "2026-11-06", blocked="- Vendor contract unsigned"),
    "updates/2026-11-13-lea-weekly.md": weekly("lea", "2026-11-13", blocked="- ~~Vendor contract unsigned~~"),
    # Sam keeps a blocker for weeks, written as prose.
    "updates/2026-11-05-sam-weekly.md": weekly(
        "sam", "2026-11-05", blocked="The build farm is\nout of disk."
    ),
    "updates/2026-11-12-sam-weekly.md": weekly("sam", "2026-11-12", blocked="The build farm is out of disk."),
    "updates/2026-11-10-planning.md": update(
        {"author": "ana", "date": "2026-11-10", "kind": "meeting", "title": "Planning"},
        """
        ## Agenda

        - Plan.

        ## Pre-reads

        - None

        ## Notes

        - Notes.

        ## Decisions

        - None

        ## Action items

        - [ ] @ana Write the runbook (due 2026-11-12)
        - [x] @lea Rotate the keys (due 2026-11-11)
        - [ ] ~~@lea Drop the old dashboard (due 2026-11-20)~~
        - [ ] @lea @ana Plan the migration (due 2026-12-15)
        - [ ] @kai Carry this over (due 2026-11-25)
        - [ ] @max Some day, perhaps
        """,
    ),
    "updates/2026-11-17-review.md": update(
        {"author": "lea", "date": "2026-11-17", "kind": "meeting", "title": "Review"},
        """
        ## Agenda

        - Review.

        ## Pre-reads

        - None

        ## Notes

        - Notes.

        ## Decisions

        - None

        ## Action items

        - [x] @kai Carry this over (due 2026-11-25)
        """,
    ),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook with the updates above."""
    return make_handbook(tmp_path_factory.mktemp("boards") / "handbook", FILES)


@dataclass
class DatedBuild(Build):
    """A build written to a site folder of its own, named after its date."""

    folder: str = "site"

    @property
    def site(self) -> Path:
        """The build's own site folder."""
        return self.root / self.folder


@pytest.fixture(scope="module")
def builds(root: Path) -> dict[str, Build]:
    """The handbook built strictly as of three moments, each into its own site folder."""
    sites = {}
    for moment in (
        "2026-11-11T18:00:00Z",
        "2026-11-13T18:00:00Z",
        "2026-11-27T18:00:00Z",
        "2026-12-01T18:00:00Z",
    ):
        day = moment[:10]
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", epoch(moment))
            result = build(root, "--site-dir", f"site-{day}", strict=True)
        assert result.returncode == 0, result.log
        sites[day] = DatedBuild(root, result.returncode, result.log, f"site-{day}")
    return sites


def rows(html: str) -> list[list[str]]:
    """Return the text of each body row of the first table, cell by cell."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_blockers_stay_until_ticked_struck_or_no_longer_listed(builds) -> None:
    """Open blockers are those the latest update still lists; each is aged from its first listing."""
    board = builds["2026-11-13"].content("updates/blockers/")
    listed = [(row[0], row[1], row[2], row[4]) for row in rows(board)]
    assert listed == [
        ("Sam Levi", "The build farm is out of disk.", "Blocked", "8 days"),
        ("Ana Souza", "Waiting for API keys from @lea", "Blocked", "7 days"),
    ]
    cleared = board.split("Cleared in the last 14 days")[1]
    assert re.findall(r"<del>(.*?)</del> <span class=\"th-cleared\" data-how=\"(\w+)\"", cleared) == [
        ("Staging is down", "ticked"),
        ("Review of PR 12", "dropped"),
        ("Vendor contract unsigned", "dropped"),
    ]


@pytest.mark.parametrize(
    ("day", "ages", "cleared"),
    [
        ("2026-11-13", ["8 days", "7 days"], 3),
        ("2026-11-27", ["22 days", "21 days"], 3),
        ("2026-12-01", ["26 days", "25 days"], 0),
    ],
)
def test_blocker_ages_and_the_cleared_list_follow_the_date(
    builds, day: str, ages: list[str], cleared: int
) -> None:
    """Ages grow with the build's date; what was cleared leaves the list 14 days later."""
    board = builds[day].content("updates/blockers/")
    assert [row[4] for row in rows(board)] == ages
    assert board.count('class="th-cleared"') == cleared


@pytest.mark.parametrize(
    ("day", "states"),
    [
        (
            "2026-11-11",
            {"Write the runbook": "soon", "Plan the migration": "later", "Some day, perhaps": "none"},
        ),
        (
            "2026-11-13",
            {"Write the runbook": "overdue", "Plan the migration": "later", "Some day, perhaps": "none"},
        ),
        (
            "2026-12-01",
            {"Write the runbook": "overdue", "Plan the migration": "later", "Some day, perhaps": "none"},
        ),
    ],
)
def test_action_items_by_owner_across_dates(builds, day: str, states: dict[str, str]) -> None:
    """Open items only, by owner, marked overdue or due soon as the date moves; ticked, struck and
    carried-over-then-ticked items are gone."""
    board = builds[day].content("updates/action-items/")
    for text in ("Rotate the keys", "Drop the old dashboard", "Carry this over"):
        assert text not in board
    found = dict(re.findall(r'data-due="(\w+)">[^<]*</span>.*? — ([^<]+?) (?:\(with [^)]*\) )?— from', board))
    assert {text: state for state, text in found.items()} == states
    sections = [re.sub(r"<[^>]+>", "", s).strip() for s in re.findall(r"<h2[^>]*>(.*?)</h2>", board)]
    assert sections == ["Ana Souza (2)", "Lea Wolf (1)", "Max Berg (1)"]
    lea = board.split("Lea Wolf (1)")[1].split("<h2")[0]
    assert "Plan the migration (with Ana Souza)" in lea
    overdue = "0" if day == "2026-11-11" else "1"
    assert f"3 open</strong>, {overdue} of them overdue; 2 done and 1 dropped." in board


def test_the_home_radiator_lists_what_needs_attention(tmp_path: Path) -> None:
    """With macros on, ``{{ radiator() }}`` lists the project at risk, the overdue action item and the
    counts, each a link that resolves in a strict build."""
    config = {
        "site_name": "Radiator",
        "theme": {"name": "material"},
        "plugins": ["search", "team-handbook", {"macros": {"on_undefined": "strict"}}],
        "validation": {"anchors": "warn"},
    }
    files = {**FILES, "docs/index.md": "# Home\n\n## Right now\n\n{{ radiator() }}\n"}
    root = make_handbook(tmp_path / "h", files, config)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-13T18:00:00Z"))
        result = build(root, strict=True)
    assert result.returncode == 0, result.log
    home = result.content("")
    glances = re.findall(r'data-glance="(\w+)">([^<]+)</span> (.*?)</li>', home)
    assert [(kind, label) for kind, label, _ in glances] == [
        ("project", "At risk"),
        ("action", "Action overdue since Thu 12 Nov 2026"),
    ]
    assert (
        'href="projects/#project-hermes"' in glances[0][2] and "The vendor has not signed." in glances[0][2]
    )
    assert "Ana Souza: Write the runbook" in glances[1][2]
    assert 'href="updates/2026-11-10-planning/"' in glances[1][2]
    assert "Open blockers: 2" in home and "Open action items: 3" in home


# --------------------------------------------------------------------------------------------
# Still to write: each person's own working week, in their own time zone
# --------------------------------------------------------------------------------------------

WRITING = {
    "working-agreement/team.yml": TEAM,
    "updates/2026-11-20-ana-weekly.md": weekly("ana", "2026-11-20"),
    # Written on Monday of the next week, for the week before.
    "updates/2026-11-16-kai-weekly.md": weekly("kai", "2026-11-16", week="2026-W46"),
    "updates/2026-11-16-kai-daily.md": update(
        {"author": "kai", "date": "2026-11-16", "kind": "daily"}, "x\n"
    ),
}


@pytest.fixture(scope="module")
def writing_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook where Ana wrote her week 47 update, and Kai his week 46 update late, on the Monday after."""
    return make_handbook(tmp_path_factory.mktemp("writing") / "handbook", WRITING)


P, D, L, A = WritingState.POSTED, WritingState.DUE, WritingState.LATE, WritingState.AWAY


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Friday 04:30 UTC: Kai's Friday in Auckland has ended (17:30 there); Lea's has not begun.
        # Sam works Sunday to Thursday, so his week ended on Thursday; Max is off on Friday, so his
        # ended on Thursday too. Ana wrote hers.
        (
            "2026-11-20T04:30:00Z",
            {"ana": (47, P), "kai": (47, L), "lea": (47, D), "sam": (47, L), "max": (47, L)},
        ),
        # Friday 15:59 UTC: Lea has a minute left in Berlin.
        ("2026-11-20T15:59:00Z", {"lea": (47, D), "ana": (47, P)}),
        ("2026-11-20T16:01:00Z", {"lea": (47, L)}),
        # Saturday: the weekend still belongs to the week that ended; nothing new is due.
        ("2026-11-21T12:00:00Z", {"ana": (47, P), "kai": (47, L), "lea": (47, L), "sam": (47, L)}),
        # Sunday noon UTC: Sam's new week has begun in Jerusalem, and Kai's (Monday in Auckland);
        # Ana and Lea are still in their Sunday of week 47.
        (
            "2026-11-22T12:00:00Z",
            {"ana": (47, P), "kai": (48, D), "lea": (47, L), "sam": (48, D), "max": (47, L)},
        ),
        # Monday: Lea is away all week 48, so nothing is due from her.
        ("2026-11-23T12:00:00Z", {"lea": (48, A), "ana": (48, D), "kai": (48, D)}),
        # Saturday of week 48: everyone else is late; Lea is still away, owing nothing.
        ("2026-11-28T12:00:00Z", {"lea": (48, A), "ana": (48, L), "max": (48, L), "sam": (48, L)}),
    ],
)
def test_still_to_write_in_each_persons_own_week(writing_root: Path, moment: str, expected: dict) -> None:
    """Who is posted, due, late or away depends on their time zone, working days and leave."""
    settings = read_site_config(writing_root / "mkdocs.yml").settings
    now = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    handbook = load_handbook(replace(settings, today=now.date(), now=now))
    found = {w.handle: (w.current.week.number, w.current.state) for w in handbook.boards.writing}
    assert {handle: found[handle] for handle in expected} == expected


def writing_as_of(root: Path, moment: dt.datetime) -> dict[str, object]:
    """Return where each person stands with the weekly update at an instant, by handle."""
    settings = read_site_config(root / "mkdocs.yml").settings
    handbook = load_handbook(replace(settings, today=moment.date(), now=moment))
    return {w.handle: w for w in handbook.boards.writing}


def test_a_late_update_counts_for_the_week_it_reports_on(writing_root: Path) -> None:
    """Kai's update, written on Monday 16 November with ``week: 2026-W46``, is his week 46 update."""
    kai = writing_as_of(writing_root, dt.datetime(2026, 11, 17, 12, tzinfo=dt.UTC))["kai"]
    assert (kai.previous.week.number, kai.previous.state, kai.previous.update_id) == (
        46,
        P,
        "2026-11-16-kai-weekly",
    )
    assert (kai.current.week.number, kai.current.state) == (47, D)


def test_a_week_away_owes_nothing_and_the_week_before_is_still_missed(writing_root: Path) -> None:
    """Lea is away all of week 48: nothing is due; her week 47 update is still missing."""
    lea = writing_as_of(writing_root, dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC))["lea"]
    assert (lea.previous.state, lea.current.state, lea.current.away.note) == (L, A, "Conference")
    assert lea.current.deadline is None


def test_the_still_to_write_page_names_who_is_late(writing_root: Path) -> None:
    """The page lists the late by name, and says when each deadline was, in local time and UTC."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch("2026-11-20T04:30:00Z"))
        result = build(writing_root, strict=True)
    assert result.returncode == 0, result.log
    page = result.content("updates/still-to-write/")
    late = re.sub(r"<[^>]+>", "", page.split("Still to write (3):")[1].split("</p>")[0])
    assert late.strip() == "Kai Tane, Sam Levi, Max Berg."
    assert "was due by Fri 20 Nov, 17:00 in Auckland (04:00 UTC), 30 minutes ago" in page
    assert "was due by Thu 19 Nov, 17:00 in Jerusalem (15:00 UTC), 13 hours ago" in page
    assert "due by Fri 20 Nov, 17:00 in Berlin (16:00 UTC), in 11 hours" in page
    week = result.content("updates/weeks/2026-w47/")
    assert "Kai Tane" in week and 'data-state="late"' in week
