"""``handbook init [DIR]``: a new handbook that builds with ``mkdocs build --strict`` straight away."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..writers.scaffold import starter_files, write_starter
from .context import CommandError
from .decisions import shown

NAME = "init"
HELP = "start a new handbook in a folder"
DESCRIPTION = """\
Create a new handbook in DIR (default: the current folder): mkdocs.yml, a team README
(docs/index.md), a start-here page, a working agreement with templates for weekly updates and
handoff notes, and the first decision, "Record decisions as ADRs". It builds with
`mkdocs build --strict` straight away.

A folder that already has files in it (other than .git) is refused, unless --force is given; even
then, no existing file is ever overwritten: only the missing starter files are added."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the folder, the team's name and --force."""
    parser.add_argument(
        "directory", metavar="DIR", nargs="?", default=".", help="where to create the handbook"
    )
    parser.add_argument("--name", help="the team's name (default: the folder's name)")
    parser.add_argument(
        "--force", action="store_true", help="add the starter files to a folder that is not empty"
    )


def run(args: argparse.Namespace) -> int:
    """Write the starter files."""
    target = Path(args.directory).resolve()
    if target.exists() and not target.is_dir():
        raise CommandError(f"{args.directory} is a file, not a folder")
    present = [p.name for p in target.iterdir() if p.name != ".git"] if target.is_dir() else []
    if present and not args.force:
        listed = ", ".join(sorted(present)[:5]) + (", …" if len(present) > 5 else "")
        raise CommandError(
            f"{shown(target)} is not empty ({listed}); choose an empty folder, "
            "or add --force to add only the files that are missing"
        )
    team = " ".join((args.name or target.name or "Our team").split())
    written, kept = write_starter(target, starter_files(team, dt.date.today()))
    for name in written:
        print(f"created {shown(target / name)}")
    for name in kept:
        print(f"kept    {shown(target / name)} (exists; not overwritten)")
    where = "" if target == Path.cwd().resolve() else f"cd {shown(target)} && "
    print(f"\nNext: {where}mkdocs serve")
    return 0
