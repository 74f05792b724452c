"""``handbook list``: the decisions, filtered by status or tag, as a table or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from urllib.parse import quote

from ..exports.decisions_json import decision_record
from ..model.decision import Decision
from ..pages.snippets import decisions_matching
from . import context
from .decisions import STATUS_WORDS, parse_status

NAME = "list"
HELP = "List the decisions, filtered by status or tag."
DESCRIPTION = f"""\
List the decisions in log order: number, status, date, title and file.

--status takes one of {STATUS_WORDS}; --tag takes a tag as written. --json prints the
same records as decisions.json, for scripts. Exits with 1 when no decision matches."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the filters and the output format."""
    parser.add_argument("--status", help="Only decisions with this status.")
    parser.add_argument("--tag", help="Only decisions with this tag.")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")


def run(args: argparse.Namespace) -> int:
    """Print the matching decisions."""
    handbook = context.handbook(args)
    status = parse_status(args.status, handbook.lifecycle).value if args.status else None
    found = decisions_matching(handbook.decisions, status, args.tag)
    if args.json:
        records = [decision_record(d, f"decisions/{quote(d.id)}/") for d in found]
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        for line in table(found):
            print(line)
    if not found:
        print("no decision matches", file=sys.stderr)
        return 1
    return 0


def table(decisions: list[Decision]) -> list[str]:
    """Return aligned rows: number, status, date, title, file."""
    rows = [
        (
            d.display_id if d.number is not None else "-",
            d.status.value if d.status else (d.status_raw or "-"),
            d.date.isoformat() if d.date else "-",
            d.title,
            d.source,
        )
        for d in decisions
    ]
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [
        f"{number:<{widths[0]}}  {status:<{widths[1]}}  {date:<{widths[2]}}  {title}  ({source})"
        for number, status, date, title, source in rows
    ]
