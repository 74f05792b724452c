"""A decision's page: its header, a banner when it no longer (or not yet) applies, its body."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from ..linking.log import is_pending, is_void
from ..model.decision import Decision, State, Status
from . import markdown as md
from .links import rebase, rewrite_links
from .log_index import LogIndex

_STATE_SENTENCES: dict[State, str] = {
    State.IN_FORCE: "This decision is in force: the team works this way.",
    State.OPEN: "This decision is not made yet: read it and give feedback.",
    State.SUPERSEDED: "This decision no longer applies.",
    State.RETIRED: "This decision no longer applies.",
}
"""What a status means for the reader, for statuses whose lifecycle entry says nothing itself."""


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

    href: Callable[[Decision], str] | None = None
    """A decision page's address relative to another decision's page. With it, the banner and the
    relations are HTML, marked to stay out of search snippets; without it, Markdown with links to
    the decisions' pages, which any builder resolves."""

    notices: bool = True
    """Put the banner and the relations in the Markdown. A builder that puts them in the rendered
    page itself (``Notices.put_in``) turns this off: the Markdown then holds a mark in the place of
    each, so it no longer changes with other decisions' titles and Python-Markdown does not parse
    their HTML."""


# What stands for the banner and the relations in Markdown whose builder puts them in after
# conversion: an HTML comment is one raw block, placed and spaced as the HTML it stands for, and
# cheap to parse.
BANNER_MARK = "<!-- th-banner -->"
RELATIONS_MARK = "<!-- th-relations -->"


@dataclass(frozen=True)
class Notices:
    """A decision's banner and relations ('' when it has none), as its page shows them."""

    banner: str
    relations: str

    def marks(self) -> Notices:
        """Return the marks that stand for these notices in the Markdown."""
        return Notices(BANNER_MARK, RELATIONS_MARK if self.relations else "")

    def put_in(self, html: str) -> str:
        """Return a converted page with the marks replaced by the notices."""
        if BANNER_MARK not in html:  # another plugin took the comments out: after the title, then
            title_end = html.find("</h1>")
            at = title_end + len("</h1>") if title_end >= 0 else 0
            shown = "\n".join(part for part in (self.banner, self.relations) if part)
            return f"{html[:at]}\n{shown}\n{html[at:]}"
        # The first occurrences are the marks: only the escaped title comes before them.
        html = html.replace(BANNER_MARK, self.banner, 1)
        return html.replace(RELATIONS_MARK, self.relations, 1) if self.relations else html


def notices(decision: Decision, index: LogIndex, options: DecisionPageOptions) -> Notices:
    """Return a decision's banner and relations."""
    page = md.decision_path(decision)
    href = options.href
    return Notices(banner(decision, index, page, href), relations(decision, index, page, href))


