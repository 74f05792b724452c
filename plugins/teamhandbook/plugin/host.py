"""Every use of the site builder's internals, in one room.

MkDocs (and ProperDocs, which keeps its API) give plugins no public way to do a few things the
adapter needs. Each such use is here, with a test of its own in ``tests/test_host_internals.py``,
so a release that changes one fails one test with a clear name instead of a build somewhere else.

- ``File._content``: the text MkDocs holds for a page once a plugin set it (``ReadPage``).
- ``Page.render``: overridden, so a decision page can reuse an earlier conversion (``CachedPage``).
- ``Page._title_from_render``: the title MkDocs takes from the converted page's first heading,
  saved and restored with a reused conversion (``rendered_title``).
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .safe_meta import edit_path


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
