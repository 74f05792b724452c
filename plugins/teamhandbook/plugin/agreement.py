"""The working agreement in a MkDocs site: its pages and templates as files, and mkdocs-macros.

Agreement pages are prose rendered by mkdocs-macros; the plan reports pages that use macros in a
site without it (``plan.macros_needed``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..macros.render import environment_markers
from ..pages.macro_guard import Markers, protect_code
from .files import SourcePage


class QuotingPage(SourcePage):
    """An agreement page: it quotes the roster and the agreement's data through macros, so
    ``mkdocs serve --dirty`` rebuilds it when either data file changes, not only its own file."""

    def __init__(
        self,
        src_uri: str,
        config: MkDocsConfig,
        source: Path,
        render: Callable[[], str],
        depends: tuple[Path, ...] = (),
    ) -> None:
        super().__init__(src_uri, config, source, render)
        self.depends = depends

    def is_modified(self) -> bool:
        """Tell whether the page's file or a data file it quotes changed since it was written."""
        if super().is_modified():
            return True
        try:
            written = os.path.getmtime(self.abs_dest_path)
            return any(os.path.getmtime(path) > written for path in self.depends)
        except OSError:
            return True


def macros_plugin(config: MkDocsConfig) -> object | None:
    """Return the mkdocs-macros plugin of the site, if it is enabled."""
    return config.plugins.get("macros")


def markers(config: MkDocsConfig) -> Markers:
    """Return the template markers mkdocs-macros uses in this site (they can be configured)."""
    env = getattr(macros_plugin(config), "env", None)  # None until macros' own on_config has run
    return Markers() if env is None else environment_markers(env)


def prepare_page(markdown: str, page: Page, kind: str, config: MkDocsConfig) -> str:
    """Set an agreement page up for mkdocs-macros; keep macros off templates, which show braces."""
    if kind == "template":
        page.meta["render_macros"] = False
        return markdown
    page.meta.setdefault("render_macros", True)
    if page.meta["render_macros"] is True and macros_plugin(config) is not None:
        return protect_code(markdown, markers(config))
    return markdown
