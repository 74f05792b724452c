"""``handbook new``: a new decision with the next free number, or a recurring document from a template."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..handbook import Handbook, load_handbook
from ..model.decision import Decision, DecisionFormat, Status
from ..readers.dates import read_date
from ..readers.decision import ReadOptions, read_decision
from ..readers.site_config import SiteConfig
from ..readers.source_files import Boundary
from ..readers.status import parse_aliases
from ..readers.text import read_source
from ..settings import Settings
from ..writers import recurring
from ..writers.changes import ChangeSet, target_for
from ..writers.files import WriteError
from ..writers.new_decision import BUILTIN_TEMPLATE, create_numbered, fill_template, find_template
from ..writers.numbering import naming_scheme, slugify
from ..writers.transaction import Transaction
from . import context
from .context import CommandError
from .decisions import find_decision, parse_status, refusals, shown, write_changes
from .supersede import supersede

NAME = "new"
HELP = "write a new decision, or a document from one of the working agreement's templates"
DESCRIPTION = """\
Write a new decision from the handbook's template and print its path:

  handbook new "Record demos instead of the Friday call" --tags process,meetings \\
      --feedback-by 2026-12-04 --supersedes 7

The file takes the next free number, zero-padded like the other files in the folder
(0013-record-demos-instead-of-the-friday-call.md), and is never written over an existing file.
The template is the first of template.md, adr-template.md, decision-template.md, _template.md,
templates/decision.md or templates/template.md (where adr-tools keeps it) found in the decisions
folder, else the built-in MADR 4 template. A heading numbered the adr-tools way (# NUMBER. TITLE)
gets the new number.
--supersedes also marks the old decision as superseded.

With --template NAME, write a recurring document (a weekly update, a handoff note) from
<working agreement>/templates/NAME.md instead; --list-templates shows them:

  handbook new --template weekly-update --handle maya"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the decision's fields and the template options."""
    parser.add_argument(
        "title", nargs="?", help="the decision's title (for a template: fills {title} and {slug})"
    )
    parser.add_argument("--status", default="proposed", help="the first status (default: proposed)")
    parser.add_argument("--date", help="the decision's date, YYYY-MM-DD (default: today)")
    parser.add_argument("--tags", help="tags, separated by commas: process,meetings")
    parser.add_argument("--decision-makers", metavar="NAMES", help="who decides, separated by commas")
    parser.add_argument("--consulted", metavar="NAMES", help="who is consulted, separated by commas")
    parser.add_argument("--informed", metavar="NAMES", help="who is informed, separated by commas")
    parser.add_argument("--owner", help="who keeps the decision current, e.g. @maya")
    parser.add_argument("--feedback-by", metavar="DATE", help="until when feedback is welcome, YYYY-MM-DD")
    parser.add_argument("--review-by", metavar="DATE", help="when to look at the decision again, YYYY-MM-DD")
    parser.add_argument(
        "--supersedes", metavar="DECISION", action="append", default=[], help="a decision this one replaces"
    )
    parser.add_argument(
        "--relates-to", metavar="DECISION", action="append", default=[], help="a related decision"
    )
    parser.add_argument("--template", metavar="NAME", help="write from the working agreement's template NAME")
    parser.add_argument("--handle", help="your handle, for a template's {handle} (default: $HANDBOOK_HANDLE)")
    parser.add_argument(
        "--list-templates", action="store_true", help="list the working agreement's templates"
    )


def run(args: argparse.Namespace) -> int:
    """Write the new decision or document."""
    config = context.site_config(args)
    if args.list_templates:
        return _list_templates(config)
    if args.template:
        return _from_template(config, args)
    if not args.title or not args.title.strip():
        raise CommandError('give the decision a title: handbook new "Use PostgreSQL"')
    with context.editing(args) as handbook:
        return _new_decision(args, handbook)


def _new_decision(args: argparse.Namespace, handbook: Handbook) -> int:
    """Write the new decision under the next free number, and mark what it supersedes."""
    folder = handbook.settings.decisions_path
    scheme = naming_scheme(d.id for d in handbook.decisions)
    title = " ".join(args.title.split())
    date = _date(args.date, "--date") or dt.date.today()
    slug = slugify(title)
    draft = _draft(args, title, date, f"{handbook.settings.decisions_dir}/{scheme.file_name(0, slug, date)}")
    superseded = [find_decision(handbook, ref) for ref in args.supersedes]
    related = [find_decision(handbook, ref) for ref in args.relates_to]
    template = _template(folder, handbook.settings)
    _filled(template, draft, handbook, superseded, related)  # refuses a template that does not work
    _check_supersessions(handbook, superseded, draft)

    def text(number: int) -> bytes:
        """The new decision's bytes, once its number is known."""
        return _filled(template, draft, handbook, superseded, related, number).encode("utf-8")

    try:
        path = create_numbered(folder, scheme, slug, date, text, handbook.settings.ignore)
    except (FileExistsError, TimeoutError) as exc:
        raise CommandError(f"nothing was written: {exc}") from None
    if superseded:
        _mark_superseded(handbook.settings, path, superseded)
    print(shown(path))
    return 0


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
        feedback_by=_date(args.feedback_by, "--feedback-by"),
        review_by=_date(args.review_by, "--review-by"),
    )


