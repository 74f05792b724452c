"""The team's projects: ``projects.yml`` in the updates folder, or one file per project in ``projects/``.

Each project has a name, an owner (a handle on the roster), a status (on track, at risk, blocked,
done, or one the team declares), and optionally a target date, a one-line summary, a note on why it
stands where it does, the date its status began (``since``) and its earlier statuses (``history``).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from ..boundary import Boundary
from ..model.agreement import Team
from ..model.problem import Problem, error, note
from ..model.updates import Project, StatusChange
from ..settings.validators import key_of
from .dates import read_date
from .team import unknown_handle
from .text import read_source
from .yaml_data import DataFile
from .yaml_source import YamlPath, YamlSyntaxError, parse_yaml

PROJECT_FILES = ("projects.yml", "projects.yaml")
PROJECT_FOLDER = "projects"
PROJECT_KEYS = ("key", "name", "owner", "status", "since", "target", "summary", "note", "history")
CHANGE_KEYS = ("status", "date", "note")
_ALIASES = {
    "title": "name",
    "target-date": "target",
    "due": "target",
    "lead": "owner",
    "description": "summary",
}
CODE = "invalid-project"


def project_files(folder: Path) -> list[Path]:
    """Return the files projects are read from: ``projects.yml`` and ``projects/*.yml``."""
    found = [folder / name for name in PROJECT_FILES if (folder / name).is_file()]
    per_project = folder / PROJECT_FOLDER
    if per_project.is_dir():
        found += sorted(p for p in per_project.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    return found


def read_projects(
    folder: Path, root: Path, statuses: dict[str, str], team: Team | None, boundary: Boundary
) -> tuple[list[Project], list[Problem]]:
    """Read every project once; a broken file or entry is reported and the others are kept."""
    projects: list[Project] = []
    problems: list[Problem] = []
    for path in project_files(folder):
        file = _data_file(path, root, problems, boundary)
        if file is None:
            continue
        if path.parent.name == PROJECT_FOLDER and path.parent.parent == folder:
            entries = _one_project(file, path.stem)
        else:
            entries = _entries(file)
        for entry, entry_path, default_key in entries:
            project = _project(file, entry, entry_path, default_key, statuses, team)
            if project is None:
                continue
            twin = next((p for p in projects if p.key == project.key), None)
            if twin is not None:
                file.error(
                    entry_path,
                    f"the project key '{project.key}' is also used in {twin.source}; keys must be unique.",
                )
                continue
            projects.append(project)
        problems += file.problems
    return projects, problems


def _data_file(path: Path, root: Path, problems: list[Problem], boundary: Boundary) -> DataFile | None:
    """Parse one projects file, reporting one the boundary refuses, text that is not UTF-8 or YAML
    that is not valid."""
    source = os.path.relpath(path, root).replace(os.sep, "/")
    text = read_source(path, source, boundary)
    if text.problem is not None:
        problems.append(text.problem)
    if not text.read:
        return None
    try:
        document = parse_yaml(text.text)
    except YamlSyntaxError as exc:
        problems.append(error(source, exc.line, f"{exc}.", "yaml"))
        return None
    return DataFile(source, document, CODE)


def _entries(file: DataFile) -> list[tuple[Any, YamlPath, str | None]]:
    """Return the entries of ``projects.yml``: a ``projects:`` list or mapping, or a bare one."""
    root, path = file.data, ()
    if isinstance(root, dict) and any(str(key).strip().lower() == "projects" for key in root):
        top = file.mapping(root, (), "the projects file")
        if top is None:
            return []
        file.known_keys(top, ("projects",), (), "the projects file")
        root, path = top.get("projects"), file.key_path((), "projects")
    if root is None:
        return []
    if isinstance(root, dict):
        return [(value, (*path, str(key)), key_of(key)) for key, value in root.items()]
    if isinstance(root, list):
        return [(value, (*path, index), None) for index, value in enumerate(root)]
    file.error(path, "the projects file must list projects, each starting with `- name:`.")
    return []


def _one_project(file: DataFile, stem: str) -> list[tuple[Any, YamlPath, str | None]]:
    """Return the one project of a file in ``projects/``; its key is the file's name."""
    return [(file.data, (), key_of(stem))]


def _project(
    file: DataFile,
    entry: Any,
    path: YamlPath,
    default_key: str | None,
    statuses: dict[str, str],
    team: Team | None,
) -> Project | None:
    """Read one project; None (with problems reported) when its name, status or owner is unusable."""
    fields = file.mapping(entry, path, "a project")
    if fields is None:
        return None
    for alias, key in _ALIASES.items():
        if alias in fields and key not in fields:
            fields[key] = fields.pop(alias)
    file.known_keys(fields, PROJECT_KEYS, path, "a project")
    name = file.text(fields, "name", path, "this project", required=True)
    what = f"the project '{name}'" if name else "this project"
    key = key_of(file.text(fields, "key", path, what)) or default_key or key_of(name)
    before = len(file.problems)
    owner = _owner(file, fields, path, what, team)
    status = _status(file, fields.get("status"), file.key_path(path, "status"), what, statuses, required=True)
    history = _history(file, fields.get("history"), file.key_path(path, "history"), what, statuses)
    if not name or not key or owner is None or status is None or len(file.problems) > before:
        return None
    return Project(
        key=key,
        name=name,
        source=file.source,
        owner=owner,
        status=status,
        summary=file.text(fields, "summary", path, what),
        target=_date(file, fields, "target", path),
        since=_date(file, fields, "since", path),
        note=file.text(fields, "note", path, what),
        history=history,
        line=file.line(path),
        lines={k: file.line(file.key_path(path, k)) for k in fields},
    )


def _owner(
    file: DataFile, fields: dict[str, Any], path: YamlPath, what: str, team: Team | None
) -> str | None:
    """Read the owner's handle, reporting one that is not on the roster."""
    raw = file.text(fields, "owner", path, what, required=True)
    if not raw:
        return None
    handle = raw.lstrip("@").lower()
    if team is not None and not team.knows(handle):
        file.error(file.key_path(path, "owner"), f"the owner '{raw}' of {what} is {unknown_handle(team)}.")
        return None
    return handle


def _status(
    file: DataFile, value: Any, path: YamlPath, what: str, statuses: dict[str, str], required: bool = False
) -> str | None:
    """Read a status, reporting one the team has not declared."""
    if value is None or value == "":
        if required:
            file.error(path[:-1], f"{what} has no `status`; add one of: {', '.join(statuses.values())}.")
        return None
    if isinstance(value, dict | list):
        file.error(path, f"the status of {what} must be one word or phrase, such as 'on track'.")
        return None
    key = key_of(value)
    if key not in statuses:
        file.error(
            path,
            f"'{value}' is not a project status; use one of: {', '.join(statuses.values())} "
            "(or declare it under `project_statuses` in mkdocs.yml).",
            "unknown-status",
        )
        return None
    return key


def _history(
    file: DataFile, value: Any, path: YamlPath, what: str, statuses: dict[str, str]
) -> list[StatusChange]:
    """Read the project's earlier statuses, oldest first."""
    changes: list[StatusChange] = []
    for index, entry in enumerate(file.sequence(value, path, "`history`")):
        item_path = (*path, index)
        fields = file.mapping(entry, item_path, "an earlier status")
        if fields is None:
            continue
        file.known_keys(fields, CHANGE_KEYS, item_path, "an earlier status")
        status = _status(file, fields.get("status"), file.key_path(item_path, "status"), what, statuses, True)
        date = _date(file, fields, "date", item_path)
        if date is None and fields.get("date") is None:
            file.error(item_path, f"an earlier status of {what} has no `date`; write it as YYYY-MM-DD.")
        if status is not None and date is not None:
            line = file.line(item_path)
            changes.append(StatusChange(status, date, file.text(fields, "note", item_path, what), line))
    changes.sort(key=lambda change: change.date or dt.date.min)
    return changes


def _date(file: DataFile, fields: dict[str, Any], key: str, path: YamlPath) -> dt.date | None:
    """Read an optional date field, reporting one that cannot be read."""
    if fields.get(key) is None:
        return None
    reading = read_date(fields[key])
    if reading.date is None:
        file.error(file.key_path(path, key), f"`{key}`: {reading.problem or 'no date'}.")
    return reading.date


def unread_note(source: str) -> Problem:
    """Say that a YAML file in the updates folder is not read."""
    return note(
        source,
        1,
        "this file is not read: projects are read from projects.yml, or one file each in projects/.",
        "unread-file",
    )
