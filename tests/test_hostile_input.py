"""Hostile and broken decision files: the build finishes, names each problem's file and line,
and every other decision comes out unaffected.

The files are in ``tests/fixtures/hostile/decisions/``, written by hand, one kind of trouble per
file; only the 5 MB file is generated here. One build of the whole folder serves every case.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from teamhandbook.readers.decision_log import read_decision_file

from .conftest import FIXTURES, MINIMAL_CONFIG, Build, build, make_handbook

HOSTILE = FIXTURES / "hostile" / "decisions"
HUGE = "0024-huge-pasted-log"
MACRO_ERROR = re.compile(r"_Macro \w+ Error_")
"""What mkdocs-macros puts in place of a page it failed to render."""
CONFIG = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}


@dataclass(frozen=True)
class Case:
    """What a hostile file must come out as: fields of its record and the problems reported."""

    record: dict[str, object]
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, code, words in the message) of every problem reported for the file."""


CASES: dict[str, Case] = {
    "0001-a-sound-decision": Case(
        {"title": "A sound decision", "status": "accepted", "date": "2024-01-15", "tags": ["process"]}
    ),
    "0002-unquoted-colon": Case(
        {"title": "Use a queue for retries", "status": "accepted", "date": "2024-02-01"},
        [(3, "yaml", "a value contains a colon followed by a space; put the value in quotes")],
    ),
    "0003-yaml-surprises": Case(
        {"status": "accepted", "date": "2024-03-01", "tags": ["on", "no", "yes", "off", "0032"]}
    ),
    "0004-no-heading": Case({"title": "No heading", "status": None, "date": None, "format": "markdown"}),
    "0005-deep-headings": Case({"title": "Deep headings", "status": "accepted"}),
    "0006-metadata-in-code": Case(
        {
            "title": "Metadata in code blocks is example text",
            "status": "accepted",
            "date": "2024-06-01",
            "superseded_by": [],
            "relates_to": [],
        }
    ),
    "0007-jinja-in-code": Case({"status": "accepted", "date": "2024-07-01"}),
    "0008-status-leftover": Case({"status": "accepted"}),
    "0009-status-choices": Case(
        {"status": None}, [(2, "unknown-status", "still the template's list of choices")]
    ),
    "0010-compound-status": Case({"status": "accepted", "supersedes": ["0011-superseded-by-compound"]}),
    "0011-superseded-by-compound": Case({"status": "superseded", "superseded_by": ["0010-compound-status"]}),
    "0012-partially-superseded": Case(
        {"status": "proposed", "superseded_by": [], "relates_to": ["0010-compound-status"]},
        [(2, "incomplete-request", "this proposal does not state its purpose")],
    ),
    "0013-date-month-name": Case({"date": "2023-09-05"}),
    "0014-date-day-first": Case({"date": "2024-10-22"}),
    "0015-date-placeholder": Case({"date": None}, [(3, "bad-date", "still a placeholder (insert date)")]),
    "0016-latin-1": Case(
        {"title": "D\ufffdcision enregistr\ufffde en Latin-1", "status": "accepted"},
        [(5, "encoding", "not valid UTF-8 (byte 0xe9 on this line)")],
    ),
    "0017-empty": Case({"title": "Empty", "status": None}, [(1, "empty", "the file is empty")]),
    "0018-c# and spaces-ção": Case(
        {"title": "A file name with a hash, spaces and non-ASCII letters", "status": "accepted"}
    ),
    "0019-from-branch-a": Case(
        {"status": "accepted"}, [(1, "duplicate-number", "also used by decisions/0019-from-branch-b.md")]
    ),
    "0019-from-branch-b": Case(
        {"status": "proposed"},
        [
            (1, "duplicate-number", "also used by decisions/0019-from-branch-a.md"),
            (2, "incomplete-request", "this proposal does not state its purpose"),
        ],
    ),
    "0020-cycle-left": Case({"status": "superseded"}, [(4, "supersession-cycle", "goes round in a circle")]),
    "0021-cycle-right": Case({"status": "superseded"}),
    "0022-missing-link": Case(
        {"status": "accepted", "relates_to": []},
        [
            (7, "broken-link", "'0099-retries.md' points at decisions/0099-retries.md, which does not exist"),
            (11, "missing-target", "points at '0098-ghost.md', but no decision has that number"),
        ],
    ),
    "0023-braces-in-title": Case(
        {
            "title": "Generate services with {{ cookiecutter.project }} and {% raw %} blocks {#",
            "tags": ["{{ cookiecutter }}"],
        }
    ),
    HUGE: Case({"status": "accepted", "title": "A pasted log"}, [(1, "large-file", "about 5.0 MB of text")]),
    "0025-unclosed-front-matter": Case(
        {"status": "accepted", "date": "2024-04-02", "title": "Front matter never closed"},
        [(1, "unclosed-front-matter", "the front matter opened on line 1 is never closed")],
    ),
    "0026-key-given-twice": Case(
        {"status": "accepted", "tags": ["process"]},
        [(5, "duplicate-key", "`status` is given twice, on lines 2 and 5; delete one of them")],
    ),
    "0027-comma-in-a-name": Case(
        {"deciders": ["Chen, Maya", "Berg, Lukas"], "consulted": ["Aisha Okafor", "Diego Ramírez"]}
    ),
}


