"""``handbook render --for zensical|mkdocs|plain`` on small handbooks: a project each builder builds
strictly, its configuration said again for that builder, addresses in the site's URL style, and
every page carrying what the plugin would add."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from teamhandbook.plan.navigation import navigation_paths
from teamhandbook.plan.toml import toml_document
from teamhandbook.readers.raw_config import Tagged, load_raw_config

from .builders import BIN, Built, broken_links, edit_link, info_line
from .cli import run_cli
from .conftest import make_handbook, write_files

CONFIG = """\
site_name: Lighthouse <handbook> & co
site_url: https://example.org/handbook/
repo_url: https://github.com/example/handbook
edit_uri: edit/main/docs/
use_directory_urls: {directory_urls}
theme:
  name: material
  features: [content.action.edit, navigation.footer]
plugins:
  - search
  - tags
  - team-handbook:
      nav_decisions: 2
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify {{kwds: {{case: lower}}}}
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  analytics_note: !ENV [HANDBOOK_TEST_NOTE, "no note"]
"""

FILES = {
    "docs/index.md": "---\nowner: '@maya'\n---\n# Home\n\nSee [the log](decisions/index.md). :smile:\n",
    "docs/tags.md": "# Tags\n\n<!-- material/tags -->\n",
    "decisions/0001-record-decisions.md": (
        "---\nstatus: superseded\ndate: 2024-01-02\ntags: [process]\nsuperseded_by: 3\n---\n"
        "# Record decisions\n\nWe record them.\n"
    ),
    "decisions/0002-use-a-wiki.md": (
        "---\nstatus: accepted\ndate: 2024-02-03\ntags: ['<b>bold</b>']\n---\n"
        "# Use <script>alert(1)</script> & {{ braces }}\n\nText.\n"
    ),
    "decisions/0003-record-decisions-in-the-repository.md": (
        "---\nstatus: accepted\ndate: 2024-03-04\ntags: [process]\nsupersedes: 1\namends: 2\n---\n"
        "# Record decisions in the repository\n\nBack to [the first](0001-record-decisions.md).\n"
    ),
}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a site builder strictly in ``cwd``, as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


BUILD = {
    "zensical": [str(BIN / "zensical"), "build", "--strict"],
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
}


def rendered(tmp_path: Path, capsys, target: str, directory_urls: bool = True) -> tuple[Path, Built]:
    """Render a small handbook for ``target`` and build the project strictly."""
    root = make_handbook(tmp_path / "h", FILES, CONFIG.format(directory_urls=str(directory_urls).lower()))
    out = tmp_path / "out"
    outcome = run_cli(capsys, root, "render", "--for", target, "--out", str(out))
    assert outcome.code == 0, outcome.err
    result = run(BUILD[target], out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, Built(target, out / "site", result.returncode, result.stdout + result.stderr)


@pytest.mark.parametrize("target", ["zensical", "mkdocs"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_project_builds_with_addresses_in_the_sites_style(
    tmp_path: Path, capsys, target: str, directory_urls: bool
) -> None:
    """Every page is at the address the site's URL style gives it, and every link (an amendment's
    both ways among them), every address in decisions.json and the feed, and every node of the
    graph leads to a page of the site."""
    _, site = rendered(tmp_path, capsys, target, directory_urls)
    suffix = "/index.html" if directory_urls else ".html"
    assert f"decisions/0002-use-a-wiki{suffix}" in site.pages()
    records = site.json_records()
    assert [r["url"].endswith("/" if directory_urls else ".html") for r in records] == [True] * 3
    assert all(site.resolves(r["url"]) for r in records)
    broken, total = broken_links(site)
    assert broken == [] and total > 10
    amended = site.html(f"decisions/0002-use-a-wiki{suffix}")
    assert "Amended by" in amended and "0003-record-decisions-in-the-repository" in amended
    feed = (site.site / "feed.xml").read_text("utf-8")
    assert (
        "https://example.org/handbook/decisions/0003-record-decisions-in-the-repository"
        + ("/" if directory_urls else ".html")
        in feed
    )
    graph = "decisions/graph" + suffix
    assert site.graph_links(graph) and all(site.resolves(link, graph) for link in site.graph_links(graph))


@pytest.mark.parametrize("target", ["zensical", "mkdocs"])
def test_each_page_carries_what_the_plugin_adds(tmp_path: Path, capsys, target: str) -> None:
    """Information line, decision header and banner, tags, an escaped title, and the edit link to
    the file an author edits; none on generated pages."""
    _, site = rendered(tmp_path, capsys, target)
    wiki = "decisions/0002-use-a-wiki/index.html"
    html = site.html(wiki)
    title = "ADR-0002: Use &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#123;&#123; braces &#125;&#125;"
    assert f"<title>{title} - " in html
    assert "<script>alert(1)</script>" not in html and "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html  # the tag, shown as text by the builder's tags
    assert 'class="th-decision-meta"' in html
    assert (
        edit_link(site, wiki) == "https://github.com/example/handbook/edit/main/decisions/0002-use-a-wiki.md"
    )
    assert edit_link(site, "index.html") == "https://github.com/example/handbook/edit/main/docs/index.md"
    assert edit_link(site, "decisions/index.html") is None
    assert "@maya" in (info_line(site, "index.html") or "")
    assert 'class="twemoji"' in site.html("index.html")  # Material's emoji, or Zensical's
    first = site.html("decisions/0001-record-decisions/index.html")
    assert "th-banner--superseded" in first and "ADR-0003: Record decisions in the repository</a>" in first
    tags = site.html("tags/index.html")
    assert "0001-record-decisions/" in tags and "0003-record-decisions-in-the-repository/" in tags


def test_the_configuration_is_the_sites_own_said_again_for_each_builder(tmp_path: Path, capsys) -> None:
    """``mkdocs.yml`` keeps the tags as written (``!ENV``, ``!!python/…``); ``zensical.toml`` says
    what they mean, Material's emoji functions as Zensical's; both drop the handbook's plugins,
    ``hooks:`` and ``watch:`` (with a note), and name the navigation, assets and overrides."""
    config = CONFIG.format(directory_urls="true") + "hooks: [hooks.py]\nwatch: [snippets]\n"
    root = make_handbook(tmp_path / "h", FILES, config)
    write_files(root, {"hooks.py": "", "snippets/a.md": "A\n"})
    mkdocs_out, zensical_out = tmp_path / "mkdocs", tmp_path / "zensical"
    mkdocs = run_cli(capsys, root, "render", "--for", "mkdocs", "--out", str(mkdocs_out))
    assert mkdocs.code == 0 and "`hooks:` is not carried into the written project" in mkdocs.err
    assert "`watch:` is not carried into the written project" in mkdocs.err
    written = load_raw_config(mkdocs_out / "mkdocs.yml")
    assert written["extra"]["analytics_note"] == Tagged("!ENV", ["HANDBOOK_TEST_NOTE", "no note"])
    fence = written["markdown_extensions"][3]["pymdownx.superfences"]["custom_fences"][0]["format"]
    assert fence.python == ("name", "pymdownx.superfences.fence_code_format")
    slugify = written["markdown_extensions"][2]["toc"]["slugify"]
    assert slugify.python == ("object/apply", "pymdownx.slugs.slugify") and slugify.value == {
        "kwds": {"case": "lower"}
    }
    assert written["plugins"] == ["search", "tags"] and "hooks" not in written and "watch" not in written
    assert run_cli(capsys, root, "render", "--for", "zensical", "--out", str(zensical_out)).code == 0
    project = tomllib.loads((zensical_out / "zensical.toml").read_text("utf-8"))["project"]
    assert project["extra"]["analytics_note"] == "no note"
    fences = project["markdown_extensions"]["pymdownx.superfences"]["custom_fences"]
    assert fences[0]["format"] == "pymdownx.superfences.fence_code_format"
    assert project["markdown_extensions"]["toc"]["slugify"] == {
        "object": "pymdownx.slugs.slugify",
        "kwds": {"case": "lower"},
    }
    assert project["markdown_extensions"]["pymdownx.emoji"] == {
        "emoji_index": "zensical.extensions.emoji.twemoji",
        "emoji_generator": "zensical.extensions.emoji.to_svg",
    }
    assert project["plugins"] == {"search": {}, "tags": {}}
    assert project["theme"]["custom_dir"] == "overrides" and project["edit_uri"] == ""
    assert "assets/teamhandbook/decision-index.js" in project["extra_javascript"]
    decisions = next(entry for entry in project["nav"] if "Decisions" in entry)["Decisions"]
    assert decisions[:1] == ["decisions/index.md"]
    assert decisions[-2:] == [
        "decisions/0002-use-a-wiki.md",
        "decisions/0003-record-decisions-in-the-repository.md",
    ]
    assert "/decisions/0001-record-decisions.md" in project["not_in_nav"]
    assert project["extra"]["status"]["superseded"] == "Superseded decision"


def test_a_tag_zensical_cannot_say_is_written_as_its_text_with_a_note(tmp_path: Path, capsys) -> None:
    """A configuration tag with no TOML equivalent (MkDocs' ``!relative``) is written as its text,
    and the note names the configuration file and the tag."""
    config = CONFIG.format(directory_urls="true") + "  snippets_dir: !relative snippets\n"
    root = make_handbook(tmp_path / "h", FILES, config)
    out = tmp_path / "out"
    outcome = run_cli(capsys, root, "render", "--for", "zensical", "--out", str(out))
    assert outcome.code == 0
    assert "mkdocs.yml:1: `!relative snippets` has no equivalent in zensical.toml" in outcome.err
    project = tomllib.loads((out / "zensical.toml").read_text("utf-8"))["project"]
    assert project["extra"]["snippets_dir"] == "snippets"


def test_a_sites_own_theme_overrides_are_kept(tmp_path: Path, capsys) -> None:
    """The site's main.html is extended (its own head links stay, the feed joins them); its own
    actions.html is kept, with a note that its edit links are the builder's."""
    config = CONFIG.format(directory_urls="true").replace(
        "  name: material\n", "  name: material\n  custom_dir: ov\n"
    )
    root = make_handbook(tmp_path / "h", FILES, config)
    write_files(
        root,
        {
            "ov/main.html": '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}'
            '<meta name="site-own" content="kept">{% endblock %}\n',
            "ov/partials/actions.html": "<!-- the site's own actions -->\n",
        },
    )
    out = tmp_path / "out"
    outcome = run_cli(capsys, root, "render", "--for", "zensical", "--out", str(out))
    assert outcome.code == 0 and "is kept, so edit links are the builder's own" in outcome.err
    assert "mkdocs.yml:1: the theme override ov/partials/actions.html is kept" in outcome.err
    assert run(BUILD["zensical"], out).returncode == 0
    home = (out / "site" / "index.html").read_text("utf-8")
    assert '<meta name="site-own" content="kept">' in home and 'type="application/atom+xml"' in home
    assert "<!-- the site's own actions -->" in home


def test_rendering_for_another_builder_replaces_the_earlier_project(tmp_path: Path, capsys) -> None:
    """A render for Zensical, then for MkDocs, into the same folder: the Zensical configuration is
    gone, nothing the builder wrote there (its site) is touched, and plain Markdown follows."""
    root = make_handbook(tmp_path / "h", FILES, CONFIG.format(directory_urls="true"))
    out = tmp_path / "out"
    assert run_cli(capsys, root, "render", "--for", "zensical", "--out", str(out)).code == 0
    assert run(BUILD["zensical"], out).returncode == 0
    assert run_cli(capsys, root, "render", "--for", "mkdocs", "--out", str(out)).code == 0
    assert (out / "mkdocs.yml").is_file() and not (out / "zensical.toml").exists()
    assert (out / "site" / "index.html").is_file()
    assert run_cli(capsys, root, "render", "--out", str(out)).code == 0
    assert not (out / "mkdocs.yml").exists() and not (out / "docs" / "index.md").exists()
    plain = (out / "decisions" / "0002-use-a-wiki.md").read_text("utf-8")
    assert plain.startswith("---\ntitle: 'ADR-0002: Use &lt;script&gt;")
    assert "edit_url: https://github.com/example/handbook/edit/main/decisions/0002-use-a-wiki.md" in plain


@pytest.mark.parametrize(
    ("limit", "nav", "listed"),
    [
        (2, None, ["0002-use-a-wiki", "0003-record-decisions-in-the-repository"]),
        (0, None, []),
        (-1, None, ["0001-record-decisions", "0002-use-a-wiki", "0003-record-decisions-in-the-repository"]),
        (
            1,
            [{"Home": "index.md"}, {"Log": ["decisions/index.md", "decisions/graph.md"]}],
            ["0003-record-decisions-in-the-repository"],
        ),
        (5, [{"Home": "index.md"}, {"Log": "decisions/index.md"}], []),  # the index has no section to share
    ],
)
def test_the_navigation_lists_the_recent_decisions_as_the_plugin_does(
    tmp_path: Path, capsys, limit: int, nav: list | None, listed: list[str]
) -> None:
    """The written navigation is the configured one (or the pages', as MkDocs makes it), with the
    most recent decisions under the decision index, as many as ``nav_decisions`` says."""
    config = CONFIG.format(directory_urls="true").replace("nav_decisions: 2", f"nav_decisions: {limit}")
    if nav is not None:
        config += yaml.safe_dump({"nav": nav})
    root = make_handbook(tmp_path / "h", FILES, config)
    out = tmp_path / "out"
    assert run_cli(capsys, root, "render", "--for", "zensical", "--out", str(out)).code == 0
    written = tomllib.loads((out / "zensical.toml").read_text("utf-8"))["project"]["nav"]
    paths = list(navigation_paths(written))
    assert [p.removeprefix("decisions/").removesuffix(".md") for p in paths if p[10:11].isdigit()] == listed
    if nav is None:
        assert {
            "Decisions": [
                "decisions/index.md",
                "decisions/graph.md",
                "decisions/timeline.md",
                *[f"decisions/{d}.md" for d in listed],
            ]
        } in written
    assert run(BUILD["zensical"], out).returncode == 0


def _toml_values() -> st.SearchStrategy:
    """Values a configuration holds: text, numbers, booleans, lists and tables, nested."""
    scalars = st.one_of(
        st.text(),
        st.integers(-(2**63), 2**63 - 1),
        st.booleans(),
        st.floats(allow_nan=False, allow_infinity=False),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)),
        max_leaves=12,
    )


