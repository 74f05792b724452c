"""Read the updates folder: one Markdown file per update, with ``author``, ``date`` and ``kind``.

Every file is read once. What cannot be used is reported with its file and line: an update without
an author or a date is left out, one with an unknown kind or project is published with what can be
read. Nothing in one file stops the others from being read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..boundary import Boundary
from ..hours.schedule import zone
from ..hours.weekly import person_week
from ..model.agreement import Team
from ..model.problem import Problem, error, note
from ..model.updates import ActionItem, DecisionMention, Item, ItemState, Section, Update, UpdateKind, Week
from ..settings.validators import key_of
from .dates import DateReading, read_date
from .frontmatter import split_front_matter
from .projects import PROJECT_FILES, PROJECT_FOLDER, unread_note
from .team import unknown_handle
from .text import read_source
from .update_body import item_key, read_body, section_key

FIELDS = ("author", "date", "kind", "projects", "title", "week", "attendees", "deadline", "summary")
"""The front-matter keys of an update; others are kept, not read."""

ALIASES = {
    "by": "author",
    "type": "kind",
    "project": "projects",
    "feedback-by": "deadline",
    "due": "deadline",
}
NOT_UPDATES = frozenset({"index", "readme", "template"})
"""File stems that introduce or template the folder rather than record an update."""

RESERVED = ("people/", "weeks/")
"""Folders of the site's updates section that hold generated pages."""

RESERVED_PAGES = frozenset({"blockers", "action-items", "still-to-write"})
"""Generated pages of the updates section; an update cannot take their addresses."""

ACTION_SECTIONS = frozenset(
    {"action items", "actions", "action points", "follow-ups", "follow ups", "next actions"}
)
DECISION_SECTIONS = frozenset({"decisions", "decisions made", "decided", "outcomes"})
_OWNERS = re.compile(r"^((?:@[A-Za-z0-9][\w.-]*[\s,&+/]*(?:and\s+)?)+)(.*)$")
_HANDLE = re.compile(r"@([A-Za-z0-9][\w.-]*)")
_DUE = re.compile(r"\(\s*(?:due|by)\b\s*:?\s*([^()]*?)\s*\)|(?:^|\s)due\s*:?\s+(\S+)\s*$", re.IGNORECASE)
YEARS = (1900, 2200)
"""The years an update's date may fall in; others are typing mistakes (and out of the calendar's
reach once moved across time zones)."""
_DATE_IN_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\D|$)")
_MENTION = re.compile(r"\bADR[\s#:_-]?\d{1,9}\b", re.IGNORECASE)
_FILE_LINK = re.compile(r"\]\(([^)\s]+\.md)(?:#[^)\s]*)?\)")
CODE = "invalid-update"


@dataclass
class UpdateFolder:
    """What the updates folder holds besides updates."""

    assets: list[str]
    """Images and other files updates may link to, relative to the root."""


@dataclass
class Context:
    """What an update is checked against while it is read."""

    kinds: dict[str, UpdateKind]
    team: Team | None
    projects: set[str]


def read_updates(
    folder: Path,
    root: Path,
    kinds: dict[str, UpdateKind],
    team: Team | None,
    projects: Iterable[str],
    boundary: Boundary,
) -> tuple[list[Update], UpdateFolder, list[Problem]]:
    """Read every update below ``folder`` through the ``boundary``'s checks; paths in the result are
    relative to ``root``, and what the boundary refuses is reported, never read."""
    context = Context(kinds, team, set(projects))
    updates: list[Update] = []
    assets: list[str] = []
    listing = boundary.walk(folder, (folder.resolve().relative_to(root.resolve())).as_posix())
    problems: list[Problem] = list(listing.problems)
    for relative in listing.files:
        source = (folder / relative).resolve().relative_to(root.resolve()).as_posix()
        if any(part.startswith("_") or part.lower() == "templates" for part in relative.parts):
            continue
        suffix = relative.suffix.lower()
        if suffix in (".yml", ".yaml"):
            if not _is_project_file(relative):
                problems.append(unread_note(source))
            continue
        if suffix != ".md":
            assets.append(source)
            continue
        if relative.stem.lower() in NOT_UPDATES:
            continue
        page_id = relative.with_suffix("").as_posix()
        if page_id.startswith(RESERVED) or page_id in RESERVED_PAGES:
            problems.append(_reserved(source, page_id))
            continue
        text = read_source(folder / relative, source, boundary)
        if text.problem is not None:
            problems.append(text.problem)
        if not text.read:
            continue
        update, found = read_update(text.text, source, page_id, context)
        problems += found
        if update is not None:
            updates.append(update)
    return updates, UpdateFolder(assets), problems


