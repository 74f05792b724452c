"""Read a whole decision folder: find the decisions, skip what is not one, read each once."""

from __future__ import annotations

import fnmatch
import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from ..boundary import Boundary
from ..model.decision import Decision, DecisionLog, Status
from ..model.lifecycle import Lifecycle
from ..model.problem import Problem, error, note
from .decision import Layout, ReadOptions, read_decision
from .lifecycle import default_lifecycle
from .read_cache import ReadCache
from .status import unknown_status_sentence
from .text import SourceText, decode_source
from .titles import date_in_name, is_index_name, is_template_name, number_in_name
from .vocabulary import normal_word, vocabulary

LARGE_FILE_CHARACTERS = 1_000_000
"""Decisions longer than this (a typical record is a few thousand characters) get a note."""

FOLDER_PAGES = frozenset({"readme", "index"})
"""The page of a folder that holds one decision: ``2022-03-15-slug/README.md``."""

_FOLDER_PAGE_FILES = frozenset({"readme.md", "index.md"})

_SHOUTED_NAME = re.compile(r"^[A-Z][A-Z0-9_-]*$")  # CONTRIBUTING.md, CHANGELOG.md …
_TEMPLATE_FOLDERS = frozenset({"templates", "template", "_templates", "_template"})


def is_decision_name(relative: PurePosixPath, ignore: Iterable[str] = ()) -> bool:
    """Tell whether a Markdown file in the decision folder is read as a decision record."""
    return _left_out_by_name(relative, tuple(ignore), default_lifecycle()) is None


def _left_out_by_name(
    relative: PurePosixPath | str, ignore: tuple[str, ...], lifecycle: Lifecycle | None
) -> str | None:
    """Say why a file is not a decision from its name and place alone, or return None."""
    posix = relative if isinstance(relative, str) else relative.as_posix()
    for pattern in ignore:
        if fnmatch.fnmatch(posix, pattern):
            return f"excluded by the `ignore` option ({pattern})"
    *folders, name = posix.split("/")
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    if name.startswith(".") or any(part.startswith(".") for part in folders):
        return "in a hidden folder"
    if any(part.lower() in _TEMPLATE_FOLDERS for part in folders):
        return "in a templates folder"
    if stem.lower() in FOLDER_PAGES and folders and _names_a_decision(folders[-1]):
        return None
    if is_index_name(stem):
        return "the log's index" if not folders else f"the index of {'/'.join(folders)}/"
    if is_template_name(stem):
        return "a template"
    for part in folders:
        if part.startswith("_") and (lifecycle is None or folder_status(part, lifecycle) is None):
            return f"in {part}/, a folder whose name starts with an underscore (kept out by convention)"
    if _SHOUTED_NAME.match(stem) and number_in_name(stem) is None:
        return "a project file, not a decision"
    return None


def _names_a_decision(folder: str) -> bool:
    """Tell whether a folder's name is a decision's: it starts with a number or a date."""
    return number_in_name(folder) is not None or date_in_name(folder) is not None


