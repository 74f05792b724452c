"""``handbook new``: a new decision with the next free number."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from ..boundary import Boundary
from ..handbook import Handbook, load_handbook
from ..linking.log import is_pending, is_void
from ..model.decision import Decision, DecisionFormat, Status
from ..readers.decision import ReadOptions, read_decision
from ..readers.lifecycle import read_options
from ..readers.text import read_source
from ..settings import Settings
from ..writers.changes import ChangeSet, target_for
from ..writers.files import WriteError
from ..writers.new_decision import BUILTIN_TEMPLATES, FORMATS, choose_template, create_numbered, fill_template
from ..writers.numbering import naming_scheme, slugify
from . import context, template
from .context import CommandError, info
from .decisions import find_decision, parse_status, refusals, shown, write_changes
from .supersede import supersede

NAME = "new"
HELP = "Write a new decision with the next free number, in the log's own format."
DESCRIPTION = """\
Write a new decision and print its path:

  handbook new "Record demos instead of the Friday call" --tags process,meetings \\
      --feedback-by 2026-12-04 --supersedes 7

The file takes the next free number, named like the other files in the folder
(0013-record-demos-instead-of-the-friday-call.md, or 20261204-record-demos-….md in a log4brains
log), and is never written over an existing file.

It is written in the log's own format, so the log's other tools keep working:
  1. with --format (madr4, madr3, madr2, nygard or adr-tools, log4brains), that format;
  2. else the team's own template: the first of template.md, adr-template.md,
     decision-template.md, _template.md, templates/decision.md or templates/template.md (where
     adr-tools keeps it) in the decisions folder;
  3. else the format of the log's newest decision (an adr-tools log gets an adr-tools record);
  4. else MADR 4.
