"""Bring an existing decision log (adr-tools, log4brains, MADR) into a handbook, in the canonical format.

Each record gets MADR 4 front matter made from what its format says (the Nygard ``Date:`` line and
``## Status`` section, MADR 2 and log4brains ``* Status:`` bullets, older front matter); the rest of
its text is kept as written, except links between records, which follow them to their new names.
Whatever cannot be mapped is reported, never guessed or dropped.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

import yaml

from ..boundary import Boundary
from ..checks import check_decisions
from ..linking import link_log
from ..model.decision import Decision, DecisionLog
from ..model.problem import Problem
from ..pages.links import rewrite_links
from ..readers.decision import ReadOptions, clean_title, number_in_name
from ..readers.decision_log import read_decision_log
from ..readers.fields import KNOWN_FIELDS, canonical_key
from ..readers.frontmatter import split_front_matter
from ..readers.markdown_scan import code_lines, headings, leading_h1
from ..readers.nygard import find_status_section, is_link_line
from ..readers.text import read_source
from .decision_edit import LABELLED_LINE
from .numbering import NamingScheme, naming_scheme, slugify
from .transaction import Transaction
from .yaml_edit import quote_like, scalar

_NAME_PREFIX = re.compile(r"^(?:\d{8}|(?:adr|dr|rfc|decision)?[-_ ]?\d+)[-_ ]*", re.I)
FIELD_ORDER = (
    ("title", "title"),
    ("status", "status"),
    ("date", "date"),
    ("deciders", "decision-makers"),
    ("consulted", "consulted"),
    ("informed", "informed"),
    ("tags", "tags"),
    ("supersedes", "supersedes"),
    ("superseded_by", "superseded-by"),
    ("relates_to", "relates-to"),
    ("owner", "owner"),
    ("review_by", "review-by"),
    ("feedback_by", "feedback-by"),
)
"""The canonical front matter, in order: model attribute and the key written."""


@dataclass
class ImportItem:
    """One record to import: where it comes from, where it goes, and its new text."""

    decision: Decision
    source: str
    """Path relative to the source folder."""

    target: str = ""
    """Path relative to the decisions folder."""

    number: int = 0
    text: str = ""


@dataclass
class ImportPlan:
    """Everything an import would do, and everything it could not map."""

    items: list[ImportItem] = field(default_factory=list)
    assets: list[tuple[str, str]] = field(default_factory=list)
    """Other files copied along (images, diagrams): source path and target path, both relative."""

    skipped: list[str] = field(default_factory=list)
    """Markdown files of the source that are not decisions (index, README, template)."""

    unmapped: list[str] = field(default_factory=list)
    """Sentences about what could not be mapped, each naming the source file and line."""

    notes: list[str] = field(default_factory=list)
    """Sentences about what was changed on the way, such as new numbers."""

    conflicts: list[str] = field(default_factory=list)
    """Reasons the import cannot go ahead; nothing is written while there are any."""

    renumber_from: int = 0
    """When numbers clash: the first number ``--renumber`` would give; 0 without a clash."""


def plan_import(
    source_dir: Path,
    target_dir: Path,
    existing: DecisionLog,
    options: ReadOptions | None = None,
    renumber: bool = False,
) -> ImportPlan:
    """Work out the import of ``source_dir`` into the decisions folder ``target_dir``.

    Each record keeps its number and file name, unless ``renumber`` numbers them all after the
    existing decisions; a number that is taken stops the import (``conflicts``) otherwise.
    """
    read, problems = read_decision_log(source_dir, source_dir, options)
    log, unresolved = link_log(read)
    problems += unresolved + check_decisions(log)
    plan = ImportPlan()
    plan.items = [ImportItem(decision, decision.source) for decision in log]
    plan.skipped = list(log.skipped)
    if renumber:
        _number_items(plan, existing)
    else:
        _keep_names(plan, existing)
    plan.assets = [(asset, asset) for asset in log.assets]
    context = _Context(source_dir, target_dir, plan)
    for item in plan.items:
        item.text = convert(item, context)
    plan.unmapped[:0] = [_explain(problem) for problem in problems if problem.code in REPORTED]
    imported_before = _find_conflicts(plan, target_dir, existing)
    if plan.renumber_from and not imported_before:
        plan.conflicts.append(
            f"add --renumber to number the imported records from {plan.renumber_from} on, after the "
            "existing ones (links between them follow)"
        )
    return plan


REPORTED = frozenset(
    {
        "unknown-status",
        "bad-date",
        "placeholder",
        "missing-target",
        "ambiguous-target",
        "self-reference",
        "duplicate-name",
        "encoding",
        "empty",
        "yaml",
        "supersession-cycle",
    }
)
"""Problems of the source that the import carries over as written, and reports."""


def _explain(problem: Problem) -> str:
    """Say what the import did about a problem in the source."""
    done = "not imported" if problem.code == "duplicate-name" else "kept as written"
    return f"{problem.file}:{problem.line}: {problem.message.rstrip('.')}; {done}."


def _keep_names(plan: ImportPlan, existing: DecisionLog) -> None:
    """Keep every record's number and file name; report each number that is taken or repeated."""
    taken: dict[int, str] = {d.number: d.source for d in existing if d.number is not None}
    seen: dict[int, str] = {}
    for item in plan.items:
        number = item.decision.number
        item.number = number or 0
        item.target = item.source  # the same name, in the same subfolder
        if number is None:
            continue
        if number in taken:
            plan.conflicts.append(f"{item.source} is number {number}, which {taken[number]} has already")
        elif number in seen:
            plan.conflicts.append(f"{item.source} and {seen[number]} both have number {number}")
        seen.setdefault(number, item.source)
    if plan.conflicts:
        plan.renumber_from = max(taken, default=0) + 1


