"""Read one decision file, whatever its shape, into a ``Decision`` and its problems."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.decision import Decision, DecisionFormat, Reference, Status
from ..model.lifecycle import Lifecycle
from ..model.problem import Problem, error, note
from .body_links import markdown_file_links
from .dates import read_date
from .extract import Found, extract_body, is_generic_title, is_placeholder_title
from .fields import KNOWN_FIELDS, Extraction, RawField, canonical_key
from .frontmatter import FrontMatter, split_front_matter
from .log4brains import split_tags
from .markdown_scan import Heading, code_lines, strip_comments
from .status import as_lifecycle, read_status, relation_clause
from .titles import clean_title, date_in_name, number_in_name, title_from_name

_LIST_SPLIT = re.compile(r"\s*[,;，；、]\s*")
_LINK_ONLY = re.compile(r"^\[([^\]]*)\]\([^)]*\)$")

__all__ = [
    "Layout",
    "ReadOptions",
    "clean_title",
    "number_in_name",
    "read_decision",
    "title_from_name",
]


@dataclass(frozen=True)
class ReadOptions:
    """How a handbook wants its decisions read."""

    status_aliases: Mapping[str, Status] = field(default_factory=dict)
    """A team's own status words, lower-case, mapped to statuses (``aceito`` → accepted)."""

    lifecycle: Lifecycle | None = None
    """The handbook's statuses and their words; None for the built-in ones plus ``status_aliases``."""

    numeric_dates: str | None = None
    """How the log writes numeric dates (``day-first`` or ``month-first``); None: only when certain."""

    def statuses(self) -> Lifecycle:
        """Return the lifecycle statuses are read against."""
        return self.lifecycle if self.lifecycle is not None else as_lifecycle(self.status_aliases)


@dataclass(frozen=True)
class Layout:
    """What a decision's place in the log says about it."""

    name: str = ""
    """The name that carries its number, date and title in words: the file's stem, or the folder's
    name for a decision kept as ``<folder>/README.md``."""

    from_folder: bool = False
    folder_status: Status | None = None
    """The status the folder states (``_superseded/``, ``proposed-adrs/``), if any."""


def read_decision(
    text: str, source: str, stem: str, options: ReadOptions | None = None, layout: Layout | None = None
) -> tuple[Decision, list[Problem]]:
    """Read a decision from its text; never raises for any input, reports problems instead."""
    options = options or ReadOptions()
    layout = layout or Layout(stem)
    name = layout.name or stem
    front_matter = split_front_matter(text, source)
    problems = list(front_matter.problems)
    lines = front_matter.body.split("\n")
    in_code = code_lines(lines)
    found = extract_body(lines, in_code, front_matter.body_line)
    extraction = found.extraction
    _merge_front_matter(front_matter, extraction)
    extraction.format = _format(front_matter, found, name)
    decision = Decision(
        id=stem, source=source, title="", format=extraction.format, number=number_in_name(name)
    )
    _title(decision, extraction, found, name, layout, problems)
    hidden = set(extraction.hidden_lines)
    for heading in (found.first_h1, found.title):
        if heading is not None:
            hidden.add(heading.index)
    decision.body = _visible_body(lines, hidden)
    _normalise(decision, extraction, options, problems)
    decision.file_links = _file_links(decision, extraction, lines, in_code, front_matter.body_line)
    if decision.date is None and "date" not in extraction.fields:
        decision.date = date_in_name(name)
    if decision.status is None and layout.folder_status is not None and not decision.status_raw:
        decision.status, decision.status_source = layout.folder_status, "folder"
    decision.template_signals = _template_signals(decision, extraction, found)
    return decision, problems


def _merge_front_matter(front_matter: FrontMatter, extraction: Extraction) -> None:
    """Put the front matter's keys in, above anything the body says."""
    for key, value in front_matter.data.items():
        line = front_matter.key_lines.get(str(key), 1)
        extraction.offer(canonical_key(key), value, line, "", "front-matter", 0)


