"""Corpus report: how the decision reader does on real decision logs.

Not a test (pytest does not collect it). Run it from the repository root:

    .venv/bin/python tests/benchmarks/corpus.py                      # every log, one table
    .venv/bin/python tests/benchmarks/corpus.py --path ../shared/adr-corpus --log madr
    .venv/bin/python tests/benchmarks/corpus.py --log kuma --decisions  # one line per decision

Every sub-folder of the corpus folder (default ``../shared/adr-corpus``, relative to the repository
root) is read as a handbook's whole decision folder, with no configuration, through the same core a
build uses. For each log it prints: the Markdown files, the decisions listed, the files left out
(with their reasons), the decisions with a status and with a date, where titles came from (a
heading or front matter, or the file name), and the problems by code. ``--decisions`` adds one line
per decision (id, status, date, successors, title) for checking them by hand; ``--problems`` prints
every problem. ``--build`` also builds each log with ``mkdocs build --strict``, from a copy of it in
a temporary folder with a minimal ``mkdocs.yml`` and no other configuration, and says which pass.
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "plugins"))

from teamhandbook.handbook import load_handbook  # noqa: E402
from teamhandbook.model.problem import Severity  # noqa: E402
from teamhandbook.settings import PageSettings, Settings  # noqa: E402

LEFT_OUT_CODES = frozenset({"left-out"})
"""Problem codes that say a file was left out (a note per file, with its reason)."""


@dataclass
class LogReport:
    """What the reader made of one log."""

    name: str
    files: int = 0
    decisions: int = 0
    with_status: int = 0
    with_date: int = 0
    dated_by_git: int = 0
    title_from_text: int = 0
    title_from_name: int = 0
    left_out: collections.Counter = field(default_factory=collections.Counter)
    problems: collections.Counter = field(default_factory=collections.Counter)
    lines: list[str] = field(default_factory=list)
    problem_lines: list[str] = field(default_factory=list)


def title_source(decision) -> str:
    """Tell where a decision's title came from: ``text`` (a heading or front matter) or ``name``."""
    source = getattr(decision, "title_source", None)
    if source is not None:
        return "name" if str(source) in ("name", "folder") else "text"
    from teamhandbook.readers.decision import title_from_name

    return "name" if decision.title == title_from_name(decision.id) else "text"


def left_out_reasons(handbook) -> collections.Counter:
    """Count the files left out by reason (``a template``, ``the log's index``…)."""
    reasons: collections.Counter = collections.Counter()
    for problem in handbook.problems:
        if problem.code in LEFT_OUT_CODES:
            reasons[problem.message.split("left out: ", 1)[-1].split(";")[0].rstrip(".")] += 1
    if not reasons:  # a reader that does not say why: count what it skipped
        skipped = getattr(handbook.decisions, "skipped", [])
        for item in skipped:
            reasons[getattr(item, "reason", "no reason given")] += 1
    return reasons


def read_log(corpus: Path, folder: Path, listing: bool) -> LogReport:
    """Read one log as a handbook's decision folder and summarise it."""
    report = LogReport(folder.name)
    report.files = sum(
        1
        for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() == ".md" and "_external" not in path.parts
    )
    settings = Settings(
        root=corpus,
        docs_dir=f"{folder.name}/.no-docs",
        decisions_dir=folder.name,
        agreement_dir=f"{folder.name}/.no-agreement",
        pages=PageSettings(git_history=False),
    )
    handbook = load_handbook(settings, docs_pages=[])
    for decision in handbook.decisions:
        report.decisions += 1
        report.with_status += decision.status is not None
        report.with_date += decision.date is not None
        report.dated_by_git += getattr(decision, "date_source", "file") == "git"
        if title_source(decision) == "name":
            report.title_from_name += 1
        else:
            report.title_from_text += 1
        if listing:
            status = decision.status.value if decision.status else f"?{decision.status_raw or ''}"
            successors = ",".join(ref.target or ref.text for ref in decision.superseded_by)
            report.lines.append(
                f"  {decision.id[:44]:44} {status[:16]:16} {decision.date or '-'!s:10} "
                f"{('→' + successors)[:24] if successors else '':24} {decision.title[:70]}"
            )
    report.left_out = left_out_reasons(handbook)
    for problem in handbook.problems:
        if problem.code in LEFT_OUT_CODES:
            continue
        report.problems[problem.code] += 1
        if problem.severity is not Severity.NOTE or problem.code != "left-out":
            report.problem_lines.append(f"  {problem.severity.value}: {problem}")
    return report


