"""``handbook digest``: what changed since a date, ready to paste into a team channel."""

from __future__ import annotations

import argparse
import datetime as dt

from ..checks.review import reviews
from ..handbook import load_handbook
from ..pages.changes import between, change_events, open_for_feedback
from ..pages.digest import FORMATS, Digest, render_digest
from ..pages.urls import site_address
from .context import CommandError, in_range, site_config

NAME = "digest"
HELP = "Print what changed since a date (decisions, proposals, pages), ready to paste into a team channel."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("--since", required=True, metavar="DATE", help="the first day to report, YYYY-MM-DD")
    parser.add_argument("--until", metavar="DATE", help="the last day to report, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--format", choices=FORMATS, default="markdown", help="Markdown with links (default), or plain text"
    )


def run(args: argparse.Namespace) -> int:
    """Print the digest; exit 1 when nothing changed and nothing waits, so scripts can skip posting."""
    config = site_config(args)
    today = config.settings.today or dt.date.today()
    since = _date(args.since, "--since")
    until = _date(args.until, "--until") if args.until else today
    if until < since:
        raise CommandError(f"--until ({until.isoformat()}) is before --since ({since.isoformat()})")
    handbook = load_handbook(config.settings)
    options = config.settings.pages
    events = between(change_events(handbook.pages, handbook.decisions, handbook.history), since, until)
    digest = Digest(
        title=config.site_name or "Handbook",
        since=since,
        until=until,
        events=events,
        waiting=open_for_feedback(handbook.decisions),
        reviews=reviews(handbook.pages, handbook.history, today, options.review_due_soon),
    )
    address = site_address(config.site_name, config.site_url, config.use_directory_urls)
    print(render_digest(digest, address, args.format), end="")
    return 1 if digest.empty else 0


def _date(text: str, option: str) -> dt.date:
    """Read a YYYY-MM-DD date given on the command line."""
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not '{text}'") from None
    return in_range(date, option)
