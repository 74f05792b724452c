"""Evaluating a page's macros without MkDocs, for ``handbook render`` and other builders.

Pages are rendered as mkdocs-macros renders them: Jinja2 with the handbook's macros, undefined
names an error, code samples (fenced blocks and code spans) left as written, and a page whose
front matter says ``render_macros: false`` left alone.
"""

from __future__ import annotations

import jinja2

from ..model.problem import Problem, error
from ..pages.macro_guard import Markers, protect_code, template_lines
from ..readers.frontmatter import split_front_matter
from . import handbook_macros
from .context import MacroContext


class PageContext:
    """A macro context for rendering one page at a time outside MkDocs."""

    def __init__(self, handbook: object) -> None:
        self.handbook = handbook
        self.current = "index.md"

    def page_path(self) -> str:
        """Return the site path of the page being rendered."""
        return self.current


class LaxUndefined(jinja2.Undefined):
    """mkdocs-macros' ``on_undefined: lax``: anything undefined, even called, is blank."""

    def _fail_with_undefined_error(self, *args: object, **kwargs: object) -> str:  # type: ignore[override]
        return ""


UNDEFINED: dict[str, type[jinja2.Undefined]] = {
    "keep": jinja2.DebugUndefined,
    "silent": jinja2.Undefined,
    "strict": jinja2.StrictUndefined,
    "lax": LaxUndefined,
}
"""What an undefined name becomes, by mkdocs-macros' ``on_undefined`` (its default: ``keep``, which
leaves ``{{ name }}`` as written but fails on a call such as ``{{ name() }}``)."""


def macro_environment(
    context: MacroContext | None, undefined: str = "strict", markers: Markers | None = None
) -> jinja2.Environment:
    """Return a Jinja2 environment with the handbook's macros (none without a ``context``: a site
    whose plugin is switched off), as mkdocs-macros sets one up with ``on_undefined: undefined``
    (an unknown value is ``strict``) and the site's ``markers``."""
    environment = jinja2.Environment(
        undefined=UNDEFINED.get(undefined, jinja2.StrictUndefined),
        keep_trailing_newline=True,
        autoescape=False,
        **(markers or Markers()).jinja_options(),
    )
    if context is not None:
        environment.globals.update(handbook_macros(context))
    return environment


def environment_markers(environment: jinja2.Environment) -> Markers:
    """Return the markers a Jinja2 environment reads macros in."""
    return Markers.from_jinja({name: getattr(environment, name) for name in Markers().jinja_options()})


def render_page(
    text: str, source: str, environment: jinja2.Environment, protect: bool = True
) -> tuple[str, list[Problem]]:
    """Return the page with its macros evaluated, or as written with a problem when they fail;
    with ``protect``, code samples keep their braces."""
    front_matter = split_front_matter(text, source)
    markers = environment_markers(environment)
    marked = template_lines(front_matter.body, markers, including_code=not protect)
    if front_matter.data.get("render_macros") is False or not marked:
        return text, []
    head = text[: len(text) - len(front_matter.body)]
    try:
        template = protect_code(front_matter.body, markers) if protect else front_matter.body
        body = environment.from_string(template).render()
    except jinja2.TemplateSyntaxError as exc:
        line = front_matter.body_line + (exc.lineno or 1) - 1
        return text, [error(source, line, f"a macro cannot be read: {exc.message}.", "macro")]
    except Exception as exc:  # a macro's own error, or an undefined name: the page is kept as written
        line = front_matter.body_line + marked[0] - 1
        return text, [error(source, line, f"a macro failed: {exc}.", "macro")]
    return head + body, []