def _number_items(plan: ImportPlan, existing: DecisionLog) -> None:
    """Number every record after the existing decisions (``--renumber``): numbered ones in their order,
    then dated ones (log4brains) in date order; names keep their slugs."""
    items = plan.items
    numbered = [i for i in items if i.decision.number is not None]
    dated = sorted(
        (i for i in items if i.decision.number is None),
        key=lambda i: (i.decision.date or dt.date.max, i.decision.id),
    )
    taken = {d.number for d in existing if d.number is not None}
    start = max(taken, default=0) + 1
    ordered = sorted(numbered, key=lambda i: (i.decision.number, i.decision.id)) + dated
    for offset, item in enumerate(ordered):
        item.number = start + offset
    plan.notes.append(f"the records were numbered from {start} on (--renumber); links between them follow.")
    existing_scheme = naming_scheme(d.id for d in existing)
    source_scheme = naming_scheme(i.decision.id for i in numbered)
    width = (
        existing_scheme.width if any(d.number is not None for d in existing) else max(source_scheme.width, 4)
    )
    scheme = NamingScheme(width=width)
    for item in items:
        slug = _NAME_PREFIX.sub("", item.decision.id) or slugify(item.decision.title)
        folder = posixpath.dirname(item.source)
        item.target = posixpath.join(folder, scheme.file_name(item.number, slug))


@dataclass
class _Context:
    """What converting one record needs to know about the whole import."""

    source_dir: Path
    target_dir: Path
    plan: ImportPlan

    def __post_init__(self) -> None:
        self.by_source = {item.source: item for item in self.plan.items}
        self.by_id = {item.decision.id: item for item in self.plan.items}
        self.assets = {source for source, _ in self.plan.assets}


def convert(item: ImportItem, context: _Context) -> str:
    """Return a record's text in the canonical format."""
    decision = item.decision
    plan = context.plan
    text = read_source(context.source_dir / item.source, item.source, Boundary([context.source_dir])).text
    front = split_front_matter(text, item.source)
    body = front.body.split("\n")
    offset = front.body_line - 1
    drop = _header_lines(decision, body, offset) | _status_section(decision, body, offset, plan)
    title = leading_h1(body)
    if title is not None and body[title.index].lstrip().startswith("#"):
        cleaned = clean_title(title.text)
        if cleaned != title.text:
            body[title.index] = f"# {cleaned}"
    kept = _without(body, drop)
    rewritten = rewrite_links("\n".join(kept), lambda target: _follow(target, item, context))
    comments = "".join(line + "\n" for line in _front_matter_comments(text, front.body_line))
    header = comments + front_matter(decision, front.data, context.by_id)
    return "---\n" + header + "---\n" + rewritten.lstrip("\n")


def _front_matter_comments(text: str, body_line: int) -> list[str]:
    """Return the comment lines of a record's front matter, which the new front matter keeps."""
    if body_line <= 1:
        return []
    return [line for line in text.split("\n")[1 : body_line - 2] if line.lstrip().startswith("#")]


def front_matter(decision: Decision, original: dict[str, object], by_id: dict[str, ImportItem]) -> str:
    """Return the canonical front matter of a record."""
    lines: list[str] = []
    for attribute, key in FIELD_ORDER:
        value = _field_value(decision, attribute, original, by_id)
        if value is None or value == []:
            continue
        if isinstance(value, list):
            lines.append(f"{key}: [" + ", ".join(quote_like(str(v)) for v in value) + "]")
        else:
            lines.append(f"{key}: {scalar(value)}")
    if decision.must_read:
        lines.append("must-read: true")
    for key, value in original.items():
        if canonical_key(key) not in KNOWN_FIELDS:
            dumped = yaml.safe_dump(
                {key: value}, allow_unicode=True, sort_keys=False, default_flow_style=False
            )
            lines.append(dumped.rstrip("\n"))
    return "".join(line + "\n" for line in lines)


