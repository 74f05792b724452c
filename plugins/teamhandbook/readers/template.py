"""Templates for recurring writing, ``working-agreement/templates/<name>.md``.

Front matter says what the template is (``title``, ``description``) and where a document made from
it goes (``path``, with ``{date}``, ``{handle}`` and ``{slug}``); the body is the document to fill in.
A template with ``kind:`` makes written updates of that kind (``weekly``, ``meeting``…): its
headings are the sections such an update has.
"""

from __future__ import annotations

import re

from ..model.agreement import Template
from ..model.problem import Problem, error
from .frontmatter import split_front_matter

PLACEHOLDERS = ("date", "handle", "slug")
REQUIRED = ("title", "description", "path")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
CODE = "invalid-template"


def read_template(text: str, source: str, name: str) -> tuple[Template | None, list[Problem]]:
    """Read a template; None when its front matter lacks what ``handbook new`` needs."""
    front = split_front_matter(text, source)
    problems = list(front.problems)
    if not front.present:
        problems.append(
            error(
                source,
                1,
                "a template starts with front matter: `title:`, `description:` and `path:` "
                "between two `---` lines.",
                CODE,
            )
        )
        return None, problems
    values: dict[str, str] = {}
    for key in REQUIRED:
        value = front.data.get(key)
        line = front.key_lines.get(key, 1)
        if value is None or str(value).strip() == "":
            problems.append(
                error(source, line, f"the template has no `{key}`; add `{key}: …` to its front matter.", CODE)
            )
        elif isinstance(value, dict | list):
            problems.append(error(source, line, f"`{key}` must be text.", CODE))
        else:
            values[key] = " ".join(str(value).split())
    if "path" in values:
        problem = path_problem(values["path"])
        if problem:
            problems.append(error(source, front.key_lines.get("path", 1), f"`path`: {problem}.", CODE))
            values.pop("path")
    if len(values) < len(REQUIRED):
        return None, problems
    lines = {key: front.key_lines.get(key, 1) for key in REQUIRED}
    lines["body"] = front.body_line
    kind = _kind(front.data.get("kind"), source, front.key_lines.get("kind", 1), problems)
    if kind is not None:
        lines["kind"] = front.key_lines.get("kind", 1)
    template = Template(
        name, source, values["title"], values["description"], values["path"], front.body, lines, kind
    )
    return template, problems


def _kind(value: object, source: str, line: int, problems: list[Problem]) -> str | None:
    """Read the kind of update a template makes (``kind: weekly``), if it makes updates."""
    if value is None or value == "":
        return None
    if isinstance(value, dict | list):
        problems.append(error(source, line, "`kind` must be one word, such as weekly.", CODE))
        return None
    return "-".join(str(value).strip().lower().replace("_", "-").split())


def path_problem(path: str) -> str | None:
    """Say what is wrong with a template's ``path``, or None when it is usable."""
    unknown = [name for name in _PLACEHOLDER.findall(path) if name not in PLACEHOLDERS]
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
        return f"'{{{unknown[0]}}}' is not a placeholder; use {allowed}"
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return f"'{path}' must be relative to the handbook's root, e.g. updates/{{date}}-{{handle}}-weekly.md"
    if "{{" in path or "}}" in path or "`" in path:
        return f"'{path}' may not contain '{{{{', '}}}}' or backticks; write placeholders as {{date}}"
    if ".." in re.split(r"[\\/]", path):
        return f"'{path}' must stay inside the handbook: remove '..'"
    if not path.endswith(".md"):
        return f"'{path}' must end with .md"
    return None
