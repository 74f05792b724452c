"""``handbook template``: list the working agreement's templates, or write a document from one."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from ..handbook import Handbook, load_handbook
from ..model.updates import UpdateKind
from ..readers.site_config import SiteConfig
from ..writers import recurring
from ..writers.numbering import slugify
from ..writers.transaction import Transaction
from ..writers.update_writer import NewUpdate
from . import context, write
from .context import CommandError
from .decisions import shown

NAME = "template"
HELP = "List the working agreement's templates, or write a recurring document from one."
DESCRIPTION = """\
Without a name, list the templates in <working agreement>/templates/ (--json for scripts):

  handbook template

With a name, write a new document from that template and print its path:

  handbook template async-ready-task "Rotate the push certificates"
  handbook template standup --handle maya --date 2026-11-20

The template's `path:` says where the document goes; {date} (today in the time zone of --handle
on the roster, else of this computer; or --date), {handle} and {slug} (from the title) are filled
in there and in the text. A template whose front matter says `kind:` makes updates: it writes the
same file as `handbook write KIND`. An existing file is never overwritten."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the template's name, the title and the placeholders' values."""
    parser.add_argument("name", nargs="?", help="The template to write from (default: list them).")
    parser.add_argument("title", nargs="?", help="A title: fills {title} and {slug}.")
    add_template_options(parser)
    parser.add_argument("--json", action="store_true", help="When listing: print JSON.")


def add_template_options(parser: argparse.ArgumentParser) -> None:
    """Declare the options a template's placeholders take (shared with ``handbook new --template``)."""
    parser.add_argument("--handle", help="Your handle, for {handle} (default: $HANDBOOK_HANDLE).")
    parser.add_argument("--date", help="The document's date, YYYY-MM-DD (default: today).")


def run(args: argparse.Namespace) -> int:
    """List the templates, or write a document from one."""
    config = context.site_config(args)
    if not args.name:
        return list_templates(config, args.json)
    return write_from_template(config, args.name, args.title, args.handle, args.date)


def list_templates(config: SiteConfig, as_json: bool = False) -> int:
    """Print the working agreement's templates, as a table or as JSON."""
    folder = templates_folder(config)
    templates = recurring.list_templates(folder, config.settings.boundary)
    if as_json:
        records = [
            {"name": t.name, "title": t.title, "description": t.description, "path": t.path}
            for t in templates
        ]
        print(json.dumps(records, ensure_ascii=False, indent=1))
    if not templates:
        print(f"no templates in {shown(folder)}", file=sys.stderr)
        return 1
    if as_json:
        return 0
    for template in templates:
        print(f"{template.name:<20} {template.title} → {template.path}")
        if template.description:
            print(f"{'':<20} {template.description}")
    return 0


def write_from_template(
    config: SiteConfig, name: str, title: str | None, handle: str | None, date_text: str | None
) -> int:
    """Write a recurring document (or an update) from the template NAME, and print its path."""
    folder = templates_folder(config)
    path = folder / f"{name}.md"
    if not path.is_file():
        names = ", ".join(t.name for t in recurring.list_templates(folder, config.settings.boundary))
        raise CommandError(f"no template '{name}' in {shown(folder)} (templates: {names or 'none'})")
    title = " ".join(title.split()) if title else None
    handbook = load_handbook(config.settings)
    kind = _update_kind(handbook, path)
    if kind is not None:  # a template of updates: the same file as `handbook write KIND`
        team = handbook.agreement.team if handbook.agreement is not None else None
        author = write.author_handle(handle, team, config.settings.root)
        date = context.date_option(date_text) or write.author_today(handbook, author)
        print(shown(write.write_update(handbook, NewUpdate(kind, author, date, title))))
        return 0
    handle = (handle or os.environ.get("HANDBOOK_HANDLE") or "").strip().lstrip("@") or None
    date = context.date_option(date_text) or write.author_today(handbook, handle)
    relative, text = _document(path, config, date, handle, title)
    target = config.settings.root / relative
    transaction = Transaction(config.settings.readable_roots)
    transaction.create(target, text.encode("utf-8"))
    try:
        transaction.commit()
    except FileExistsError:
        raise CommandError(f"{shown(target)} already exists; it was not overwritten") from None
    print(shown(target))
    return 0


def _document(
    path: Path, config: SiteConfig, date: dt.date, handle: str | None, title: str | None
) -> tuple[str, str]:
    """Fill the template: the new document's path (from the root) and its text."""
    try:
        template = recurring.load_template(path, config.settings.boundary)
        values = recurring.placeholders(
            date, handle, title or template.title, slugify(title) if title else None
        )
        return recurring.document_path(template, values), recurring.document_text(template, values)
    except recurring.TemplateError as exc:
        raise CommandError(str(exc)) from None


def _update_kind(handbook: Handbook, path: Path) -> UpdateKind | None:
    """Return the kind of update a template makes, when it makes updates."""
    for kind in write.kinds_of(handbook).values():
        if kind.template and (handbook.settings.root / kind.template).resolve() == path.resolve():
            return kind
    return None


def templates_folder(config: SiteConfig) -> Path:
    """Return the folder of the working agreement's templates."""
    return config.settings.agreement_path / "templates"
