"""A new update's file: its kind's template (or the built-in sections) with author, date and kind set.

The same writing serves ``handbook write KIND`` and ``handbook new --template NAME`` for a template
that makes updates, so both write the same file.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..model.updates import UpdateKind
from .lines import Lines
from .numbering import slugify
from .recurring import RecurringTemplate, TemplateError, document_path, document_text, placeholders
from .yaml_edit import EditError, FrontMatterEditor


@dataclass(frozen=True)
class NewUpdate:
    """What a new update says about itself."""

    kind: UpdateKind
    author: str
    date: dt.date
    title: str | None = None
    projects: tuple[str, ...] = ()


def update_file(new: NewUpdate, template: RecurringTemplate | None, updates_dir: str) -> tuple[str, str]:
    """Return where the new update goes (relative to the handbook root) and its text.

    Raises ``TemplateError`` when the template cannot make it (a placeholder with no value).
    """
    slug = slugify(new.title) if new.title else None
    if template is None:
        name = f"{new.date.isoformat()}-{new.author}-{new.kind.name}" + (f"-{slug}" if slug else "")
        path, text = posixpath.join(updates_dir, f"{name}.md"), _built_in(new)
    else:
        values = placeholders(new.date, new.author, new.title or template.title, slug)
        path, text = document_path(template, values), document_text(template, values)
    lines = Lines.parse(text)
    editor = FrontMatterEditor(lines, path)
    try:
        editor.set_scalar("author", new.author)
        editor.set_scalar("date", new.date)
        editor.set_scalar("kind", new.kind.name)
        if new.projects:
            editor.set_list("projects", list(new.projects))
        if (
            new.title
            and template is not None
            and editor.find("title") is None
            and "{title}" not in template.text
        ):
            editor.set_scalar("title", new.title)
    except EditError as exc:
        raise TemplateError(str(exc)) from None
    return path, lines.to_text()


def _built_in(new: NewUpdate) -> str:
    """Return an update of a kind without a template: its title, then a heading per section."""
    heading = new.title or new.kind.label
    sections = "".join(f"\n## {section}\n\n-\n" for section in new.kind.sections)
    return f"---\n---\n# {heading}\n{sections}"


def template_of(kind: UpdateKind, root: Path) -> Path | None:
    """Return the template file of a kind, when it has one."""
    return root / kind.template if kind.template else None
