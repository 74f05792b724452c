"""One truth: ``mkdocs build --strict`` and ``handbook check`` agree on small handbooks of every kind.

Each case is a handbook written into a temporary folder, built for real (strictly, for the verdict,
and once more without ``--strict``, so the log holds every warning) and checked with the installed
``handbook`` command. Both must pass or both must fail, and the problems ``handbook check`` prints as
errors must be the ones the build logged as warnings: the handbook's own problems by file, line
and sentence, MkDocs' link and anchor warnings by page and link.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from .cli import run_script
from .conftest import MINIMAL_CONFIG, REPOSITORY, build, decision, make_handbook

ACCEPTED = decision({"status": "accepted", "date": "2024-01-10"}, "Record decisions")
MACROS = [*MINIMAL_CONFIG["plugins"], "macros"]


@dataclass(frozen=True)
class Case:
    """A small handbook, and whether a strict build of it must fail."""

    name: str
    files: dict[str, str]
    fails: bool
    config: dict | str | None = None
    extra_files: dict[str, str] = field(default_factory=dict)


def config(**changes: object) -> dict:
    """Return the minimal configuration with some keys changed."""
    return {**MINIMAL_CONFIG, **changes}


def plugin_config(options: dict, *more: object) -> dict:
    """Return the minimal configuration with options for the team-handbook plugin."""
    return config(plugins=["search", {"team-handbook": options}, *more])


AGREEMENT_PAGE = "# Overlap\n\nWe overlap {{ core_hours() }}.\n"
TEAM = """\
people:
  - handle: maya
    name: Maya Chen
    timezone: Europe/Berlin
    hours: "09:00-17:00"
