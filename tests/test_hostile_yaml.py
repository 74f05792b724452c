"""Hostile YAML, in every file the handbook reads: one loading path refuses it safely.

Alias bombs ("billion laughs"), values nested thousands deep, aliases that contain themselves,
keys given twice and front matter that is never closed are each reported at their file and line,
through ``mkdocs build``, a ``mkdocs serve`` rebuild and ``handbook check``, which agree; no
build hangs, runs out of memory or ends in a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from teamhandbook.plugin.plugin import TeamHandbookPlugin

from .cli import run_script
from .conftest import MINIMAL_CONFIG, Build, build, decision, make_handbook

BOMB_LINES = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
    f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
]
"""Nine aliases of nine aliases …: a billion values once expanded, from nine lines."""

BOMB_FIRST_REFUSED = 5
"""The bomb line whose aliases take the expansion past 10,000 values (1-based, within the bomb):
``b`` adds 90, ``c`` 819, ``d`` 7,380, and the first ``*d`` of ``e`` passes the budget."""


def bomb(key_lines: list[str] | None = None) -> str:
    """Return YAML with ``key_lines`` first and the alias bomb below them."""
    return "\n".join([*(key_lines or []), *BOMB_LINES]) + "\n"


def deep(depth: int) -> str:
    """Return a YAML flow value nested ``depth`` deep."""
    return "[" * depth + "]" * depth


PERSON = "people:\n  - name: Ana\n    handle: ana\n    timezone: UTC\n    hours: 09:00-17:00\n"
PAGE_KEYS = ["title: Page"]
TEMPLATE_KEYS = ["title: Weekly", "description: An update.", "path: docs/updates/{date}.md"]

FILES = {
    "decisions/0001-sound.md": decision({"status": "accepted", "date": "2024-01-01"}, "Sound"),
    # front matter: line 1 is '---', the keys start on line 2
    "decisions/0002-bomb.md": "---\n" + bomb(["status: accepted"]) + "---\n# Bomb\n",
    "decisions/0003-deep.md": f"---\nstatus: accepted\nnested: {deep(3000)}\n---\n# Deep\n",
    "decisions/0004-very-deep.md": f"---\nnested: {deep(200_000)}\n---\n# Very deep\n",
    "decisions/0005-self.md": "---\nstatus: accepted\nloop: &a [1, *a]\n---\n# Self\n",
    "decisions/0006-twice.md": "---\nstatus: accepted\ndate: 2024-02-01\nstatus: rejected\n---\n# Twice\n",
    "decisions/0007-unclosed.md": "---\nstatus: accepted\ndate: 2024-03-01\n\n# Never closed\n\nText.\n",
    "decisions/0008-loose-twice.md": "---\nstatus: accepted\ntitle: a: b\nstatus: rejected\n---\n# Loose\n",
    "decisions/0009-people.md": (
        '---\nstatus: accepted\ndecision-makers: ["Chen, Maya", Lukas]\n---\n# People\n'
    ),
    "docs/bomb.md": "---\n" + bomb(PAGE_KEYS) + "---\n# Bomb page\n\nStill published.\n",
    "docs/unclosed.md": "---\nowner: '@ana'\n# Unclosed page\n",
    "working-agreement/team.yml": PERSON + bomb(),
    "working-agreement/agreement.yml": f"core-hours:\n  utc: 10:00-11:00\nextra: {deep(5000)}\n",
    "working-agreement/index.md": "---\n" + bomb(PAGE_KEYS) + "---\n# Agreement\n",
    "working-agreement/templates/weekly.md": "---\n" + bomb(TEMPLATE_KEYS) + "---\nText.\n",
}

EXPECTED = [
    ("decisions/0002-bomb.md", 2 + BOMB_FIRST_REFUSED, "yaml-limit", "expand to more than 10,000 values"),
    ("decisions/0003-deep.md", 3, "yaml-limit", "nested more than 50 levels deep"),
    ("decisions/0004-very-deep.md", 2, "yaml-limit", "nested more than 50 levels deep"),
    ("decisions/0005-self.md", 3, "yaml-limit", "the alias *a refers to a value that contains it"),
    ("decisions/0006-twice.md", 4, "duplicate-key", "`status` is given twice, on lines 2 and 4"),
    ("decisions/0007-unclosed.md", 1, "unclosed-front-matter", "opened on line 1 is never closed"),
    ("decisions/0008-loose-twice.md", 3, "yaml", "a value contains a colon followed by a space"),
    ("decisions/0008-loose-twice.md", 4, "duplicate-key", "`status` is given twice, on lines 2 and 4"),
    ("docs/bomb.md", 2 + BOMB_FIRST_REFUSED, "yaml-limit", "expand to more than 10,000 values"),
    ("docs/unclosed.md", 1, "unclosed-front-matter", "add a line `---` after its last `key: value` line"),
    ("working-agreement/team.yml", 5 + BOMB_FIRST_REFUSED, "yaml-limit", "expand to more than 10,000"),
    ("working-agreement/agreement.yml", 3, "yaml-limit", "nested more than 50 levels deep"),
    ("working-agreement/index.md", 2 + BOMB_FIRST_REFUSED, "yaml-limit", "expand to more than 10,000"),
    ("working-agreement/templates/weekly.md", 4 + BOMB_FIRST_REFUSED, "yaml-limit", "expand to more"),
]
"""(file, line, code, words of the sentence) of every problem the hostile YAML must give."""

CONFIG = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook with hostile YAML in every kind of file it reads."""
    return make_handbook(tmp_path_factory.mktemp("hostile-yaml") / "handbook", FILES, CONFIG)


