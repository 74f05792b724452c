"""The working agreement in a MkDocs site: its pages and templates as files, and mkdocs-macros.

Agreement pages are prose rendered by mkdocs-macros, so they are only right when macros is on:
without it, each page that uses a macro gets an error naming its file and line (``--strict``
fails), rather than showing ``{{ }}`` to readers unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..model.agreement import Agreement
from ..model.problem import Problem, error
from ..pages.agreement import SITE_FOLDER
from ..pages.macro_guard import Markers, protect_code, template_lines
from ..readers.agreement import DATA_FILES, TEAM_FILES
from ..readers.frontmatter import split_front_matter
from ..site import SitePages
from .files import SourcePage

Taken = Callable[[Files, str, str], bool]


def add_pages(files: Files, config: MkDocsConfig, site: SitePages, taken: Taken) -> dict[str, str]:
    """Add the agreement's pages, templates and images; return each page's kind by its site path."""
    kinds: dict[str, str] = {}
    root = site.handbook.settings.root.resolve()
    agreement = site.handbook.agreement
    folder = site.handbook.settings.agreement_path
    data = [folder / name for name in TEAM_FILES + DATA_FILES if (folder / name).is_file()]
    for page in site.sourced:
        if taken(files, page.src_uri, page.source):
            continue
        depends = data if page.kind == "agreement" else []
        files.append(QuotingPage(page.src_uri, config, root / page.source, page.render, depends))
        kinds[page.src_uri] = page.kind
    if agreement is not None:
        for asset in agreement.assets:
            path = root / asset
            src_uri = f"{SITE_FOLDER}/{path.relative_to(folder).as_posix()}"
            if not taken(files, src_uri, asset):
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return kinds


class QuotingPage(SourcePage):
    """An agreement page: it quotes the roster and the agreement's data through macros, so
    ``mkdocs serve --dirty`` rebuilds it when either data file changes, not only its own file."""

    def __init__(
        self, src_uri: str, config: MkDocsConfig, source: Path, render: Callable[[], str], depends: list[Path]
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
    if env is None:
        return Markers()
    return Markers(
        env.variable_start_string, env.variable_end_string, env.block_start_string, env.comment_start_string
    )


def missing_macros(agreement: Agreement | None, config: MkDocsConfig) -> list[Problem]:
    """Report agreement pages that use macros in a site without the ``macros`` plugin."""
    if agreement is None or macros_plugin(config) is not None:
        return []
    problems = []
    for page in agreement.pages:
        if split_front_matter(page.text, page.source).data.get("render_macros") is False:
            continue
        lines = template_lines(page.text)
        if not lines:
            continue
        more = f" (and {len(lines) - 1} more lines)" if len(lines) > 1 else ""
        problems.append(
            error(
                page.source,
                lines[0],
                f"this page uses macros{more}, but the `macros` plugin is not enabled, so readers "
                "would see them as typed; add `- macros` under `plugins:` in mkdocs.yml.",
                "macros-disabled",
            )
        )
    return problems


def prepare_page(markdown: str, page: Page, kind: str, config: MkDocsConfig) -> str:
    """Set an agreement page up for mkdocs-macros; keep macros off templates, which show braces."""
    if kind == "template":
        page.meta["render_macros"] = False
        return markdown
    page.meta.setdefault("render_macros", True)
    if page.meta["render_macros"] is True and macros_plugin(config) is not None:
        return protect_code(markdown, markers(config))
    return markdown
