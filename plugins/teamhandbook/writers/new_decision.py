"""New decisions: fill the template, take the next free number, never overwrite a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model.decision import Decision, Status
from ..readers.decision import ReadOptions
from . import files
from .decision_edit import DecisionEditor, Target
from .numbering import NamingScheme, decision_stems, numbers_taken

BUILTIN_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "decision.md"
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
    for name in TEMPLATE_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return BUILTIN_TEMPLATE


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