MINIMAL_CONFIG = """\
site_name: {name}
theme:
  name: material
plugins:
  - search
  - team-handbook:
      decisions_dir: decisions
"""


def strict_build(folder: Path) -> tuple[bool, str]:
    """Build a copy of a log with ``mkdocs build --strict``; return whether it passed and the
    first warning when it did not."""
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        shutil.copytree(folder, root / "decisions")
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(MINIMAL_CONFIG.format(name=folder.name), encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=root,
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        )
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("WARNING")]
    return result.returncode == 0, (warnings[0] if warnings else "")


def print_table(reports: list[LogReport]) -> None:
    """Print one row per log, and the totals."""
    header = (
        f"{'log':38} {'files':>5} {'listed':>6} {'out':>4} {'status':>6} {'date':>5} "
        f"{'git':>4} {'t:text':>6} {'t:name':>6}  problems by code"
    )
    print(header)
    print("-" * len(header))
    totals = LogReport("total")
    for r in reports:
        out = sum(r.left_out.values())
        problems = ", ".join(f"{code} {n}" for code, n in sorted(r.problems.items()))
        print(
            f"{r.name[:38]:38} {r.files:5} {r.decisions:6} {out:4} {r.with_status:6} {r.with_date:5} "
            f"{r.dated_by_git:4} {r.title_from_text:6} {r.title_from_name:6}  {problems or '-'}"
        )
        for attribute in (
            "files",
            "decisions",
            "with_status",
            "with_date",
            "dated_by_git",
            "title_from_text",
            "title_from_name",
        ):
            setattr(totals, attribute, getattr(totals, attribute) + getattr(r, attribute))
        totals.left_out.update(r.left_out)
        totals.problems.update(r.problems)
    print("-" * len(header))
    out = sum(totals.left_out.values())
    print(
        f"{'total':38} {totals.files:5} {totals.decisions:6} {out:4} {totals.with_status:6} "
        f"{totals.with_date:5} {totals.dated_by_git:4} {totals.title_from_text:6} {totals.title_from_name:6}"
    )
    print()
    print("Files left out, by log and reason:")
    for r in reports:
        if r.left_out:
            reasons = "; ".join(f"{reason} ({n})" for reason, n in sorted(r.left_out.items()))
            print(f"  {r.name}: {reasons}")
    print()
    print("Problems by code, all logs: " + ", ".join(f"{c} {n}" for c, n in totals.problems.most_common()))


def default_corpus() -> Path:
    """Return ``../shared/adr-corpus`` from the repository root, or the nearest one further up."""
    for folder in REPOSITORY.parents:
        candidate = folder / "shared" / "adr-corpus"
        if candidate.is_dir():
            return candidate
    return REPOSITORY.parent / "shared" / "adr-corpus"


def main(argv: list[str] | None = None) -> int:
    """Read every log of the corpus and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--path",
        default=str(default_corpus()),
        help="the corpus folder: one sub-folder per decision log (default: ../shared/adr-corpus, "
        "or the nearest shared/adr-corpus above the repository, as in a worktree)",
    )
    parser.add_argument("--log", action="append", default=[], help="only logs whose name contains this")
    parser.add_argument("--decisions", action="store_true", help="one line per decision")
    parser.add_argument("--problems", action="store_true", help="print every problem")
    parser.add_argument("--build", action="store_true", help="build each log with mkdocs build --strict")
    args = parser.parse_args(argv)
    corpus = Path(args.path).resolve()
    if not corpus.is_dir():
        print(f"No corpus at {corpus}: nothing to read. Point --path at a folder of decision logs.")
        return 0
    folders = sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    if args.log:
        folders = [f for f in folders if any(part.lower() in f.name.lower() for part in args.log)]
    reports = [read_log(corpus, folder, args.decisions) for folder in folders]
    print_table(reports)
    for r in reports:
        if args.decisions or args.problems:
            print(f"\n{r.name}")
        if args.decisions:
            print("\n".join(r.lines))
        if args.problems:
            print("\n".join(r.problem_lines))
    if args.build:
        print("\nmkdocs build --strict, each log as it is, no configuration:")
        for folder in folders:
            passed, warning = strict_build(folder)
            print(f"  {folder.name:40} {'pass' if passed else 'FAIL'}  {warning[:150]}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