@pytest.fixture(scope="module")
def site(root: Path) -> Build:
    """The handbook built once (the helper fails on a traceback; a hang fails on its timeout)."""
    return build(root)


@pytest.fixture(scope="module")
def checked(root: Path) -> list[dict]:
    """The problems ``handbook check --format json`` reports."""
    outcome = run_script(root, "check", "--format", "json")
    assert outcome.code == 1
    return json.loads(outcome.out)["problems"]


def test_the_build_finishes(site: Build) -> None:
    """Every hostile file is reported, and the build still writes the site."""
    assert site.returncode == 0, site.log
    assert "Still published." in site.page("bomb/")


@pytest.mark.parametrize(
    ("file", "line", "code", "words"), EXPECTED, ids=[f"{e[0]}:{e[1]}" for e in EXPECTED]
)
def test_each_problem_is_named_in_the_build_and_the_check(
    site: Build, checked: list[dict], file: str, line: int, code: str, words: str
) -> None:
    """The build's log and ``handbook check`` give the same problem: file, line, code and sentence."""
    found = [p for p in site.json()["problems"] if (p["file"], p["line"], p["code"]) == (file, line, code)]
    assert len(found) == 1, [p for p in site.json()["problems"] if p["file"] == file]
    assert words in found[0]["message"]
    assert f"WARNING -  teamhandbook: {file}:{line}: {found[0]['message']}" in site.log
    assert [p for p in checked if (p["file"], p["line"], p["code"]) == (file, line, code)] == found


def test_every_yaml_problem_is_expected(site: Build) -> None:
    """No hostile file gives a problem the table does not list (a refusal is one problem, not many)."""
    codes = {"yaml", "yaml-limit", "duplicate-key", "unclosed-front-matter"}
    found = sorted((p["file"], p["line"], p["code"]) for p in site.json()["problems"] if p["code"] in codes)
    assert found == sorted((file, line, code) for file, line, code, _ in EXPECTED)


def test_a_key_given_twice_keeps_its_first_value(site: Build) -> None:
    """The first ``status`` is read, as the message says; the loose reading of broken YAML agrees."""
    records = {record["id"]: record for record in site.json()["decisions"]}
    assert records["0006-twice"]["status"] == "accepted"
    assert records["0008-loose-twice"]["status"] == "accepted"


def test_unclosed_front_matter_is_still_read_and_not_shown_as_prose(site: Build) -> None:
    """The keys of front matter never closed are read (and reported); the page does not show them."""
    record = next(r for r in site.json()["decisions"] if r["id"] == "0007-unclosed")
    assert (record["status"], record["date"], record["title"]) == ("accepted", "2024-03-01", "Never closed")
    assert "status: accepted" not in site.content("decisions/0007-unclosed/")


