"""``handbook init``, ``render`` and ``renumber``: new handbooks, other builders, the duplicate-number fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .cli import run_cli, run_script
from .conftest import MINIMAL_CONFIG, build, decision, make_handbook, write_files


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory):
    """A handbook made by ``handbook init``, then built strictly."""
    parent = tmp_path_factory.mktemp("init")
    outcome = run_script(parent, "init", "harbor", "--name", "Harbor <script>")
    assert outcome.code == 0, outcome.err
    root = parent / "harbor"
    result = build(root, strict=True)
    return root, outcome, result


def test_init_builds_strictly_straight_away(started) -> None:
    """The new handbook builds with ``--strict``, with its README, start page and first decision."""
    _, outcome, result = started
    assert result.returncode == 0, result.log
    assert result.warnings() == []
    assert "created harbor/mkdocs.yml" in outcome.out
    home = result.content("")
    assert "Harbor &lt;script&gt;" in home and "<script>" not in home
    assert "Start here" in result.content("start-here/")
    records = result.json()["decisions"]
    assert [(r["title"], r["status"]) for r in records] == [("Record decisions as ADRs", "accepted")]


def test_init_agreement_is_data_quoted_by_its_page(started) -> None:
    """The starter agreement is data: its page quotes the roster and response times through macros."""
    root, _, result = started
    assert (root / "working-agreement" / "team.yml").is_file()
    assert (root / "working-agreement" / "agreement.yml").is_file()
    page = result.content("working-agreement/")
    assert "4 business hours" in page and "Alex Example" in page and "14:00" in page
    assert "{{" not in page


def test_init_passes_its_own_check_and_offers_templates(started) -> None:
    """``handbook check`` agrees with the build, and the starter templates are usable."""
    root, _, _ = started
    assert run_script(root, "check").code == 0
    listed = run_script(root, "template")
    assert "weekly-update" in listed.out and "handoff" in listed.out


def test_init_config_fails_strict_builds_on_a_missing_anchor(tmp_path: Path) -> None:
    """A link to a section that does not exist fails the new handbook's strict build, naming both."""
    assert run_script(tmp_path, "init", "h").code == 0
    root = tmp_path / "h"
    link = "[why](0001-record-decisions-as-adrs.md#no-such-section)"
    write_files(root, {"decisions/0002-next.md": decision({"status": "proposed"}, "Next", f"See {link}.")})
    result = build(root, strict=True)
    assert result.returncode != 0
    assert any(
        "decisions/0002-next.md" in line and "#no-such-section" in line for line in result.warnings()
    ), result.log


def test_init_refuses_a_folder_with_files(tmp_path: Path, capsys) -> None:
    """A non-empty folder is refused; ``--force`` adds only the missing files, keeping the rest."""
    target = tmp_path / "existing"
    write_files(target, {"docs/index.md": "# Our own README\n", ".git/HEAD": "ref: refs/heads/main\n"})
    refused = run_cli(capsys, tmp_path / "nowhere", "init", str(target))
    assert refused.code == 2 and "is not empty" in refused.err
    assert not (target / "mkdocs.yml").exists()
    forced = run_cli(capsys, tmp_path / "nowhere", "init", str(target), "--force")
    assert forced.code == 0
    assert (target / "docs" / "index.md").read_text() == "# Our own README\n"
    assert "kept" in forced.out and (target / "mkdocs.yml").is_file()


def test_init_accepts_a_fresh_git_repository(tmp_path: Path, capsys) -> None:
    """A folder holding only ``.git`` counts as empty."""
    write_files(tmp_path / "repo", {".git/HEAD": "ref: refs/heads/main\n"})
    assert run_cli(capsys, tmp_path / "nowhere", "init", str(tmp_path / "repo")).code == 0
    assert yaml.safe_load((tmp_path / "repo" / "mkdocs.yml").read_text().replace("!!python/name:", ""))


RENDERED = {
    "docs/index.md": "# Home\n\nRead {{ decision_link(1) }}.\n\n```yaml\ntoken: ${{ secrets.X }}\n```\n",
    "decisions/0001-record-decisions.md": decision(
        {"status": "accepted", "date": "2024-01-15", "tags": ["process"]},
        "Record decisions <img src=x onerror=alert(1)>",
        body="See [the archived one](archive/0002-old-tooling.md) and ![flow](flow.svg).",
    ),
    "decisions/flow.svg": "<svg xmlns='http://www.w3.org/2000/svg'><title>flow</title></svg>",
    "decisions/archive/0002-old-tooling.md": decision(
        {"status": "deprecated", "date": "2023-11-30"},
        "Old tooling",
        body="Back to [the first](../0001-record-decisions.md).",
    ),
}


