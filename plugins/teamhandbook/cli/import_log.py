"""``handbook import SOURCE_DIR``: bring an adr-tools, log4brains or MADR log into the decisions folder."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from ..handbook import Handbook
from ..readers.decision import ReadOptions
from ..readers.status import parse_aliases
from ..writers.importer import ImportPlan, plan_import, write_import
from . import context
from .context import CommandError
from .decisions import STATUS_WORDS, shown

NAME = "import"
HELP = "bring an adr-tools, log4brains or MADR decision log into the handbook"
DESCRIPTION = f"""\
Import the decision records of SOURCE_DIR into the handbook's decisions folder, in the canonical
format: MADR 4 front matter made from each record's metadata (the Nygard `Date:` line and
`## Status` section, MADR 2 and log4brains `* Status:` bullets, older front matter), the rest of
the text as written. Links between records follow them to their new file names; log4brains'
dated records are numbered in date order; images and other files are copied along.

Everything that cannot be mapped (statuses it does not know, dates it cannot read, links to
records that are missing) is kept as written and listed, so you can fix it. Existing files are
never overwritten. Run with --dry-run first to see the plan.

--map-status WORD=STATUS maps a team's own status word, e.g. --map-status aceito=accepted
(statuses: {STATUS_WORDS}); the handbook's `status_aliases` apply too."""
EPILOG = "exit codes: 0 imported (or planned, with --dry-run), 1 nothing to import, 2 could not run."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the source folder and the options."""
    parser.add_argument("source", metavar="SOURCE_DIR", help="the folder of the decision log to import")
    parser.add_argument("--dry-run", action="store_true", help="print the plan and write nothing")
    parser.add_argument(
        "--map-status",
        metavar="WORD=STATUS",
        action="append",
        default=[],
        help="read a status word as one of the handbook's statuses",
    )


def run(args: argparse.Namespace) -> int:
    """Plan the import, print it, and write it unless it is a dry run (holding the handbook's lock)."""
    with context.editing(args) as handbook:
        return _import(args, handbook)


def _import(args: argparse.Namespace, handbook: Handbook) -> int:
    """Import the records into the handbook's decisions folder."""
    source = Path(args.source).resolve()
    target = handbook.settings.decisions_path
    if not source.is_dir():
        raise CommandError(f"no such folder: {args.source}")
    if source == target:
        raise CommandError(f"{args.source} is the handbook's decisions folder already")
    plan = plan_import(source, target, handbook.decisions, _options(handbook.settings.status_aliases, args))
    if not plan.items:
        print(f"no decision records in {args.source}")
        return 1
    report(plan, source, target)
    if plan.conflicts:
        raise CommandError("nothing was imported: " + "; ".join(plan.conflicts))
    if args.dry_run:
        print("\nDry run: nothing was written.")
        return 0
    try:
        written = write_import(plan, source, target)
    except FileExistsError as exc:
        raise CommandError(f"stopped: {exc.filename} appeared meanwhile and was not overwritten") from None
    print(f"\nImported {len(plan.items)} records ({len(written)} files written).")
    return 0


def report(plan: ImportPlan, source: Path, target: Path) -> None:
    """Print what the import does and what it could not map."""
    formats = Counter(item.decision.format.value for item in plan.items)
    kinds = ", ".join(f"{count} {name}" for name, count in formats.most_common())
    print(f"Import {len(plan.items)} records ({kinds}) from {shown(source)} into {shown(target)}:")
    width = max(len(item.source) for item in plan.items)
    for item in plan.items:
        print(f"  {item.source:<{width}}  →  {item.target}")
    for asset, copied in plan.assets:
        print(f"  {asset:<{width}}  →  {copied} (copied)")
    sections = (
        ("Not imported", [f"{name}: not a decision record" for name in plan.skipped]),
        ("Changed on the way", plan.notes),
        ("Could not map (kept as written; fix these after the import)", plan.unmapped),
    )
    for title, lines in sections:
        if lines:
            print(f"\n{title}:")
            for line in lines:
                print(f"  {line}")


def _options(aliases: Mapping[str, str], args: argparse.Namespace) -> ReadOptions:
    """Return how to read the source: the handbook's aliases plus --map-status."""
    mapping = dict(aliases)
    for entry in args.map_status:
        word, sep, status = entry.partition("=")
        if not sep or not word.strip():
            raise CommandError(f"--map-status {entry}: write it as WORD=STATUS, e.g. aceito=accepted")
        mapping[word.strip()] = status.strip()
    parsed, errors = parse_aliases(mapping)
    if errors:
        raise CommandError("; ".join(errors))
    return ReadOptions(parsed)
