"""Every problem in a decision is reported with its file and line, and fails a strict build."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import build, decision, make_handbook

GOOD = decision({"status": "accepted", "date": "2024-02-01"}, "A sound decision")

# name: (files, [(file, line, words in the message)])
CASES: dict[str, tuple[dict[str, str], list[tuple[str, int, str]]]] = {
    "malformed front matter": (
        {
            "decisions/0002-broken-yaml.md": """\
                ---
                status: accepted
                title: ADR002: an unquoted colon
                date: 2024-03-01
                ---
                # Broken YAML, readable decision
                """,
        },
        [("decisions/0002-broken-yaml.md", 3, "front matter is broken")],
    ),
    "unknown status": (
        {"decisions/0002-odd-status.md": decision({"status": "bikeshedding"}, "Odd status")},
        [("decisions/0002-odd-status.md", 2, "'bikeshedding' is not a status the handbook knows")],
    ),
    "unparseable date": (
        {"decisions/0002-odd-date.md": decision({"status": "accepted", "date": "last Tuesday"})},
        [("decisions/0002-odd-date.md", 3, "cannot read the date 'last Tuesday'")],
    ),
    "duplicate number": (
        {
            "decisions/0002-from-branch-a.md": decision({"status": "accepted"}, "From branch A"),
            "decisions/0002-from-branch-b.md": decision({"status": "proposed"}, "From branch B"),
        },
        [
            ("decisions/0002-from-branch-a.md", 1, "also used by decisions/0002-from-branch-b.md"),
            ("decisions/0002-from-branch-b.md", 1, "also used by decisions/0002-from-branch-a.md"),
        ],
    ),
    "missing supersession target": (
        {
            "decisions/0002-replaces-a-ghost.md": decision(
                {"status": "accepted", "supersedes": ["0099"]}, "Replaces a ghost"
            )
        },
        [("decisions/0002-replaces-a-ghost.md", 3, "points at '0099', but no decision")],
    ),
    "supersession not mirrored": (
        {
            "decisions/0002-newer.md": decision({"status": "accepted", "supersedes": ["0001"]}, "Newer"),
        },
        [("decisions/0002-newer.md", 3, "decisions/0001-sound.md does not say so")],
    ),
    "supersession cycle": (
        {
            "decisions/0002-left.md": decision(
                {"status": "superseded", "supersedes": ["0003"], "superseded-by": ["0003"]}, "Left"
            ),
            "decisions/0003-right.md": decision(
                {"status": "superseded", "supersedes": ["0002"], "superseded-by": ["0002"]}, "Right"
            ),
        },
        [("decisions/0002-left.md", 3, "goes round in a circle")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_problem_is_reported_with_file_and_line(tmp_path: Path, case: str) -> None:
    """The problem is logged as a warning naming its file and line; the build still succeeds."""
    files, expected = CASES[case]
    root = make_handbook(tmp_path / "h", {"decisions/0001-sound.md": GOOD, **files})
    result = build(root)
    assert result.returncode == 0, result.log
    for file, line, words in expected:
        matching = [w for w in result.warnings() if f"{file}:{line}:" in w and words in w]
        assert matching, f"no warning {file}:{line} '{words}' in:\n{result.log}"


@pytest.mark.parametrize("case", sorted(CASES))
def test_problem_fails_a_strict_build(tmp_path: Path, case: str) -> None:
    """``mkdocs build --strict`` fails on the problem, without a traceback."""
    files, _ = CASES[case]
    root = make_handbook(tmp_path / "h", {"decisions/0001-sound.md": GOOD, **files})
    result = build(root, strict=True)
    assert result.returncode != 0
    assert "Aborted" in result.log


@pytest.mark.parametrize("case", sorted(CASES))
def test_other_decisions_are_unaffected(tmp_path: Path, case: str) -> None:
    """A broken decision never hides the others: each still gets its page and index row."""
    files, _ = CASES[case]
    root = make_handbook(tmp_path / "h", {"decisions/0001-sound.md": GOOD, **files})
    result = build(root)
    assert "A sound decision" in result.page("decisions/0001-sound/")
    index = result.page("decisions/")
    for path in ["decisions/0001-sound.md", *files]:
        stem = Path(path).stem
        assert f'href="{stem}/"' in index, stem
        assert (result.site / "decisions" / stem / "index.html").is_file()


def test_a_clean_handbook_builds_strictly(tmp_path: Path) -> None:
    """A handbook without problems passes ``--strict`` with no warning at all."""
    root = make_handbook(tmp_path / "h", {"decisions/0001-sound.md": GOOD})
    result = build(root, strict=True)
    assert result.returncode == 0, result.log
    assert result.warnings() == []


def test_problems_are_listed_in_decisions_json(tmp_path: Path) -> None:
    """``decisions.json`` lists every problem with file, line, message and severity."""
    files, _ = CASES["unknown status"]
    root = make_handbook(tmp_path / "h", {"decisions/0001-sound.md": GOOD, **files})
    problems = build(root).json()["problems"]
    assert problems == [
        {
            "file": "decisions/0002-odd-status.md",
            "line": 2,
            "message": problems[0]["message"],
            "severity": "error",
            "code": "unknown-status",
        }
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("decisions_dir", "the decisions folder 'adr' does not exist"),
        ("agreement_dir", "the agreement folder 'adr' does not exist"),
    ],
)
def test_a_missing_folder_named_in_the_config_is_fatal(tmp_path: Path, option: str, message: str) -> None:
    """A ``decisions_dir`` or ``agreement_dir`` that does not exist stops the build with a message."""
    root = make_handbook(
        tmp_path / "h", config={"site_name": "T", "plugins": [{"team-handbook": {option: "adr"}}]}
    )
    result = build(root)
    assert result.returncode != 0
    assert message in result.log and f"`{option}`" in result.log


def test_a_bad_status_alias_is_fatal(tmp_path: Path) -> None:
    """An alias that maps to no status stops the build and says which alias is wrong."""
    root = make_handbook(
        tmp_path / "h",
        {"decisions/0001-sound.md": GOOD},
        config={"site_name": "T", "plugins": [{"team-handbook": {"status_aliases": {"ok": "fine"}}}]},
    )
    result = build(root)
    assert result.returncode != 0
    assert "status alias 'ok: fine'" in result.log