def _field_value(
    decision: Decision, attribute: str, original: dict[str, object], by_id: dict[str, ImportItem]
) -> str | dt.date | list[str] | None:
    """Return one canonical field's value, as the imported record will say it."""
    if attribute == "title":
        return decision.title if "title" in {canonical_key(k) for k in original} else None
    if attribute == "status":
        return decision.status.value if decision.status else decision.status_raw
    if attribute == "date":
        return decision.date or decision.date_raw
    if attribute in ("supersedes", "superseded_by", "relates_to"):
        refs = getattr(decision, attribute)  # both sides: an import completes a one-sided relation
        return [_new_reference(ref.target, ref.text, by_id) for ref in refs]
    return getattr(decision, attribute)


def _new_reference(target: str | None, text: str, by_id: dict[str, ImportItem]) -> str:
    """Return how the imported record refers to another: its new number, or the text as written."""
    item = by_id.get(target or "")
    if item is None:
        return text
    stem = PurePosixPath(item.target).stem
    return stem.split("-", 1)[0] if number_in_name(stem) is not None else stem


def _header_lines(decision: Decision, body: list[str], offset: int) -> set[int]:
    """Return the body lines that only carried metadata: ``Date:`` lines, ``* Status:`` bullets."""
    found = headings(body, code_lines(body))
    first_section = next((h.index for h in found if h.level >= 2), len(body))
    drop: set[int] = set()
    for name, line in decision.lines.items():
        index = line - 1 - offset
        if not 0 <= index < first_section or canonical_key(name) not in KNOWN_FIELDS:
            continue
        labelled = LABELLED_LINE.match(body[index])
        if labelled and canonical_key(labelled.group("label")) == canonical_key(name):
            drop.add(index)
    return drop


def _status_section(decision: Decision, body: list[str], offset: int, plan: ImportPlan) -> set[int]:
    """Return the lines of a Nygard status section that says nothing but the status and relations.

    A section with more (history, reasons) stays in the body, so nothing the author wrote is lost.
    """
    found = headings(body, code_lines(body))
    section = find_status_section(body, found)
    if section is None:
        return set()
    start, end = section
    status_index = decision.lines.get("status", 0) - 1 - offset
    for i in range(start, end):
        text = body[i].strip()
        if not text or is_link_line(text):
            continue
        if i != status_index or text.partition(". ")[2]:
            plan.notes.append(
                f"{decision.source}: the Status section says more than the status, so it stays in the text."
            )
            return set()
    return set(range(start - 1, end))


def _without(body: list[str], drop: set[int]) -> list[str]:
    """Remove lines, and the blank line a removed block leaves behind."""
    kept: list[str] = []
    for i, line in enumerate(body):
        if i in drop:
            continue
        if not line.strip() and i - 1 in drop and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    return kept


def _follow(target: str, item: ImportItem, context: _Context) -> str:
    """Point a link at the new name of what it leads to, and report links that lead nowhere."""
    path, hash_, fragment = target.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return target
    folder = posixpath.dirname(item.source)
    resolved = posixpath.normpath(posixpath.join(folder, unquote(path)))
    other = context.by_source.get(resolved)
    if other is not None:
        return quote(posixpath.relpath(other.target, folder or "."), safe="/") + hash_ + fragment
    if resolved in context.plan.skipped:
        context.plan.unmapped.append(
            f"{item.source}: links to '{target}', which is not a decision and is not imported."
        )
        return target
    if resolved in context.assets:
        return target  # copied along to the same place
    on_disk = context.source_dir / resolved
    if not on_disk.exists():
        context.plan.unmapped.append(
            f"{item.source}: links to '{target}', which does not exist in the source."
        )
        return target
    # A file outside the source folder: keep pointing at it from the record's new place.
    moved = os.path.relpath(on_disk.resolve(), (context.target_dir / folder).resolve())
    return quote(Path(moved).as_posix(), safe="/") + hash_ + fragment


def _find_conflicts(plan: ImportPlan, target_dir: Path, existing: DecisionLog) -> bool:
    """Refuse to write over files, and refuse to import the same records twice (then return True)."""
    slugs = {_NAME_PREFIX.sub("", d.id): d.source for d in existing}
    imported_before = False
    for item in plan.items:
        slug = _NAME_PREFIX.sub("", PurePosixPath(item.target).stem)
        if slug in slugs:
            plan.conflicts.append(f"{item.source} looks imported already, as {slugs[slug]}")
            imported_before = True
        elif (target_dir / item.target).exists():
            plan.conflicts.append(f"{item.target} already exists")
    for source, target in plan.assets:
        if (target_dir / target).exists():
            plan.notes.append(f"{target} exists already; it is kept and {source} is not copied.")
    return imported_before


def write_import(plan: ImportPlan, source_dir: Path, target_dir: Path) -> list[Path]:
    """Write the planned records and copy the assets, all or none; never overwrite.

    Return what was written. If a file cannot be written (a full disk), the ones already
    written are removed again.
    """
    transaction = Transaction()
    written: list[Path] = []
    for item in plan.items:
        path = target_dir / item.target
        transaction.create(path, item.text.encode("utf-8"))
        written.append(path)
    for source, target in plan.assets:
        path = target_dir / target
        if not path.exists():
            transaction.copy(source_dir / source, path)
            written.append(path)
    transaction.commit()
    return written
