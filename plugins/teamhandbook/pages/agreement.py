"""The working agreement as Markdown: key figures, response times, channels, when to meet.

Each function returns a block that an agreement page embeds through a macro, so the prose never
restates a number by hand. Everything an author wrote is escaped.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..model.agreement import Agreement, AgreementPage, Duration, Mode, Template, day_names
from . import markdown as md
from .tables import Column, card_table

SITE_FOLDER = "working-agreement"
"""Where the agreement's pages live in the site, whatever the source folder is called."""

LOCAL_TIME_MACROS = ("core_window", "overlap_strips", "working_now")
"""Macros that show the core window in everyone's local time; the page using one is linked to."""

_MODE_LABELS = {Mode.SYNC: "Meet", Mode.ASYNC: "Write", Mode.EITHER: "Either"}


def page_path(page: AgreementPage) -> str:
    """The source path of an agreement page in the site: ``working-agreement/<name>.md``."""
    return f"{SITE_FOLDER}/{page.name}.md"


def template_path(template: Template) -> str:
    """The source path of a template's page in the site."""
    return f"{SITE_FOLDER}/templates/{template.name}.md"


def link(target: str, from_page: str, label: str) -> str:
    """Return a Markdown link from one site page to another, with an escaped label."""
    return f"[{md.text(label)}]({quote(md.relative(target, from_page), safe='/')})"


def local_times_page(agreement: Agreement) -> str | None:
    """Return the site path of the page showing the core window in local times, if there is one."""
    pattern = re.compile(r"\{\{-?\s*(?:" + "|".join(LOCAL_TIME_MACROS) + r")\s*\(")
    for page in agreement.pages:
        if pattern.search(page.text):
            return page_path(page)
    index = next((page for page in agreement.pages if page.name == "index"), None)
    return page_path(index) if index else None


def within(duration: Duration) -> str:
    """Return a response time as prose: ``4 business hours``."""
    return duration.label


def key_figures(agreement: Agreement | None, from_page: str) -> str:
    """Return the response tiers and the core window in a short block, linking to local times."""
    if agreement is None or not (agreement.tiers or agreement.core_window or agreement.escalation):
        return ""
    items = [
        f"- **{md.text(tier.label)}**: an answer within {within(tier.within)}." for tier in agreement.tiers
    ]
    if agreement.escalation is not None:
        items.append(
            f"- **Truly urgent**: {md.text(_lower_first(agreement.escalation.label))}, not a message."
        )
    core = agreement.core_window
    if core is not None:
        where = local_times_page(agreement)
        local = f" ({link(where, from_page, 'in everyone’s local time')})" if where else ""
        items.append(f"- **Core overlap**: {core.label}, {day_names(core.days)}{local}.")
    intro = "Response times count the recipient's working hours, not the clock."
    return (intro + "\n\n" if agreement.tiers else "") + "\n".join(items) + "\n"


def response_table(agreement: Agreement) -> str:
    """Return the response tiers as a table, with a column per channel that has its own times."""
    if not agreement.tiers:
        return "*No response times are agreed yet: add `response-times` to agreement.yml.*"
    channels = list(dict.fromkeys(name for tier in agreement.tiers for name in tier.channels))
    labels = [(agreement.channel(name) or _Named(name)).label for name in channels]
    header = ["Urgency", "Answer within", *[f"On {label}" for label in labels], "For", "For example"]
    rows = []
    for tier in agreement.tiers:
        per_channel = [md.attr(within(tier.within_on(name))) for name in channels]
        rows.append(
            [
                f"<strong>{md.attr(tier.label)}</strong>",
                md.attr(within(tier.within)),
                *per_channel,
                md.attr(tier.meaning) or "—",
                md.attr(tier.example) or "—",
            ]
        )
    note = (
        "Counted in the recipient's working hours: a business hour is an hour of their working "
        "time, and a business day is one of their working days, however long. A message sent "
        "outside their hours starts counting when their next working span begins."
    )
    return card_table("responses", [Column(name) for name in header], rows) + "\n\n" + note + "\n"


class _Named:
    """A stand-in for a channel that is not listed, so a table can still name it."""

    def __init__(self, name: str) -> None:
        self.label = name


