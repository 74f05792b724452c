"""``handbook check``: every problem the build reports, plus links that lead nowhere, for people and CI."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import posixpath
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from ..checks.links import check_nav
from ..checks.published_links import published_link_problems
from ..handbook import Handbook, load_handbook
from ..macros.render import macro_environment, render_page
from ..model.problem import Problem, Severity
from ..pages import markdown as md
from ..pages.macro_guard import Markers
from ..plan.docs_choice import DocsChoice, choose_docs
from ..plan.render import docs_files, macros_render, rendered_files
from ..plan.site_plan import PlannedFile, Role
from ..readers.site_config import SiteConfig
from ..readers.text import read_source
from . import context
from .context import CommandError, Output, info

NAME = "check"
HELP = "Report every problem in the handbook (for CI, pre-commit and pull requests)."
DESCRIPTION = """\
Check the handbook as `mkdocs build --strict` does, without building it: decisions (statuses,
dates, duplicate numbers, relations), everything else the build validates, and relative links
between pages and decisions that lead to no file.

Formats:
  text    one line per problem: file:line: severity: message [code]   (default)
  github  GitHub Actions workflow commands, so each problem shows on the right line of the
          pull request's diff; and, because GitHub shows only the first ten annotations of each
          kind, every problem as a table in the job's summary ($GITHUB_STEP_SUMMARY)
  gitlab  a GitLab Code Quality report (Code Climate JSON), for `artifacts: reports:
          codequality:`; the problems are also listed on stderr for the job's log
  json    {"version": 1, "problems": [...], "counts": {...}}

--summary PATH writes the Markdown table to PATH in any format (appending, as GitHub expects).

Errors make the command exit with 1. Warnings (reminders that depend on the date, such as an
overdue review) and notes are shown but never fail it."""
EPILOG = "Exit codes: 0 no errors, 1 errors found, 2 could not run."

GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the output format."""
    parser.add_argument(
        "--format", choices=("text", "github", "gitlab", "json"), default="text", help="The output format."
    )
    parser.add_argument(
        "--summary",
        metavar="PATH",
        help="Append every problem as a Markdown table to PATH (with github: $GITHUB_STEP_SUMMARY).",
    )


def run(args: argparse.Namespace) -> int:
    """Check the handbook and print what is wrong."""
    config = context.site_config(args)
    if config.enabled:
        choice = context.docs_choice(config)
        handbook = load_handbook(config.settings, docs_pages=context.published_pages(config, choice))
        found = {*handbook.problems, *site_problems(handbook, config, choice), *config.problems}
    else:
        found = set(switched_off_problems(config))
    problems = sorted(found, key=lambda p: (p.file, p.line, p.code, p.message))
    root = config.settings.root
    base = repository_root(root)
    if args.format == "github":
        for problem in problems:
            print(github_annotation(problem, _from_base(root, problem.file, base)))
    elif args.format == "gitlab":
        report = [code_quality_issue(p, _from_base(root, p.file, base)) for p in problems]
        print(json.dumps(report, ensure_ascii=False, indent=1))
        for problem in problems:
            print(text_line(problem), file=sys.stderr)
    elif args.format == "json":
        print(json.dumps(json_report(problems), ensure_ascii=False, indent=1))
    else:  # --quiet keeps the errors, which are the answer; warnings and notes are advice
        for problem in problems:
            if not Output.quiet or problem.severity is Severity.ERROR:
                print(text_line(problem))
    summary_file = args.summary or (
        os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None
    )
    if summary_file:
        write_step_summary(Path(summary_file), problems, lambda p: _from_base(root, p.file, base))
    info(summary(problems), stream=_summary_stream(args.format))
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0


def site_problems(handbook: Handbook, config: SiteConfig, choice: DocsChoice) -> list[Problem]:
    """Return the problems of publishing the site, besides the handbook's: the docs folder's (two
    files at one address), the plan's (addresses taken twice, macros missing), the navigation's,
    and links and anchors that lead nowhere."""
    plan = context.site_plan(config, handbook, choice=choice)
    pages, copies, evaluated = rendered_files(
        plan, context.site_macros(config, as_built=True), choice.unpublished
    )
    # Without the macros plugin the build evaluates no macro: a page that uses them is the plan's
    # `macros-disabled`, and what evaluating them would have said is no problem the build reports.
    problems = [*choice.problems, *(evaluated if config.macros else [])]
    problems += [p for p in plan.problems if p not in set(handbook.problems)]
    settings = handbook.settings
    files = {*pages, *copies, *choice.unpublished}  # a link to a page left out is no error
    if config.nav is not None:
        problems += check_nav(
            config.nav, config.path, settings.relative(config.path), files, settings.boundary
        )
    texts = {page.src_uri: (page.source, page.text) for page in handbook.pages}
    link_lines = {
        md.decision_path(decision): {ref.text: ref.line for ref in decision.file_links}
        for decision in handbook.decisions
    }
    markdown_pages = {path: text for path, text in pages.items() if path.endswith(".md")}
    problems += published_link_problems(config.data, markdown_pages, texts, link_lines, files)
    return problems


