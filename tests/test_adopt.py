"""``handbook init`` for a team: a complete offline handbook, or one around the log it already keeps."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from .cli import run_cli, run_script
from .conftest import FIXTURES, build, make_handbook, write_files

SOURCES = FIXTURES / "import"
EXTERNAL = re.compile(
    r"""(?:\bsrc=|<link\b[^>]*\bhref=|\burl\()["']?(?:https?:)?//(?!example\.org)[^"')\s]+"""
)
"""An address a page would load from another site: a script, image, stylesheet or font (plain links to
other sites are fine, a reader follows them or not)."""


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file below a folder, by relative path, with its bytes."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def nav_pages(config: Path) -> list[str]:
    """Return the pages a configuration's ``nav:`` names."""
    data = yaml.load(config.read_text(), Loader=yaml.BaseLoader)

    def pages(entry: object) -> list[str]:
        """Return the pages of one navigation entry, sections included."""
        if isinstance(entry, str):
            return [entry]
        if isinstance(entry, list):
            return [page for item in entry for page in pages(item)]
        if isinstance(entry, dict):
            return [page for value in entry.values() for page in pages(value)]
        return []

    return pages(data["nav"])


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory):
    """A handbook from ``handbook init`` with its addresses and a GitHub pipeline, built strictly."""
    parent = tmp_path_factory.mktemp("init")
    outcome = run_script(
        parent,
        "init",
        "team",
        "--name",
        "Harbor",
        "--site-url",
        "https://example.org/handbook",
        "--repo-url",
        "https://github.com/example/handbook/",
        "--ci",
        "github",
    )
    assert outcome.code == 0, outcome.err
    root = parent / "team"
    return root, build(root, strict=True)


def test_every_page_init_creates_is_in_the_navigation(started) -> None:
    """The strict build passes and MkDocs names no page that the navigation leaves out."""
    root, result = started
    assert result.returncode == 0, result.log
    assert 'not included in the "nav"' not in result.log
    for page in nav_pages(root / "mkdocs.yml"):
        url = page.removesuffix(".md").removesuffix("index")
        url = url if url.endswith("/") or not url else url + "/"
        assert (result.site / url / "index.html").is_file(), page
    assert "Weekly update" in result.content("working-agreement/templates/weekly-update/")


def test_init_site_loads_nothing_from_other_sites(started) -> None:
    """No web font, no CDN script, no GitHub statistics: every page works offline."""
    root, result = started
    config = (root / "mkdocs.yml").read_text()
    assert "font: false" in config
    for page in result.site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "fonts.googleapis" not in html and "unpkg.com" not in html and "jsdelivr" not in html
        assert EXTERNAL.findall(html) == [], page


def test_site_and_repository_addresses_fill_the_config_and_the_feed_appears(started) -> None:
    """``--site-url`` and ``--repo-url`` are set, with an edit address; the Atom feed is published."""
    root, result = started
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert config["site_url"] == "https://example.org/handbook/"
    assert config["repo_url"] == "https://github.com/example/handbook"
    assert config["edit_uri"] == "edit/main/docs/"
    assert (result.site / "feed.xml").is_file()
    assert 'type="application/atom+xml"' in result.page("")
    assert "https://github.com/example/handbook/edit/main/docs/index.md" in result.page("")


def test_the_home_page_quotes_the_roster_from_team_yml(started) -> None:
    """The README shows the people of ``team.yml``; change the file and the page follows."""
    root, result = started
    assert "Alex Example" in result.content("")
    assert "Alex Example" not in (root / "docs" / "index.md").read_text()
    team = root / "working-agreement" / "team.yml"
    team.write_text(team.read_text().replace("Alex Example", "Robin Newname"))
    rebuilt = build(root, strict=True)
    assert rebuilt.returncode == 0, rebuilt.log
    assert "Robin Newname" in rebuilt.content("") and "Alex Example" not in rebuilt.content("")
    team.write_text(team.read_text().replace("Robin Newname", "Alex Example"))


