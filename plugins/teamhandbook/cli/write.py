"""``handbook write KIND``: start a written update (weekly, handoff, meeting notes…) from its template."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
from pathlib import Path

from ..boundary import Boundary
from ..handbook import Handbook, load_handbook
from ..hours.weekly import local_date
from ..model.agreement import Team
from ..model.problem import Severity
from ..model.updates import UpdateKind
from ..readers.update_kinds import update_kinds
from ..readers.updates import Context, read_update
from ..settings.validators import key_of
from ..writers.lock import handbook_lock
from ..writers.recurring import RecurringTemplate, TemplateError, load_template
from ..writers.transaction import Transaction
from ..writers.update_writer import NewUpdate, update_file
from . import context
from .context import CommandError
from .decisions import shown

NAME = "write"
HELP = "Start a written update (weekly, daily, handoff, meeting, request…) from its template."
DESCRIPTION = """\
Write a new update into the updates folder from its kind's template and print its path:

  handbook write weekly
  handbook write meeting "Digest mode kickoff" --project digest-mode
  handbook write handoff --author priya --date 2026-11-27

The template is the working agreement's template whose front matter says `kind: KIND`; a kind
without one gets a heading per built-in section. The author is --author, else HANDBOOK_HANDLE,
else the roster's person whose `email` is your `git config user.email`. The date is --date, else
today in the author's own time zone. An existing file is never overwritten."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the kind, the title and the update's fields."""
    parser.add_argument(
        "kind", help="The kind of update: weekly, daily, handoff, meeting, request, or the team's own."
    )
    parser.add_argument("title", nargs="?", help="A title (meeting notes and requests are named after it).")
    parser.add_argument(
        "--author", metavar="HANDLE", help="Who writes it (default: from git config user.email)."
    )
    parser.add_argument(
        "--date", help="The update's date, YYYY-MM-DD (default: today in the author's time zone)."
    )
    parser.add_argument(
        "--project",
        metavar="KEY",
        action="append",
        default=[],
        help="A project the update is about (repeatable).",
    )


def run(args: argparse.Namespace) -> int:
    """Write the update."""
    config = context.site_config(args)
    handbook = load_handbook(config.settings)
    log = handbook.updates
    kinds = kinds_of(handbook)
    kind = kinds.get(key_of(args.kind))
    if kind is None:
        raise CommandError(f"'{args.kind}' is not a kind of update; the kinds are {', '.join(kinds)}")
    team = handbook.agreement.team if handbook.agreement is not None else None
    author = author_handle(args.author, team, handbook.settings.root)
    date = context.date_option(args.date) or author_today(handbook, author)
    projects = tuple(dict.fromkeys(key_of(p) for p in args.project if p.strip()))
    known = set(log.by_project_key) if log is not None else set()
    unknown = [key for key in projects if key not in known]
    if unknown:
        listed = ", ".join(sorted(known)) or "none yet"
        raise CommandError(f"'{unknown[0]}' is not a project (projects: {listed})")
    title = " ".join(args.title.split()) if args.title else None
    path = write_update(handbook, NewUpdate(kind, author, date, title, projects))
    print(shown(path))
    return 0


def write_update(handbook: Handbook, new: NewUpdate) -> Path:
    """Write a new update file, after checking that the handbook reads it back as intended."""
    root = handbook.settings.root
    template = _template(new.kind, root, handbook.settings.boundary)
    try:
        relative, text = update_file(new, template, handbook.settings.updates_dir)
    except TemplateError as exc:
        raise CommandError(str(exc)) from None
    _check_reads_back(handbook, new, relative, text)
    target = root / relative
    transaction = Transaction(handbook.settings.readable_roots)
    transaction.create(target, text.encode("utf-8"))
    try:
        with handbook_lock(root):
            transaction.commit()
    except FileExistsError:
        raise CommandError(
            f"{shown(target)} already exists; it was not overwritten (give a title, or another --date)"
        ) from None
    return target


def kinds_of(handbook: Handbook) -> dict[str, UpdateKind]:
    """Return every kind of update the handbook knows, even before it has an updates folder."""
    if handbook.updates is not None:
        return handbook.updates.kinds
    return update_kinds(handbook.settings, handbook.agreement)[0]


def _template(kind: UpdateKind, root: Path, boundary: Boundary) -> RecurringTemplate | None:
    """Load the kind's template, when it has one (inside the handbook)."""
    if kind.template is None:
        return None
    try:
        return load_template(root / kind.template, boundary)
    except TemplateError as exc:
        raise CommandError(f"cannot use the template {kind.template}: {exc}") from None


def _check_reads_back(handbook: Handbook, new: NewUpdate, relative: str, text: str) -> None:
    """Refuse to write an update the build would not read with its author, date and kind."""
    log = handbook.updates
    kinds = kinds_of(handbook)
    team = handbook.agreement.team if handbook.agreement is not None else None
    projects = set(log.by_project_key) if log is not None else set()
    folder = handbook.settings.updates_dir.strip("/")
    page_id = relative[len(folder) + 1 : -3] if relative.startswith(folder + "/") else relative[:-3]
    update, problems = read_update(text, relative, page_id, Context(kinds, team, projects))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if update is None or errors or update.author != new.author or update.kind != new.kind.name:
        reason = errors[0].message if errors else "its author, date or kind do not read back"
        raise CommandError(f"the template does not make a valid update: {reason}")


def author_today(handbook: Handbook, handle: str | None) -> dt.date:
    """Return today's date where the author is: in their roster time zone, else in this computer's.

    The instant is the command's one clock; only the calendar it is read in is the author's.
    """
    team = handbook.agreement.team if handbook.agreement is not None else None
    person = team.get(handle) if team is not None and handle else None
    clock = context.clock_of(handbook.settings)
    return local_date(person, clock.now) if person is not None else clock.date_in()


def author_handle(given: str | None, team: Team | None, root: Path) -> str:
    """Return the author's handle: --author, HANDBOOK_HANDLE, or the roster's match for git's e-mail."""
    handle = (given or os.environ.get("HANDBOOK_HANDLE") or "").strip().lstrip("@").lower()
    if handle:
        if team is not None and team.get(handle) is None:
            handles = ", ".join(p.handle for p in team) or "none yet"
            raise CommandError(f"'{handle}' is not a handle on the roster (handles: {handles})")
        return handle
    email = _git_email(root)
    if not email:
        raise CommandError(
            "who is writing? Give --author HANDLE, set HANDBOOK_HANDLE, or set `git config user.email` "
            "to the e-mail address listed for you in team.yml"
        )
    person = team.with_email(email) if team is not None else None
    if person is None:
        raise CommandError(
            f"your git e-mail ({email}) is not on the roster; add `email: {email}` to your entry in "
            "team.yml, or give --author HANDLE"
        )
    return person.handle


def _git_email(root: Path) -> str:
    """Return ``git config user.email`` in the handbook's folder, or '' without git or an address."""
    try:
        result = subprocess.run(
            ["git", "config", "user.email"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip()
