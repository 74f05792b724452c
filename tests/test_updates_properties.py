"""Property-based tests: whatever an update file holds, reading it and building its pages never raises.

Hypothesis writes arbitrary front matter (every field of an update, with values of any type) and
arbitrary bodies (headings, lists, check boxes, strike-through, action items and decision
mentions among random text); the reader answers with an update or None, and problems, and every
page made from what it read renders.
"""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from teamhandbook.checks.requests import stated_criteria
from teamhandbook.checks.updates import check_updates
from teamhandbook.model.boards import Boards, action_board, blocker_board, weekly_posts
from teamhandbook.model.decision import DecisionLog
from teamhandbook.model.problem import Problem
from teamhandbook.model.updates import UpdateKind, UpdateLog
from teamhandbook.pages.updates_boards import actions_page, blockers_page
from teamhandbook.pages.updates_common import UpdateSite
from teamhandbook.pages.updates_index import updates_index
from teamhandbook.pages.updates_page import update_page
from teamhandbook.pages.updates_people import person_pages
from teamhandbook.pages.updates_weeks import week_pages
from teamhandbook.readers.team import read_team
from teamhandbook.readers.update_kinds import DEFAULT_SECTIONS
from teamhandbook.readers.updates import FIELDS, Context, read_update
from teamhandbook.readers.yaml_data import DataFile
from teamhandbook.readers.yaml_source import parse_yaml

from .updates_helpers import TEAM

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))

TEAM_MODEL, _ = read_team(DataFile("working-agreement/team.yml", parse_yaml(TEAM), "invalid-team"))
KINDS = {name: UpdateKind(name, name.capitalize(), sections) for name, sections in DEFAULT_SECTIONS.items()}
CONTEXT = Context(KINDS, TEAM_MODEL, {"apollo", "hermes"})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC, dt.timezone(dt.timedelta(hours=13))])),
    st.sampled_from(["ana", "@kai", "zed", "weekly", "meeting", "2026-W47", "2026-02-30", "[apollo, x]"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
front_matter = st.dictionaries(
    st.sampled_from([*FIELDS, "projetcs", "by", "type"]) | st.text(max_size=10), values, max_size=8
)
body_lines = st.lists(
    st.one_of(
        st.text(max_size=50),
        st.sampled_from(
            [
                "## Blocked",
                "## Help needed",
                "## Action items",
                "## Decisions",
                "# Title",
                "- [ ] @ana Do it (due 2026-11-20)",
                "- [x] @kai @zed Done (due someday)",
                "- ~~Struck~~",
                "- None",
                "- ADR-0001 and ADR-99999999999",
                "```",
                "<!-- open",
                "-->",
                "**In short:** x",
                "  - nested",
                "Text.",
            ]
        ),
    ),
    max_size=25,
)


def _dump(data: dict) -> str:
    """Write front matter as YAML, or give up on values YAML cannot write."""
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return "title: x\n"


usable = st.fixed_dictionaries(
    {
        "author": st.sampled_from(["ana", "@Kai", "zed"]),
        "date": st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1))
        | st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-12))])),
        "kind": st.sampled_from([*KINDS, "retro"]),
    }
)
"""Front matter that mostly reads, so that most examples make an update and its pages."""


@SETTINGS
@given(base=usable, front=front_matter, lines=body_lines, raw=st.booleans())
def test_any_update_is_read_and_its_pages_render(
    base: dict, front: dict, lines: list[str], raw: bool
) -> None:
    """Reading never raises; an update that is read gets a page, a place on the boards and listings."""
    front = {**base, **front} if len(front) % 2 == 0 else front
    header = "---\n" + (_dump(front) if not raw else "\n".join(str(v) for v in front.values())) + "---\n"
    text = header + "\n".join(lines)
    update, problems = read_update(text, "updates/x.md", "x", CONTEXT)
    assert all(isinstance(p, Problem) and p.line >= 1 for p in problems)
    stated_criteria(text)
    log = UpdateLog([update] if update else [], kinds=KINDS)
    problems += check_updates(log, DecisionLog())
    blockers, cleared = blocker_board(log, dt.date(2026, 11, 20))
    boards = Boards(blockers, cleared, action_board(log))
    site = UpdateSite(log, boards, TEAM_MODEL, DecisionLog(), dt.date(2026, 11, 20), None)
    assert weekly_posts(log) is not None
    for page in (updates_index(site), blockers_page(site), actions_page(site)):
        assert page.count("\n# ") + page.startswith("# ") == 1  # one title, under any front matter
    if update is not None:
        assert update_page(site, update).startswith("# ")
        assert all(page.startswith("# ") for page in {**person_pages(site), **week_pages(site)}.values())