def read_update(
    text: str, source: str, page_id: str, context: Context
) -> tuple[Update | None, list[Problem]]:
    """Read one update; None when it has no usable author or date (both are reported)."""
    front = split_front_matter(text, source)
    problems = list(front.problems)
    data = {ALIASES.get(key_of(key), key_of(key)): value for key, value in front.data.items()}
    lines = {ALIASES.get(key_of(key), key_of(key)): line for key, line in front.key_lines.items()}
    items = {ALIASES.get(key_of(key), key_of(key)): found for key, found in front.item_lines.items()}
    if not front.present:
        problems.append(
            error(
                source,
                1,
                "an update starts with front matter: `author:`, `date:` and `kind:` between two `---` lines.",
                CODE,
            )
        )
    _close_keys(data, lines, source, problems)
    readable = front.present and not front.problems  # else its problem is already reported
    author = _author(data.get("author"), source, lines.get("author", 1), context.team, problems, readable)
    kind = _kind(data.get("kind"), source, lines.get("kind", 1), context.kinds, problems, readable)
    person = context.team.get(author) if context.team is not None and author else None
    when = _when(data.get("date"), source, lines.get("date", 1), page_id, person, problems, readable)
    if author is None or when is None:
        return None, problems
    date, moment = when
    body = read_body(front.body, front.body_line)
    title = _text(data.get("title")) or body.title
    update = Update(
        id=page_id,
        source=source,
        author=author,
        date=date,
        kind=kind or "",
        title=title,
        moment=moment,
        summary=_text(data.get("summary")) or body.summary,
        body=front.body,
        body_line=front.body_line,
        sections=body.sections,
        lines={**lines, "title": lines.get("title", body.title_line or 1)},
        item_lines=items,
    )
    update.week = person_week(person, date) if person is not None else Week.of(date)
    update.week_written = _week(data.get("week"), update, source, lines.get("week", 1), problems)
    if update.week_written is not None:
        update.week = update.week_written
    update.projects = _handles_or_keys(
        data.get("projects"), update, "projects", context, problems, _project_problem
    )
    update.attendees = _handles_or_keys(
        data.get("attendees"), update, "attendees", context, problems, _attendee_problem
    )
    update.deadline = _deadline(data.get("deadline"), source, lines.get("deadline", 1), problems)
    update.action_items = _action_items(update, context, problems)
    update.decisions = _decision_mentions(update.sections)
    return update, problems


def _is_project_file(relative: PurePosixPath) -> bool:
    """Tell whether a YAML file of the updates folder holds projects."""
    if len(relative.parts) == 1:
        return relative.name in PROJECT_FILES
    return len(relative.parts) == 2 and relative.parts[0] == PROJECT_FOLDER


def _reserved(source: str, page_id: str) -> Problem:
    """Say that a file would take the address of one of the generated pages."""
    return error(
        source,
        1,
        f"updates/{page_id}/ is the address of a page the handbook generates; rename the file or move "
        "it out of the people/ and weeks/ folders.",
        "collision",
    )


def _close_keys(data: dict[str, Any], lines: dict[str, int], source: str, problems: list[Problem]) -> None:
    """Report a front-matter key that looks like a misspelt field, so its value is not lost."""
    for key in data:
        if key in FIELDS:
            continue
        close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.75)
        if close and close[0] not in data:
            problems.append(
                error(
                    source,
                    lines.get(key, 1),
                    f"`{key}` is not a field of an update; did you mean `{close[0]}`?",
                    CODE,
                )
            )


def _text(value: Any) -> str:
    """Return a one-line text value, or '' for anything else."""
    if value is None or isinstance(value, dict | list):
        return ""
    return " ".join(str(value).split())


