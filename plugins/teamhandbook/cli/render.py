"""``handbook render --out DIR``: the generated pages as plain Markdown, for another site builder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..writers.render import RenderError, render
from . import context
from .context import CommandError
from .decisions import shown

NAME = "render"
HELP = "write every generated page as plain Markdown, for another static-site builder"
DESCRIPTION = """\
Write the pages the plugin generates (the decision log, timeline, graph, one page per decision)
and decisions.json into DIR, as plain Markdown with inline HTML, and copy the images and other
files of the decisions folder next to them. Together with docs/, that is a site any Markdown
builder can publish: copy docs/ into DIR as well, and point the builder at DIR.

DIR must be empty, new, or an earlier render's output (which is then brought up to date)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the output folder."""
    parser.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")


def run(args: argparse.Namespace) -> int:
    """Render the handbook."""
    handbook = context.handbook(args)
    out = Path(args.out).resolve()
    try:
        written = render(handbook, out)
    except RenderError as exc:
        raise CommandError(str(exc)) from None
    except FileExistsError as exc:
        raise CommandError(f"{exc.filename} exists and was not written by `handbook render`") from None
    pages = sum(path.endswith(".md") for path in written)
    print(f"wrote {pages} pages and {len(written) - pages} other files to {shown(out)}")
    return 0