def channel_table(agreement: Agreement) -> str:
    """Return the channels: what each is for, what it is not for, what to expect, who sees it."""
    if not agreement.channels:
        return "*No channels are listed yet: add `channels` to agreement.yml.*"
    columns = [Column(name) for name in ("Channel", "Use it for", "Not for", "What to expect", "Visible to")]
    rows = []
    for channel in agreement.channels:
        visible = {True: "the whole team", False: "the people in it", None: "—"}[channel.public]
        rows.append(
            [
                f"<strong>{md.attr(channel.label)}</strong>",
                md.attr(channel.purpose) or "—",
                md.attr(channel.not_for) or "—",
                md.attr(channel.expect) or "—",
                visible,
            ]
        )
    return card_table("channels", columns, rows) + "\n"


def escalation_block(agreement: Agreement) -> str:
    """Return the escalation path for truly urgent matters, with its contacts' local hours."""
    path = agreement.escalation
    if path is None:
        return "*No escalation path is agreed yet: add `escalation` to agreement.yml.*"
    parts = [
        f"**{md.text(path.label)}**"
        + (f" — for {md.text(_lower_first(path.purpose))}" if path.purpose else "")
    ]
    if path.how:
        parts.append(md.text(path.how))
    people = [agreement.team.get(handle) for handle in path.contacts] if agreement.team else []
    contacts = [
        f"{md.text(person.name)} ({md.text(person.timezone)}, {md.text(person.hours_label)} local)"
        for person in people
        if person is not None
    ]
    if contacts:
        parts.append("Contacts: " + "; ".join(contacts) + ".")
    return "\n\n".join(parts) + "\n"


def _lower_first(text: str) -> str:
    """Lower-case the first letter of a sentence used inside another one."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def public_block(agreement: Agreement) -> str:
    """Return the public-by-default rule and its exceptions."""
    public = agreement.public
    if public is None:
        return "*No public-by-default rule is agreed yet: add `public-by-default` to agreement.yml.*"
    lines = [md.text(public.rule)]
    if public.exceptions:
        lines += ["", "Exceptions, which belong in private messages:", ""]
        lines += [f"- {md.text(item)}" for item in public.exceptions]
    return "\n".join(lines) + "\n"


def focus_list(agreement: Agreement) -> str:
    """Return the focus blocks, each with its local hours and its rule."""
    if not agreement.focus:
        return "*No focus blocks are agreed yet: add `focus` to agreement.yml.*"
    return (
        "\n".join(
            f"- **{md.text(block.name)}**: {md.text(block.hours_label)}."
            + (f" {md.text(block.rule)}" if block.rule else "")
            for block in agreement.focus
        )
        + "\n"
    )


def sync_table(agreement: Agreement) -> str:
    """Return the situations and whether to meet or to write in each."""
    rules = agreement.sync
    if rules is None or not rules.situations:
        return "*No situations are listed yet: add `sync-or-async` to agreement.yml.*"
    default = {Mode.ASYNC: "writing", Mode.SYNC: "meeting", Mode.EITHER: "whatever fits"}[rules.default]
    columns = [Column(name) for name in ("Situation", "Meeting", "Writing", "We")]
    rows = []
    for item in rules.situations:
        rows.append(
            [
                md.attr(item.situation),
                md.attr(item.sync) or "—",
                md.attr(item.async_) or "—",
                f"<strong>{_MODE_LABELS[item.prefer]}</strong>",
            ]
        )
    return f"Our default is {default}.\n\n" + card_table("sync", columns, rows) + "\n"


def call_rule(agreement: Agreement) -> str:
    """Return the rule for moving an async thread to a call."""
    rules = agreement.sync
    if rules is None or (rules.call_after is None and not rules.call_rule):
        return (
            "*No rule for moving a thread to a call is agreed yet: add `escalate-to-call` to agreement.yml.*"
        )
    lead = ""
    if rules.call_after is not None:
        lead = f"**After {rules.call_after} back-and-forths without converging, move to a call.** "
    return lead + md.text(rules.call_rule) + "\n"


def template_list(agreement: Agreement, from_page: str) -> str:
    """Return the writing templates as links, each with what it is for and where it writes."""
    if not agreement.templates:
        return "*No templates yet: add them to the agreement's `templates/` folder.*"
    return (
        "\n".join(
            f"- {link(template_path(t), from_page, t.title)}: {md.text(t.description)} "
            f"New ones go to `{t.path}`."
            for t in agreement.templates
        )
        + "\n"
    )