def _author(
    value: Any, source: str, line: int, team: Team | None, problems: list[Problem], present: bool
) -> str | None:
    """Read the author's handle, reporting a missing one or one that is not on the roster."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    text = _text(value)
    if not text:
        if present:
            problems.append(
                error(source, line, "the update has no `author`; add `author: <your handle>`.", CODE)
            )
        return None
    handle = text.lstrip("@").lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", handle):
        problems.append(error(source, line, f"the author '{text}' is not a handle, such as maya.", CODE))
        return None
    if team is not None and not team.knows(handle):
        problems.append(
            error(source, line, f"the author '{text}' is {unknown_handle(team)}.", "unknown-author")
        )
    return handle


def _kind(
    value: Any, source: str, line: int, kinds: dict[str, UpdateKind], problems: list[Problem], present: bool
) -> str | None:
    """Read the kind, reporting a missing one or one the handbook does not know."""
    text = _text(value)
    if not text:
        if present:
            known = ", ".join(kinds)
            problems.append(
                error(source, line, f"the update has no `kind`; add `kind:` with one of {known}.", CODE)
            )
        return None
    kind = key_of(text)
    if kind not in kinds:
        close = difflib.get_close_matches(kind, list(kinds), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close else ""
        problems.append(
            error(
                source,
                line,
                f"'{text}' is not a kind of update; {hint}the kinds are {', '.join(kinds)} (declare "
                "more under `update_kinds` in mkdocs.yml, or with a template).",
                "unknown-kind",
            )
        )
    return kind


def _when(
    value: Any, source: str, line: int, page_id: str, person: Any, problems: list[Problem], report: bool
) -> tuple[dt.date, dt.datetime | None] | None:
    """Read the date, and the time when one is given, as the author's local date and a UTC instant.

    Without a ``date``, the date the file name starts with is used, as the templates name files.
    """
    tz = zone(person.timezone) if person is not None else None
    if value is None or value == "":
        named = _DATE_IN_NAME.match(PurePosixPath(page_id).name)
        reading = read_date(named.group(1)) if named else None
        if reading is not None and reading.date is not None and YEARS[0] <= reading.date.year <= YEARS[1]:
            return reading.date, None
        if report:
            message = "the update has no `date`; add `date: YYYY-MM-DD`."
            problems.append(error(source, line, message, "bad-date"))
        return None
    moment = value if isinstance(value, dt.datetime) else _datetime_text(value)
    if moment is not None and YEARS[0] <= moment.year <= YEARS[1]:
        if moment.tzinfo is None:
            local = moment.replace(tzinfo=tz) if tz is not None else None
            return moment.date(), local.astimezone(dt.UTC) if local is not None else None
        instant = moment.astimezone(dt.UTC)
        return (instant.astimezone(tz).date() if tz is not None else moment.date()), instant
    reading = read_date(moment.date() if moment is not None else value)
    if reading.date is not None and not YEARS[0] <= reading.date.year <= YEARS[1]:
        reading = DateReading(None, f"{reading.date.isoformat()} is not a date an update is written on")
    if reading.date is None:
        message = reading.problem or "the date cannot be read; write it as YYYY-MM-DD"
        problems.append(error(source, line, f"{message}.", "bad-date"))
        return None
    return reading.date, None


def _datetime_text(value: Any) -> dt.datetime | None:
    """Read a date with a time written as text (``2026-11-20 17:30``, ``…T17:30+01:00``), if it is one."""
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}", value.strip()):
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _week(value: Any, update: Update, source: str, line: int, problems: list[Problem]) -> Week | None:
    """Read the week an update reports on, when it was written later: ``week: 2026-W47``."""
    text = _text(value)
    if not text:
        return None
    week = Week.parse(text)
    if week is None:
        problems.append(
            error(source, line, f"'{text}' is not a week; write it as YYYY-Www, e.g. 2026-W47.", CODE)
        )
        return None
    if week.monday > update.date:
        problems.append(
            error(
                source,
                line,
                f"the update is dated {update.date.isoformat()}, before the week it reports on "
                f"({week.label}) begins; correct the date or the week.",
                CODE,
            )
        )
        return None
    return week


def _deadline(value: Any, source: str, line: int, problems: list[Problem]) -> dt.date | None:
    """Read a request's ``deadline``, reporting one that cannot be read."""
    if value is None or value == "":
        return None
    reading = read_date(value)
    if reading.date is None:
        problems.append(error(source, line, f"`deadline`: {reading.problem or 'no date'}.", "bad-date"))
    return reading.date