def test_a_name_with_a_comma_in_a_yaml_list_stays_one_person(site: Build) -> None:
    """``["Chen, Maya", Lukas]`` is two people, the first of them written family name first."""
    record = next(r for r in site.json()["decisions"] if r["id"] == "0009-people")
    assert record["deciders"] == ["Chen, Maya", "Lukas"]


def test_refused_front_matter_reaches_no_other_reader(site: Build) -> None:
    """MkDocs and mkdocs-macros never parse refused front matter: its keys reach no page's metadata."""
    assert "lol" not in site.page("bomb/")
    assert "lol" not in site.page("working-agreement/")


def test_mkdocs_yml_with_an_alias_bomb_stops_check_with_a_sentence(tmp_path: Path) -> None:
    """``handbook check`` refuses a configuration whose aliases explode: exit 2, file and line."""
    root = make_handbook(tmp_path / "handbook")
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(config + "extra:\n" + "".join(f"  {line}\n" for line in BOMB_LINES))
    outcome = run_script(root, "check")
    line = len(config.splitlines()) + 1 + BOMB_FIRST_REFUSED
    assert outcome.code == 2
    assert outcome.err.startswith(f"handbook: {root / 'mkdocs.yml'}:{line}: the aliases (`*name`) expand")


def test_a_key_twice_in_mkdocs_yml_is_reported_by_build_and_check(tmp_path: Path) -> None:
    """MkDocs reads the last of two equal keys silently; the handbook reads it the same way and says so."""
    root = make_handbook(tmp_path / "handbook")
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(config + "site_name: Second name\n", "utf-8")
    line = len(config.splitlines()) + 1
    site = build(root)
    message = (
        f"`site_name` is given twice, on lines 1 and {line}; "
        f"delete one of them (until then, line {line} is read)."
    )
    assert f"WARNING -  teamhandbook: mkdocs.yml:{line}: {message}" in site.log
    outcome = run_script(root, "check")
    assert f"mkdocs.yml:{line}: error: {message} [duplicate-key]" in outcome.out
    assert outcome.code == 1


def test_a_roster_key_twice_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    """A person's ``timezone`` given twice in ``team.yml`` names both lines, in build and check."""
    roster = PERSON + "    timezone: Europe/Berlin\n"
    root = make_handbook(tmp_path / "handbook", {"working-agreement/team.yml": roster})
    message = "`timezone` is given twice, on lines 4 and 6; delete one of them (until then, line 4 is read)."
    site = build(root)
    assert f"WARNING -  teamhandbook: working-agreement/team.yml:6: {message}" in site.log
    assert f"working-agreement/team.yml:6: error: {message}" in run_script(root, "check").out


@pytest.fixture
def serving() -> Iterator[None]:
    """Start the plugin as ``mkdocs serve`` does (caches kept between rebuilds), and stop it after."""
    TeamHandbookPlugin().on_startup(command="serve", dirty=False)
    yield
    TeamHandbookPlugin().on_shutdown()


def at_depth(frames: int, action: Callable[[], None]) -> None:
    """Run ``action`` with ``frames`` more frames on the stack, as a server's deeper stack has."""
    if frames:
        at_depth(frames - 1, action)
    else:
        action()


def test_serve_rebuilds_copy_deep_values_without_recursion_error(tmp_path: Path, serving: None) -> None:
    """Under ``mkdocs serve`` the read cache copies each decision on every rebuild: values nested as
    deep as allowed are copied even with 300 frames already on the stack; deeper ones are refused."""
    allowed = f"---\nstatus: accepted\nnested: {deep(48)}\n---\n# Deep but allowed\n"
    refused = f"---\nstatus: accepted\nnested: {deep(990)}\n---\n# Too deep\n"
    root = make_handbook(
        tmp_path / "handbook",
        {"decisions/0001-allowed.md": allowed, "decisions/0002-refused.md": refused},
    )

    def rebuild() -> None:
        mkdocs_build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))

    for _ in range(3):  # the second and third builds copy from the cache
        at_depth(300, rebuild)
    records = json.loads((root / "site" / "decisions.json").read_text("utf-8"))
    assert {r["id"]: r["status"] for r in records["decisions"]} == {
        "0001-allowed": "accepted",
        "0002-refused": None,
    }
    problems = [(p["file"], p["line"], p["code"]) for p in records["problems"]]
    assert problems == [("decisions/0002-refused.md", 3, "yaml-limit")]
