"""``handbook respond-by``: when an answer is due, counted in the recipient's working hours."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from ..hours.deadline import NoWorkingTime, respond_by
from ..hours.schedule import zone
from ..model.agreement import Agreement
from .agreement import load_agreement, local_label, person, utc_iso
from .context import CommandError, clock_of, in_range

NAME = "respond-by"
HELP = "Say when an answer is due from someone at an urgency, counted in their working hours."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``handbook respond-by``."""
    parser.add_argument("--to", required=True, metavar="HANDLE", help="Who the message is for.")
    parser.add_argument("--urgency", required=True, metavar="TIER", help="The urgency tier, e.g. normal.")
    parser.add_argument(
        "--sent",
        metavar="ISO-8601",
        help="When the message is sent, e.g. 2026-11-24T15:30:00Z (default: now; "
        "without an offset, this computer's time zone).",
    )
    parser.add_argument("--channel", metavar="NAME", help="The channel, for tiers with per-channel times.")
    parser.add_argument("--json", action="store_true", help="Print the answer as JSON.")


def run(args: argparse.Namespace) -> int:
    """Print the deadline."""
    book, agreement, team = load_agreement(args)
    recipient = person(team, args.to)
    tier = agreement.tier(args.urgency)
    if tier is None:
        raise CommandError(f"no urgency tier '{args.urgency}' (tiers: {_tiers(agreement)})")
    channel = _channel(agreement, args.channel)
    within = tier.within_on(channel)
    sent = _sent(args.sent, clock_of(book.settings).now)
    try:
        deadline = respond_by(recipient, within, sent)
    except NoWorkingTime as exc:
        print(f"handbook: {exc}; no answer can be expected.")
        return 1
    if args.json:
        print(
            json.dumps(
                {
                    "to": recipient.handle,
                    "urgency": tier.name,
                    "sent": utc_iso(sent),
                    "deadline": utc_iso(deadline),
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(f"An answer from {recipient.name} ({recipient.handle}) is due by {utc_iso(deadline)}:")
    print(f"  {local_label(deadline, recipient.timezone)} in their time.")
    sent_label = local_label(sent, recipient.timezone)
    print(f"{tier.label}: {within.label} of their working time, from {utc_iso(sent)} ({sent_label}).")
    away = recipient.away_on(sent.astimezone(zone(recipient.timezone)).date())
    if away is not None:
        print(f"{recipient.name} is away until {away.last}" + (f" ({away.note})." if away.note else "."))
    return 0


def _tiers(agreement: Agreement) -> str:
    """List the tier names, or say there are none."""
    return ", ".join(tier.name for tier in agreement.tiers) or "none are defined in agreement.yml"


def _channel(agreement: Agreement, name: str | None) -> str | None:
    """Return the name of the channel asked for, checking it exists."""
    if name is None:
        return None
    channel = agreement.channel(name)
    if channel is None:
        known = ", ".join(c.name for c in agreement.channels) or "none are listed"
        raise CommandError(f"no channel '{name}' (channels: {known})")
    return channel.name


def _sent(value: str | None, now: dt.datetime) -> dt.datetime:
    """Read ``--sent``; the command's instant when it is not given. Without an offset, it is this
    computer's local time."""
    if value is None:
        return now.replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--sent: cannot read '{value}'; write ISO 8601, e.g. 2026-11-24T15:30:00Z"
        ) from None
    in_range(moment, "--sent")  # checked before the time zone moves it past a year's end
    return moment if moment.tzinfo is not None else moment.astimezone()