def test_render_writes_plain_markdown_that_another_builder_publishes(tmp_path: Path, capsys) -> None:
    """The rendered pages, macros evaluated, build with plain MkDocs, strictly and without warnings."""
    config = {**MINIMAL_CONFIG, "plugins": ["search", "team-handbook", "macros"]}
    root = make_handbook(tmp_path / "h", RENDERED, config)
    out = tmp_path / "out"
    outcome = run_cli(capsys, root, "render", "--out", str(out))
    assert outcome.code == 0, outcome.err
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    shipped = [path for path in written if path.startswith("assets/teamhandbook/")]
    assert "assets/teamhandbook/decision-index.js" in shipped  # the filters work on other builders
    assert [path for path in written if path not in shipped] == [
        ".teamhandbook-render",
        "changes.json",
        "decisions.json",
        "decisions/0001-record-decisions.md",
        "decisions/0002-old-tooling.md",
        "decisions/flow.svg",
        "decisions/graph.md",
        "decisions/index.md",
        "decisions/timeline.md",
        "feed.xml",
        "index.md",
        "needs-review/index.md",
        "start-here/index.md",
        "whats-new/index.md",
    ]
    home = (out / "index.md").read_text()
    assert "Read [ADR-0001: Record decisions" in home and "${{ secrets.X }}" in home
    first = (out / "decisions" / "0001-record-decisions.md").read_text()
    assert "[the archived one](0002-old-tooling.md)" in first
    assert "&lt;img src=x onerror=alert(1)&gt;" in first
    (out.parent / "mkdocs.yml").write_text(
        "site_name: Elsewhere\ndocs_dir: out\nexclude_docs: .teamhandbook-render\n"
    )
    result = build(out.parent, strict=True)
    assert result.returncode == 0, result.log
    page = result.page("decisions/0001-record-decisions/")
    assert "Record decisions &lt;img src=x onerror=alert(1)&gt;</h1>" in page and "<img src=x" not in page
    assert 'href="../0002-old-tooling/"' in page


def test_render_only_replaces_its_own_output(tmp_path: Path, capsys) -> None:
    """Rendering again updates the folder and drops pages that are gone; a foreign folder is refused."""
    root = make_handbook(tmp_path / "h", RENDERED)
    out = tmp_path / "out"
    assert run_cli(capsys, root, "render", "--out", str(out)).code == 0
    (root / "decisions" / "archive" / "0002-old-tooling.md").unlink()
    assert run_cli(capsys, root, "render", "--out", str(out)).code == 0
    assert not (out / "decisions" / "0002-old-tooling.md").exists()
    assert (out / "decisions" / "0001-record-decisions.md").is_file()
    refused = run_cli(capsys, root, "render", "--out", str(root / "docs"))
    assert refused.code == 2 and "not written by `handbook render`" in refused.err
    assert sorted(p.name for p in (root / "docs").iterdir()) == ["index.md"]


def test_renumber_fixes_two_decisions_with_one_number(tmp_path: Path, capsys) -> None:
    """The second 0002 takes the next number, and links and references follow it."""
    root = make_handbook(
        tmp_path / "h",
        {
            "decisions/0001-a.md": decision({"status": "accepted"}, "A"),
            "decisions/0002-use-kafka.md": decision({"status": "accepted"}, "Use Kafka"),
            "decisions/0002-use-rabbitmq.md": "# 2. Use RabbitMQ\n\nDate: 2024-02-02\n\n"
            "## Status\n\nProposed\n",
            "decisions/0003-queues.md": "---\nstatus: accepted\nrelates-to:\n  - 0002-use-rabbitmq\n---\n"
            "# Queues\n\nSee [RabbitMQ](0002-use-rabbitmq.md#status).\n",
            "docs/queues.md": "# Queues\n\n[RabbitMQ](decisions/0002-use-rabbitmq.md)\n",
        },
    )
    assert run_cli(capsys, root, "check").code == 1
    outcome = run_cli(capsys, root, "renumber", "decisions/0002-use-rabbitmq.md")
    assert outcome.code == 0, outcome.err
    renamed = root / "decisions" / "0004-use-rabbitmq.md"
    assert renamed.read_text().startswith("# 4. Use RabbitMQ\n")
    assert not (root / "decisions" / "0002-use-rabbitmq.md").exists()
    queues = (root / "decisions" / "0003-queues.md").read_text()
    assert "  - 0004-use-rabbitmq\n" in queues and "(0004-use-rabbitmq.md#status)" in queues
    assert "(decisions/0004-use-rabbitmq.md)" in (root / "docs" / "queues.md").read_text()
    assert run_cli(capsys, root, "check").code == 0
