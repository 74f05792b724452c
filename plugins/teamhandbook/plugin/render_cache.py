"""Decision pages whose HTML ``mkdocs serve`` reuses between rebuilds while nothing it depends on changed.

Without ``--dirty``, every rebuild converts every page from Markdown again, though after one
edit only one decision's Markdown differs. A decision page's HTML depends on its final Markdown
(after every plugin's ``on_page_markdown``), on the Markdown extensions and their options, and on
the addresses of the site's files (links are checked and rewritten against them). While all of
these are the same as in an earlier rebuild, the earlier HTML is the answer, and the page is not
converted again.

Not reused: pages whose conversion logged anything (so warnings come back on every rebuild, and
``--strict`` sees them), and pages that include other files while they are converted
(pymdownx.snippets), whose Markdown does not show what they depend on.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .host import CachedPage, convert, rendered_title, set_rendered_title

_INCLUDES = ("--8<--",)
"""Markers of pymdownx.snippets includes, which read other files during conversion."""

_READS_FILES = ("pymdownx.b64",)
"""Extensions that read other files while converting any page: nothing is reused with them."""


@dataclass(frozen=True)
class _Rendered:
    """What converting a page's Markdown gave."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None


class _Recorder(logging.Handler):
    """Counts what MkDocs logs while a page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one record."""
        self.count += 1


class RenderCache:
    """Converted decision pages of earlier rebuilds, by page, Markdown and site."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[bytes, _Rendered]] = {}
        self._files: Files | None = None
        self._site = b""

    def _site_digest(self, config: MkDocsConfig, files: Files) -> bytes:
        """Return a digest of what every page's conversion depends on besides its Markdown."""
        if files is not self._files:
            digest = hashlib.blake2b(digest_size=16)
            for file in files:
                digest.update(f"{file.src_uri}\t{file.url}\n".encode())
            for part in (config.markdown_extensions, config.mdx_configs, config.validation):
                digest.update(repr(part).encode())
            digest.update(f"{config.use_directory_urls}\t{config.site_url}".encode())
            self._files, self._site = files, digest.digest()
        return self._site

    def _key(self, page: Page, config: MkDocsConfig, files: Files) -> bytes | None:
        """Return what the page's HTML depends on, or None when it cannot be reused."""
        markdown = page.markdown or ""
        if any(marker in markdown for marker in _INCLUDES):
            return None
        if any(name in config.markdown_extensions for name in _READS_FILES):
            return None
        digest = hashlib.blake2b(markdown.encode(), digest_size=16)
        digest.update(self._site_digest(config, files))
        return digest.digest()

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Convert the page, or give it the HTML of an earlier identical conversion."""
        key = self._key(page, config, files)
        if key is None:
            convert(page, config, files)
            return
        entry = self._entries.get(page.file.src_uri)
        if entry is not None and entry[0] == key:
            _apply(page, entry[1], files)
            return
        recorder = _Recorder()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(recorder)
        try:
            convert(page, config, files)
        finally:
            logger.removeHandler(recorder)
        if recorder.count:
            self._entries.pop(page.file.src_uri, None)
        else:
            self._entries[page.file.src_uri] = (key, _remember(page))


def _remember(page: Page) -> _Rendered:
    """Return what converting the page gave, free of this build's file objects."""
    links = page.links_to_anchors
    return _Rendered(
        content=page.content or "",
        toc=copy.deepcopy(page.toc),
        title=rendered_title(page),
        anchors=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        links_to_anchors={file.src_uri: dict(a) for file, a in links.items()} if links is not None else None,
    )


def _apply(page: Page, rendered: _Rendered, files: Files) -> None:
    """Give the page an earlier conversion's results, with this build's file objects."""
    page.content = rendered.content
    page.toc = copy.deepcopy(rendered.toc)
    set_rendered_title(page, rendered.title)
    page.present_anchor_ids = set(rendered.anchors) if rendered.anchors is not None else None
    if rendered.links_to_anchors is not None:
        linked: dict[File, dict[str, str]] = {}
        for src_uri, anchors in rendered.links_to_anchors.items():
            file = files.get_file_from_path(src_uri)
            if file is not None:
                linked[file] = dict(anchors)
        page.links_to_anchors = linked


def decision_page(file: File, config: MkDocsConfig, cache: RenderCache) -> Page:
    """Return a decision's page under ``mkdocs serve``: converted through the render cache."""
    return CachedPage(file, config, cache.render)