def _format(front_matter: FrontMatter, found: Found, name: str) -> DecisionFormat:
    """Tell which conventions the file follows, which is where an edit writes its status."""
    fields = found.extraction.fields
    raw_keys = {str(key).strip().lower().replace("_", "-") for key in front_matter.data}
    if front_matter.present and KNOWN_FIELDS & {canonical_key(k) for k in front_matter.data}:
        return DecisionFormat.MADR3 if "deciders" in raw_keys else DecisionFormat.MADR4
    where = {fields[key].where for key in ("status", "date") if key in fields}
    if "label" in where and found.bullet_marker:
        if found.bullet_marker == "-" or date_in_name(name) is not None:
            return DecisionFormat.LOG4BRAINS
        return DecisionFormat.MADR2
    nygard = "section" in where or ("label" in where and found.plain_label) or found.extraction.relation_lines
    if nygard and "table" not in where:
        return DecisionFormat.NYGARD
    if front_matter.present:
        return DecisionFormat.MADR4
    return DecisionFormat.MARKDOWN


def _title(
    decision: Decision,
    extraction: Extraction,
    found: Found,
    name: str,
    layout: Layout,
    problems: list[Problem],
) -> None:
    """Pick the title: front matter ``title``, else the first H1 that is a title, else the name.

    A number written in front of the title (``ADR-0002: Use X``) is dropped, and so is a status
    written in front of it (``[Superseded by [ADR-19](0019-x.md)] Use X``), which is read as a
    relation: pages show the number and the status themselves.
    """
    raw = extraction.fields.get("title")
    written = " ".join(strip_comments(str(raw.value)).split()) if raw is not None and raw.value else ""
    if written and not is_placeholder_title(written) and not is_generic_title(clean_title(written)):
        decision.title, decision.title_source = clean_title(written), "front-matter"
        decision.lines["title"] = raw.line
        return
    heading = found.title
    if heading is not None:
        text = _drop_status_prefix(strip_comments(heading.text), extraction, decision, heading)
        title = _drop_own_number(clean_title(text), decision.number)
        if title and not is_placeholder_title(title):
            decision.title, decision.title_source = _unbracket(title), "heading"
            decision.lines["title"] = extraction_line(extraction, heading)
            return
    decision.title = title_from_name(name)
    decision.title_source = "folder" if layout.from_folder else "name"
    if found.title_placeholder and found.first_h1 is not None:
        problems.append(
            note(
                decision.source,
                extraction_line(extraction, found.first_h1),
                f"the heading is still the template's placeholder ({found.title_placeholder}); the "
                f"title is taken from the {'folder' if layout.from_folder else 'file'} name. Write the "
                "decision's title in the heading.",
                "title-placeholder",
            )
        )


def extraction_line(extraction: Extraction, heading: Heading) -> int:
    """Return the file line of a body heading."""
    return extraction.body_line + heading.index


def _drop_status_prefix(text: str, extraction: Extraction, decision: Decision, heading: Heading) -> str:
    """Read and drop a status written in brackets before a title: ``[Superseded by [X](x.md)] Y``."""
    if not text.startswith(("[", "(")):
        return text
    closing = {"[": "]", "(": ")"}[text[0]]
    depth = 0
    for i, char in enumerate(text):
        depth += char == text[0]
        depth -= char == closing
        if depth == 0:
            inner, rest = text[1:i].strip(), text[i + 1 :].strip()
            if rest and (relation_clause(inner) is not None or read_status(inner).status is not None):
                extraction.relation_lines.append((inner, extraction_line(extraction, heading)))
                return rest
            return text
    return text


def _drop_own_number(title: str, number: int | None) -> str:
    """Drop the decision's own number written bare before its title: ``23 Logging`` in 023-logging.md."""
    head, _, rest = title.partition(" ")
    if number is not None and rest and head.isdigit() and int(head) == number:
        return rest.strip()
    return title


def _unbracket(title: str) -> str:
    """Drop brackets around a whole title that is not a placeholder: ``[Gestion des dates]``."""
    if len(title) > 2 and title[0] + title[-1] == "[]" and "](" not in title:
        return title[1:-1].strip() or title
    return title


