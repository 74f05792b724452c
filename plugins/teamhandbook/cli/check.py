"""``handbook check``: every problem the build reports, plus links that lead nowhere, for people and CI."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from ..checks.links import check_links
from ..handbook import load_handbook
from ..model.problem import Problem, Severity
from ..site import build_site_pages
from . import context

NAME = "check"
HELP = "report every problem in the handbook (for CI, pre-commit and pull requests)"
DESCRIPTION = """\
Check the handbook as `mkdocs build --strict` does, without building it: decisions (statuses,
dates, duplicate numbers, relations), everything else the build validates, and relative links
between pages and decisions that lead to no file.

Formats:
  text    one line per problem: file:line: severity: message [code]   (default)
  github  GitHub Actions workflow commands, so each problem shows on the right line of the
          pull request's diff
  json    {"version": 1, "problems": [...], "counts": {...}}

Errors make the command exit with 1. Warnings (reminders that depend on the date, such as an
overdue review) and notes are shown but never fail it."""
EPILOG = "exit codes: 0 no errors, 1 errors found, 2 could not run."

GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the output format."""
    parser.add_argument("--format", choices=("text", "github", "json"), default="text", help="output format")


def run(args: argparse.Namespace) -> int:
    """Check the handbook and print what is wrong."""
    config = context.site_config(args)
    handbook = load_handbook(config.settings)
    site = build_site_pages(handbook)
    sourced = [(page.src_uri, page.source) for page in site.sourced]
    links = check_links(handbook, site.generated, config.nav, config.path, sourced)
    problems = sorted(
        {*handbook.problems, *links, *config.problems},
        key=lambda p: (p.file, p.line, p.code, p.message),
    )
    root = handbook.settings.root
    if args.format == "github":
        base = repository_root(root)
        for problem in problems:
            print(github_annotation(problem, _from_base(root, problem.file, base)))
    elif args.format == "json":
        print(json.dumps(json_report(problems), ensure_ascii=False, indent=1))
    else:
        for problem in problems:
            print(
                f"{problem.file}:{problem.line}: {problem.severity.value}: {problem.message} [{problem.code}]"
            )
    print(summary(problems), file=_summary_stream(args.format))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def summary(problems: list[Problem]) -> str:
    """Return one line counting the problems by severity."""
    if not problems:
        return "handbook check: no problems found"
    counts = _counts(problems)
    parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n]
    return "handbook check: " + ", ".join(parts)


def json_report(problems: list[Problem]) -> dict[str, object]:
    """Return the problems as data."""
    return {"version": 1, "problems": [p.to_dict() for p in problems], "counts": _counts(problems)}


def github_annotation(problem: Problem, file: str) -> str:
    """Return a GitHub Actions workflow command that annotates the problem's line."""
    command = GITHUB_COMMANDS[problem.severity]
    properties = ",".join(
        f"{key}={_escape_property(value)}"
        for key, value in (
            ("file", file),
            ("line", str(problem.line)),
            ("title", f"handbook: {problem.code}"),
        )
    )
    return f"::{command} {properties}::{_escape_data(problem.message)}"


def repository_root(start: Path) -> Path:
    """Return the root of the Git repository holding the handbook, so annotations name files from it.

    In GitHub Actions that is ``GITHUB_WORKSPACE``; elsewhere, the nearest folder with ``.git``.
    """
    workspace = os.environ.get("GITHUB_WORKSPACE")
    resolved = start.resolve()
    if workspace and resolved.is_relative_to(Path(workspace).resolve()):
        return Path(workspace).resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / ".git").exists():
            return folder
    return resolved


def _from_base(root: Path, file: str, base: Path) -> str:
    """Return a problem's file (relative to the handbook root) relative to the repository root."""
    try:
        return (root.resolve() / file).relative_to(base).as_posix()
    except ValueError:
        return file


def _escape_data(value: str) -> str:
    """Escape a workflow command's message, as the GitHub Actions toolkit does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """Escape a workflow command's property value: also ``:`` and ``,``, which end a property."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _counts(problems: list[Problem]) -> dict[str, int]:
    """Count problems per severity, in severity order."""
    return {severity.value: sum(p.severity is severity for p in problems) for severity in Severity}


def _summary_stream(output: str) -> TextIO:
    """Send the summary where it does not mix with machine-readable output."""
    return sys.stdout if output == "text" else sys.stderr