def write_huge_decision(path: Path) -> None:
    """Write a 5 MB decision: a short record with a production log pasted into it."""
    entry = "2024-01-24T09:00:00Z INFO request id=%07d path=/api/items status=200 took=12ms\n"
    log = "".join(entry % i for i in range(5_000_000 // len(entry % 0) + 1))
    header = "---\nstatus: accepted\ndate: 2024-01-24\n---\n# A pasted log\n\nThe log of the incident:\n\n"
    path.write_text(f"{header}```text\n{log}```\n", encoding="utf-8")


@pytest.fixture(scope="module")
def handbook_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook whose decision folder is the hostile fixtures plus the generated 5 MB file."""
    root = make_handbook(tmp_path_factory.mktemp("hostile") / "handbook", config=CONFIG)
    shutil.copytree(HOSTILE, root / "decisions")
    write_huge_decision(root / "decisions" / f"{HUGE}.md")
    return root


@pytest.fixture(scope="module")
def site(handbook_root: Path) -> Build:
    """The hostile handbook, built once (the helper fails on any traceback)."""
    return build(handbook_root)


@pytest.fixture(scope="module")
def records(site: Build) -> dict[str, dict]:
    """The records of ``decisions.json``, by id."""
    return {record["id"]: record for record in site.json()["decisions"]}


def test_the_build_finishes(site: Build) -> None:
    """Whatever the files hold, the build completes and publishes every one of them."""
    assert site.returncode == 0, site.log
    assert {record["id"] for record in site.json()["decisions"]} == set(CASES)


def test_a_strict_build_fails_without_a_traceback(handbook_root: Path) -> None:
    """``mkdocs build --strict`` stops on the errors; the helper asserts there is no traceback."""
    result = build(handbook_root, "-d", "strict-site", strict=True)
    assert result.returncode != 0
    assert "Aborted with" in result.log


@pytest.mark.parametrize("stem", sorted(CASES))
def test_each_file_is_read_as_written(records: dict[str, dict], stem: str) -> None:
    """Each file's title, status, date, tags and relations are what its author meant."""
    record = records[stem]
    assert {key: record[key] for key in CASES[stem].record} == CASES[stem].record


@pytest.mark.parametrize("stem", sorted(CASES))
def test_each_problem_names_its_file_and_line(site: Build, stem: str) -> None:
    """Exactly the expected problems are reported for the file, each with its line, in the log too."""
    source = f"decisions/{stem}.md"
    problems = sorted(
        (p["line"], p["code"], p["message"], p["severity"])
        for p in site.json()["problems"]
        if p["file"] == source
    )
    assert [(line, code) for line, code, _, _ in problems] == [
        (line, code) for line, code, _ in CASES[stem].problems
    ]
    for (line, _, message, severity), (_, _, words) in zip(problems, CASES[stem].problems, strict=True):
        assert words in message
        level = "WARNING" if severity == "error" else "INFO"
        assert f"{level:<7} -  teamhandbook: {source}:{line}: {message}" in site.log


def test_no_problem_concerns_an_unknown_file(site: Build) -> None:
    """Every problem is about one of the hostile files, and none is reported twice."""
    problems = [(p["file"], p["line"], p["message"]) for p in site.json()["problems"]]
    assert {file for file, _, _ in problems} <= {f"decisions/{stem}.md" for stem in CASES}
    assert len(problems) == len(set(problems))


@pytest.mark.parametrize("stem", sorted(CASES))
def test_each_decision_gets_its_page_and_index_row(site: Build, records: dict[str, dict], stem: str) -> None:
    """A broken neighbour never costs a decision its page or its row in the index."""
    assert (site.site / "decisions" / stem / "index.html").is_file()
    assert f'href="{quote(stem)}/"' in site.page("decisions/")
    assert records[stem]["url"] == f"decisions/{quote(stem)}/"


def test_yaml_is_read_as_the_author_wrote_it() -> None:
    """``0032`` stays the text ``0032`` (not octal 26) and ``on`` stays a word (not ``True``)."""
    path = HOSTILE / "0003-yaml-surprises.md"
    decision, problems = read_decision_file(path, "decisions/0003-yaml-surprises.md", path.stem)
    assert decision.extra == {"nav-order": "0032", "on": "merge"}
    assert problems == []


LITERAL_CODE = [
    "token: ${{ secrets.DEPLOY_TOKEN }}",
    '{% if env == "prod" %}replicas: 3{% endif %}',
    "{# a Jinja comment #}",
    "image: {{ .Values.image.tag }}",
    "{% raw %}kept{% endraw %}",
    "<code>{{ github.ref }}</code>",
    '<code>{% include "missing.html" %}</code>',
    "<code>{#</code>",
]


@pytest.mark.parametrize("snippet", LITERAL_CODE)
def test_template_syntax_in_code_is_shown_literally(site: Build, snippet: str) -> None:
    """``{{ }}``, ``{% %}`` and ``{# #}`` in fenced, indented and inline code are shown as written."""
    assert snippet in html.unescape(site.content("decisions/0007-jinja-in-code/"))


@pytest.fixture(scope="module")
def macros_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The hostile folder built with ``render_macros: true``, plus a decision that uses a macro."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", {"team-handbook": {"render_macros": True}}, "macros"]}
    root = make_handbook(tmp_path_factory.mktemp("macros") / "handbook", config=config)
    shutil.copytree(HOSTILE, root / "decisions")
    (root / "decisions" / "0030-uses-a-macro.md").write_text(
        "---\nstatus: accepted\n---\n# Uses a macro\n\nTwo is {{ 1 + 1 }}; code `{{ 1 + 1 }}` is not.\n",
        encoding="utf-8",
    )
    return build(root)


