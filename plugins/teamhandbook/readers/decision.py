"""Read one decision file, in any supported format, into a ``Decision`` and its problems."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.decision import Decision, DecisionFormat, Reference, Status
from ..model.problem import Problem, error
from . import log4brains, madr, nygard
from .body_links import markdown_file_links
from .dates import read_date
from .fields import KNOWN_FIELDS, Extraction, RawField
from .frontmatter import split_front_matter
from .markdown_scan import Heading, code_lines, headings, leading_h1, strip_comments
from .status import read_status

_NUMBER_IN_NAME = re.compile(r"^(?:adr|dr|rfc|decision)?[-_ ]?0*(\d{1,6})(?=$|[-_ .])", re.I)
_TITLE_NUMBER = re.compile(r"^(?:(?:adr|dr|rfc)[-\s#]*\d+\s*[:.\-–—]?\s+|\d+\.\s+|\d+\s*[:\-–—]\s+)", re.I)
_LINKS_HEADINGS = frozenset({"links", "related decisions", "related adrs", "related"})
_LIST_SPLIT = re.compile(r"\s*[,;]\s*")


@dataclass(frozen=True)
class ReadOptions:
    """How a handbook wants its decisions read."""

    status_aliases: Mapping[str, Status] = field(default_factory=dict)
    """A team's own status words, lower-case, mapped to statuses (``aceito`` → accepted)."""


def number_in_name(stem: str) -> int | None:
    """Return the decision number a file name carries: ``0005-x`` → 5; None for dated names."""
    if log4brains.date_in_name(stem) is not None:
        return None
    match = _NUMBER_IN_NAME.match(stem)
    return int(match.group(1)) if match else None


def title_from_name(stem: str) -> str:
    """Make a title from a file name: ``0005-use-postgres`` → ``Use postgres``."""
    words = re.sub(r"^(?:\d{8}|(?:adr|dr|rfc)?[-_ ]?\d+)[-_ ]*", "", stem, flags=re.I)
    words = " ".join(words.replace("-", " ").replace("_", " ").split()) or stem
    return words[:1].upper() + words[1:]


def clean_title(heading: str) -> str:
    """Drop a number prefix from a heading: ``12. Use X`` or ``ADR-012: Use X`` → ``Use X``."""
    cleaned = _TITLE_NUMBER.sub("", heading.strip(), count=1).strip()
    return cleaned or heading.strip()


def read_decision(
    text: str, source: str, stem: str, options: ReadOptions | None = None
) -> tuple[Decision, list[Problem]]:
    """Read a decision from its text; never raises for any input, reports problems instead."""
    options = options or ReadOptions()
    front_matter = split_front_matter(text, source)
    problems = list(front_matter.problems)
    lines = front_matter.body.split("\n")
    in_code = code_lines(lines)
    scanned = headings(lines, in_code)
    title_heading = leading_h1(lines)
    extraction = _extract(front_matter, lines, scanned, title_heading, stem)
    decision = Decision(
        id=stem,
        source=source,
        title=_title(extraction, title_heading, stem),
        format=extraction.format,
        number=number_in_name(stem),
    )
    hidden = set(extraction.hidden_lines)
    if title_heading is not None:
        hidden.add(title_heading.index)
    decision.body = _visible_body(lines, hidden)
    _normalise(decision, extraction, options, problems)
    decision.file_links = _file_links(decision, extraction, lines, in_code, front_matter.body_line)
    if decision.date is None and "date" not in extraction.fields:
        decision.date = log4brains.date_in_name(stem)
    return decision, problems


def _extract(front_matter, lines, scanned, title_heading, stem) -> Extraction:
    """Run the format readers and merge what they found; front matter wins over the body."""
    start = title_heading.index + 1 if title_heading else 0
    body_line = front_matter.body_line
    from_body = madr.from_bullets(lines, start, body_line)
    if from_body is not None:
        from_body = log4brains.refine(from_body, stem)
    else:
        from_body = nygard.from_nygard(lines, scanned, title_heading, body_line)
    if front_matter.present:
        merged = madr.from_front_matter(front_matter)
        if from_body is not None and not KNOWN_FIELDS & merged.fields.keys():
            merged.format = from_body.format
    elif from_body is not None:
        merged = Extraction(from_body.format)
    else:
        merged = Extraction(DecisionFormat.MARKDOWN)
    if from_body is not None:
        for key, raw in from_body.fields.items():
            merged.put(key, raw.value, raw.line, raw.label)
        merged.hidden_lines |= from_body.hidden_lines
        merged.relation_lines += from_body.relation_lines
    merged.relation_lines += _links_section(lines, scanned, body_line)
    return merged