BUILDER_WARNINGS = ("unknown-option", "plugin-twice")
"""What MkDocs itself warns about in ``mkdocs.yml`` before any plugin runs, switched off or not."""


def switched_off_problems(config: SiteConfig) -> list[Problem]:
    """Return what a build reports when the plugin is switched off (``enabled: false``).

    The site is then the docs folder alone: the handbook's sources are no part of it, and its pages
    have no handbook macros. The build checks their links and macros, the navigation, and what
    MkDocs warns about in ``mkdocs.yml``; so does ``check``.
    """
    settings = config.settings
    files = docs_files(settings.docs_path, settings.boundary)
    choice = choose_docs(files, config.data, settings.docs_dir, config.use_directory_urls)
    problems = [*choice.problems, *(p for p in config.problems if p.code in BUILDER_WARNINGS)]
    environment = macro_environment(None, config.macros_undefined, Markers.from_jinja(config.macros_markers))
    pages: dict[str, str] = {}
    sources: dict[str, tuple[str, str]] = {}
    for src_uri in choice.pages():
        source = posixpath.join(settings.docs_dir, src_uri)
        text = read_source(choice.files[src_uri], source, settings.boundary).text
        sources[src_uri] = (source, text)
        page = PlannedFile(src_uri, Role.DOCS, source)
        if config.macros and macros_render(page, text, False, config.macros_by_default):
            text, evaluated = render_page(text, source, environment, protect=False)
            problems += evaluated
            text = "" if evaluated else text  # the site shows mkdocs-macros' report of the error
        pages[src_uri] = text
    if config.nav is not None:
        problems += check_nav(
            config.nav, config.path, settings.relative(config.path), set(choice.files), settings.boundary
        )
    return problems + published_link_problems(config.data, pages, sources, {}, set(choice.files))


def text_line(problem: Problem) -> str:
    """Return a problem as one line: ``file:line: severity: message [code]``."""
    return f"{problem.file}:{problem.line}: {problem.severity.value}: {problem.message} [{problem.code}]"


CODE_QUALITY_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def code_quality_issue(problem: Problem, file: str) -> dict[str, object]:
    """Return a problem as a GitLab Code Quality (Code Climate) issue, named from the repository root."""
    identity = "\0".join((file, problem.code, problem.message))
    return {
        "type": "issue",
        "check_name": f"handbook/{problem.code}",
        "description": problem.message,
        "categories": ["Style"] if problem.severity is Severity.NOTE else ["Bug Risk"],
        "severity": CODE_QUALITY_SEVERITY[problem.severity],
        "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
        "location": {"path": file, "lines": {"begin": problem.line}},
    }


SEVERITY_MARKS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.NOTE: "ℹ️ note"}


def step_summary(problems: list[Problem], file_of: Callable[[Problem], str]) -> str:
    """Return every problem as Markdown: a heading that counts them and a table, one row each."""
    lines = [f"### {md.text(summary(problems))}", ""]
    if not problems:
        return "\n".join(lines)
    lines += ["| Severity | File | Line | Problem | Code |", "|---|---|---:|---|---|"]
    for problem in problems:
        file = file_of(problem)
        lines.append(
            f"| {SEVERITY_MARKS[problem.severity]} | {_file_cell(file, problem.line)} | {problem.line} "
            f"| {md.text(problem.message)} | `{problem.code}` |"
        )
    return "\n".join(lines) + "\n"


def write_step_summary(path: Path, problems: list[Problem], file_of: Callable[[Problem], str]) -> None:
    """Append the Markdown summary to ``path``, as GitHub Actions collects a job's step summary."""
    try:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(step_summary(problems, file_of) + "\n")
    except OSError as exc:
        raise CommandError(f"cannot write the summary to {path}: {exc.strerror}") from None


def _file_cell(file: str, line: int) -> str:
    """Return a file's table cell: a link to the line in GitHub when the run says where that is."""
    server, repository, sha = (
        os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    name = md.text(file)
    if not (server and repository and sha):
        return name
    url = f"{server}/{repository}/blob/{sha}/{quote(file)}#L{line}"
    return f"[{name}]({url.replace(')', '%29').replace(' ', '%20')})"


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
