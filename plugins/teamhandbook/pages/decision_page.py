"""A decision's page: its header, a banner when it no longer (or not yet) applies, its body."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..model.decision import Decision, DecisionLog, State, Status
from . import markdown as md
from .links import rebase, rewrite_links
from .log_index import LogIndex


@dataclass(frozen=True)
class DecisionPageOptions:
    """What a decision page shows besides the decision itself."""

    show_tags: bool = True
    """Show tags in the header; off when the site builder shows them itself (Material's tags)."""

    neighbours: bool = True
    """End the page with links to the previous and next decisions (for builders without them)."""

    header: bool = True
    """Put the metadata header (HTML) in the Markdown. A builder that inserts ``header()`` into
    the rendered page itself turns this off, and saves Python-Markdown parsing it as raw HTML."""


def decision_page(decision: Decision, index: LogIndex, options: DecisionPageOptions | None = None) -> str:
    """Return the Markdown of a decision's page."""
    options = options or DecisionPageOptions()
    page = md.decision_path(decision)
    parts = [
        f"# {md.text(decision.title)}",
        header(decision, options) if options.header else "",
        banner(decision, index.log, page),
        relations(decision, index, page),
        _body(decision, index),
    ]
    if options.neighbours:
        parts.append(neighbours(decision, index, page))
    return "\n\n".join(part for part in parts if part) + "\n"


def header(decision: Decision, options: DecisionPageOptions) -> str:
    """Return the metadata block shown under the title."""
    items = [md.status_chip(decision)]
    if decision.number is not None:
        items.append(_meta("Decision", md.attr(decision.display_id)))
    items.append(_meta("Date", _date(decision)))
    for label, people in (
        ("Decided by", decision.deciders),
        ("Consulted", decision.consulted),
        ("Informed", decision.informed),
    ):
        if people:
            items.append(_meta(label, md.attr(", ".join(people))))
    if decision.owner:
        items.append(_meta("Owner", md.attr(decision.owner)))
    if decision.review_by:
        items.append(_meta("Review by", md.time_tag(decision.review_by)))
    for label, value in decision.details.items():
        items.append(_meta(md.attr(label), md.attr(value)))
    if options.show_tags and decision.tags:
        items.append(_meta("Tags", md.tag_chips(decision.tags)))
    lines = "\n".join(items)
    return f'<div class="th-decision-meta" data-decision="{md.attr(decision.id)}">\n{lines}\n</div>'


def _meta(label: str, value: str) -> str:
    """Return one labelled item of the header."""
    return f'<span class="th-meta"><span class="th-meta__label">{label}</span> {value}</span>'


def _date(decision: Decision) -> str:
    """Show the decision's date, marked when it comes from git rather than the decision itself."""
    if decision.date is None:
        return _raw_or_dash(decision)
    if decision.date_source == "git":
        return (
            f'{md.time_tag(decision.date)} <span class="th-date-source" title="The decision states no '
            'date; this is when its file was first committed.">(first committed)</span>'
        )
    return md.time_tag(decision.date)


def _raw_or_dash(decision: Decision) -> str:
    """Show a date that could not be read as written, or a dash."""
    return md.attr(decision.date_raw) if decision.date_raw else "—"


def banner(decision: Decision, log: DecisionLog, page: str) -> str:
    """Return a prominent notice for decisions that are not simply accepted, else ''."""
    successors = [log.get(target) for target in decision.relation_ids("superseded_by")]
    successors = [s for s in successors if s is not None]
    status = decision.status
    if successors and (status is None or status.state is not State.SUPERSEDED):
        status = Status.SUPERSEDED  # the other side says so; show it rather than hide it
    if status is None or not status.description:
        return ""
    title, sentence = status.label, status.description
    marker = f'<span class="th-banner th-banner--{md.attr(status.key)}" data-colour="{status.colour}"></span>'
    if successors:
        links = ", ".join(md.decision_link(s, page) for s in successors)
        return f"> {marker}**{title}** by {links}. Read that decision for what applies now."
    if status.state is State.OPEN and decision.feedback_by:
        return (
            f"> {marker}**{title}.** {sentence} Feedback is welcome until "
            f"{md.time_tag(decision.feedback_by)}."
        )
    return f"> {marker}**{title}.** {sentence}"


def relations(decision: Decision, index: LogIndex, page: str) -> str:
    """Return the links to the decisions this one supersedes and relates to."""
    superseded = [index.log.get(i) for i in decision.relation_ids("supersedes")]
    lines = []
    for label, targets in (
        ("Supersedes", [d for d in superseded if d is not None]),
        ("Related", index.related_to(decision)),
    ):
        if targets:
            lines.append(f"**{label}:** " + ", ".join(md.decision_link(t, page) for t in targets))
    return "  \n".join(lines)


def neighbours(decision: Decision, index: LogIndex, page: str) -> str:
    """Return links to the previous and next decisions and to the log."""
    parts = ["[Decision log](index.md)"]
    previous, following = index.previous(decision), index.next(decision)
    if previous:
        parts.insert(0, "← " + md.decision_link(previous, page))
    if following:
        parts.append(md.decision_link(following, page) + " →")
    return "---\n\n" + " · ".join(parts)


def _body(decision: Decision, index: LogIndex) -> str:
    """Return the body; links to decision files point at their published pages.

    Pages are published side by side (``decisions/<id>/``), so links written in a subfolder, or
    into one, are rebased.
    """

    def rewrite(target: str) -> str:
        rebased = rebase(target, decision.folder) if decision.folder else target
        path, hash_, fragment = rebased.partition("#")
        published = index.page_of_file.get(posixpath.normpath(path)) if path else None
        return published + hash_ + fragment if published else rebased

    return rewrite_links(decision.body, rewrite)
