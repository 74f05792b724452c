"""New decisions: fill the template, take the next free number, never overwrite a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model.decision import Decision, DecisionFormat, DecisionLog, Status
from ..readers.decision import ReadOptions
from . import files
from .decision_edit import DecisionEditor, Target
from .numbering import NamingScheme, decision_stems, numbers_taken

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "formats"
BUILTIN_TEMPLATE = BUILTIN_TEMPLATES / "madr4.md"
"""The template of a log that has no decision yet, nor a template of its own: MADR 4."""

FORMATS: dict[str, DecisionFormat] = {
    "madr4": DecisionFormat.MADR4,
    "madr3": DecisionFormat.MADR3,
    "madr2": DecisionFormat.MADR2,
    "nygard": DecisionFormat.NYGARD,
    "adr-tools": DecisionFormat.NYGARD,
    "log4brains": DecisionFormat.LOG4BRAINS,
}
"""The formats ``handbook new --format`` writes, by the name a user types."""
TEMPLATE_NAMES = (
    "template.md",
    "adr-template.md",
    "decision-template.md",
    "_template.md",
    "templates/decision.md",
    "templates/template.md",  # where adr-tools keeps its template
)
"""Files in the decision folder that replace the built-in template, first found wins."""

ATTEMPTS = 50


def find_template(folder: Path) -> Path:
    """Return the handbook's own decision template, or the built-in one."""
    return own_template(folder) or BUILTIN_TEMPLATE


def own_template(folder: Path) -> Path | None:
    """Return the template the team keeps in its decision folder, if it has one."""
    for name in TEMPLATE_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def builtin_template(form: DecisionFormat) -> Path:
    """Return the built-in template of a format (MADR 4 for a file without metadata)."""
    path = BUILTIN_TEMPLATES / f"{form.value}.md"
    return path if path.is_file() else BUILTIN_TEMPLATE


def log_format(log: DecisionLog) -> DecisionFormat | None:
    """Return the format the log is written in: that of its newest decision with metadata.

    Logs change format over time (MADR 2 to MADR 3, say); the newest decision says what the team
    writes now. None for a log without a decision whose format is recognisable.
    """
    for decision in reversed(log.decisions):
        if decision.format is not DecisionFormat.MARKDOWN:
            return decision.format
    return None


def choose_template(folder: Path, log: DecisionLog, requested: DecisionFormat | None) -> tuple[Path, str]:
    """Return the template a new decision is written from, and why it was chosen.

    ``--format`` wins; then the team's own template; then the built-in template of the log's format.
    """
    if requested is not None:
        return builtin_template(requested), f"the {requested.value} format, as asked"
    own = own_template(folder)
    if own is not None:
        return own, "the log's own template"
    form = log_format(log)
    if form is None:
        return BUILTIN_TEMPLATE, "the madr4 format, the default for a new log"
    return builtin_template(form), f"the {form.value} format of the log's newest decision"


def fill_template(
    template: str,
    draft: Decision,
    options: ReadOptions | None = None,
    supersedes: Sequence[Target] = (),
    relates_to: Sequence[Target] = (),
    number: int | None = None,
) -> str:
    """Return the text of a new decision: the template with the draft's title and fields in place.

    ``number`` goes in front of the title when the template's heading is numbered (adr-tools).
    """
    editor = DecisionEditor(template, draft.source, draft.id, options)
    editor.set_title(draft.title, number)
    editor.set_status(draft.status or Status.PROPOSED)
    if draft.date:
        editor.set_field("date", draft.date)
    fields = {
        "tags": draft.tags,
        "deciders": draft.deciders,
        "consulted": draft.consulted,
        "informed": draft.informed,
        "owner": draft.owner,
        "feedback-by": draft.feedback_by,
        "review-by": draft.review_by,
    }
    for name, value in fields.items():
        if value:
            editor.set_field(name, value)
    for target in supersedes:
        editor.add_relation("supersedes", target)
    for target in relates_to:
        editor.add_relation("relates-to", target)
    return editor.lines.to_text()


def create_numbered(
    folder: Path,
    scheme: NamingScheme,
    slug: str,
    date: dt.date,
    data: Callable[[int], bytes],
    ignore: tuple[str, ...] = (),
) -> Path:
    """Create the decision file under the next free number and return its path.

    ``data`` gives the file's bytes for the number taken (a heading may carry the number).

    The caller holds the handbook's lock (``lock.handbook_lock``), so ``handbook new`` commands
    started together take different numbers. Files that appear without the lock (a checkout, an
    editor) are handled too: the file is created exclusively, and if another file turns out to
    hold the same number, ours is removed and the next number is tried.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise files.write_error("create the folder", folder, exc) from None
    for _ in range(ATTEMPTS):
        number = max(numbers_taken(decision_stems(folder, ignore)), default=0) + 1
        path = folder / scheme.file_name(number, slug, date)
        try:
            files.create_exclusively(path, data(number))
        except FileExistsError:
            if scheme.dated:
                raise
            continue
        if scheme.dated or len(numbers_taken(decision_stems(folder, ignore)).get(number, [])) == 1:
            return path
        path.unlink()  # another file took this number meanwhile: step aside
    raise FileExistsError(f"no free decision number found in {folder} after {ATTEMPTS} attempts")
