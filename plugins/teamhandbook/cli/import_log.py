"""``handbook import SOURCE_DIR``: bring an adr-tools, log4brains or MADR log into the decisions folder."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from ..handbook import Handbook
from ..readers.decision import ReadOptions
from ..readers.status import parse_aliases
from ..writers.importer import ImportPlan, plan_import, write_import
from . import context
from .context import CommandError, info
from .decisions import STATUS_WORDS, shown

NAME = "import"
HELP = "Copy an adr-tools, log4brains or MADR decision log into the handbook's decisions folder."
DESCRIPTION = f"""\
Import the decision records of SOURCE_DIR into the handbook's decisions folder, in the canonical
format: MADR 4 front matter made from each record's metadata (the Nygard `Date:` line and
`## Status` section, MADR 2 and log4brains `* Status:` bullets, older front matter), the rest of
the text as written. Images and other files are copied along.

Each record keeps its number and its file name, so its address stays the same (log4brains' dated
records keep their dates). A number the handbook has already stops the import, with nothing
written; --renumber then numbers the imported records after the existing ones, in their order
(dated records in date order), and links between them follow the new names.

A log that is already in this repository needs no copy: adopt it in place with
`handbook init --from PATH` (or `decisions_dir:` in mkdocs.yml). A log inside the docs folder is
then published once, and its old addresses lead to the new pages.

Everything that cannot be mapped (statuses it does not know, dates it cannot read, links to
records that are missing) is kept as written and listed, so you can fix it. Existing files are
never overwritten. Run with --dry-run first to see the plan; --json prints it for scripts.

--map-status WORD=STATUS maps a team's own status word, e.g. --map-status aceito=accepted
(statuses: {STATUS_WORDS}); the handbook's `status_aliases` apply too."""
EPILOG = "Exit codes: 0 imported (or planned, with --dry-run), 1 nothing to import, 2 could not run."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the source folder and the options."""
    parser.add_argument("source", metavar="SOURCE_DIR", help="The folder of the decision log to import.")
    parser.add_argument("--dry-run", action="store_true", help="Print the plan and write nothing.")
    parser.add_argument(
        "--renumber",
        action="store_true",
        help="Number the imported records after the existing decisions instead of keeping their numbers.",
    )
    parser.add_argument("--json", action="store_true", help="Print the plan as JSON.")
    parser.add_argument(
        "--map-status",
        metavar="WORD=STATUS",
        action="append",
        default=[],
        help="Read a status word as one of the handbook's statuses.",
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
    options = _options(handbook.settings.status_aliases, args)
    plan = plan_import(source, target, handbook.decisions, options, renumber=args.renumber)
    if source.is_relative_to(handbook.settings.docs_path):
        plan.notes.append(
            f"{shown(source)} is inside the docs folder, so the site publishes it as pages too: remove "
            "it after the import, or adopt it in place instead (`decisions_dir:` in mkdocs.yml), "
            "which publishes it once and keeps its old addresses working."
        )
    if not plan.items:
        if args.json:
            print(json.dumps(plan_record(plan, args.dry_run), ensure_ascii=False, indent=1))
        print(f"no decision records in {args.source}", file=sys.stderr if args.json else sys.stdout)
        return 1
    if args.json:
        print(json.dumps(plan_record(plan, args.dry_run), ensure_ascii=False, indent=1))
    else:
        report(plan, source, target)
    if plan.conflicts:
        raise CommandError("nothing was imported: " + "; ".join(plan.conflicts))
    if args.dry_run:
        info("\nDry run: nothing was written.", stream=sys.stderr if args.json else None)
        return 0
    try:
        written = write_import(plan, source, target)
    except FileExistsError as exc:
        raise CommandError(f"stopped: {exc.filename} appeared meanwhile and was not overwritten") from None
    info(
        f"\nImported {len(plan.items)} records ({len(written)} files written).",
        stream=sys.stderr if args.json else None,
    )
    return 0


def plan_record(plan: ImportPlan, dry_run: bool) -> dict[str, object]:
    """Return the import's plan as data: each record's source and target, and what was noted."""
    return {
        "version": 1,
        "dry_run": dry_run,
        "records": [
            {"source": item.source, "target": item.target, "format": item.decision.format.value}
            for item in plan.items
        ],
        "assets": [{"source": source, "target": target} for source, target in plan.assets],
        "skipped": plan.skipped,
        "notes": plan.notes,
        "unmapped": plan.unmapped,
        "conflicts": plan.conflicts,
    }


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
