"""Reading the updates folder: updates, projects and meeting notes, what is wrong in them (file and
line), and that nothing in one file keeps the others, or the rest of the site, from publishing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli import run_cli
from .conftest import MINIMAL_CONFIG, Build, build, decision, make_handbook
from .updates_helpers import PROJECTS, TEAM, WEEKLY_TEMPLATE, update, weekly

MEETING = update(
    {
        "author": "ana",
        "date": "2026-11-19T15:00:00Z",
        "kind": "meeting",
        "title": "Apollo planning",
        "attendees": "[ana, kai, ghost]",
        "projects": "[apollo]",
    },
    """
    # Apollo planning

    ## Agenda

    - Scope.

    ## Pre-reads

    - The plan.

    ## Notes

    - We talked.

    ## Decisions

    - We follow ADR-0001 and [the queue decision](../decisions/0002-use-a-queue.md).
    - ADR-0099 is not a decision we have.

    ## Action items

    - [ ] @kai Write the plan (due 2026-11-25)
    - [x] @ana Book the room (due 2026-11-18)
    - [ ] @ghost Do something (due 2026-11-30)
    - [ ] @ana Decide by then (due 2026-02-30)
    - [ ] Nobody owns this one
    """,
)
"""Meeting notes with a known and an unknown decision, an unknown attendee and owner, an
impossible due date and an item without an owner; its lines are counted in PROBLEMS."""

FILES: dict[str, str | bytes] = {
    "working-agreement/team.yml": TEAM,
    "working-agreement/templates/weekly.md": WEEKLY_TEMPLATE,
    "decisions/0001-record-decisions.md": decision({"status": "accepted", "date": "2026-01-05"}, "Record"),
    "decisions/0002-use-a-queue.md": decision(
        {"status": "accepted", "date": "2026-02-01", "projects": ["apollo", "nope"]}, "Use a queue"
    ),
    "updates/projects.yml": PROJECTS
    + "  - key: ghost-project\n    name: Ghost\n    owner: ghost\n    status: on track\n"
    + "  - name: Odd status\n    owner: ana\n    status: sleeping\n",
    "updates/2026-11-20-ana-weekly.md": weekly(
        "ana", "2026-11-20", projects="[apollo]", blocked="- See ![the chart](chart.png)."
    ),
    "updates/chart.png": b"\x89PNG\r\n\x1a\n",
    "updates/2026-11-20-zed-weekly.md": weekly("zed", "2026-11-20"),
    "updates/2026-11-20-kai-weekly.md": weekly("kai", "2026-11-20", projects="[apollo, zeus]"),
    "updates/2026-11-20-lea-weekly.md": weekly("lea", "2026-11-20").replace("kind: weekly", "kind: weeky"),
    "updates/2026-11-20-sam-weekly.md": update(
        {"author": "sam", "date": "2026-11-20", "kind": "weekly"},
        "# Weekly update\n\n## Progress\n\n- Half.\n",
    ),
    "updates/nested/2026-11-16-max-daily.md": update(
        {"author": "max", "date": "2026-11-16", "kind": "daily", "projetcs": "[apollo]"},
        "## Done\n\n- a\n\n## Next\n\n- b\n\n## Blocked\n\n- None\n",
    ),
    "updates/no-date.md": update({"author": "ana", "kind": "daily"}, "Text.\n"),
    "updates/impossible.md": update({"author": "ana", "date": "2026-02-30", "kind": "daily"}, "Text.\n"),
    "updates/year-one.md": update(
        {"author": "kai", "date": "0001-01-01T00:00:00+05:00", "kind": "daily"}, "x\n"
    ),
    "updates/2026-11-19-apollo-planning.md": MEETING,
    "updates/latin-1.md": b"---\nauthor: ana\ndate: 2026-11-18\nkind: handoff\n---\n"
    b"# Caf\xe9\n\n## Status\n\n- ok\n",
    "updates/broken-yaml.md": "---\nauthor: ana\ndate: 2026-11-17\nkind: handoff\ntitle: a: b: c\n---\n# X\n",
    "updates/front-matter-list.md": "---\n- author\n- ana\n---\n# A list\n",
    "updates/binary.md": bytes(range(256)) * 4,
    "updates/people/ana.md": weekly("ana", "2026-11-13"),
    "updates/blockers.md": weekly("ana", "2026-11-06"),
    "updates/notes.yml": "a: b\n",
    "updates/README.md": "# How we write updates\n",
}

PROBLEMS = [
    ("decisions/0002-use-a-queue.md", 4, "unknown-project", "'nope' is not a project"),
    ("updates/2026-11-19-apollo-planning.md", 6, "unknown-handle", "the attendee 'ghost' is not a handle"),
    ("updates/2026-11-19-apollo-planning.md", 26, "missing-target", "'ADR-0099' is not in the decision log"),
    ("updates/2026-11-19-apollo-planning.md", 32, "unknown-handle", "the owner '@ghost' of this action item"),
    ("updates/2026-11-19-apollo-planning.md", 33, "bad-date", "the due date of this action item"),
    ("updates/2026-11-19-apollo-planning.md", 34, "action-owner", "this action item has no owner"),
    ("updates/2026-11-20-kai-weekly.md", 5, "unknown-project", "'zeus' is not a project (projects: apollo"),
    (
        "updates/2026-11-20-lea-weekly.md",
        4,
        "unknown-kind",
        "'weeky' is not a kind of update; did you mean weekly?",
    ),
    (
        "updates/2026-11-20-sam-weekly.md",
        4,
        "missing-section",
        "no 'Next', 'Blocked', 'Help needed' sections",
    ),
    (
        "updates/2026-11-20-zed-weekly.md",
        2,
        "unknown-author",
        "the author 'zed' is not a handle on the roster",
    ),
    ("updates/binary.md", 1, "invalid-update", "an update starts with front matter"),
    ("updates/binary.md", 2, "encoding", "not valid UTF-8 (byte 0x80 on this line)"),
    (
        "updates/blockers.md",
        1,
        "collision",
        "updates/blockers/ is the address of a page the handbook generates",
    ),
    ("updates/broken-yaml.md", 4, "missing-section", "this handoff has no 'Status', 'Next step'"),
    ("updates/broken-yaml.md", 5, "yaml", "the front matter is broken"),
    ("updates/front-matter-list.md", 2, "yaml", "the front matter must be a list of `key: value` lines"),
    ("updates/impossible.md", 3, "bad-date", "'2026-02-30' is not a date that exists"),
    ("updates/latin-1.md", 4, "missing-section", "no 'Next step', 'Open questions' sections"),
    ("updates/latin-1.md", 6, "encoding", "not valid UTF-8 (byte 0xe9 on this line)"),
    ("updates/nested/2026-11-16-max-daily.md", 5, "invalid-update", "`projetcs` is not a field of an update"),
    ("updates/no-date.md", 1, "bad-date", "the update has no `date`"),
    ("updates/notes.yml", 1, "unread-file", "this file is not read"),
    ("updates/people/ana.md", 1, "collision", "updates/people/ana/ is the address of a page the handbook"),
    ("updates/projects.yml", 21, "invalid-project", "the owner 'ghost' of the project 'Ghost'"),
    (
        "updates/projects.yml",
        25,
        "unknown-status",
        "'sleeping' is not a project status; use one of: On track",
    ),
    ("updates/year-one.md", 3, "bad-date", "0001-01-01 is not a date an update is written on"),
]
"""Every problem of the folder above: file, line, code and words of the message."""


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook with the files above."""
    return make_handbook(tmp_path_factory.mktemp("updates") / "handbook", FILES)


