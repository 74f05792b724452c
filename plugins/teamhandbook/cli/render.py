"""``handbook render --out DIR``: the generated pages as plain Markdown, for another site builder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..handbook import load_handbook
from ..plan.render import RenderError, render
from ..plan.site_plan import Host
from . import context
from .context import CommandError, info
from .decisions import shown

NAME = "render"
HELP = "Write every generated page as plain Markdown, for another static-site builder."
DESCRIPTION = """\
Write the whole handbook into DIR as plain Markdown with inline HTML: the pages of docs/, the
working agreement's pages and templates, one page per decision, and every generated page (the
decision log, timeline, graph, start pages, Needs review, What's new), with the handbook's macros
already evaluated; plus decisions.json, changes.json, feed.xml (when mkdocs.yml has a site_url)
and the images and other files next to the pages. Point any Markdown site builder at DIR.

DIR must be empty, new, or an earlier render's output (which is then brought up to date).
A macro that fails is reported with its file and line (exit code 1), and its page is written as
it is."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the output folder."""
    parser.add_argument("--out", metavar="DIR", required=True, help="The folder to write into.")


def run(args: argparse.Namespace) -> int:
    """Render the handbook."""
    config = context.site_config(args)
    choice = context.docs_choice(config)
    handbook = load_handbook(config.settings, docs_pages=context.published_pages(config, choice))
    plan = context.site_plan(config, handbook, Host(macros=config.macros), choice)
    out = Path(args.out).resolve()
    try:
        written, problems = render(plan, out, context.site_macros(config), choice.unpublished)
    except RenderError as exc:
        raise CommandError(str(exc)) from None
    except FileExistsError as exc:
        name = exc.filename or (exc.args[0] if exc.args else "a file")
        raise CommandError(
            f"{name} exists and was not written by `handbook render`; nothing was written"
        ) from None
    pages = sum(path.endswith(".md") for path in written)
    info(f"wrote {pages} pages and {len(written) - pages} other files to {shown(out)}")
    for problem in problems:
        print(f"{problem}", file=sys.stderr)
    return 1 if problems else 0
