"""``handbook render --out DIR [--for zensical|mkdocs|plain]``: the whole handbook as a project
another site builder builds, without the team-handbook plugin."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..handbook import load_handbook
from ..model.problem import Severity
from ..plan.render import RenderError, render
from ..plan.targets import Target, build_project, target_host
from ..settings import SettingsError
from . import context
from .context import CommandError, info
from .decisions import shown

NAME = "render"
HELP = "Write the whole handbook as a project for another site builder (Zensical, MkDocs) or as Markdown."
DESCRIPTION = """\
Write the whole handbook into DIR: the pages of docs/, the working agreement's pages and
templates, one page per decision and per written update, and every generated page (the decision
log, timeline, graph, start pages, the updates pages, Needs review, What's new), with the
handbook's macros already evaluated; plus decisions.json, changes.json, feed.xml (when the
configuration has a site_url), the stylesheets, scripts and Mermaid the plugin ships, and the
images and other files next to the pages.

Each page carries what the plugin adds while building: the line of its owner, last review and
last change, a decision's header and banner, and in front matter its title, tags, status and
the edit link to the file an author edits.

--for zensical writes a Zensical project: zensical.toml and docs/ (build it with
`zensical build` in DIR). --for mkdocs writes a MkDocs project without the plugin: mkdocs.yml
and docs/ (build it with `mkdocs build` or `properdocs build`). Both carry the site's own
configuration, the navigation with the generated pages and the recent decisions, the stylesheets
and scripts, and theme overrides for the edit links and the feed. --for plain (the default)
writes the pages and files only, into DIR itself, for any Markdown site builder.

DIR must be empty, new, or an earlier render's output (which is then brought up to date).
A macro that fails is reported with its file and line (exit code 1), and its page is written as
it is."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the output folder and the builder."""
    parser.add_argument("--out", metavar="DIR", required=True, help="The folder to write into.")
    parser.add_argument(
        "--for",
        dest="target",
        choices=[target.value for target in Target],
        default=Target.PLAIN.value,
        help="The site builder to write a project for (default: plain, the pages only).",
    )


def run(args: argparse.Namespace) -> int:
    """Render the handbook."""
    config = context.site_config(args)
    target = Target(args.target)
    choice = context.docs_choice(config)
    handbook = load_handbook(config.settings, docs_pages=context.published_pages(config, choice))
    plan = context.site_plan(config, handbook, target_host(target, config), choice)
    out = Path(args.out).resolve()
    try:
        project = build_project(target, config, plan)
        written, problems = render(
            plan, out, context.site_macros(config), choice.unpublished, project=project
        )
    except RenderError as exc:
        raise CommandError(str(exc)) from None
    except SettingsError as exc:
        raise CommandError(str(exc)) from None
    except FileExistsError as exc:
        name = exc.filename or (exc.args[0] if exc.args else "a file")
        raise CommandError(
            f"{name} exists and was not written by `handbook render`; nothing was written"
        ) from None
    pages = sum(path.endswith(".md") for path in written)
    what = f" and {target.config_name}" if target.config_name else ""
    info(f"wrote {pages} pages and {len(written) - pages} other files{what} to {shown(out)}")
    for problem in problems:
        print(f"{problem}", file=sys.stderr)
    return 1 if any(problem.severity is Severity.ERROR for problem in problems) else 0