@pytest.fixture(scope="module")
def site(root: Path) -> Build:
    """The handbook, built without --strict (it has errors), as of a pinned day."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795262400")  # 2026-11-21 12:00 UTC
        return build(root)


def test_check_reports_every_problem_with_its_file_and_line(root: Path, capsys) -> None:
    """``handbook check`` names each problem's file, line and kind, and nothing else."""
    outcome = run_cli(capsys, root, "check", "--format", "json")
    assert outcome.code == 1
    found = [(p["file"], p["line"], p["code"], p["message"]) for p in json.loads(outcome.out)["problems"]]
    assert [(file, line, code) for file, line, code, _ in found] == [(f, n, c) for f, n, c, _ in PROBLEMS]
    for (_, _, _, message), (_, _, _, words) in zip(found, PROBLEMS, strict=True):
        assert words in message, message


def test_the_build_reports_the_same_problems_as_the_check(site: Build) -> None:
    """One truth: the build's log and ``decisions.json`` carry the problems the check reports."""
    assert site.returncode == 0, site.log
    reported = {(p["file"], p["line"], p["code"]) for p in site.json()["problems"]}
    assert reported == {(file, line, code) for file, line, code, _ in PROBLEMS}
    for file, line, _, words in PROBLEMS:
        assert f"teamhandbook: {file}:{line}: " in site.log and words.split("'")[0] in site.log


