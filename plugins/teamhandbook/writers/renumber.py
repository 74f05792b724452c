"""Give a decision another number: rename its file and follow every reference to it.

The usual reason is two branches that both took the next number. References that named the
decision unambiguously (its file name, or its number when it was the only one) are rewritten;
Markdown links to its file in decisions and in docs pages follow the new name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..boundary import Boundary
from ..handbook import Handbook
from ..linking.references import RELATIONS
from ..model.decision import Decision
from ..pages.links import rewrite_links
from ..readers.decision_log import walk
from ..readers.markdown_scan import leading_h1
from .lines import Lines
from .transaction import Transaction

_DIGITS = re.compile(r"^(?P<prefix>\D*?)(?P<digits>\d+)")
LIST_REACH = 30
"""How many lines below a key its list items are looked for."""


@dataclass
class Renumbering:
    """The renaming of one decision and the edits that follow it."""

    decision: Decision
    number: int
    old_path: Path
    new_path: Path
    edits: dict[Path, tuple[bytes, Lines]] = field(default_factory=dict)
    """Files to change: their bytes as read, and their new lines."""

    unsure: list[str] = field(default_factory=list)
    """References that were ambiguous before and now name the other decision with the number."""


def new_stem(stem: str, number: int) -> str:
    """Return a file name with another number, padded like the old one: ``0007-x`` → ``0012-x``."""
    match = _DIGITS.match(stem)
    if match is None:
        raise ValueError(f"{stem} has no number to change")
    digits = match.group("digits")
    width = len(digits) if digits.startswith("0") else 1
    return f"{match.group('prefix')}{number:0{width}d}{stem[match.end() :]}"


def plan_renumbering(handbook: Handbook, decision: Decision, number: int) -> Renumbering:
    """Work out the rename and every edit it needs, without writing anything."""
    root = handbook.settings.root
    old_path = root / decision.source
    stem = new_stem(decision.id, number)
    plan = Renumbering(decision, number, old_path, old_path.with_name(stem + ".md"))
    old_name, new_name = old_path.name, plan.new_path.name
    boundary = handbook.settings.boundary
    for other in handbook.decisions:
        path = root / other.source
        found = _read(path, boundary)
        if found is None:
            continue
        raw, lines = found
        changed = _follow_links(lines, old_name, new_name)
        changed |= _follow_references(lines, other, decision, stem, plan)
        if other.id == decision.id:
            changed |= _renumber_heading(lines, decision, number)
        if changed:
            plan.edits[path] = (raw, lines)
    docs = handbook.settings.docs_path
    for relative in walk(docs, boundary) if docs.is_dir() else []:
        path = docs / relative
        found = _read(path, boundary) if relative.suffix.lower() == ".md" else None
        if found is not None and _follow_links(found[1], old_name, new_name):
            plan.edits[path] = found
    return plan


def apply_renumbering(plan: Renumbering, roots: tuple[Path, ...] = ()) -> list[Path]:
    """Write the edits and rename the file, all or nothing; return the files that changed.

    Every file is checked first (writable, unchanged, the new name free); if a step fails, the
    files already changed are put back and the file keeps its old name. A decision that is a
    link keeps being one: the link is renamed and the file it points to is edited.
    """
    transaction = Transaction(roots)
    written = [plan.new_path]
    for path, (original, lines) in plan.edits.items():
        transaction.replace(path, lines.to_bytes(), expected=original)
        if path != plan.old_path:
            written.append(path)
    transaction.rename(plan.old_path, plan.new_path)
    transaction.commit()
    return written


def _read(path: Path, boundary: Boundary) -> tuple[bytes, Lines] | None:
    """Read a file's bytes and lines, or None when it cannot be read or is not UTF-8 (it is then
    left alone)."""
    found = boundary.read(path, path.name)
    if found.raw is None:
        return None
    try:
        return found.raw, Lines.decode(found.raw)
    except UnicodeDecodeError:
        return None


def _follow_links(lines: Lines, old_name: str, new_name: str) -> bool:
    """Point links to the old file name at the new one, and update ``[7. Title]`` labels beside them."""
    before = lines.normalised()
    if old_name not in before and old_name not in unquote(before):
        return False

    def follow(target: str) -> str:
        path, hash_, fragment = target.partition("#")
        if PurePosixPath(unquote(path)).name != old_name:
            return target
        return path[: len(path) - len(PurePosixPath(path).name)] + new_name + hash_ + fragment

    after = rewrite_links(before, follow).split("\n")
    changed = False
    for index, text in enumerate(after):
        if text != lines.texts[index]:
            lines.replace(index, text)
            changed = True
    return changed


def _follow_references(
    lines: Lines, other: Decision, renamed: Decision, stem: str, plan: Renumbering
) -> bool:
    """Rewrite the relation references of ``other`` that meant the renamed decision."""
    changed = False
    for attribute, _ in RELATIONS:
        for ref in getattr(other, attribute):
            if ref.inferred:
                continue
            if ref.target is None and _mentions_number(ref.text, renamed.number):
                plan.unsure.append(f"{other.source}:{ref.line}: '{ref.text}'")
                continue
            if ref.target != renamed.id or ".md" in ref.text:
                continue  # links were followed already
            new = (
                ref.text.replace(renamed.id, stem)
                if renamed.id in ref.text
                else _swap_number(ref.text, plan.number)
            )
            changed |= _replace_from(lines, ref.line - 1, ref.text, new)
    return changed


def _replace_from(lines: Lines, start: int, old: str, new: str) -> bool:
    """Replace the first whole occurrence of ``old`` on line ``start`` or a few lines below it.

    A front-matter key's references are recorded on the key's line, while a block list writes
    its items on the lines below.
    """
    pattern = re.compile(rf"(?<![\w.-]){re.escape(old)}(?![\w.-])")
    for index in range(start, min(start + LIST_REACH, len(lines))):
        replaced = pattern.sub(lambda _: new, lines.texts[index], count=1)
        if replaced != lines.texts[index]:
            lines.replace(index, replaced)
            return True
    return False


def _renumber_heading(lines: Lines, decision: Decision, number: int) -> bool:
    """Change the number in a Nygard title such as ``# 7. Use X``."""
    heading = leading_h1(lines.texts)
    if heading is None or decision.number is None:
        return False
    text = lines.texts[heading.index]
    replaced = re.sub(rf"^(\s*#\s+){decision.number}\.(\s)", rf"\g<1>{number}.\2", text, count=1)
    if replaced == text:
        return False
    lines.replace(heading.index, replaced)
    return True


def _mentions_number(text: str, number: int | None) -> bool:
    """Tell whether an unresolved reference names a number, such as ``0007`` or ``ADR-7``."""
    match = re.search(r"\d+", text)
    return number is not None and match is not None and int(match.group()) == number


def _swap_number(text: str, number: int) -> str:
    """Replace the number in a reference, keeping its padding: ``"0007"`` → ``"0012"``."""
    match = re.search(r"\d+", text)
    if match is None:
        return text
    digits = match.group()
    width = len(digits) if digits.startswith("0") else 1
    return text[: match.start()] + f"{number:0{width}d}" + text[match.end() :]