def _handles_or_keys(
    value: Any, update: Update, key: str, context: Context, problems: list[Problem], check: Any
) -> list[str]:
    """Read a list of project keys or handles (a list, or text separated by commas)."""
    if value is None or value == "":
        return []
    raw = (
        value
        if isinstance(value, list)
        else re.split(r"[,;]", str(value))
        if isinstance(value, str)
        else [value]
    )
    lines = update.item_lines.get(key, [])
    found: list[str] = []
    for index, item in enumerate(raw):
        line = lines[index] if index < len(lines) else update.line_of(key)
        if isinstance(item, dict | list) or item is None:
            problems.append(
                error(update.source, line, f"each item of `{key}` must be one word, such as a key.", CODE)
            )
            continue
        word = key_of(str(item).lstrip("@")) if key == "projects" else str(item).strip().lstrip("@").lower()
        if not word:
            continue
        problem = check(word, str(item).strip(), update.source, line, context)
        if problem is not None:
            problems.append(problem)
            continue
        if word not in found:
            found.append(word)
    return found


def _project_problem(key: str, written: str, source: str, line: int, context: Context) -> Problem | None:
    """Say that an update names a project the projects file does not have."""
    if key in context.projects:
        return None
    known = ", ".join(sorted(context.projects)) or "none yet"
    return error(
        source,
        line,
        f"'{written}' is not a project (projects: {known}); correct the key or add the project to "
        "projects.yml.",
        "unknown-project",
    )


def _attendee_problem(handle: str, written: str, source: str, line: int, context: Context) -> Problem | None:
    """Say that an attendee is not on the roster."""
    if context.team is None or context.team.knows(handle):
        return None
    return error(
        source, line, f"the attendee '{written}' is {unknown_handle(context.team)}.", "unknown-handle"
    )


def _action_items(update: Update, context: Context, problems: list[Problem]) -> list[ActionItem]:
    """Return the action items: in meeting notes, every task that starts with ``@handle``; in any
    update, the items of an Action items section."""
    found: list[ActionItem] = []
    for section in update.sections:
        in_actions = section.key in ACTION_SECTIONS
        for item in section.items:
            owners = _OWNERS.match(item.text)
            if not owners and not in_actions:
                continue
            if not owners:
                if update.kind == "meeting":
                    problems.append(
                        note(
                            update.source,
                            item.line,
                            "this action item has no owner; start it with the @handle of who does it.",
                            "action-owner",
                        )
                    )
                continue
            if not (in_actions or (update.kind == "meeting" and item.task)):
                continue
            action = _action(update, item, owners, context, problems)
            if action is not None:
                found.append(action)
    return found


def _action(
    update: Update, item: Item, owners: re.Match[str], context: Context, problems: list[Problem]
) -> ActionItem | None:
    """Read one action item's owners and due date."""
    handles = tuple(dict.fromkeys(h.lower() for h in _HANDLE.findall(owners.group(1))))
    for handle in handles:
        if context.team is not None and not context.team.knows(handle):
            problems.append(
                error(
                    update.source,
                    item.line,
                    f"the owner '@{handle}' of this action item is {unknown_handle(context.team)}.",
                    "unknown-handle",
                )
            )
            return None
    text = owners.group(2).strip().lstrip(":–—- ").strip()
    due = None
    match = _DUE.search(text)
    if match:
        written = (match.group(1) or match.group(2) or "").strip()
        reading = read_date(written)
        if reading.date is None:
            problems.append(
                error(
                    update.source,
                    item.line,
                    f"the due date of this action item: {reading.problem or 'no date'}.",
                    "bad-date",
                )
            )
        due = reading.date
        text = (text[: match.start()] + text[match.end() :]).strip()
    state = item.state if item.task or item.state is not ItemState.OPEN else ItemState.OPEN
    key = " ".join(handles) + " " + item_key(text)
    return ActionItem(handles, text, due, state, item.line, update.source, update.id, key)


def _decision_mentions(sections: list[Section]) -> list[DecisionMention]:
    """Return the decisions named in the Decisions sections, each once, in the order written."""
    found: list[DecisionMention] = []
    seen: set[str] = set()
    for section in sections:
        if section.key not in DECISION_SECTIONS:
            continue
        for item in section.items:
            texts = [m.group(1) for m in _FILE_LINK.finditer(item.text)]
            plain = _FILE_LINK.sub("]()", item.text)
            texts += [m.group(0) for m in _MENTION.finditer(plain)]
            for text in texts:
                if text not in seen:
                    seen.add(text)
                    found.append(DecisionMention(text, item.line))
    return found


def is_decision_section(heading: str) -> bool:
    """Tell whether a heading introduces a meeting's decisions."""
    return section_key(heading) in DECISION_SECTIONS