def _visible_body(lines: list[str], hidden: set[int]) -> str:
    """Return the body without the lines the header shows, and without leading blank lines."""
    kept = [line for i, line in enumerate(lines) if i not in hidden]
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept)


def _file_links(
    decision: Decision, extraction: Extraction, lines: list[str], in_code: list[bool], body_line: int
) -> list[Reference]:
    """Collect the body's links to Markdown files, except on lines read as relations or status.

    Those are checked as references already; reading them twice would report them twice.
    """
    relation_lines = {line for _, line in extraction.relation_lines}
    relation_lines.add(decision.lines.get("status", 0))
    skip = {line - body_line for line in relation_lines}
    return [Reference(target, line) for target, line in markdown_file_links(lines, in_code, body_line, skip)]


def _normalise(
    decision: Decision, extraction: Extraction, options: ReadOptions, problems: list[Problem]
) -> None:
    """Turn the raw fields into the decision's normalised values, reporting what is wrong."""
    fields = extraction.fields
    source = decision.source
    lifecycle = options.statuses()
    for key, raw in fields.items():
        if key != "title":
            decision.lines[key.replace("-", "_")] = raw.line
    if "status" in fields:
        _read_status_field(decision, fields["status"], lifecycle, problems)
    for text, line in extraction.relation_lines:
        reading = read_status(text, lifecycle)
        _add_refs(decision.supersedes, reading.supersedes, line)
        _add_refs(decision.superseded_by, reading.superseded_by, line)
        _add_refs(decision.relates_to, reading.relates_to, line)
        _add_refs(decision.amends, reading.amends, line)
        _add_refs(decision.amended_by, reading.amended_by, line)
        if decision.status is None and decision.status_raw is None and reading.status is not None:
            # adr-tools replaces "Accepted" with "Superseded by [..](..)": the link is the status.
            decision.status, decision.status_raw = reading.status, reading.raw
            decision.status_source = "relation"
            decision.lines["status"] = line
    order = options.numeric_dates
    decision.date = _date_field(fields.get("date"), source, "date", problems, order)
    decision.review_by = _date_field(fields.get("review-by"), source, "review-by", problems, order)
    decision.feedback_by = _date_field(fields.get("feedback-by"), source, "feedback-by", problems, order)
    if "date" in fields and fields["date"].value is not None:
        decision.date_raw = str(fields["date"].value)
    for name in ("deciders", "consulted", "informed"):
        setattr(decision, name, _people(fields.get(name), source, name, problems))
    decision.tags = _tags(fields.get("tags"))
    for key, attribute in (
        ("supersedes", decision.supersedes),
        ("superseded-by", decision.superseded_by),
        ("relates-to", decision.relates_to),
        ("amends", decision.amends),
        ("amended-by", decision.amended_by),
    ):
        _add_refs(attribute, _references(fields.get(key)), _line(fields.get(key)))
    review_every = fields.get("review-every")
    decision.review_every = str(review_every.value).strip() if review_every and review_every.value else None
    owner = fields.get("owner")
    decision.owner = str(owner.value).strip() if owner and owner.value else None
    must_read = fields.get("must-read")
    decision.must_read = bool(must_read) and str(must_read.value).strip().lower() in ("true", "yes", "1")
    decision.extra = {k: r.value for k, r in fields.items() if k not in KNOWN_FIELDS}
    decision.details = {
        r.label: strip_comments(str(r.value))
        for k, r in fields.items()
        if k not in KNOWN_FIELDS and r.label and r.value
    }


def _read_status_field(
    decision: Decision, raw: RawField, lifecycle: Lifecycle, problems: list[Problem]
) -> None:
    """Read the status and take the relations written into it."""
    if raw.value is None or raw.value == "":
        return
    reading = read_status(str(raw.value), lifecycle)
    decision.status = reading.status
    decision.status_raw = reading.raw
    decision.status_source = raw.where if reading.status is not None else ""
    _add_refs(decision.supersedes, reading.supersedes, raw.line)
    _add_refs(decision.superseded_by, reading.superseded_by, raw.line)
    _add_refs(decision.relates_to, reading.relates_to, raw.line)
    _add_refs(decision.amends, reading.amends, raw.line)
    _add_refs(decision.amended_by, reading.amended_by, raw.line)
    if reading.unknown is not None:
        decision.unknown_status = reading.unknown  # reported once per build, for every file using it
    elif reading.problem:
        problems.append(error(decision.source, raw.line, f"{reading.problem}.", "unknown-status"))