@given(st.dictionaries(st.text(), _toml_values(), max_size=5))
@settings(max_examples=200, deadline=None)
def test_the_toml_written_reads_back_as_it_was(data: dict) -> None:
    """Whatever a configuration holds (odd keys, quotes, control characters, lines, nesting, lists of
    tables), ``zensical.toml`` reads back as the same data."""
    assert tomllib.loads(toml_document(data)) == data


@pytest.mark.parametrize("builder", ["zensical", "mkdocs"])
def test_the_handbooks_macros_serve_a_site_the_plugin_does_not_build(tmp_path: Path, builder: str) -> None:
    """With ``teamhandbook.macros.zensical`` under ``macros``, a site built without the plugin (by
    Zensical, or MkDocs with mkdocs-macros alone) renders the handbook's macros in ``docs/``, says
    once what is not published and what to run, and shows a failing macro as a sentence, never a
    traceback."""
    config = (
        "site_name: Macros only\n"
        "plugins:\n  - search\n  - macros:\n      on_undefined: strict\n"
        "      modules: [teamhandbook.macros.zensical]\n"
    )
    files = {
        "decisions/0001-a.md": "---\nstatus: accepted\n---\n# A\n",
        "decisions/0002-b.md": "---\nstatus: proposed\n---\n# B\n",
        "docs/index.md": "# Home\n\nDecisions: {{ decision_count() }}.\n\nAnswer: {{ response_time() }}\n",
    }
    root = make_handbook(tmp_path / "h", files, config)
    result = run(BUILD[builder][:-1], root)  # not strict: nothing links the pages that are missing
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in log, log
    assert log.count("does not run the team-handbook plugin") == 1
    assert "handbook render --for zensical --out DIR" in log
    assert "the macro response_time() failed" in log
    home = (root / "site" / "index.html").read_text("utf-8")
    assert "Decisions: 2." in home
    assert "could not be shown: see the build" in home and "Macro Rendering Error" not in home
