"""One update's page: who wrote it, their local date, its week and projects, then what they wrote.

Meeting notes also say who attended and who did not, how their action items stand, and link the
decisions they name: in their Decisions section, ``ADR-0011`` becomes a link to that decision.
"""

from __future__ import annotations

import re

from ..hours.schedule import zone
from ..model.decision import Decision
from ..model.updates import Update
from ..readers.body_links import INLINE_LINK, outside_inline_code
from ..readers.markdown_scan import code_lines, headings, leading_h1
from ..readers.update_body import section_key
from ..readers.updates import DECISION_SECTIONS
from . import markdown as md
from .updates_common import (
    ACTION_ITEMS,
    UpdateSite,
    kind_chip,
    long_date,
    person_path,
    project_target,
    update_path,
    week_path,
)

_MENTION = re.compile(r"\bADR[\s#:_-]?\d{1,9}\b", re.IGNORECASE)


def update_page(site: UpdateSite, update: Update) -> str:
    """Return the Markdown of an update's page."""
    page = update_path(update)
    parts = [
        f"# {md.text(site.update_title(update))}",
        header(site, update, page),
        _meeting(site, update, page),
        _body(site, update, page),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def header(site: UpdateSite, update: Update, page: str) -> str:
    """Return the block under the title: kind, author, local date and time, week, projects."""
    items = [kind_chip(site.log, update.kind)]
    items.append(_meta("By", site.html_link(site.name(update.author), person_path(update.author), page)))
    person = site.team.get(update.author) if site.team is not None else None
    when = f'<time datetime="{update.date.isoformat()}">{long_date(update.date)}</time>'
    if person is not None:
        when += f", local date in {md.attr(site.place(update.author))}"
        if update.moment is not None:
            local = update.moment.astimezone(zone(person.timezone))
            when += f", at {local:%H:%M} there ({update.moment:%H:%M} UTC"
            when += (
                f", {update.moment:%a} {update.moment.day} {update.moment:%b})"
                if local.date() != update.moment.date()
                else ")"
            )
    items.append(_meta("Written", when))
    if update.week is not None:
        label = update.week.label + (" (written late)" if update.week_written is not None else "")
        items.append(_meta("Week", site.html_link(label, week_path(update.week), page)))
    projects = [site.log.by_project_key[key] for key in update.projects if key in site.log.by_project_key]
    if projects:
        links = ", ".join(site.html_link(p.name, project_target(p), page) for p in projects)
        items.append(_meta("Projects", links))
    lines = "\n".join(items)
    return f'<div class="th-update-meta" data-kind="{md.attr(update.kind)}">\n{lines}\n</div>'


def _meta(label: str, value: str) -> str:
    """Return one labelled item of the header."""
    return f'<span class="th-meta"><span class="th-meta__label">{label}</span> {value}</span>'


def _meeting(site: UpdateSite, update: Update, page: str) -> str:
    """Return who attended, how the action items stand and which decisions were named, for notes."""
    lines = []
    if update.attendees:
        names = ", ".join(md.text(site.name(handle)) for handle in update.attendees)
        lines.append(f"**Attended:** {names}.")
        if site.team is not None:
            absent = [p.name for p in site.team if p.handle not in update.attendees]
            if absent:
                lines.append(
                    f"**Not there, and reading this instead:** {', '.join(md.text(n) for n in absent)}."
                )
    if update.action_items:
        keys = dict.fromkeys(item.key for item in update.action_items)
        current = [site.actions[key] for key in keys if key in site.actions]
        still = [item for item in current if item.is_open]
        overdue = [i for i in still if site.today is not None and i.due is not None and i.due < site.today]
        late = f", {len(overdue)} overdue" if overdue else ""
        board = site.md_link("action items board", ACTION_ITEMS, page)
        count = len(update.action_items)
        lines.append(
            f"**Action items:** {count} from these notes, {len(still)} still open{late} (see the {board})."
        )
    decisions = [site.decisions.get(m.target) for m in update.decisions if m.target]
    found = [d for d in decisions if d is not None]
    if found:
        links = ", ".join(f"{_decision_link(d, page)} {md.status_chip(d)}" for d in found)
        lines.append(f"**Decisions named:** {links}.")
    return "  \n".join(lines)


def _decision_link(decision: Decision, page: str) -> str:
    """Return a Markdown link to a decision's page from an update's page."""
    return md.decision_link(decision, page)


def _body(site: UpdateSite, update: Update, page: str) -> str:
    """Return what the author wrote, without the heading the page shows as its title, and with the
    decisions a Decisions section names linked."""
    lines = update.body.split("\n")
    title = leading_h1(lines)
    if title is not None:  # the page's own title replaces it
        setext = not lines[title.index].lstrip().startswith("#")
        del lines[title.index : title.index + (2 if setext else 1)]
    in_code = code_lines(lines)
    marks = headings(lines, in_code)
    targets = {m.text.lower(): site.decisions.get(m.target) for m in update.decisions if m.target}
    if targets:
        _link_decisions(lines, in_code, marks, targets, page)
    return "\n".join(lines).strip("\n")


def _link_decisions(
    lines: list[str], in_code: list[bool], marks: list, targets: dict[str, Decision | None], page: str
) -> None:
    """Turn bare decision mentions in Decisions sections into links, leaving code and links alone."""
    for position, heading in enumerate(marks):
        if section_key(heading.text) not in DECISION_SECTIONS:
            continue
        end = marks[position + 1].index if position + 1 < len(marks) else len(lines)
        for index in range(heading.index + 1, end):
            if not in_code[index] and _MENTION.search(lines[index]):
                lines[index] = outside_inline_code(
                    lines[index], lambda part: _outside_links(part, targets, page)
                )


def _outside_links(text: str, targets: dict[str, Decision | None], page: str) -> str:
    """Link the mentions in a piece of prose that is not inside a link already."""
    pieces = []
    last = 0
    for link in INLINE_LINK.finditer(text):
        close = text.find(")", link.end())
        close = len(text) if close < 0 else close + 1
        pieces.append(_linked(text[last : link.start()], targets, page))
        pieces.append(text[link.start() : close])
        last = close
    pieces.append(_linked(text[last:], targets, page))
    return "".join(pieces)


def _linked(text: str, targets: dict[str, Decision | None], page: str) -> str:
    """Replace each mention that names a decision with a link to it."""

    def replace(match: re.Match[str]) -> str:
        decision = targets.get(match.group(0).lower())
        if decision is None:
            return match.group(0)
        return md.decision_link(decision, page, match.group(0))

    return _MENTION.sub(replace, text)