A heading numbered the adr-tools way (# NUMBER. TITLE) gets the new number.

--supersedes records the relation in the new file. A new decision that is accepted marks the old
one superseded at once; one that is proposed or a draft (the default) records a pending
supersession: the old decision stays in force until the new one is accepted.

In a terminal, the new file opens in $VISUAL or $EDITOR (--no-edit to skip); never when the input
or output is not a terminal, so scripts and CI do not wait.

Recurring documents (an async-ready task, a stand-up) come from the working agreement's templates:
`handbook template` lists them and `handbook template NAME` writes one (the older form,
`handbook new --template NAME`, still works)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the decision's fields and the template options."""
    parser.add_argument("title", nargs="?", help="The decision's title.")
    parser.add_argument("--status", default="proposed", help="The first status (default: proposed).")
    parser.add_argument("--date", help="The decision's date, YYYY-MM-DD (default: today).")
    parser.add_argument("--tags", help="Tags, separated by commas: process,meetings.")
    parser.add_argument("--decision-makers", metavar="NAMES", help="Who decides, separated by commas.")
    parser.add_argument("--consulted", metavar="NAMES", help="Who is consulted, separated by commas.")
    parser.add_argument("--informed", metavar="NAMES", help="Who is informed, separated by commas.")
    parser.add_argument("--owner", help="Who keeps the decision current, e.g. @maya.")
    parser.add_argument("--feedback-by", metavar="DATE", help="Until when feedback is welcome, YYYY-MM-DD.")
    parser.add_argument("--review-by", metavar="DATE", help="When to look at the decision again, YYYY-MM-DD.")
    parser.add_argument(
        "--supersedes", metavar="DECISION", action="append", default=[], help="A decision this one replaces."
    )
    parser.add_argument(
        "--relates-to", metavar="DECISION", action="append", default=[], help="A related decision."
    )
    # The form before `handbook template` had its own command; kept working, left out of the help.
    parser.add_argument("--template", metavar="NAME", help=argparse.SUPPRESS)
    parser.add_argument("--handle", help=argparse.SUPPRESS)
    parser.add_argument("--list-templates", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        help="Write the decision in this format, whatever the log uses.",
    )
    parser.add_argument(
        "--no-edit", action="store_true", help="Do not open the new file in $VISUAL or $EDITOR."
    )


def run(args: argparse.Namespace) -> int:
    """Write the new decision or document."""
    config = context.site_config(args)
    if args.list_templates:
        return template.list_templates(config, args.json)
    if args.template:
        return template.write_from_template(config, args.template, args.title, args.handle, args.date)
    if not args.title or not args.title.strip():
        raise CommandError('give the decision a title: handbook new "Use PostgreSQL"')
    with context.editing(args) as handbook:
        return _new_decision(args, handbook)


def _new_decision(args: argparse.Namespace, handbook: Handbook) -> int:
    """Write the new decision under the next free number, and mark what it supersedes."""
    folder = handbook.settings.decisions_path
    requested = FORMATS[args.format] if args.format else None
    scheme = naming_scheme(d.id for d in handbook.decisions)
    if requested is DecisionFormat.LOG4BRAINS and not len(handbook.decisions):
        scheme = replace(scheme, dated=True)  # log4brains names its records by date
    title = " ".join(args.title.split())
    date = (
        context.date_option(args.date, "--date") or context.clock_of(handbook.settings).date_in()
    )  # the author's date
    slug = slugify(title)
    draft = _draft(args, title, date, f"{handbook.settings.decisions_dir}/{scheme.file_name(0, slug, date)}")
    superseded = [find_decision(handbook, ref) for ref in args.supersedes]
    related = [find_decision(handbook, ref) for ref in args.relates_to]
    template = _template(folder, handbook, requested)
    _filled(template, draft, handbook, superseded, related)  # refuses a template that does not work
    pending = is_pending(draft)
    if superseded and is_void(draft):
        raise CommandError("a rejected decision supersedes nothing; leave out --supersedes")
    if not pending:
        _check_supersessions(handbook, superseded, draft)

    def text(number: int) -> bytes:
        """The new decision's bytes, once its number is known."""
        return _filled(template, draft, handbook, superseded, related, number).encode("utf-8")

    try:
        path = create_numbered(folder, scheme, slug, date, text, handbook.settings.ignore)
    except (FileExistsError, TimeoutError) as exc:
        raise CommandError(f"nothing was written: {exc}") from None
    print(shown(path))
    if superseded and not pending:
        _mark_superseded(handbook.settings, path, superseded)
    elif superseded:
        names = ", ".join(d.display_id for d in superseded)
        info(
            f"{names} stays in force until this decision is accepted "
            f"(`handbook status {path.stem} accepted` completes the supersession).",
            stream=sys.stderr,
        )
    if not args.no_edit:
        open_in_editor(path)
    return 0


def open_in_editor(path: Path) -> None:
    """Open the new file in ``$VISUAL`` or ``$EDITOR``, only when a person is at a terminal."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return
    try:
        subprocess.run([*shlex.split(command), str(path)], check=False)
    except (OSError, ValueError) as exc:
        info(f"note: could not open an editor ({command}): {exc}", stream=sys.stderr)


def _draft(args: argparse.Namespace, title: str, date: dt.date, source: str) -> Decision:
    """Turn the command's options into the decision to write, checking each."""
    return Decision(
        id=Path(source).stem,
        source=source,
        title=title,
        format=DecisionFormat.MADR4,
        status=parse_status(args.status),
        date=date,
        tags=_names(args.tags),
        deciders=_names(args.decision_makers),
        consulted=_names(args.consulted),
        informed=_names(args.informed),
        owner=args.owner,
        feedback_by=context.date_option(args.feedback_by, "--feedback-by"),
        review_by=context.date_option(args.review_by, "--review-by"),
    )


def _template(folder: Path, handbook: Handbook, requested: DecisionFormat | None) -> tuple[Path, str]:
    """Choose the decision template and read it, once per command (inside the handbook, unless built in)."""
    template, _ = choose_template(folder, handbook.decisions, requested)
    builtin = template.resolve().is_relative_to(BUILTIN_TEMPLATES)
    boundary = Boundary([template.parent]) if builtin else handbook.settings.boundary
    loaded = read_source(template, template.name, boundary)
    if loaded.problem:
        raise CommandError(f"cannot use the template {shown(template)}: {loaded.problem.message}")
    return template, loaded.text


def _filled(
    template: tuple[Path, str],
    draft: Decision,
    handbook: Handbook,
    superseded: list[Decision],
    related: list[Decision],
    number: int | None = None,
) -> str:
    """Fill the template and make sure the result reads back as the draft says."""
    path, template_text = template
    options = read_options(handbook.settings, handbook.lifecycle or None)
    _refuse_fields_without_a_place(template_text, draft, path, options)
    supersedes = [target_for(d, draft.source) for d in superseded]
    relates_to = [target_for(d, draft.source) for d in related]
    with refusals():
        text = fill_template(template_text, draft, options, supersedes, relates_to, number)
    decision, problems = read_decision(text, draft.source, draft.id, options)
    if decision.title != draft.title or decision.status is not draft.status:
        raise CommandError(
            f"the template {shown(path)} does not give a decision whose title and status the "
            "handbook can read back; check its first heading and status"
        )
    errors = [p for p in problems if p.code == "yaml"]
    if errors:
        raise CommandError(f"the filled template is not valid: {errors[0].message}")
    return text


NYGARD_FIELDS = (
    ("--tags", "tags"),
    ("--decision-makers", "deciders"),
    ("--consulted", "consulted"),
    ("--informed", "informed"),
    ("--owner", "owner"),
    ("--feedback-by", "feedback_by"),
    ("--review-by", "review_by"),
)
"""Options whose fields an adr-tools (Nygard) record has no place for: it keeps a date and a status."""


def _refuse_fields_without_a_place(template: str, draft: Decision, path: Path, options: ReadOptions) -> None:
    """Refuse options an adr-tools record cannot hold, rather than add front matter its tools misread."""
    form = read_decision(template, path.name, path.stem, options)[0].format
    if form is not DecisionFormat.NYGARD:
        return
    given = [option for option, attribute in NYGARD_FIELDS if getattr(draft, attribute)]
    if given:
        raise CommandError(
            f"an adr-tools (Nygard) record keeps only a title, a date, a status and links, so it has no "
            f"place for {', '.join(given)}; leave them out, or add --format madr4 to write this "
            "decision in MADR 4; nothing was written"
        )


def _check_supersessions(handbook: Handbook, old: list[Decision], draft: Decision) -> None:
    """Make sure every superseded decision can be edited, before anything is written."""
    if not old:
        return
    changes = ChangeSet(handbook)
    with refusals():
        for decision in old:
            changes.editor(decision).set_status(Status.SUPERSEDED, changes.target(draft, decision))
            changes.verify(decision, status=Status.SUPERSEDED)


def _mark_superseded(settings: Settings, path: Path, old: list[Decision]) -> None:
    """Mark the decisions the new one supersedes, now that its file and number exist."""
    try:
        handbook = load_handbook(settings)
        created = next(d for d in handbook.decisions if d.id == path.stem)
        changes = ChangeSet(handbook)
        with refusals():
            for decision in old:
                supersede(changes, handbook.decisions.get(decision.id) or decision, created)
            write_changes(changes)
    except (CommandError, WriteError, OSError, StopIteration) as exc:
        path.unlink(missing_ok=True)  # all or nothing: the new decision goes with the marks it needs
        raise CommandError(f"nothing was written: the old decision could not be marked: {exc}") from None


def _names(text: str | None) -> list[str]:
    """Split a comma-separated option into its items."""
    return [item.strip() for item in (text or "").split(",") if item.strip()]
