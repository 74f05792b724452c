"""Read a whole decision folder: find the decisions, skip what is not one, read each once."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..model.decision import Decision, DecisionLog
from ..model.problem import Problem, error, note
from .decision import ReadOptions, read_decision
from .read_cache import ReadCache
from .source_files import Boundary
from .text import SourceText, decode_source

NOT_DECISIONS = frozenset({"index", "readme", "template", "toc", "summary"})
"""File stems that introduce or template a decision log rather than record a decision."""

LARGE_FILE_CHARACTERS = 1_000_000
"""Decisions longer than this (a typical record is a few thousand characters) get a note."""

_SHOUTED_NAME = re.compile(r"^[A-Z][A-Z0-9_-]*$")  # CONTRIBUTING.md, CHANGELOG.md …


def is_decision_name(relative: PurePosixPath, ignore: Iterable[str] = ()) -> bool:
    """Tell whether a Markdown file in the decision folder is a decision record."""
    stem = relative.stem
    lowered = stem.lower()
    if lowered in NOT_DECISIONS or "template" in lowered or _SHOUTED_NAME.match(stem):
        return False
    if any(part.startswith(("_", ".")) or part.lower() == "templates" for part in relative.parts):
        return False
    return not any(fnmatch.fnmatch(relative.as_posix(), pattern) for pattern in ignore)


def walk(folder: Path, boundary: Boundary) -> list[PurePosixPath]:
    """List every file below ``folder`` as sorted relative paths, skipping hidden entries.

    Entries the boundary refuses (links leaving the handbook, devices …) are left out; callers
    that report problems use ``Boundary.walk`` itself.
    """
    return boundary.walk(folder, "").files


def read_decision_log(
    folder: Path,
    root: Path,
    options: ReadOptions | None = None,
    ignore: Iterable[str] = (),
    cache: ReadCache | None = None,
    boundary: Boundary | None = None,
) -> tuple[DecisionLog, list[Problem]]:
    """Read every decision below ``folder``; paths in the result are relative to ``root``.

    With a ``cache`` (``mkdocs serve``), files unchanged since the last read are not parsed again.
    Only files inside the ``boundary`` (default: ``root``) are read; what it refuses is reported.
    """
    boundary = boundary or Boundary([root])
    decisions: list[Decision] = []
    problems: list[Problem] = []
    skipped: list[str] = []
    assets: list[str] = []
    seen: dict[str, str] = {}
    read: set[str] = set()
    ignore = tuple(ignore)
    listing = boundary.walk(folder, _relative_to_root(folder, root))
    problems.extend(listing.problems)
    for relative in listing.files:
        source = _relative_to_root(folder / relative, root)
        if relative.suffix.lower() != ".md":
            assets.append(source)
            continue
        if not is_decision_name(relative, ignore):
            skipped.append(source)
            continue
        if relative.stem in seen:
            problems.append(_same_name(source, seen[relative.stem]))
            continue
        seen[relative.stem] = source
        read.add(str(folder / relative))
        decision, found = read_decision_file(
            folder / relative, source, relative.stem, options, cache, boundary
        )
        decision.folder = "" if str(relative.parent) == "." else relative.parent.as_posix()
        decisions.append(decision)
        problems.extend(found)
    if cache is not None:
        cache.retain(read)
    return DecisionLog(decisions, skipped=skipped, assets=assets), problems


def read_decision_file(
    path: Path,
    source: str,
    stem: str,
    options: ReadOptions | None = None,
    cache: ReadCache | None = None,
    boundary: Boundary | None = None,
) -> tuple[Decision, list[Problem]]:
    """Read one decision file from disk, or take it from ``cache`` if its bytes did not change.

    The file is read through the ``boundary``'s checks (default: its own folder).
    """
    found = (boundary or Boundary([path.parent])).read(path, source)
    raw = found.raw
    if raw is None:  # refused or unreadable: the problem says why
        return parse_decision_file(SourceText("", found.problem, read=False), source, stem, options)
    if cache is None:
        return parse_decision_file(decode_source(raw, source), source, stem, options)
    aliases = tuple(sorted((options or ReadOptions()).status_aliases.items()))
    return cache.read(
        str(path),
        raw,
        (source, stem, aliases),
        lambda: parse_decision_file(decode_source(raw, source), source, stem, options),
    )


def parse_decision_file(
    text: SourceText, source: str, stem: str, options: ReadOptions | None = None
) -> tuple[Decision, list[Problem]]:
    """Read a decision from a file's decoded text, adding the problems of the file as a whole."""
    decision, problems = read_decision(text.text, source, stem, options)
    if text.problem:
        problems.insert(0, text.problem)
    if not text.read:
        pass  # the problem already says why there is no text
    elif not text.text.strip():
        problems.append(
            error(source, 1, "the file is empty; write the decision or delete the file.", "empty")
        )
    elif len(text.text) > LARGE_FILE_CHARACTERS:
        problems.append(
            note(
                source,
                1,
                f"the file holds about {len(text.text) / 1_000_000:.1f} MB of text; a decision this "
                "long makes its page and the site search slow. Move logs, data or generated text "
                "into a file next to it and link to that.",
                "large-file",
            )
        )
    return decision, problems


def _relative_to_root(path: Path, root: Path) -> str:
    """Return ``path`` relative to the handbook root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _same_name(source: str, first: str) -> Problem:
    """Report a second decision file whose name is already taken by another folder."""
    return error(
        source,
        1,
        f"another decision has the same file name ({first}); both would be published at the same "
        "address, so this one is left out. Rename one of them.",
        "duplicate-name",
    )
