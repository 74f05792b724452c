"""``handbook init [DIR]``: a new handbook that builds with ``mkdocs build --strict`` straight away."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from ..readers.config_file import CONFIG_NAMES
from ..readers.decision_log import read_decision_log
from ..writers.scaffold import CI_TEMPLATES, StarterOptions, starter_files, write_starter
from .context import CommandError, command_clock, info
from .decisions import shown

NAME = "init"
HELP = "Start a new handbook in a folder, or around a decision log the team already keeps."
DESCRIPTION = """\
Create a handbook in DIR (default: the current folder): mkdocs.yml, a team README
(docs/index.md) that quotes the roster, a start-here page, a working agreement with templates for
weekly updates and handoff notes, and the first decision, "Record decisions as ADRs". Every page
is in the navigation, nothing is loaded from another site, and it builds with
`mkdocs build --strict` (or `properdocs build --strict`) straight away.

A team that already keeps a decision log adopts it in place: with --from PATH, or on its own when
DIR has one where adr-tools (.adr-dir, doc/adr), log4brains (.log4brains.yml, docs/adr) or MADR
(docs/decisions) keep it. The log is used as it is, in any format the handbook reads: no seed
decision, numbers, names and files unchanged; only what is missing around it is written.

--site-url and --repo-url fill in the published address (which adds the Atom feed) and the
repository (an edit button on every page). --ci github or --ci gitlab writes a pipeline that
checks every change and publishes the site.

A folder that already has files in it (other than .git) is refused, unless --force is given or a
log is adopted; even then, no existing file is ever overwritten: only missing files are added."""

KNOWN_LOGS = (
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "doc/decisions",
    "docs/architecture/decisions",
    "docs/adrs",
    "adr",
    "adrs",
    "decisions",
    "architecture/decisions",
)
"""Where teams keep decision logs, in the order looked at: adr-tools, log4brains, MADR, others."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the folder, the team's name, the log to adopt, the addresses and the pipeline."""
    parser.add_argument(
        "directory", metavar="DIR", nargs="?", default=".", help="Where to create the handbook."
    )
    parser.add_argument("--name", help="The team's name (default: the folder's name).")
    parser.add_argument(
        "--from",
        dest="from_log",
        metavar="PATH",
        help="Adopt the decision log in PATH (inside DIR) as it is, instead of starting a new one.",
    )
    parser.add_argument("--site-url", metavar="URL", help="The address the handbook is published at.")
    parser.add_argument("--repo-url", metavar="URL", help="The address of the handbook's repository.")
    parser.add_argument(
        "--ci", choices=sorted(CI_TEMPLATES), help="Write a check-and-publish pipeline for this host."
    )
    parser.add_argument(
        "--force", action="store_true", help="Add the starter files to a folder that is not empty."
    )


def run(args: argparse.Namespace) -> int:
    """Write the starter files around a new or an adopted decision log."""
    target = Path(args.directory).resolve()
    if target.exists() and not target.is_dir():
        raise CommandError(f"{args.directory} is a file, not a folder")
    for url, option in ((args.site_url, "--site-url"), (args.repo_url, "--repo-url")):
        if url and urlsplit(url).scheme not in ("http", "https"):
            raise CommandError(f"{option} must be an http or https address, such as https://example.org/")
    log = _adopted_log(target, args.from_log)
    present = [p.name for p in target.iterdir() if p.name != ".git"] if target.is_dir() else []
    if present and not args.force and log is None:
        listed = ", ".join(sorted(present)[:5]) + (", …" if len(present) > 5 else "")
        raise CommandError(
            f"{shown(target)} is not empty ({listed}); choose an empty folder, add --from PATH to "
            "adopt the decision log it keeps, or add --force to add only the files that are missing"
        )
    configs = [name for name in CONFIG_NAMES if (target / name).is_file()]
    if log is not None and configs:
        raise CommandError(
            f"{shown(target / configs[0])} exists already; add the plugin to it by hand "
            f"(`- team-handbook:` with `decisions_dir: {log}`), see the guide's Adopting page; "
            "nothing was written"
        )
    team = " ".join((args.name or target.name or "Our team").split())
    options = StarterOptions(
        site_url=args.site_url or "",
        repo_url=args.repo_url or "",
        decisions_dir=log,
        ci=args.ci,
        version=_released(__version__),
    )
    written, kept = write_starter(target, starter_files(team, command_clock().date_in(), options))
    for name in written:
        info(f"created {shown(target / name)}")
    for name in kept:
        info(f"kept    {shown(target / name)} (exists; not overwritten)")
    if log is not None:
        info(_adoption_summary(target, log))
    where = "" if target == Path.cwd().resolve() else f"cd {shown(target)} && "
    info(f"\nNext: {where}mkdocs serve   (or: properdocs serve)")
    return 0


def _adopted_log(target: Path, from_log: str | None) -> str | None:
    """Return the decision log to adopt, relative to the handbook, or None to start a new one."""
    if from_log is None:
        return _existing_log(target) if target.is_dir() else None
    path = Path(from_log)
    folder = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not folder.is_dir():
        folder = (target / from_log).resolve()  # relative to the handbook, as mkdocs.yml says it
    if not folder.is_dir():
        raise CommandError(f"--from {from_log}: no such folder")
    if not folder.is_relative_to(target):
        raise CommandError(
            f"--from {from_log} is outside {shown(target)}; the handbook can only publish a log in its "
            "own repository. Copy it in with `handbook import` instead"
        )
    if folder == target:
        raise CommandError("--from names the handbook's own folder; name the folder of the decision log")
    relative = folder.relative_to(target).as_posix()
    log, _ = read_decision_log(folder, target)
    if not len(log):
        raise CommandError(f"--from {from_log}: no decision records in it (Markdown files such as 0001-x.md)")
    return relative


def _existing_log(target: Path) -> str | None:
    """Find the decision log a repository already keeps, where its tools say or usually put it."""
    candidates = [*_configured_logs(target), *KNOWN_LOGS]
    for relative in candidates:
        folder = (target / relative).resolve()
        if folder.is_dir() and folder.is_relative_to(target) and folder != target:
            log, _ = read_decision_log(folder, target)
            if len(log):
                return folder.relative_to(target).as_posix()
    return None


def _configured_logs(target: Path) -> list[str]:
    """Return the log folders named by adr-tools' ``.adr-dir`` and log4brains' ``.log4brains.yml``."""
    found = []
    adr_dir = target / ".adr-dir"
    if adr_dir.is_file():
        found.append(adr_dir.read_text(encoding="utf-8", errors="replace").strip())
    log4brains = target / ".log4brains.yml"
    if log4brains.is_file():
        text = log4brains.read_text("utf-8", "replace")
        match = re.search(r"^\s*adrFolder:\s*['\"]?([^'\"\n#]+)", text, re.M)
        if match:
            found.append(match.group(1).strip())
    return [name for name in found if name]


def _adoption_summary(target: Path, relative: str) -> str:
    """Say what was adopted: how many decisions, in which formats, left as they are."""
    log, _ = read_decision_log(target / relative, target)
    formats = Counter(decision.format.value for decision in log)
    kinds = ", ".join(f"{count} {name}" for name, count in formats.most_common())
    return (
        f"\nAdopted the decision log in {relative}/: {len(log)} decisions ({kinds}), left as they are. "
        "`handbook check` lists anything to fix; `handbook new` writes in the log's own format."
    )


def _released(version: str) -> str:
    """Return the version a pipeline can install from the package index: none for a development one."""
    return version if re.fullmatch(r"\d+(\.\d+)*", version) else ""