def folder_status(folder: str, lifecycle: Lifecycle) -> Status | None:
    """Return the status a folder's name states: ``_superseded`` → superseded,
    ``historic-adrs`` → archived, ``proposed`` → proposed; None for other folders."""
    name = normal_word(folder.strip("_"))
    key = lifecycle.folders.get(name) or lifecycle.folders.get(normal_word(folder))
    if key is not None:
        return lifecycle.get(key)
    noise = vocabulary().status_folder_noise
    words = [word for word in name.split() if word not in noise]
    return lifecycle.lookup(" ".join(words)) if words else None


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

    Every Markdown file is either read as a decision or left out with its reason (an index, a
    template by name or by content, excluded by ``ignore``…), reported as a note. With a ``cache``
    (``mkdocs serve``), files unchanged since the last read are not parsed again. Only files inside
    the ``boundary`` (default: ``root``) are read; what it refuses is reported.
    """
    boundary = boundary or Boundary([root])
    options = options or ReadOptions()
    lifecycle = options.statuses()
    decisions: list[Decision] = []
    problems: list[Problem] = []
    left_out: dict[str, str] = {}
    assets: list[str] = []
    seen: dict[str, str] = {}
    read: set[str] = set()
    ignore = tuple(ignore)
    cache_key = _options_key(options, lifecycle)
    listing = boundary.walk(folder, _relative_to_root(folder, root))
    problems.extend(listing.problems)
    files = [(relative, relative.as_posix()) for relative in listing.files]
    decision_folders = {
        posix.rpartition("/")[0]
        for _, posix in files
        if posix.lower().endswith(("/readme.md", "/index.md"))
        and _names_a_decision(posix.rpartition("/")[0].rpartition("/")[2])
    }
    for relative, posix in files:
        source = _relative_to_root(folder / relative, root)
        if not posix.lower().endswith(".md"):
            assets.append(source)
            continue
        reason = _left_out_by_name(posix, ignore, lifecycle)
        parent_folder, _, file_name = posix.rpartition("/")
        is_folder_page = file_name.lower() in _FOLDER_PAGE_FILES
        if reason is None and parent_folder in decision_folders and not is_folder_page:
            reason = f"a page of the decision in {parent_folder}/, not a decision itself"
        if reason is not None:
            left_out[source] = reason
            continue
        layout, decision_id, parent = _layout(relative, lifecycle)
        if decision_id in seen:
            problems.append(_same_name(source, seen[decision_id]))
            continue
        read.add(str(folder / relative))
        decision, found = read_decision_file(
            folder / relative, source, decision_id, options, cache, layout, cache_key, boundary
        )
        template = _template_reason(decision.template_signals)
        if template is not None:
            left_out[source] = template
            continue
        seen[decision_id] = source
        # links are written relative to the file's own folder (for ``<id>/README.md``, its own);
        # a copy, so that a decision kept by the read cache stays as it was read
        folder_of_file = "" if str(relative.parent) == "." else relative.parent.as_posix()
        decisions.append(replace(decision, folder=folder_of_file, namespace=_namespace(parent, lifecycle)))
        problems.extend(found)
    for decision in _pages_about_the_log(decisions):
        left_out[decision.source] = (
            "not a decision record: unlike the others beside it, its name has no number or date, and "
            "it states no status or date"
        )
        problems = [p for p in problems if p.file != decision.source]
    decisions = [d for d in decisions if d.source not in left_out]
    if cache is not None:
        cache.retain(read)
    problems += _unknown_statuses(decisions, lifecycle)
    problems += _same_titles(decisions)
    problems += [note(source, 1, f"left out: {reason}.", "left-out") for source, reason in left_out.items()]
    log = DecisionLog(decisions, skipped=list(left_out), left_out=left_out, assets=assets)
    return log, problems


def _layout(relative: PurePosixPath, lifecycle: Lifecycle) -> tuple[Layout, str, str]:
    """Return what a file's place says, its id, and the folder it is in (for one-folder decisions,
    the folder above its own)."""
    folders = relative.parts[:-1]
    if relative.stem.lower() in FOLDER_PAGES and folders and _names_a_decision(folders[-1]):
        name, parents = folders[-1], folders[:-1]
        from_folder = True
    else:
        name, parents = relative.stem, folders
        from_folder = False
    status = next(
        (s for part in reversed(parents) if (s := folder_status(part, lifecycle)) is not None), None
    )
    return Layout(name, from_folder, status), name, "/".join(parents)


def _namespace(folder: str, lifecycle: Lifecycle) -> str:
    """Return a decision's numbering namespace: its folder without the folders that state a status.

    ``3rd-party-reviews/`` numbers its own decisions; ``_superseded/`` holds decisions of the log
    around it.
    """
    if not folder:
        return ""
    return "/".join(part for part in folder.split("/") if part and folder_status(part, lifecycle) is None)


def _template_reason(signals: list[str]) -> str | None:
    """Say why a file is a template by its content, or return None for a decision.

    A placeholder title with one more sign, or three signs without it: a decision that a team
    forgot to finish (a real title, a status left as the list of choices) is still listed.
    """
    titled = "its title is a placeholder" in signals
    if (titled and len(signals) >= 2) or len(signals) >= 3:
        return f"a template ({'; '.join(signals)})"
    return None


def _pages_about_the_log(decisions: list[Decision]) -> list[Decision]:
    """Find pages that sit among numbered decisions but are not one (``process.md``): no number
    or date in the name, no status, no date, where at least four in five files of the folder have one."""
    by_folder: dict[str, list[Decision]] = {}
    for decision in decisions:
        by_folder.setdefault(decision.folder, []).append(decision)
    found: list[Decision] = []
    for group in by_folder.values():
        unnamed = [d for d in group if d.number is None and date_in_name(d.id) is None and not _is_draft(d)]
        if len(group) < 5 or len(unnamed) * 5 > len(group):
            continue
        found += [
            d
            for d in unnamed
            if d.status is None and not d.status_raw and d.date is None and "date" not in d.lines
        ]
    return found


def _is_draft(decision: Decision) -> bool:
    """Tell whether a name marks a decision not numbered yet: ``ADR-XXX_title``."""
    return bool(re.match(r"^(?:[a-z]+[-_])?(?:adr|dr|rfc)[-_ ]?(?:x{2,}|n{2,})", decision.id, re.I))


def _unknown_statuses(decisions: list[Decision], lifecycle: Lifecycle) -> list[Problem]:
    """Report each status word no lifecycle declares once, at its first use, naming every file."""
    by_word: dict[str, list[Decision]] = {}
    for decision in decisions:
        if decision.unknown_status:
            by_word.setdefault(normal_word(decision.unknown_status), []).append(decision)
    problems: list[Problem] = []
    for users in by_word.values():
        first = users[0]
        others = [d.source for d in users[1:]]
        where = ""
        if others:
            listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
            where = f" (used by {len(users)} decisions: here and in {listed})"
        sentence = unknown_status_sentence(first.unknown_status or "", lifecycle)
        problems.append(
            error(
                first.source,
                first.line_of("status"),
                sentence.replace("; declare", f"{where}; declare", 1) + ".",
                "unknown-status",
            )
        )
    return problems


def _same_titles(decisions: list[Decision]) -> list[Problem]:
    """Note decisions whose files carry the same title: readers will mix them up."""
    by_title: dict[str, list[Decision]] = {}
    for decision in decisions:
        if decision.title_source in ("heading", "front-matter"):
            by_title.setdefault(normal_word(decision.title), []).append(decision)
    problems: list[Problem] = []
    for group in by_title.values():
        for decision in group[1:]:
            problems.append(
                note(
                    decision.source,
                    decision.line_of("title"),
                    f"the title '{decision.title}' is also the title of {group[0].source}; readers tell "
                    "decisions apart by their titles, so make it say what is different.",
                    "same-title",
                )
            )
    return problems


def _options_key(options: ReadOptions, lifecycle: Lifecycle) -> tuple:
    """Return what a cached reading depends on besides the file: the lifecycle and the date order."""
    described = repr((sorted(lifecycle.words.items()), list(lifecycle), sorted(lifecycle.folders.items())))
    digest = hashlib.blake2b(described.encode("utf-8"), digest_size=16).hexdigest()
    return (digest, options.numeric_dates)  # compared once per file: short, not the whole lifecycle


def read_decision_file(
    path: Path,
    source: str,
    stem: str,
    options: ReadOptions | None = None,
    cache: ReadCache | None = None,
    layout: Layout | None = None,
    cache_key: tuple = (),
    boundary: Boundary | None = None,
) -> tuple[Decision, list[Problem]]:
    """Read one decision file from disk, or take it from ``cache`` if its bytes did not change.

    The file is read through the ``boundary``'s checks (default: its own folder).
    """
    found = (boundary or Boundary([path.parent])).read(path, source)
    raw = found.raw
    if raw is None:  # refused or unreadable: the problem says why
        text = SourceText("", found.problem, read=False)
        return parse_decision_file(text, source, stem, options, layout)
    if cache is None:
        return parse_decision_file(decode_source(raw, source), source, stem, options, layout)
    return cache.read(
        str(path),
        raw,
        (source, stem, layout, cache_key),
        lambda: parse_decision_file(decode_source(raw, source), source, stem, options, layout),
    )


def parse_decision_file(
    text: SourceText,
    source: str,
    stem: str,
    options: ReadOptions | None = None,
    layout: Layout | None = None,
) -> tuple[Decision, list[Problem]]:
    """Read a decision from a file's decoded text, adding the problems of the file as a whole."""
    decision, problems = read_decision(text.text, source, stem, options, layout)
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