def _date_field(
    raw: RawField | None, source: str, name: str, problems: list[Problem], order: str | None = None
) -> object:
    """Read a date field, reporting a date that cannot be read."""
    if raw is None:
        return None
    reading = read_date(raw.value, order)
    if reading.problem:
        label = "the date" if name == "date" else f"`{name}`"
        problems.append(
            error(source, raw.line, reading.problem.replace("the date", label, 1) + ".", "bad-date")
        )
    return reading.date


def _references(raw: RawField | None) -> list[str]:
    """Return the decisions a relation field names: link targets, or the words."""
    items = _list_value(raw)
    found: list[str] = []
    for item in items:
        links = re.findall(r"\[[^\]]*\]\(([^)\s]+)[^)]*\)", item) if "](" in item else []
        found.extend(links or [item])
    return found


def _template_signals(decision: Decision, extraction: Extraction, found: Found) -> list[str]:
    """Say what makes a file look like an unfilled template: its title, status, date, placeholders."""
    signals: list[str] = []
    title = extraction.fields.get("title")
    unused_title = title is not None and bool(title.value) and decision.title_source != "front-matter"
    if found.title_placeholder or unused_title or (found.title is None and found.first_h1 is not None):
        signals.append("its title is a placeholder")
    status = extraction.fields.get("status")
    if (
        status is not None
        and decision.status is None
        and status.value
        and any(mark in str(status.value) for mark in "|,/，、")
        and read_status(str(status.value)).choices
    ):
        signals.append("its status is a list of choices")
    date = extraction.fields.get("date")
    if date is not None and decision.date is None and "placeholder" in (read_date(date.value).problem or ""):
        signals.append("its date is a placeholder")
    if found.placeholder_lines >= 3:
        signals.append(f"{found.placeholder_lines} lines are placeholders")
    return signals


def _list_value(raw: RawField | None) -> list[str]:
    """Return a field as a list of strings, splitting a single string on commas.

    The items of a YAML list are kept whole: ``["Chen, Maya"]`` is one person.
    """
    if raw is None or raw.value is None:
        return []
    split = not isinstance(raw.value, list)
    values = [raw.value] if split else raw.value
    items: list[str] = []
    for value in values:
        if value is None:
            continue
        if isinstance(value, str):
            text = strip_comments(value)
            items.extend(_LIST_SPLIT.split(text) if split else [text])
        else:
            items.append(str(value))
    return [item for item in items if item]


def _people(raw: RawField | None, source: str, name: str, problems: list[Problem]) -> list[str]:
    """Read a list of people, reporting a template placeholder left in place."""
    people = _list_value(raw)
    if raw is not None and any(p[:1] in "[{" and p[-1:] in "]}" for p in people):
        problems.append(
            error(
                source,
                raw.line,
                f"`{name}` is still the template's placeholder; list the people, or remove the line.",
                "placeholder",
            )
        )
        return []
    return people


def _tags(raw: RawField | None) -> list[str]:
    """Read tags from a list, or from a string separated by commas and/or spaces."""
    if raw is None or raw.value is None:
        return []
    if isinstance(raw.value, str):
        text = strip_comments(raw.value)
        if text[:1] in "[{" and text[-1:] in "]}":
            return []
        tags = split_tags(text)
    else:
        tags = [str(tag).strip() for tag in _list_value(raw)]
    return list(dict.fromkeys(tag for tag in tags if tag))


def _line(raw: RawField | None) -> int:
    """Return the line a field is on, or 1."""
    return raw.line if raw is not None else 1


def _add_refs(into: list[Reference], texts: list[str], line: int) -> None:
    """Append references, skipping ones already listed."""
    known = {ref.text for ref in into}
    for text in texts:
        text = text.strip()
        if text and text not in known:
            into.append(Reference(text, line))
            known.add(text)