def decision_page(
    decision: Decision,
    index: LogIndex,
    options: DecisionPageOptions | None = None,
    made: Notices | None = None,
) -> str:
    """Return the Markdown of a decision's page (``made``: its notices, if already made)."""
    options = options or DecisionPageOptions()
    page = md.decision_path(decision)
    shown = made or notices(decision, index, options)
    if not options.notices:
        shown = shown.marks()
    parts = [
        f"# {md.text(decision.title)}",
        header(decision, options) if options.header else "",
        shown.banner,
        shown.relations,
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
    # Left out of the search index: a result's snippet starts at the decision's text.
    return (
        f'<div class="th-decision-meta" data-decision="{md.attr(decision.id)}" data-search-exclude>\n'
        f"{lines}\n</div>"
    )


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


def banner(
    decision: Decision, index: LogIndex, page: str, href: Callable[[Decision], str] | None = None
) -> str:
    """Return a prominent notice of what the decision's status means for the reader.

    Only an accepted successor replaces a decision; one that is still proposed is named as a
    possible successor (the decision stays in force meanwhile), and one that was rejected is not
    named at all. With ``href`` (a decision page's address relative to this one) the notice is
    HTML, left out of the search index; without it, a Markdown block quote any builder shows.
    """
    log = index.log
    successors = [log.get(target) for target in decision.relation_ids("superseded_by")]
    successors = [s for s in successors if s is not None and not is_pending(s) and not is_void(s)]
    status = decision.status
    if successors and (status is None or status.state is not State.SUPERSEDED):
        status = Status.SUPERSEDED  # the other side says so; show it rather than hide it
    pending = [] if successors else index.pending.get(decision.id, [])
    escape = md.text if href is None else md.attr
    if status is None:
        key, state, title = "unknown", "", "Status unknown"
        sentence = (
            f"Its status, “{escape(decision.status_raw)}”, is not one the handbook knows: "
            "ask its owner whether it applies."
            if decision.status_raw
            else "The record does not say whether it applies: ask its owner."
        )
    else:
        key, state, title = status.key, status.state.value, status.label
        sentence = escape(status.description) if status.description else _STATE_SENTENCES[status.state]
    title = escape(title)
    if href is None:
        strong = f"**{title}**"
        links = ", ".join(md.decision_link(s, page) for s in successors)
    else:
        strong = f'<strong class="th-banner__title">{title}</strong>'
        links = ", ".join(f'<a href="{md.attr(href(s))}">{md.attr(md.full_title(s))}</a>' for s in successors)
    if successors:
        text = f"{strong} by {links}. Read that decision for what applies now."
    elif status is not None and status.state is State.OPEN and decision.feedback_by:
        text = f"{strong}. {sentence} Feedback is welcome until {md.time_tag(decision.feedback_by)}."
    else:
        text = f"{strong}. {sentence}"
    if pending:
        text += " " + _pending_notice(decision, pending, page, href)
    key = md.attr(key)
    attributes = f'data-status="{key}"' + (f' data-state="{state}"' if state else "")
    if status is not None and status.colour:
        attributes += f' data-colour="{md.attr(status.colour)}"'
    if href is None:
        return f'> <span class="th-banner th-banner--{key}" {attributes}></span>{text}'
    return (
        f'<div class="th-banner th-banner--{key}" {attributes} role="note" data-search-exclude>\n'
        f'<p class="th-banner__text">{text}</p>\n</div>'
    )


def _pending_notice(
    decision: Decision, successors: list[Decision], page: str, href: Callable[[Decision], str] | None
) -> str:
    """Say that decisions not accepted yet may supersede this one, which stays in force meanwhile."""
    if href is None:
        named = ", ".join(f"{md.decision_link(s, page, s.display_id)} ({_state(s)})" for s in successors)
        who = md.text(decision.display_id)
    else:
        named = ", ".join(
            f'<a href="{md.attr(href(s))}">{md.attr(s.display_id)}</a> ({md.attr(_state(s))})'
            for s in successors
        )
        who = md.attr(decision.display_id)
    return f"{who} may be superseded by {named}. It stays in force until a successor is accepted."


def _state(decision: Decision) -> str:
    """Return a decision's status as a word: ``proposed``."""
    return decision.status.value if decision.status else (decision.status_raw or "no status")


def relations(
    decision: Decision, index: LogIndex, page: str, href: Callable[[Decision], str] | None = None
) -> str:
    """Return the links to the decisions this one supersedes, amends, is amended by and relates to.

    A decision that is not accepted yet supersedes nothing so far: it says which decisions it
    will supersede once accepted, and that they stay in force until then.
    """
    superseded = [d for d in map(index.log.get, decision.relation_ids("supersedes")) if d is not None]
    groups: list[tuple[str, list[Decision], str]] = []
    if superseded and is_pending(decision):
        names = ", ".join(t.display_id for t in superseded)
        after = (
            f" Until then {names} stays in force: it may be superseded by "
            f"{decision.display_id} ({_state(decision)})."
        )
        groups.append(("Supersedes, once accepted", superseded, after))
    elif superseded and not is_void(decision):
        groups.append(("Supersedes", superseded, ""))
    for label, attribute in (("Amends", "amends"), ("Amended by", "amended_by")):
        found = [d for d in map(index.log.get, decision.relation_ids(attribute)) if d is not None]
        groups.append((label, found, ""))
    groups.append(("Related", index.related_to(decision), ""))
    if href is None:
        lines = [
            f"**{label}:** " + ", ".join(md.decision_link(t, page) for t in targets) + md.text(after)
            for label, targets, after in groups
            if targets
        ]
        return "  \n".join(lines)
    items = [
        f'<span class="th-relations__label">{label}:</span> '
        + ", ".join(f'<a href="{md.attr(href(t))}">{md.attr(md.full_title(t))}</a>' for t in targets)
        + md.attr(after)
        for label, targets, after in groups
        if targets
    ]
    if not items:
        return ""
    return '<p class="th-relations" data-search-exclude>\n' + "<br>\n".join(items) + "\n</p>"


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

    def rewrite(target: str) -> str | None:
        rebased = rebase(target, decision.folder) if decision.folder else target
        path, hash_, fragment = rebased.partition("#")
        path = unquote(path.split("?", 1)[0])
        published = index.page_of_file.get(posixpath.normpath(path)) if path else None
        if published:
            return published + hash_ + fragment
        return None if path and index.is_missing_file(path) else rebased

    return rewrite_links(decision.body, rewrite)
