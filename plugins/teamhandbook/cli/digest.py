"""``handbook digest``: what changed since a date, printed, or posted to a team channel's webhook."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

from ..checks.review import reviews
from ..exports.chat import CHAT_FORMATS, chat_payload
from ..handbook import Handbook, load_handbook
from ..pages.changes import between, change_events, open_for_feedback
from ..pages.digest import FORMATS, Digest, digest_updates, render_digest
from ..pages.updates_common import UpdateSite
from ..pages.urls import SiteAddress, site_address
from .context import CommandError, clock_of, in_range, site_config
from .webhook import PostError, check_address, post_json

NAME = "digest"
HELP = "Print what changed since a date, or post it to a team channel's webhook."
DESCRIPTION = """\
Report what changed between two days (both included): decisions, proposals open for feedback,
new updates, projects' status changes, open blockers, action items due within a week, pages
changed and overdue reviews, with links when mkdocs.yml has a site_url.

Print it:

  handbook digest --since 2026-11-23                   Markdown (default)
  handbook digest --since 2026-11-23 --format text     plain text, addresses after titles
  handbook digest --since 2026-11-23 --format slack    the JSON a webhook would get

Post it to a chat tool's incoming webhook:

  HANDBOOK_WEBHOOK_URL=https://hooks.slack.com/… handbook digest --since 2026-11-23 --post
  handbook digest --since 2026-11-23 --post "$URL" --format teams

--post takes the address, or reads HANDBOOK_WEBHOOK_URL when none is given (keep the address in
a secret: anyone who has it can post to the channel). The payload is Slack-compatible JSON by
default (Mattermost and others take it too; --format markdown sends Markdown text in it);
--format teams and --format discord fit those tools. A server error (5xx) or 429 is tried again
(--retries, 3 by default); an answer takes at most --timeout seconds (10). The address is never
printed, not even in errors.

Exits with 1, posting nothing, when nothing changed and nothing waits."""

ENVIRONMENT = "HANDBOOK_WEBHOOK_URL"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the command's options."""
    parser.add_argument("--since", required=True, metavar="DATE", help="The first day to report, YYYY-MM-DD.")
    parser.add_argument(
        "--until", metavar="DATE", help="The last day to report, YYYY-MM-DD (default: today)."
    )
    parser.add_argument(
        "--format",
        choices=(*FORMATS, *(f for f in CHAT_FORMATS if f not in FORMATS)),
        help="Printed: markdown (default), text, slack; posted: slack (default), markdown, teams, discord.",
    )
    parser.add_argument(
        "--post",
        nargs="?",
        const="",
        metavar="URL",
        help=f"Post to this incoming webhook (without URL: ${ENVIRONMENT}).",
    )
    parser.add_argument(
        "--timeout", type=float, default=10.0, metavar="SECONDS", help="Seconds to wait for an answer."
    )
    parser.add_argument(
        "--retries", type=int, default=3, metavar="N", help="Tries after a 5xx or 429 answer."
    )


def run(args: argparse.Namespace) -> int:
    """Print or post the digest; exit 1 when nothing changed and nothing waits."""
    config = site_config(args)
    today = clock_of(config.settings).today  # the site's date: What's new and the digest agree
    since = _date(args.since, "--since")
    until = _date(args.until, "--until") if args.until else today
    if until < since:
        raise CommandError(f"--until ({until.isoformat()}) is before --since ({since.isoformat()})")
    posting = args.post is not None
    url = _webhook(args.post) if posting else ""
    if args.timeout <= 0 or args.retries < 0:
        raise CommandError("--timeout must be more than 0 seconds and --retries at least 0")
    handbook = load_handbook(config.settings, changes_since=since)
    digest = build_digest(handbook, config.site_name or "Handbook", since, until, today)
    address = site_address(config.site_name, config.site_url, config.use_directory_urls)
    fmt = args.format or ("slack" if posting else "markdown")
    if posting:
        return _post(digest, address, fmt, url, args)
    if fmt in FORMATS and fmt != "slack":
        print(render_digest(digest, address, fmt), end="")
    else:
        print(json.dumps(chat_payload(digest, address, fmt), ensure_ascii=False, indent=1))
    return 1 if digest.empty else 0


def build_digest(handbook: Handbook, title: str, since: dt.date, until: dt.date, today: dt.date) -> Digest:
    """Gather what a digest reports, from the handbook read once."""
    options = handbook.settings.pages
    every = change_events(handbook.pages, handbook.decisions, handbook.history, options.changes_exclude)
    events = between(every, since, until)
    digest = Digest(
        title=title,
        since=since,
        until=until,
        events=events,
        waiting=open_for_feedback(handbook.decisions),
        reviews=reviews(handbook.pages, handbook.history, today, options.review_due_soon),
    )
    if handbook.updates is not None:
        team = handbook.agreement.team if handbook.agreement is not None else None
        running = UpdateSite(handbook.updates, handbook.boards, team, handbook.decisions, today, handbook.now)
        digest_updates(digest, running)
    return digest


def _post(digest: Digest, address: SiteAddress, fmt: str, url: str, args: argparse.Namespace) -> int:
    """Post the digest, unless there is nothing to say; report the outcome without the address."""
    if fmt not in CHAT_FORMATS:
        raise CommandError(f"--post sends chat JSON: use --format {', '.join(CHAT_FORMATS)}, not {fmt}")
    if digest.empty:
        print("handbook: nothing changed and nothing waits; nothing was posted", file=sys.stderr)
        return 1
    try:
        status = post_json(url, chat_payload(digest, address, fmt), args.timeout, args.retries)
    except PostError as exc:
        raise CommandError(f"the digest was not posted: {exc}") from None
    print(f"posted the digest to the webhook ({fmt}, HTTP {status})")
    return 0


def _webhook(given: str) -> str:
    """Return the webhook's address: given with --post, else from the environment."""
    url = (given or os.environ.get(ENVIRONMENT, "")).strip()
    if not url:
        raise CommandError(f"--post needs the webhook's address: give --post URL, or set {ENVIRONMENT}")
    try:
        check_address(url)
    except PostError as exc:
        raise CommandError(str(exc)) from None
    return url


def _date(text: str, option: str) -> dt.date:
    """Read a YYYY-MM-DD date given on the command line."""
    try:
        date = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{option} must be a date written YYYY-MM-DD, not '{text}'") from None
    return in_range(date, option)
