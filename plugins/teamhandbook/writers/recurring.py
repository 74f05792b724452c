"""Recurring documents (weekly update, handoff note) written from the working agreement's templates.

A template is ``<agreement>/templates/<name>.md``: front matter with ``title``, ``description``
and ``path`` (where a new document goes, relative to the handbook root, with the placeholders
``{date}``, ``{handle}`` and ``{slug}``), then the document's body. Other front-matter keys are
copied into the new document's front matter; placeholders, and ``{title}``, work there and in the
body too.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..boundary import Boundary
from ..readers.template import read_template
from ..readers.text import read_source
from .lines import Lines
from .yaml_edit import FrontMatterEditor

TEMPLATE_KEYS = frozenset({"title", "description", "path"})
"""Front-matter keys that describe the template itself, not the document it makes."""

_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")


class TemplateError(ValueError):
    """A template that cannot be used as it is; the message says what to fix."""


@dataclass(frozen=True)
class RecurringTemplate:
    """One template of the working agreement."""

    name: str
    title: str
    description: str
    path: str
    text: str
    source: Path


def placeholders(date: dt.date, handle: str | None, title: str | None, slug: str | None) -> dict[str, str]:
    """Return the values placeholders stand for; missing ones are left out."""
    values = {"date": date.isoformat()}
    for name, value in (("handle", handle), ("title", title), ("slug", slug)):
        if value:
            values[name] = value
    return values


def list_templates(folder: Path, boundary: Boundary) -> list[RecurringTemplate]:
    """Return every usable template in a templates folder, by name."""
    if not folder.is_dir():
        return []
    found = []
    for relative in boundary.walk(folder, folder.name).files:
        if len(relative.parts) != 1 or relative.suffix != ".md":
            continue
        try:
            found.append(load_template(folder / relative, boundary))
        except TemplateError:
            continue
    return found


def load_template(path: Path, boundary: Boundary) -> RecurringTemplate:
    """Read a template with the working agreement's reader, which the build also uses."""
    source = read_source(path, path.name, boundary)
    if source.problem:
        raise TemplateError(source.problem.message)
    template, problems = read_template(source.text, path.name, path.stem)
    if template is None:
        reasons = " ".join(problem.message for problem in problems) or "it cannot be read."
        raise TemplateError(f"{path.name}: {reasons}")
    return RecurringTemplate(
        name=template.name,
        title=template.title,
        description=template.description,
        path=template.path,
        text=source.text,
        source=path,
    )


def document_path(template: RecurringTemplate, values: dict[str, str]) -> str:
    """Return where the new document goes, relative to the handbook root."""
    missing = sorted({name for name in _PLACEHOLDER.findall(template.path) if name not in values})
    if missing:
        raise TemplateError(
            f"the template's path ({template.path}) needs "
            + ", ".join(f"{{{name}}}" for name in missing)
            + _how_to_give(missing)
        )
    path = posixpath.normpath(_substitute(template.path, values))
    if path.startswith(("../", "/")) or path == "..":
        raise TemplateError(f"the template's path ({template.path}) leads outside the handbook")
    return path


def document_text(template: RecurringTemplate, values: dict[str, str]) -> str:
    """Return the new document: the template without its own keys, placeholders filled in."""
    lines = Lines.parse(template.text)
    editor = FrontMatterEditor(lines, template.source.name)
    bounds, entries = editor.bounds(), editor.entries()
    if bounds is not None and all(entry.key in TEMPLATE_KEYS for entry in entries):
        lines.delete(0, bounds[1] + 1)  # nothing but the template's own keys: no front matter
        while len(lines) > 1 and not lines.texts[0].strip():
            lines.delete(0, 1)
    else:
        for entry in reversed(entries):
            if entry.key in TEMPLATE_KEYS:
                lines.delete(entry.line, entry.last + 1)
    return _substitute(lines.to_text(), values)


def _substitute(text: str, values: dict[str, str]) -> str:
    """Replace known placeholders; any other ``{word}`` stays as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def _how_to_give(missing: list[str]) -> str:
    """Say which option fills the missing placeholders."""
    hints = {"handle": "--handle (or HANDBOOK_HANDLE)", "slug": "a title", "title": "a title"}
    known = [hints[name] for name in missing if name in hints]
    return "; give " + " and ".join(known) if known else ""