"""

CASES = [
    Case("a clean handbook", {"decisions/0001-record.md": ACCEPTED}, fails=False),
    Case("an empty handbook", {}, fails=False),
    Case(
        "an unknown status",
        {"decisions/0001-x.md": decision({"status": "bogus"}, "X")},
        fails=True,
    ),
    Case(
        "an impossible date",
        {"decisions/0001-x.md": decision({"status": "accepted", "date": "2024-02-30"}, "X")},
        fails=True,
    ),
    Case(
        "two decisions with one number",
        {
            "decisions/0001-a.md": decision({"status": "accepted"}, "A"),
            "decisions/0001-b.md": decision({"status": "accepted"}, "B"),
        },
        fails=True,
    ),
    Case(
        "a supersession written on one side only",
        {
            "decisions/0001-a.md": decision({"status": "superseded", "superseded-by": "0002"}, "A"),
            "decisions/0002-b.md": decision({"status": "accepted"}, "B"),
        },
        fails=True,
    ),
    Case(
        "a relation to a decision that does not exist",
        {"decisions/0001-a.md": decision({"status": "accepted", "relates-to": ["0042"]}, "A")},
        fails=True,
    ),
    Case(
        "a link inside an HTML comment",
        {"docs/index.md": "# Home\n\n<!-- [old](gone.md) -->\n"},
        fails=False,
    ),
    Case(
        "a link whose text holds brackets",
        {"docs/index.md": "# Home\n\n[a [nested] b](missing.md)\n"},
        fails=True,
    ),
    Case(
        "a link whose text wraps across lines",
        {"docs/index.md": "# Home\n\nSee [the\nmissing page](missing.md).\n"},
        fails=True,
    ),
    Case(
        "a link in fenced code",
        {"docs/index.md": "# Home\n\n```markdown\n[x](missing.md)\n```\n"},
        fails=False,
    ),
    Case(
        "a link in raw HTML",
        {"docs/index.md": '# Home\n\n<p><a href="missing.md">x</a></p>\n'},
        fails=False,
    ),
    Case(
        "a reference-style link",
        {"docs/index.md": "# Home\n\nSee [the page][p].\n\n[p]: missing.md\n"},
        fails=True,
    ),
    Case(
        "an image that is missing",
        {"docs/index.md": "# Home\n\n![diagram](img/missing.png)\n"},
        fails=True,
    ),
    Case(
        "a file name with parentheses",
        {
            "docs/index.md": "# Home\n\n[notes](<notes (old).md>) and [gone](<gone (1).md>)\n",
            "docs/notes (old).md": "# Notes\n",
        },
        fails=True,
    ),
    Case(
        "a link from a decision to a missing page",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "X", "See [it](0009-nothing.md).")},
        fails=True,
    ),
    Case(
        "a link from a decision written for the repository's folders",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "X", "See [home](../docs/index.md).")},
        fails=True,
    ),
    Case(
        "links between decisions and pages that resolve",
        {
            "docs/index.md": "# Home\n\nSee [the log](decisions/index.md) and [X](decisions/0001-x.md).\n",
            "decisions/0001-x.md": decision({"status": "accepted"}, "X", "See [home](../index.md)."),
        },
        fails=False,
    ),
    Case(
        "a link to a missing section",
        {
            "docs/index.md": "# Home\n\n[x](other.md#nowhere)\n",
            "docs/other.md": "# Other\n\n## Somewhere\n",
        },
        config=config(validation={"anchors": "warn"}),
        fails=True,
    ),
    Case(
        "a link to a section that exists",
        {
            "docs/index.md": "# Home\n\n[x](other.md#somewhere)\n",
            "docs/other.md": "# Other\n\n## Somewhere\n",
        },
        config=config(validation={"anchors": "warn"}),
        fails=False,
    ),
    Case(
        "a link to a missing section, anchors not validated",
        {"docs/index.md": "# Home\n\n[x](other.md#nowhere)\n", "docs/other.md": "# Other\n"},
        fails=False,
    ),
    Case(
        "an absolute link and a link to a folder",
        {"docs/index.md": "# Home\n\n[a](/elsewhere.md) and [b](guide/)\n"},
        fails=False,
    ),
    Case(
        "a navigation that names a missing page",
        {"docs/index.md": "# Home\n"},
        config=config(nav=["index.md", {"Gone": "gone.md"}]),
        fails=True,
    ),
    Case(
        "an author's page at a decision's address",
        {
            "decisions/0001-x.md": decision({"status": "accepted"}, "X"),
            "docs/decisions/0001-x.md": "# Mine\n",
        },
        fails=True,
    ),
    Case(
        "a decision named like a generated page",
        {"decisions/graph.md": decision({"status": "accepted"}, "A graph")},
        fails=True,
    ),
    Case(
        "an author's introduction to the decision log",
        {
            "decisions/0001-x.md": ACCEPTED,
            "docs/decisions/index.md": "# Our decisions\n\nWhy we write them.\n\n<!-- team-handbook -->\n",
        },
        fails=False,
    ),
    Case(
        "an agreement page that uses macros without the macros plugin",
        {"working-agreement/overlap.md": AGREEMENT_PAGE, "working-agreement/team.yml": TEAM},
        fails=True,
    ),
    Case(
        "an agreement page with the macros plugin",
        {"working-agreement/overlap.md": AGREEMENT_PAGE, "working-agreement/team.yml": TEAM},
        config=config(plugins=MACROS),
        fails=False,
    ),
    Case(
        "a broken link on an agreement page",
        {
            "working-agreement/index.md": "# Agreement\n\n[gone](gone.md)\n",
            "working-agreement/team.yml": TEAM,
        },
        fails=True,
    ),
    Case(
        "settings inherited from a base configuration",
        {"records/0001-x.md": decision({"status": "bogus"}, "X")},
        config="INHERIT: base.yml\nsite_name: Child\n",
        extra_files={
            "base.yml": yaml.safe_dump(plugin_config({"decisions_dir": "records"}), sort_keys=False),
        },
        fails=True,
    ),
    Case(
        "a folder named through an environment variable",
        {"records/0001-x.md": decision({"status": "bogus"}, "X")},
        config=textwrap.dedent(
            """\
            site_name: Env
            site_url: https://example.org/
            theme: {name: material}
            plugins:
              - search
              - team-handbook:
                  decisions_dir: !ENV [HANDBOOK_TEST_UNSET_VARIABLE, records]
            """
        ),
        fails=True,
    ),
    Case(
        "page addresses without directories",
        {
            "docs/index.md": "# Home\n\n[X](decisions/0001-x.md) and [log](decisions/index.md)\n",
            "decisions/0001-x.md": ACCEPTED,
        },
        config=config(use_directory_urls=False),
        fails=False,
    ),
]


_OWN = re.compile(r"^WARNING\s+-\s+teamhandbook: (?P<file>[^:]+):(?P<line>\d+): (?P<message>.*)$")
_LINK = re.compile(r"^WARNING\s+-\s+Doc file '(?P<page>[^']+)' contains a link '(?P<url>[^']+)'")
_NAV = re.compile(r"^WARNING\s+-\s+A reference to '(?P<url>[^']+)' is included in the 'nav' configuration")


def build_problems(log: str) -> set[tuple[str, ...]]:
    """Return every warning of a build log, as comparable keys."""
    found: set[tuple[str, ...]] = set()
    for line in log.splitlines():
        if not line.startswith("WARNING"):
            continue
        own, link, nav = _OWN.match(line), _LINK.match(line), _NAV.match(line)
        if own:
            found.add(("problem", own["file"], own["line"], own["message"]))
        elif link:
            found.add(("link", link["page"], link["url"]))
        elif nav:
            found.add(("nav", nav["url"]))
        else:
            found.add(("other", line))
    return found


def check_problems(report: dict) -> set[tuple[str, ...]]:
    """Return the errors of ``handbook check --format json``, as comparable keys."""
    found: set[tuple[str, ...]] = set()
    for problem in report["problems"]:
        if problem["severity"] != "error":
            continue
        if problem["code"] == "missing-nav-page":
            found.add(("nav", problem["link"]))
        elif "link" in problem:
            found.add(("link", problem["page"], problem["link"]))
        else:
            found.add(("problem", problem["file"], str(problem["line"]), problem["message"]))
    return found


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_and_check_agree(case: Case, tmp_path: Path) -> None:
    """Both pass or both fail, and ``handbook check`` reports exactly what the build logged."""
    root = make_handbook(tmp_path / "handbook", {**case.files, **case.extra_files}, case.config)
    strict = build(root, strict=True)
    assert (strict.returncode != 0) is case.fails, strict.log
    checked = run_script(root, "check", "--format", "json")
    assert checked.code == (1 if case.fails else 0), checked.out + checked.err
    logged = build_problems(build(root).log)
    reported = check_problems(json.loads(checked.out))
    assert reported == logged


def _html_pages(site: Path) -> set[str]:
    """Return the address of every HTML page of a built site, except the theme's own pages."""
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.name not in ("404.html", "search.html") and "assets" not in path.relative_to(site).parts[:1]
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory URLs", "file URLs"])
def test_the_plugin_and_render_publish_the_same_pages(tmp_path: Path, directory_urls: bool) -> None:
    """The example handbook built by the plugin, and rendered then built without it, has the same
    pages at the same addresses, and every address in ``decisions.json`` resolves in both."""
    root = tmp_path / "handbook"
    shutil.copytree(
        REPOSITORY, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "plugins")
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + f"\nuse_directory_urls: {str(directory_urls).lower()}\n")
    plugin = build(root, strict=True)
    assert plugin.returncode == 0, plugin.log
    rendered = run_script(root, "render", "--out", str(tmp_path / "out"))
    assert rendered.code == 0, rendered.err
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Rendered\ndocs_dir: out\nexclude_docs: .teamhandbook-render\n"
        f"use_directory_urls: {str(directory_urls).lower()}\n"
    )
    plain = build(tmp_path, strict=False)
    assert plain.returncode == 0, plain.log
    pages = _html_pages(plugin.site)
    assert len(pages) > 40 and any(page.startswith("decisions/0003") for page in pages)
    assert _html_pages(plain.site) == pages
    for site in (plugin.site, plain.site):
        for record in json.loads((site / "decisions.json").read_text("utf-8"))["decisions"]:
            target = site / unquote(record["url"])
            assert (target / "index.html" if record["url"].endswith("/") else target).is_file(), record["url"]