def _links_section(lines: list[str], scanned: list[Heading], body_line: int) -> list[tuple[str, int]]:
    """Collect the lines of a ``## Links`` section, where log4brains and MADR write relations."""
    found: list[tuple[str, int]] = []
    for position, heading in enumerate(scanned):
        if heading.level >= 2 and heading.text.lower() in _LINKS_HEADINGS:
            end = next((h.index for h in scanned[position + 1 :] if h.level <= heading.level), len(lines))
            for i in range(heading.index + 1, end):
                text = lines[i].strip().lstrip("*+- ").strip()
                if text:
                    found.append((text, body_line + i))
    return found


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


def _title(extraction: Extraction, title_heading: Heading | None, stem: str) -> str:
    """Pick the title: front matter ``title``, else the leading H1, else the file name.

    A number written in front of the title (``ADR-0002: Use X``) is dropped: pages show the
    decision's number themselves.
    """
    raw = extraction.fields.get("title")
    written = " ".join(str(raw.value).split()) if raw is not None and raw.value is not None else ""
    if written:
        return clean_title(written)
    if title_heading is not None:
        return clean_title(strip_comments(title_heading.text)) or title_from_name(stem)
    return title_from_name(stem)


def _visible_body(lines: list[str], hidden: set[int]) -> str:
    """Return the body without the lines the header shows, and without leading blank lines."""
    kept = [line for i, line in enumerate(lines) if i not in hidden]
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(kept)


def _normalise(
    decision: Decision, extraction: Extraction, options: ReadOptions, problems: list[Problem]
) -> None:
    """Turn the raw fields into the decision's normalised values, reporting what is wrong."""
    fields = extraction.fields
    source = decision.source
    for key, raw in fields.items():
        decision.lines[key.replace("-", "_")] = raw.line
    if "status" in fields:
        _read_status_field(decision, fields["status"], options, problems)
    for text, line in extraction.relation_lines:
        reading = read_status(text, options.status_aliases)
        _add_refs(decision.supersedes, reading.supersedes, line)
        _add_refs(decision.superseded_by, reading.superseded_by, line)
        _add_refs(decision.relates_to, reading.relates_to, line)
        if decision.status is None and "status" not in fields and reading.status is not None:
            # adr-tools replaces "Accepted" with "Superseded by [..](..)": the link is the status.
            decision.status, decision.status_raw = reading.status, reading.raw
            decision.lines["status"] = line
    decision.date = _date_field(fields.get("date"), source, "date", problems)
    decision.review_by = _date_field(fields.get("review-by"), source, "review-by", problems)
    decision.feedback_by = _date_field(fields.get("feedback-by"), source, "feedback-by", problems)
    if "date" in fields and fields["date"].value is not None:
        decision.date_raw = str(fields["date"].value)
    for name in ("deciders", "consulted", "informed"):
        setattr(decision, name, _people(fields.get(name), source, name, problems))
    decision.tags = _tags(fields.get("tags"))
    for key, attribute in (
        ("supersedes", decision.supersedes),
        ("superseded-by", decision.superseded_by),
        ("relates-to", decision.relates_to),
    ):
        _add_refs(attribute, _list_value(fields.get(key)), _line(fields.get(key)))
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
    decision: Decision, raw: RawField, options: ReadOptions, problems: list[Problem]
) -> None:
    """Normalise the status and take the relations written into it."""
    if raw.value is None or raw.value == "":
        return
    reading = read_status(str(raw.value), options.status_aliases)
    decision.status = reading.status
    decision.status_raw = reading.raw
    _add_refs(decision.supersedes, reading.supersedes, raw.line)
    _add_refs(decision.superseded_by, reading.superseded_by, raw.line)
    _add_refs(decision.relates_to, reading.relates_to, raw.line)
    if reading.problem:
        problems.append(error(decision.source, raw.line, f"{reading.problem}.", "unknown-status"))


def _date_field(raw: RawField | None, source: str, name: str, problems: list[Problem]) -> object:
    """Read a date field, reporting a date that cannot be read."""
    if raw is None:
        return None
    reading = read_date(raw.value)
    if reading.problem:
        label = "the date" if name == "date" else f"`{name}`"
        problems.append(
            error(source, raw.line, reading.problem.replace("the date", label, 1) + ".", "bad-date")
        )
    return reading.date


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
        tags = log4brains.split_tags(text)
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
