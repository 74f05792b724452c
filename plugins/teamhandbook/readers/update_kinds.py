"""The kinds of update a handbook knows: built in, declared in ``mkdocs.yml``, or made by a template.

A template in the working agreement with ``kind: weekly`` is the weekly update's template: its
title names the kind and its headings are the sections a weekly update has. A kind without a
template has the built-in sections (none, for a kind the team declared).
"""

from __future__ import annotations

import posixpath

from ..model.agreement import Agreement
from ..model.problem import Problem, error
from ..model.updates import UpdateKind
from ..settings import Settings
from .update_body import read_body

DEFAULT_SECTIONS: dict[str, tuple[str, ...]] = {
    "daily": ("Done", "Next", "Blocked"),
    "weekly": ("Progress", "Next", "Blocked", "Help needed"),
    "handoff": ("Status", "Next step", "Open questions"),
    "meeting": ("Agenda", "Pre-reads", "Notes", "Decisions", "Action items"),
    "request": ("Request", "Background", "Recommendation"),
}
"""The sections of the built-in kinds, for a handbook whose agreement has no template for them."""

CODE = "invalid-template"


def update_kinds(
    settings: Settings, agreement: Agreement | None
) -> tuple[dict[str, UpdateKind], list[Problem]]:
    """Return every kind of update by key, with its sections, and what is wrong with the templates."""
    kinds = {
        key: UpdateKind(key, label, DEFAULT_SECTIONS.get(key, ()))
        for key, label in settings.updates.kinds.items()
    }
    problems: list[Problem] = []
    templated: dict[str, str] = {}
    for template in agreement.templates if agreement is not None else []:
        if template.kind is None:
            continue
        line = template.lines.get("kind", 1)
        if template.kind in templated:
            problems.append(
                error(
                    template.source,
                    line,
                    f"{templated[template.kind]} is already the template of '{template.kind}' updates; "
                    "keep one of the two, or give this one another `kind`.",
                    CODE,
                )
            )
            continue
        templated[template.kind] = template.source
        problem = _path_problem(template.path, settings.updates_dir, template.kind)
        if problem:
            problems.append(error(template.source, template.lines.get("path", 1), problem, CODE))
        body = read_body(template.body, template.lines.get("body", 1))
        sections = tuple(section.heading for section in body.sections)
        kinds[template.kind] = UpdateKind(template.kind, template.title, sections, template.source)
    return kinds, problems


def _path_problem(path: str, updates_dir: str, kind: str) -> str | None:
    """Say why a template's ``path`` would write an update where the handbook does not read it."""
    folder = posixpath.normpath(updates_dir).strip("/")
    if posixpath.normpath(path).startswith(folder + "/"):
        return None
    return (
        f"'{kind}' updates are read from the {folder}/ folder, but this template writes to '{path}'; "
        f"write e.g. `path: {folder}/{{date}}-{{handle}}-{kind}.md`."
    )