def test_ci_github_writes_a_check_and_publish_workflow(started) -> None:
    """The workflow checks with annotations, builds strictly and deploys to GitHub Pages."""
    root, _ = started
    workflow = yaml.safe_load((root / ".github" / "workflows" / "handbook.yml").read_text())
    steps = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert "handbook check --format github" in steps and "mkdocs build --strict" in steps
    assert workflow["jobs"]["check"]["env"]["TEAMHANDBOOK_REQUIREMENT"].startswith("teamhandbook")
    assert workflow["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_ci_gitlab_writes_a_pipeline_with_a_code_quality_report(tmp_path: Path) -> None:
    """``--ci gitlab`` writes ``.gitlab-ci.yml`` whose check job uploads a Code Quality report."""
    assert run_script(tmp_path, "init", "h", "--ci", "gitlab").code == 0
    pipeline = yaml.safe_load((tmp_path / "h" / ".gitlab-ci.yml").read_text())
    check = pipeline["handbook-check"]
    assert check["script"] == ["handbook check --format gitlab > gl-code-quality-report.json"]
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


@pytest.mark.parametrize("name", ["adr-tools", "log4brains"])
def test_init_from_adopts_a_log_in_place(tmp_path: Path, name: str) -> None:
    """No seed decision; the log's files keep their bytes; every decision is published; check agrees."""
    root = tmp_path / "repo"
    log_folder = "doc/adr" if name == "adr-tools" else "docs/adr"
    shutil.copytree(SOURCES / name, root / log_folder)
    before = tree(root / log_folder)
    outcome = run_script(root, "init", ".", "--from", log_folder)
    assert outcome.code == 0, outcome.err
    assert f"Adopted the decision log in {log_folder}/" in outcome.out
    assert not (root / "decisions").exists()
    assert tree(root / log_folder) == before
    assert run_script(root, "check").code == 0
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    published = {record["id"] for record in result.json()["decisions"]}
    assert published == {Path(n).stem for n in before if n.endswith(".md") and n[:1].isdigit()}
    index = result.content("decisions/")
    for decision_id in published:
        assert f'href="{decision_id}/"' in index


def test_init_finds_the_log_a_repository_already_keeps(tmp_path: Path) -> None:
    """Without --from, adr-tools' ``.adr-dir`` names the log, and init adopts it."""
    root = tmp_path / "repo"
    shutil.copytree(SOURCES / "adr-tools", root / "architecture" / "log")
    write_files(root, {".adr-dir": "architecture/log\n", "README.md": "# Our service\n"})
    outcome = run_script(root, "init")
    assert outcome.code == 0, outcome.err
    assert 'decisions_dir: "architecture/log"' in (root / "mkdocs.yml").read_text()
    assert build(root, strict=True).returncode == 0


def test_a_log_inside_docs_is_published_once_with_redirects_at_its_old_addresses(tmp_path: Path) -> None:
    """log4brains' docs/adr: one page per decision, its index and template are no pages, links follow."""
    root = tmp_path / "repo"
    shutil.copytree(SOURCES / "log4brains", root / "docs" / "adr")
    link = "[write records](adr/20200924-use-markdown-records.md)"
    write_files(root, {"docs/guide.md": f"# Guide\n\nWe {link}.\n"})
    assert run_script(root, "init", ".", "--from", "docs/adr").code == 0
    config = root / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text.replace("  - Needs review:", "  - Guide: guide.md\n  - Needs review:"))
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    pages = sorted(p.relative_to(result.site).as_posix() for p in result.site.rglob("index.html"))
    assert [p for p in pages if "use-markdown-records" in p] == [
        "adr/20200924-use-markdown-records/index.html",
        "decisions/20200924-use-markdown-records/index.html",
    ]
    redirect = (result.site / "adr" / "20200924-use-markdown-records" / "index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../../decisions/20200924-use-markdown-records/"' in redirect
    assert "decisions/" in (result.site / "adr" / "index.html").read_text()
    assert not (result.site / "adr" / "template").exists()
    assert "Welcome to the decision log" not in (result.site / "adr" / "index.html").read_text()
    assert 'href="../decisions/20200924-use-markdown-records/"' in result.content("guide/")
    assert run_script(root, "check").code == 0
    rendered = run_script(root, "render", "--out", str(tmp_path / "out"))
    assert rendered.code == 0, rendered.err
    written = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.md")}
    assert "decisions/20200924-use-markdown-records.md" in written
    assert not any(path.startswith("adr/") for path in written)  # published once there too


def test_init_refuses_what_it_cannot_do_and_writes_nothing(tmp_path: Path, capsys) -> None:
    """A log outside the folder, a folder without records, an existing mkdocs.yml: exit 2, nothing written."""
    outside = tmp_path / "elsewhere"
    shutil.copytree(SOURCES / "adr-tools", outside)
    root = tmp_path / "repo"
    write_files(root, {"notes/readme.txt": "x\n", "empty/.keep": ""})
    before = tree(root)
    for args, message in (
        (("--from", str(outside)), "is outside"),
        (("--from", str(root / "empty")), "no decision records"),
        (("--from", str(root / "nowhere")), "no such folder"),
        (("--site-url", "example.org"), "http or https"),
    ):
        outcome = run_cli(capsys, tmp_path, "init", str(root), *args)
        assert outcome.code == 2 and message in outcome.err, (args, outcome.err)
        assert tree(root) == before
    shutil.copytree(SOURCES / "adr-tools", root / "doc" / "adr")
    write_files(root, {"mkdocs.yml": "site_name: Ours\n"})
    before = tree(root)
    outcome = run_cli(capsys, tmp_path, "init", str(root), "--from", str(root / "doc" / "adr"))
    assert outcome.code == 2 and "mkdocs.yml exists already" in outcome.err
    assert tree(root) == before


MADR3_LOG = {
    "decisions/0001-use-madr.md": "---\nstatus: accepted\ndeciders: [Maya]\n---\n# Use MADR\n",
    "decisions/0002-use-postgres.md": "---\nstatus: accepted\ndeciders: [Maya]\n---\n# Use PostgreSQL\n",
}
FORMAT_LOGS = {
    "nygard": ("adr-tools", "# 6. Use a queue\n\nDate: 2026-03-01\n\n## Status\n\nProposed\n"),
    "madr3": (None, "---\nstatus: proposed\ndate: 2026-03-01\n"),
    "log4brains": ("log4brains", "# Use a queue\n\n- Status: proposed\n- Date: 2026-03-01\n\n## Context"),
}


@pytest.mark.parametrize("form", sorted(FORMAT_LOGS))
def test_new_follows_the_format_of_the_log_it_writes_into(tmp_path: Path, capsys, form: str) -> None:
    """adr-tools gets an adr-tools record, MADR 3 a MADR 3 one, log4brains a dated log4brains one."""
    fixture, start = FORMAT_LOGS[form]
    root = make_handbook(tmp_path / "h", MADR3_LOG if fixture is None else None)
    if fixture is not None:  # without the log's template: the format comes from the records
        shutil.copytree(SOURCES / fixture, root / "decisions", ignore=shutil.ignore_patterns("*template*"))
    outcome = run_cli(capsys, root, "new", "Use a queue", "--date", "2026-03-01", "--no-edit")
    assert outcome.code == 0, outcome.err
    path = root / outcome.out.strip()
    assert path.read_text().startswith(start), path.read_text()[:200]
    if form == "log4brains":
        assert path.name == "20260301-use-a-queue.md"
    assert run_cli(capsys, root, "check").code == 0


def test_new_follows_the_teams_own_template_and_format_overrides_it(tmp_path: Path, capsys) -> None:
    """log4brains' template.md wins over the built-in one; ``--format madr4`` wins over both."""
    root = make_handbook(tmp_path / "h")
    shutil.copytree(SOURCES / "log4brains", root / "decisions")
    first = run_cli(capsys, root, "new", "Use a queue", "--no-edit", "--tags", "queues")
    assert first.code == 0, first.err
    text = (root / first.out.strip()).read_text()
    assert text.startswith("# Use a queue\n\n- Status: proposed") and "- Tags: queues" in text
    second = run_cli(capsys, root, "new", "Use a log", "--no-edit", "--format", "madr4")
    assert (root / second.out.strip()).read_text().startswith("---\nstatus: proposed\n")


def test_new_refuses_fields_an_adr_tools_record_has_no_place_for(tmp_path: Path, capsys) -> None:
    """``--tags`` into an adr-tools log: refused with the way out, nothing written."""
    root = make_handbook(tmp_path / "h")
    shutil.copytree(SOURCES / "adr-tools", root / "decisions")
    before = tree(root / "decisions")
    outcome = run_cli(capsys, root, "new", "Use a queue", "--tags", "queues", "--no-edit")
    assert outcome.code == 2 and "--format madr4" in outcome.err and "nothing was written" in outcome.err
    assert tree(root / "decisions") == before


EDITOR = "import sys, pathlib; p = pathlib.Path(sys.argv[1]); p.write_text(p.read_text() + 'EDITED\\n')"


def test_new_opens_the_editor_only_at_a_terminal(tmp_path: Path) -> None:
    """With a terminal, ``$EDITOR`` gets the new file; piped, or with --no-edit, it is never run."""
    import os
    import pty
    import subprocess
    import sys

    from .cli import HANDBOOK_SCRIPT

    root = make_handbook(tmp_path / "h")
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR)
    env = {**os.environ, "EDITOR": f"{sys.executable} {editor}", "VISUAL": ""}
    piped = run_script(root, "new", "Piped", env=env)
    assert piped.code == 0 and "EDITED" not in (root / piped.out.strip()).read_text()
    primary, secondary = pty.openpty()
    try:
        at_terminal = subprocess.run(
            [str(HANDBOOK_SCRIPT), "new", "At a terminal"],
            cwd=root,
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
        skipped = subprocess.run(
            [str(HANDBOOK_SCRIPT), "new", "Not edited", "--no-edit"],
            cwd=root,
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert at_terminal.returncode == 0 and skipped.returncode == 0
    assert (root / "decisions" / "0002-at-a-terminal.md").read_text().endswith("EDITED\n")
    assert "EDITED" not in (root / "decisions" / "0003-not-edited.md").read_text()