def test_strict_build_fails_on_the_errors(root: Path) -> None:
    """``--strict`` fails, as ``handbook check`` does: the errors are warnings in MkDocs' log."""
    assert build(root, strict=True).returncode != 0


def test_broken_updates_leave_the_others_and_the_site_published(site: Build) -> None:
    """Readable updates have pages, even those with an unknown author, kind or project; an update
    without a date, or a file that is not an update, has none; the rest of the site is whole."""
    for url in (
        "updates/2026-11-20-ana-weekly/",
        "updates/2026-11-20-zed-weekly/",
        "updates/2026-11-20-lea-weekly/",
        "updates/2026-11-20-kai-weekly/",
        "updates/nested/2026-11-16-max-daily/",
        "updates/latin-1/",
        "updates/broken-yaml/",
        "updates/2026-11-19-apollo-planning/",
    ):
        assert (site.site / url / "index.html").is_file(), url
    for url in (
        "updates/no-date/",
        "updates/impossible/",
        "updates/binary/",
        "updates/README/",
        "updates/year-one/",
    ):
        assert not (site.site / url).exists(), url
    assert "Café" not in site.content("updates/latin-1/") and "Caf\ufffd" in site.content("updates/latin-1/")
    assert (site.site / "updates/chart.png").read_bytes() == b"\x89PNG\r\n\x1a\n"
    assert 'src="../chart.png"' in site.content("updates/2026-11-20-ana-weekly/")
    assert "Record" in site.content("decisions/")
    assert "Apollo" in site.content("projects/")
    index = site.content("updates/")
    assert index.count("<tr data-person=") == 9
    assert 'data-person="zed"' in index and 'data-kind="weeky"' in index


def test_generated_pages_keep_their_addresses(site: Build) -> None:
    """A file at a generated page's address is refused: the board and the person page are generated."""
    assert "Blockers" in site.content("updates/blockers/")
    assert site.content("updates/people/ana/").startswith("<article")
    assert "2026-11-13" not in site.content("updates/people/ana/")


def test_an_update_reads_as_its_author_wrote_it(site: Build) -> None:
    """Front matter, title, projects and the author's name, with the project's name escaped."""
    page = site.content("updates/2026-11-20-kai-weekly/")
    assert "Weekly update: Kai Tane, Friday 20 November 2026" in page
    assert "local date in Auckland" in page
    assert ">Apollo</a>" in page and "zeus" not in page.split("</div>")[0]
    projects = site.content("projects/")
    assert "Hermes &lt;b&gt;migration&lt;/b&gt;" in projects and "<b>migration" not in projects


def test_meeting_notes_link_their_decisions_and_list_who_was_not_there(site: Build) -> None:
    """Named decisions become links; attendees and those who read the notes instead are listed."""
    page = site.content("updates/2026-11-19-apollo-planning/")
    assert '<a href="../../decisions/0001-record-decisions/">ADR-0001</a>' in page
    assert '<a href="../../decisions/0002-use-a-queue/">the queue decision</a>' in page
    assert "ADR-0099 is not a decision" in page and "ADR-0099</a>" not in page
    assert "Attended:</strong> Ana Souza, Kai Tane." in page
    assert "Not there, and reading this instead:</strong> Lea Wolf, Sam Levi, Max Berg." in page
    assert "Decisions named:</strong>" in page and "15:00 UTC" in page
    actions = site.content("updates/action-items/")
    assert "Write the plan" in actions and "Book the room" not in actions and "Do something" not in actions


