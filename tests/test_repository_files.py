"""The repository's pull-request workflow: GitHub Actions, PR template, CODEOWNERS and pre-commit."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import REPOSITORY

WORKFLOWS = REPOSITORY / ".github" / "workflows"


def load(name: str) -> dict:
    """Load a workflow; PyYAML reads the key ``on`` as True, so it is handed back under ``on``."""
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps_using(job: dict, action: str) -> list[dict]:
    """Return the steps of a job that use an action, whatever its version."""
    return [step for step in job["steps"] if step.get("uses", "").split("@")[0] == action]


def commands(job: dict) -> list[str]:
    """Return every shell command a job runs, one per line."""
    return [
        line.strip() for step in job["steps"] for line in step.get("run", "").splitlines() if line.strip()
    ]


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_workflows_have_the_keys_github_requires(name: str) -> None:
    """Each workflow has ``on`` and ``jobs``; each job ``runs-on`` and steps that run or use something."""
    workflow = load(name)
    assert workflow["on"], name
    assert workflow["jobs"], name
    for job_name, job in workflow["jobs"].items():
        assert isinstance(job["runs-on"], str), job_name
        assert job["steps"], job_name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), step
            if "uses" in step:  # a released action, or this repository's own (action.yml)
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+|\./", step["uses"]), step["uses"]


def test_pull_requests_run_the_check_and_the_strict_build() -> None:
    """On every pull request: the repository's own action (``handbook check --format github``), then
    ``mkdocs build --strict`` even when the check failed, a strict ProperDocs build, and a strict
    Zensical build of what ``handbook render --for zensical`` writes."""
    workflow = load("check.yml")
    assert "pull_request" in workflow["on"]
    job = workflow["jobs"]["check"]
    uses = [step.get("uses", "") for step in job["steps"]]
    assert uses.index("./") > uses.index("actions/checkout@v4")
    build = next(step for step in job["steps"] if step.get("run") == "mkdocs build --strict")
    assert job["steps"].index(build) > uses.index("./")
    assert build["if"] == "success() || failure()"  # the build runs even when the check failed
    assert "properdocs build --strict" in commands(workflow["jobs"]["properdocs"])
    zensical = commands(workflow["jobs"]["zensical"])
    assert zensical[-2:] == ["handbook render --for zensical --out build/zensical", "zensical build --strict"]
    assert workflow["permissions"] == {"contents": "read"}


def test_main_publishes_to_github_pages() -> None:
    """Pushes to main build strictly, upload the site and deploy it, with the Pages permissions."""
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "mkdocs build --strict" in commands(build)
    (upload,) = steps_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    (step,) = steps_using(deploy, "actions/deploy-pages")
    assert deploy["environment"]["url"] == "${{ steps." + step["id"] + ".outputs.page_url }}"


def test_the_pull_request_template_asks_for_the_five_completeness_criteria() -> None:
    """The decision checklist asks for purpose, action wanted, deadline, context and scope."""
    template = (REPOSITORY / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in template.splitlines() if line.startswith("- [ ] ")]
    for criterion in ("Purpose", "Action wanted", "Deadline", "Context", "Scope"):
        assert any(f"**{criterion}:**" in box for box in boxes), criterion
    assert "feedback-by" in template and "handbook check" in template


def test_codeowners_cover_the_decisions_and_the_agreement() -> None:
    """``decisions/`` and ``working-agreement/`` have owners, written as GitHub users or teams."""
    rules = {}
    for line in (REPOSITORY / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    for folder in ("/decisions/", "/working-agreement/"):
        assert rules[folder], folder
        assert all(re.fullmatch(r"@[\w-]+(/[\w-]+)?", owner) for owner in rules[folder])


def test_pre_commit_runs_handbook_check() -> None:
    """A local hook runs ``handbook check`` once per commit that touches the handbook's sources."""
    config = yaml.safe_load((REPOSITORY / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repository,) = config["repos"]
    assert repository["repo"] == "local"
    (hook,) = repository["hooks"]
    assert shlex.split(hook["entry"]) == ["handbook", "check"]
    assert hook["pass_filenames"] is False and hook["language"] == "system"
    files = re.compile(hook["files"])
    for path in ("decisions/0001-x.md", "working-agreement/index.md", "docs/index.md", "mkdocs.yml"):
        assert files.search(path), path
    assert not files.search("plugins/teamhandbook/site.py")


def test_the_pre_commit_hook_passes_on_this_repository() -> None:
    """The hook's command, run as pre-commit runs it, finds no problem in the example handbook."""
    config = yaml.safe_load((REPOSITORY / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entry = shlex.split(config["repos"][0]["hooks"][0]["entry"])
    command = [str(Path(sys.executable).parent / entry[0]), *entry[1:]]
    result = subprocess.run(command, cwd=REPOSITORY, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    # Reviews fall due as time goes by: they are warnings, never errors, and may come and go.
    assert re.fullmatch(
        r"handbook check: (no problems found|\d+ warnings?)", result.stdout.strip().splitlines()[-1]
    )
    assert ": error:" not in result.stdout