def _template(folder: Path, settings: Settings) -> tuple[Path, str]:
    """Find the decision template and read it, once per command (inside the handbook, unless built in)."""
    template = find_template(folder)
    boundary = Boundary([template.parent]) if template == BUILTIN_TEMPLATE else settings.boundary
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
    options = ReadOptions(parse_aliases(handbook.settings.status_aliases)[0])
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


def _list_templates(config: SiteConfig) -> int:
    """Print the working agreement's templates."""
    folder = _templates_folder(config)
    templates = recurring.list_templates(folder, config.settings.boundary)
    if not templates:
        print(f"no templates in {shown(folder)}", file=sys.stderr)
        return 1
    for template in templates:
        print(f"{template.name:<20} {template.title} → {template.path}")
        if template.description:
            print(f"{'':<20} {template.description}")
    return 0


def _from_template(config: SiteConfig, args: argparse.Namespace) -> int:
    """Write a recurring document from a template."""
    folder = _templates_folder(config)
    path = folder / f"{args.template}.md"
    if not path.is_file():
        names = (
            ", ".join(t.name for t in recurring.list_templates(folder, config.settings.boundary)) or "none"
        )
        raise CommandError(f"no template '{args.template}' in {shown(folder)} (templates: {names})")
    title = " ".join(args.title.split()) if args.title else None
    handle = (args.handle or os.environ.get("HANDBOOK_HANDLE") or "").strip().lstrip("@") or None
    date = _date(args.date, "--date") or dt.date.today()
    try:
        template = recurring.load_template(path, config.settings.boundary)
        values = recurring.placeholders(
            date, handle, title or template.title, slugify(title) if title else None
        )
        relative = recurring.document_path(template, values)
        text = recurring.document_text(template, values)
    except recurring.TemplateError as exc:
        raise CommandError(str(exc)) from None
    target = config.settings.root / relative
    transaction = Transaction(config.settings.readable_roots)
    transaction.create(target, text.encode("utf-8"))
    try:
        transaction.commit()
    except FileExistsError:
        raise CommandError(f"{shown(target)} already exists; it was not overwritten") from None
    print(shown(target))
    return 0


def _templates_folder(config: SiteConfig) -> Path:
    """Return the folder of the working agreement's templates."""
    return config.settings.agreement_path / "templates"


def _date(text: str | None, option: str) -> dt.date | None:
    """Read a date option, or explain how to write it."""
    if not text:
        return None
    reading = read_date(text)
    if reading.date is None:
        raise CommandError(f"{option}: {reading.problem or 'write the date as YYYY-MM-DD'}")
    return context.in_range(reading.date, option)


def _names(text: str | None) -> list[str]:
    """Split a comma-separated option into its items."""
    return [item.strip() for item in (text or "").split(",") if item.strip()]
