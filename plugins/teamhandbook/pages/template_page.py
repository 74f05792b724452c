"""A writing template's page: what it is for, where documents made from it go, and its text."""

from __future__ import annotations

import re

from ..model.agreement import Template
from . import markdown as md

PLACEHOLDER_MEANINGS = {
    "date": "the day's date, as YYYY-MM-DD",
    "handle": "your handle on the roster",
    "slug": "a short name made from the document's title",
}


def template_page(template: Template) -> str:
    """Return the Markdown of a template's page; it is never rendered by macros."""
    used = [name for name in PLACEHOLDER_MEANINGS if f"{{{name}}}" in template.path]
    where = f"A new document made from this template is written to `{template.path}`"
    if used:
        meanings = [f"`{{{name}}}` is {PLACEHOLDER_MEANINGS[name]}" for name in used]
        where += ", where " + (", ".join(meanings[:-1]) + " and " if len(meanings) > 1 else "") + meanings[-1]
    if template.kind:
        title = ' "Title"' if "{slug}" in template.path else ""
        where += (
            f". It is a *{md.text(template.kind)}* update: `handbook write {template.kind}{title}` makes "
            "one for you, with you as its author and today's date; or copy the text below."
        )
    else:
        where += ". The `handbook new` command makes one for you; or copy the text below."
    body = template.body.strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    parts = [
        f"# {md.text(template.title)}",
        md.text(template.description),
        where,
        f"{fence}markdown\n{body}\n{fence}",
    ]
    return "\n\n".join(parts) + "\n"