def test_projects_show_their_decisions_and_status(site: Build) -> None:
    """A decision naming a project in its front matter is listed under it; statuses are chips."""
    projects = site.content("projects/")
    apollo = projects.split('id="project-apollo"')[1].split('id="project-hermes"')[0]
    assert "ADR-0002: Use a queue" in apollo
    hermes = projects.split('id="project-hermes"')[1]
    assert 'data-status="at-risk">At risk</span>' in projects.split('id="project-hermes"')[1][:200]
    assert "The vendor has not signed." in hermes
    assert "Odd status" not in projects and "Ghost" not in projects
    assert projects.index('id="project-hermes"') < projects.index('id="project-apollo"')  # at risk first


def test_a_clean_handbook_passes_both_the_check_and_the_strict_build(tmp_path: Path, capsys) -> None:
    """Without the broken files, ``handbook check`` and ``mkdocs build --strict`` both pass."""
    clean = {
        name: text
        for name, text in FILES.items()
        if name.startswith(("working-agreement/", "decisions/0001"))
        or name in ("updates/2026-11-20-ana-weekly.md", "updates/chart.png")
    }
    clean["updates/projects.yml"] = PROJECTS
    root = make_handbook(tmp_path / "clean", clean)
    assert run_cli(capsys, root, "check").code == 0
    assert build(root, strict=True).returncode == 0


def test_an_explicit_updates_folder_must_exist(tmp_path: Path) -> None:
    """Naming ``updates_dir`` in mkdocs.yml for a folder that is not there is an error, not a silence."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {"updates_dir": "journal"}}]}
    result = build(make_handbook(tmp_path / "h", {}, config))
    assert result.returncode != 0 and "the updates folder 'journal' does not exist" in result.log


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"update_kinds": "retro"}, "'update_kinds': must list names, or map keys to labels"),
        ({"update_kinds": {"Retro Spective": "Retro"}}, None),
        ({"update_kinds": {"retro/x": "Retro"}}, "'retro/x' cannot be part of an address"),
        ({"feed_updates": "yes"}, "'feed_updates': must be true or false, not 'yes'"),
    ],
)
def test_update_options_are_checked(tmp_path: Path, options: dict, words: str | None) -> None:
    """Unusable options stop the build with a sentence; a usable one is accepted."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": options}]}
    result = build(make_handbook(tmp_path / "h", {}, config), strict=True)
    if words is None:
        assert result.returncode == 0, result.log
    else:
        assert result.returncode != 0 and words in result.log


def test_a_declared_kind_and_its_template_sections(tmp_path: Path, capsys) -> None:
    """A kind from ``update_kinds`` is known; a template declares a kind with its own sections."""
    config = {
        **MINIMAL_CONFIG,
        "plugins": ["search", {"team-handbook": {"update_kinds": {"retro": "Retro"}}}],
    }
    files = {
        "working-agreement/team.yml": TEAM,
        "working-agreement/templates/standup.md": "---\ntitle: Stand-up\ndescription: d\n"
        "path: updates/{date}-{handle}-standup.md\nkind: standup\n---\n"
        "# Stand-up\n\n## Yesterday\n\n## Today\n",
        "working-agreement/templates/x-copy.md": "---\ntitle: Other\ndescription: d\n"
        "path: docs/{date}.md\nkind: standup\n---\n# Other\n",
        "working-agreement/templates/y-elsewhere.md": "---\ntitle: Retro\ndescription: d\n"
        "path: docs/retros/{date}.md\nkind: retro\n---\n# Retro\n",
        "updates/a.md": update({"author": "ana", "date": "2026-11-20", "kind": "retro"}, "# Retro\n"),
        "updates/b.md": update(
            {"author": "ana", "date": "2026-11-20", "kind": "standup"}, "## Today\n\n- x\n"
        ),
    }
    root = make_handbook(tmp_path / "h", files, config)
    found = json.loads(run_cli(capsys, root, "check", "--format", "json").out)["problems"]
    assert [(p["file"], p["line"], p["code"]) for p in found] == [
        ("updates/b.md", 4, "missing-section"),
        ("working-agreement/templates/x-copy.md", 5, "invalid-template"),
        ("working-agreement/templates/y-elsewhere.md", 4, "invalid-template"),
    ]
    assert "no 'Yesterday' section" in found[0]["message"]
    assert "working-agreement/templates/standup.md is already the template" in found[1]["message"]
    assert "'retro' updates are read from the updates/ folder" in found[2]["message"]
