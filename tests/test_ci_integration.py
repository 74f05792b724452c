"""Reusable in CI: the GitHub step summary, the GitLab Code Quality report, the action and the hook."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from .cli import run_cli, run_script
from .conftest import REPOSITORY, decision, make_handbook

BROKEN = {
    f"decisions/{n:04d}-broken-{n}.md": decision(
        {"status": "accepted", "supersedes": [str(n + 100)]}, f"Broken {n}"
    )
    for n in range(1, 13)
}
"""Twelve decisions that each name a decision that does not exist: more errors than GitHub annotates."""


def test_github_format_writes_every_problem_to_the_step_summary(tmp_path: Path) -> None:
    """Annotations on stdout; all twelve problems, and a pipe in a title, in the summary's table."""
    root = make_handbook(tmp_path / "h", {**BROKEN, "docs/page.md": "# P\n\n[x](missing|file.md)\n"})
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    outcome = run_script(
        root,
        "check",
        "--format",
        "github",
        env={
            "GITHUB_STEP_SUMMARY": str(summary),
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_REPOSITORY": "example/handbook",
            "GITHUB_SHA": "abc123",
            "GITHUB_WORKSPACE": str(root),
        },
    )
    assert outcome.code == 1
    annotations = [line for line in outcome.out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 13
    text = summary.read_text()
    assert text.startswith("earlier step\n### handbook check: 13 errors\n")  # appended, never replaced
    rows = [line for line in text.splitlines() if line.startswith("| ❌ error |")]
    assert len(rows) == 13
    link = "https://github.com/example/handbook/blob/abc123/decisions/0012-broken-12.md#L3"
    assert f"| [decisions/0012-broken-12.md]({link}) | 3 |" in text
    assert "missing\\|file.md" in text  # the pipe cannot break the table


def test_a_clean_handbook_says_so_in_the_summary(tmp_path: Path, capsys) -> None:
    """No problem: exit 0 and a one-line summary, written where ``--summary`` says."""
    root = make_handbook(tmp_path / "h", {"decisions/0001-a.md": decision({"status": "accepted"}, "A")})
    outcome = run_cli(capsys, root, "check", "--summary", str(tmp_path / "s.md"))
    assert outcome.code == 0
    assert (tmp_path / "s.md").read_text() == "### handbook check: no problems found\n\n"


def test_gitlab_format_is_a_code_quality_report(tmp_path: Path, capsys) -> None:
    """Code Climate issues: a path from the repository root, a line, a severity, a stable fingerprint."""
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    root = make_handbook(repository / "handbook", BROKEN)
    first = run_cli(capsys, root, "check", "--format", "gitlab")
    assert first.code == 1
    issues = json.loads(first.out)
    assert len(issues) == 12
    issue = next(i for i in issues if i["location"]["path"] == "handbook/decisions/0003-broken-3.md")
    assert issue["location"]["lines"]["begin"] == 3 and issue["severity"] == "major"
    assert issue["check_name"] == "handbook/missing-target" and "'103'" in issue["description"]
    assert len({i["fingerprint"] for i in issues}) == 12
    assert json.loads(run_cli(capsys, root, "check", "--format", "gitlab").out) == issues
    assert "handbook/decisions" not in first.err and "decisions/0003-broken-3.md:3: error" in first.err


def test_the_action_checks_with_github_annotations_and_installs_its_own_version() -> None:
    """``action.yml`` is a composite action that installs teamhandbook from itself and runs the check."""
    action = yaml.safe_load((REPOSITORY / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    runs = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "handbook check --format github" in runs and "$GITHUB_ACTION_PATH" in runs
    assert "${{" not in runs  # inputs reach the scripts through the environment, never pasted in
    workflow = yaml.safe_load((REPOSITORY / ".github" / "workflows" / "check.yml").read_text())
    uses = [step.get("uses") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "./" in uses


def test_the_pre_commit_hook_is_published_for_other_repositories() -> None:
    """``.pre-commit-hooks.yaml`` offers ``handbook-check``, installed by pre-commit itself."""
    hooks = yaml.safe_load((REPOSITORY / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "handbook-check")
    assert hook["language"] == "python" and hook["entry"] == "handbook check"
    assert hook["pass_filenames"] is False


def test_the_gitlab_template_is_valid_and_uploads_the_report() -> None:
    """The template GitLab projects include (or ``init --ci gitlab`` copies) reports Code Quality."""
    template = REPOSITORY / "plugins" / "teamhandbook" / "templates" / "ci" / "gitlab-ci.yml"
    pipeline = yaml.safe_load(template.read_text())
    assert pipeline["handbook-check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert pipeline["handbook-check"]["artifacts"]["when"] == "always"