@pytest.mark.parametrize("snippet", LITERAL_CODE)
def test_code_stays_literal_when_macros_render_decisions(macros_site: Build, snippet: str) -> None:
    """With ``render_macros: true``, macros run in prose but code is still shown as written."""
    assert macros_site.returncode == 0, macros_site.log
    assert snippet in html.unescape(macros_site.content("decisions/0007-jinja-in-code/"))


def test_macros_run_in_prose_when_turned_on(macros_site: Build) -> None:
    """The opt-in works: a macro in prose is rendered, the same text in code is not."""
    page = html.unescape(macros_site.content("decisions/0030-uses-a-macro/"))
    assert "Two is 2; code <code>{{ 1 + 1 }}</code> is not." in page
    assert not MACRO_ERROR.search(page)


@pytest.mark.parametrize("url", ["decisions/0023-braces-in-title/", "decisions/", "decisions/timeline/"])
def test_titles_are_never_rendered_by_macros(macros_site: Build, url: str) -> None:
    """A title with ``{{ }}``, ``{% %}`` and ``{#`` shows as written in pages, navigation and tab."""
    page = html.unescape(macros_site.page(url))
    assert "Generate services with {{ cookiecutter.project }} and {% raw %} blocks {#" in page
    assert not MACRO_ERROR.search(page)
