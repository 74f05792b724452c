"""Every use of the site builder's internals, in one room.

MkDocs (and ProperDocs, which keeps its API) give plugins no public way to do a few things the
adapter needs. Each such use is here, with a test of its own in ``tests/test_host_internals.py``,
so a release that changes one fails one test with a clear name instead of a build somewhere else.

- ``File._content``: the text MkDocs holds for a page once a plugin set it (``ReadPage``).
- ``Page.render``: overridden, so a decision page can reuse an earlier conversion (``CachedPage``).
- ``Page._title_from_render``: the title MkDocs takes from the converted page's first heading,
  saved and restored with a reused conversion (``rendered_title``).
- ``Template.root_render_func``: the function Jinja calls when a template includes another, wrapped
  so that Material's navigation is rendered once for the pages that share it (``share_rendering``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .safe_meta import edit_path

if TYPE_CHECKING:
    from jinja2 import Environment


class ReadPage(File):
    """A page of ``docs/`` whose text the core already read: MkDocs gets that text, not a second read.

    Its source stays the real file, so edit links and ``mkdocs serve --dirty`` (which compares the
    file's modification time with the built page's) work as for any page.
    """

    def __init__(self, file: File, text: str) -> None:
        super().__init__(
            file.src_uri,
            file.src_dir,
            file.dest_dir,
            file.use_directory_urls,
            dest_uri=file.dest_uri,
            inclusion=file.inclusion,
        )
        self._text = text
        self.edit_uri = edit_path(file.src_uri)

    @property
    def content_string(self) -> str:  # type: ignore[override]
        """The page's Markdown: what the core read, or what a plugin set since."""
        return self._content if isinstance(self._content, str) else self._text

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._content = value  # changed content: MkDocs rebuilds the page on every dirty build

    @property
    def content_bytes(self) -> bytes:  # type: ignore[override]
        """The page's Markdown as UTF-8."""
        return self.content_string.encode("utf-8")


Renderer = Callable[[Page, MkDocsConfig, Files], None]
"""Converts a page's Markdown to HTML, as ``Page.render`` does."""


class CachedPage(Page):
    """A page whose conversion goes through another function (the render cache under serve)."""

    def __init__(self, file: File, config: MkDocsConfig, render: Renderer) -> None:
        super().__init__(None, file, config)
        self._render_with = render

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """Convert the Markdown to HTML through the given function."""
        self._render_with(self, config, files)


def convert(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Convert a page's Markdown to HTML the way MkDocs does."""
    Page.render(page, config, files)


def rendered_title(page: Page) -> str | None:
    """Return the title MkDocs took from a converted page's first heading."""
    return page._title_from_render


def set_rendered_title(page: Page, title: str | None) -> None:
    """Give a page the title of an earlier conversion."""
    page._title_from_render = title


RenderKey = Callable[[Mapping[str, Any]], Hashable | None]
"""Says which pages render an included template the same way: equal keys, equal output; None for a
page that renders it itself."""


def share_rendering(env: Environment, name: str, key: RenderKey) -> bool:
    """Render the included template ``name`` once per key, and give every page with that key the
    same text. Return whether the environment has the template.

    Jinja renders an ``{% include %}`` by calling the included template's ``root_render_func`` with
    the including page's context; this wraps that function. The cache lives on the template object,
    which the environment keeps for one build (MkDocs makes an environment per build).
    """
    try:
        template = env.get_template(name)
    except Exception:  # TemplateNotFound, or a template that does not compile: leave it alone
        return False
    render = template.root_render_func
    rendered: dict[Hashable, str] = {}

    def shared(context: Any) -> Iterator[str]:
        """Yield the template's text for this context, rendered once per key."""
        found = key(context)
        if found is None:
            yield from render(context)
            return
        if found not in rendered:
            rendered[found] = "".join(render(context))
        yield rendered[found]

    template.root_render_func = shared
    return True
