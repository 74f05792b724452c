"""Requests that stand on their own: a proposal or a request update that leaves out its purpose, the
action wanted, a deadline, its context or its scope is warned about, by file, line and criterion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .cli import run_cli
from .conftest import build, decision, make_handbook
from .updates_helpers import TEAM, update

COMPLETE = """\
## Request

- **Purpose:** decide how we retry.
- **Action wanted:** approve or comment.
- **Deadline:** Friday 2026-12-04.
- **Context:** the incident review, for why retries matter.
- **Scope:** a skim is enough.
"""

CASES = [
    ("complete", {"status": "proposed"}, COMPLETE, None),
    (
        "madr-headings",
        {"status": "proposed", "feedback-by": "2026-12-04"},
        "## Goal\n\nFaster.\n\n## What I need from you\n\nA yes.\n\n"
        "## Background\n\nLinks.\n\n## Scope\n\nSkim.",
        None,
    ),
    (
        "hint-left-in-place",
        {"status": "proposed"},
        COMPLETE.replace("decide how we retry.", "<!-- hint -->"),
        "its purpose",
    ),
    (
        "context-heading-only",
        {"status": "proposed", "feedback-by": "2026-12-04"},
        "## Context and Problem Statement\n\nWhy.\n",
        "its purpose, the action it wants from readers and its scope (a skim or a detailed review)",
    ),
    (
        "nothing",
        {"status": "proposed"},
        "Just prose.",
        "its purpose, the action it wants from readers, a deadline",
    ),
    ("accepted-is-not-a-request", {"status": "accepted"}, "Just prose.", None),
    (
        "in-code-does-not-count",
        {"status": "proposed"},
        COMPLETE.replace("## Request", "```\n## Request") + "```",
        "its purpose",
    ),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook with a decision per case and a request update."""
    files = {
        f"decisions/{index + 1:04d}-{name}.md": decision(front, name.replace("-", " ").capitalize(), body)
        for index, (name, front, body, _) in enumerate(CASES)
    }
    files["working-agreement/team.yml"] = TEAM
    files["updates/2026-11-20-ana-request.md"] = update(
        {"author": "ana", "date": "2026-11-20", "kind": "request", "deadline": "2026-11-27"},
        "# Pick a date\n\n## Request\n\n- **Purpose:** pick a date.\n- **Context:** the plan.\n"
        "\n## Background\n\nx\n\n## Recommendation\n\ny\n",
    )
    return make_handbook(tmp_path_factory.mktemp("requests") / "handbook", files)


def check(root: Path, capsys) -> list[dict]:
    """Return the problems of ``handbook check --format json``."""
    return json.loads(run_cli(capsys, root, "check", "--format", "json").out)["problems"]


@pytest.mark.parametrize(("name", "front", "body", "missing"), CASES, ids=[case[0] for case in CASES])
def test_each_proposal_is_checked_for_the_five_criteria(
    root: Path, capsys, name, front, body, missing
) -> None:
    """A proposal missing criteria gets one warning on its status line naming them; others get none."""
    index = [case[0] for case in CASES].index(name)
    source = f"decisions/{index + 1:04d}-{name}.md"
    mine = [p for p in check(root, capsys) if p["file"] == source]
    if missing is None:
        assert mine == []
        return
    (problem,) = mine
    assert (problem["line"], problem["code"], problem["severity"]) == (2, "incomplete-request", "warning")
    assert problem["message"].startswith(f"this proposal does not state {missing}")


def test_a_request_update_is_checked_too(root: Path, capsys) -> None:
    """A ``request`` update's deadline may be its front matter; the missing criteria are named."""
    (problem,) = [p for p in check(root, capsys) if p["file"] == "updates/2026-11-20-ana-request.md"]
    assert problem["line"] == 4 and problem["code"] == "incomplete-request"
    assert problem["message"].startswith(
        "this request does not state the action it wants from readers and its scope "
        "(a skim or a detailed review)."
    )


def test_warnings_never_fail_the_build_and_the_check_agrees(root: Path, capsys) -> None:
    """Incomplete requests are warnings: the check exits 0, and the strict build passes."""
    outcome = run_cli(capsys, root, "check")
    assert outcome.code == 0 and outcome.out.splitlines()[-1] == "handbook check: 5 warnings"
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    assert "INFO    -  teamhandbook: decisions/0005-nothing.md:2: this proposal does not state" in result.log
