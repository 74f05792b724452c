"""The ``team-handbook`` MkDocs plugin: a thin adapter over the handbook core.

Events, in build order:

- ``on_startup``: under ``mkdocs serve``, caches of parsed and converted decisions that outlive
  rebuilds.
- ``on_config``: settings for the core, folders to watch, stylesheets and scripts, macros.
- ``on_files``: the core reads and checks every source once; decision pages, generated pages
  and exports join the site; problems go to the log, so ``--strict`` fails on them.
- ``on_nav``: the most recent decisions join the navigation; every decision gets its title,
  status and neighbours, which dirty builds would otherwise leave empty.
- ``on_page_markdown``: metadata for Material (tags, status), the macros opt-out, and the line
  under each page's title (owner, last review, last change).
- ``on_page_content``: a decision's header, and the long HTML blocks of generated pages, which
  skip Markdown conversion.
- ``on_post_page``: the Atom feed's link in every page's head, whatever the theme.
"""

from __future__ import annotations

import html
import itertools
import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..handbook import Handbook, load_handbook
from ..model.decision import Decision, Status
from ..model.page import HandbookPage
from ..model.problem import Problem, Severity
from ..pages import markdown as md
from ..pages.author_pages import adopt_author_pages, merge_into
from ..pages.decision_index import INDEX_PATH
from ..pages.decision_page import DecisionPageOptions, header
from ..pages.graph import GRAPH_PATH
from ..pages.macro_guard import protect_code
from ..pages.timeline import TIMELINE_PATH
from ..pages.urls import FEED_PATH, site_address
from ..readers.page_settings import page_settings
from ..readers.read_cache import ReadCache
from ..readers.site_config import site_config_problems
from ..settings import DEFAULT_AGREEMENT_DIR, DEFAULT_DECISIONS_DIR, Settings, SettingsError
from ..site import SitePages, build_site_pages
from . import agreement, assets, deferred, docs_files, macros, safe_meta
from .config import TeamHandbookConfig
from .files import SourcePage, generated_page
from .render_cache import DecisionPage, RenderCache

log = get_plugin_logger(__name__)

STATUS_TOOLTIPS = {status.value: f"{status.label} decision" for status in Status}


class TeamHandbookPlugin(BasePlugin[TeamHandbookConfig]):
    """Brings a team's decisions (and, later, its agreement) into a Material for MkDocs site."""

    supports_multiple_instances = False

    read_cache: ReadCache | None = None
    """Decisions parsed by earlier rebuilds of ``mkdocs serve``; the class keeps it, because
    MkDocs makes a new plugin object for every rebuild."""

    render_cache: RenderCache | None = None
    """Decision pages converted by earlier rebuilds of ``mkdocs serve``, kept by the class too."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.handbook: Handbook | None = None
        self.site: SitePages | None = None
        self.decision_files: dict[str, Decision] = {}
        self.generated_uris: set[str] = set()
        self.sourced_kinds: dict[str, str] = {}
        self.current_page: Page | None = None
        self.pages_by_uri: dict[str, HandbookPage] = {}
        self.set_aside: dict[str, list[str]] = {}
        self.config_problems: list[Problem] = []

    def page_path(self) -> str:
        """Return the site path of the page being rendered, for the handbook's macros."""
        return self.current_page.file.src_uri if self.current_page is not None else "index.md"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve``, keep parsed decisions between rebuilds."""
        serving = command == "serve"
        TeamHandbookPlugin.read_cache = ReadCache() if serving else None
        TeamHandbookPlugin.render_cache = RenderCache() if serving else None

    def on_shutdown(self) -> None:
        """Let go of the decisions kept for ``mkdocs serve``."""
        TeamHandbookPlugin.read_cache = None
        TeamHandbookPlugin.render_cache = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Turn the plugin's options into core settings and prepare the site."""
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        try:
            pages = page_settings(self.config)
            today = docs_files.build_date()
        except SettingsError as exc:
            raise PluginError(f"team-handbook: {exc}") from None
        if config.config_file_path:
            self.config_problems = site_config_problems(Path(config.config_file_path))
        self.settings = Settings(
            root=root,
            docs_dir=Path(config.docs_dir).resolve().relative_to(root).as_posix()
            if Path(config.docs_dir).resolve().is_relative_to(root)
            else config.docs_dir,
            decisions_dir=self.config.decisions_dir,
            status_aliases=dict(self.config.status_aliases),
            ignore=tuple(self.config.ignore),
            agreement_dir=self.config.agreement_dir,
            pages=pages,
            today=today,
        )
        _watch(config, self.settings, "decisions", self.config.decisions_dir, DEFAULT_DECISIONS_DIR)
        _watch(config, self.settings, "agreement", self.config.agreement_dir, DEFAULT_AGREEMENT_DIR)
        extra_status = config.extra.setdefault("status", {})
        for key, tooltip in STATUS_TOOLTIPS.items():
            extra_status.setdefault(key, tooltip)
        assets.register(config, mermaid=self.config.mermaid)
        macros.register(self, config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        """Read the handbook once and add its pages, exports and assets to the site."""
        if not self.config.enabled or self.settings is None:
            return files
        docs_pages = docs_files.published_docs_pages(files, config, self.settings.decisions_path)
        try:
            self.handbook = load_handbook(self.settings, docs_pages=docs_pages, cache=self.read_cache)
        except SettingsError as exc:
            raise PluginError(f"team-handbook: {exc}") from None
        self.site = build_site_pages(
            self.handbook,
            # The header goes in after Markdown (on_page_content): parsing it as raw HTML cost
            # Python-Markdown and MkDocs more than rendering the rest of the page.
            DecisionPageOptions(show_tags=not _has_tags_plugin(config), neighbours=False, header=False),
            graph_href=lambda decision: _relative_url(config, GRAPH_PATH, decision),
            page_url=lambda decision: _page_url(config, decision),
            address=site_address(config.site_name, config.site_url or "", config.use_directory_urls),
            index_href=lambda decision: _relative_url(config, INDEX_PATH, decision),
            timeline_href=lambda decision: _relative_url(config, TIMELINE_PATH, decision),
        )
        self.pages_by_uri = {page.src_uri: page for page in self.handbook.pages}
        _drop_refused(files, config, self.handbook)
        docs_files.hand_over_texts(files, self.handbook)
        adopt_author_pages(self.site.generated, {file.src_uri for file in files})
        self._add_decisions(files, config)
        self._add_generated(files, config)
        self.sourced_kinds = agreement.add_pages(files, config, self.site, _taken)
        assets.add_files(files, config, mermaid=self.config.mermaid)
        missing = agreement.missing_macros(self.handbook.agreement, config)
        report(self.handbook.problems + missing + self.config_problems)
        return files

    def _add_decisions(self, files: Files, config: MkDocsConfig) -> None:
        """Add a page per decision and copy the folder's images and other assets."""
        assert self.handbook is not None and self.site is not None
        self.decision_files = {}
        root = self.handbook.settings.root.resolve()
        nav_level = InclusionLevel.NOT_IN_NAV
        for decision in self.handbook.decisions:
            src_uri = md.decision_path(decision)
            page = SourcePage(
                src_uri, config, root / decision.source, self.site.renderer(decision), nav_level
            )
            if _taken(files, src_uri, decision.source):
                continue
            files.append(page)
            if self.render_cache is not None:  # under serve; a build leaves the page to MkDocs
                DecisionPage(page, config, self.render_cache)
            self.decision_files[src_uri] = decision
        decisions_root = self.handbook.settings.decisions_path
        for asset in self.handbook.decisions.assets:
            path = root / asset
            src_uri = "decisions/" + path.relative_to(decisions_root).as_posix()
            if not _taken(files, src_uri, asset):
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))

    def _add_generated(self, files: Files, config: MkDocsConfig) -> None:
        """Add the generated pages and exports; an author's page at the same path wins."""
        assert self.site is not None
        self.generated_uris = set()
        self.set_aside = {}
        for src_uri, content in self.site.generated.items():
            if src_uri.endswith(".md"):
                content, self.set_aside[src_uri] = deferred.set_aside(content)
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                if src_uri.endswith(".md"):
                    existing.content_string = merge_into(existing.content_string, content)
                    self.generated_uris.add(src_uri)
                else:
                    report([_collision(existing, src_uri)])
                continue
            files.append(generated_page(config, src_uri, content))
            if src_uri.endswith(".md"):
                self.generated_uris.add(src_uri)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        """List the most recent decisions in the navigation and link decisions to their neighbours."""
        if not self.decision_files or self.handbook is None:
            return nav
        pages: dict[str, Page] = {}
        for src_uri, decision in self.decision_files.items():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is not None:
                file.page.meta = self._meta(decision)
                pages[decision.id] = file.page
        ordered = [pages[d.id] for d in self.handbook.decisions if d.id in pages]
        for previous, following in itertools.pairwise(ordered):
            previous.next_page, following.previous_page = following, previous
        self._list_recent(nav, files, pages)
        return nav

    def _list_recent(self, nav: Navigation, files: Files, pages: dict[str, Page]) -> None:
        """Add the most recent decisions to the navigation section holding the decision index."""
        limit = self.config.nav_decisions
        index = files.get_file_from_path(INDEX_PATH)
        section = index.page.parent if index is not None and index.page is not None else None
        if limit == 0 or not isinstance(section, Section) or self.handbook is None:
            return
        recent = sorted(
            self.handbook.decisions,
            key=lambda d: (d.date.toordinal() if d.date else 0, d.number or 0),
            reverse=True,
        )
        chosen = recent if limit < 0 else recent[:limit]
        for decision in chosen:
            page = pages.get(decision.id)
            if page is not None and page.parent is None and page not in section.children:
                page.parent = section
                section.children.append(page)

    def _meta(self, decision: Decision) -> dict[str, object]:
        """Return the page metadata MkDocs and Material read for a decision page."""
        meta: dict[str, object] = {
            "title": _page_title(md.full_title(decision)),
            "render_macros": self.config.render_macros,
        }
        if decision.tags:
            meta["tags"] = [html.escape(tag, quote=False) for tag in decision.tags]
        if decision.status is not None:
            meta["status"] = decision.status.value
        return meta

    @event_priority(50)  # before mkdocs-macros (0) and Material's tags (-50)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give decision and generated pages their metadata, and keep macros off them."""
        self.current_page = page
        src_uri = page.file.src_uri
        decision = self.decision_files.get(src_uri)
        if self.settings is not None:  # every page's edit link and author's fields, made text
            safe_meta.safe_edit_url(page)
            if decision is None:  # a decision's metadata is the handbook's own, set below
                safe_meta.escape_front_matter(page.meta)
        if src_uri in self.sourced_kinds:
            markdown = agreement.prepare_page(markdown, page, self.sourced_kinds[src_uri], config)
        elif decision is not None:
            page.meta.update(self._meta(decision))
            if self.config.render_macros:  # mkdocs-macros runs next: keep the code as written
                markdown = protect_code(markdown, agreement.markers(config))
            return markdown  # its header and information line join in on_page_content
        elif src_uri in self.generated_uris:
            page.meta.setdefault("render_macros", self.config.render_macros)
            if src_uri == INDEX_PATH:
                page.meta.setdefault("hide", ["toc"])  # the table needs the width, it has no headings
        handbook_page = self.pages_by_uri.get(src_uri)
        if handbook_page is not None and self.site is not None:
            return docs_files.with_info(markdown, handbook_page, self.site)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Put a decision's header and information line under its title, as HTML, and the long
        blocks of generated pages back in their places."""
        if self.settings is not None:
            safe_meta.title_as_text(page)
        blocks = self.set_aside.get(page.file.src_uri)
        if blocks:
            return deferred.put_back(html, blocks)
        decision = self.decision_files.get(page.file.src_uri)
        if decision is None or self.site is None:
            return html
        block = header(decision, self.site.options)
        handbook_page = self.pages_by_uri.get(page.file.src_uri)
        if handbook_page is not None:
            block += "\n" + docs_files.info_html(handbook_page, self.site)
        title_end = html.find("</h1>")
        cut = title_end + len("</h1>") if title_end >= 0 else 0
        return html[:cut] + "\n" + block + "\n" + html[cut:]

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Link the Atom feed from every page's head, whatever the theme."""
        if self.site is None or FEED_PATH not in self.site.generated:
            return output
        return docs_files.with_feed_link(output, page, config.site_name)


def report(problems: list[Problem]) -> None:
    """Send problems to the MkDocs log: errors as warnings, so ``--strict`` fails on them;
    date-dependent reminders and notes as information, so they never break a build."""
    for problem in problems:
        if problem.severity is Severity.ERROR:
            log.warning(str(problem))
        else:
            log.info(str(problem))


def _watch(config: MkDocsConfig, settings: Settings, what: str, option: str, default: str) -> None:
    """Have ``mkdocs serve`` watch a source folder; a folder named in mkdocs.yml must exist.

    A folder that leads outside the handbook is not watched (the core reports it and reads nothing).
    """
    folder = settings.root / option
    if folder.is_dir():
        if settings.boundary.contains(Path(os.path.realpath(folder))):
            config.watch.append(str(folder.resolve()))
    elif option != default:
        raise PluginError(
            f"team-handbook: the {what} folder '{option}' does not exist (looked in {folder.resolve()}); "
            f"create it or correct `{what}_dir` in mkdocs.yml."
        )


def _page_title(title: str) -> str:
    """Return a title as MkDocs and Material use it: HTML, shown as text."""
    return safe_meta.page_title(title)


def _drop_refused(files: Files, config: MkDocsConfig, handbook: Handbook) -> None:
    """Take the files the core refused to read (links leaving the handbook, FIFOs …) out of the site,
    so MkDocs neither reads nor copies them; the core has reported each one."""
    if not handbook.refused:
        return
    docs = os.path.normpath(config.docs_dir)
    docs_dir = PurePosixPath(handbook.settings.docs_dir)
    refused = [PurePosixPath(path) for path in handbook.refused]
    for file in list(files):
        if file.generated_by is not None or file.src_dir is None or os.path.normpath(file.src_dir) != docs:
            continue
        source = docs_dir / file.src_uri
        if any(source == entry or entry in source.parents for entry in refused):
            files.remove(file)


def _has_tags_plugin(config: MkDocsConfig) -> bool:
    """Tell whether Material's tags plugin shows tags on pages itself."""
    return any(name in config.plugins for name in ("tags", "material/tags"))


def _page_url(config: MkDocsConfig, decision: Decision) -> str:
    """Return a decision page's address relative to the site root."""
    name = quote(decision.id)
    return f"decisions/{name}/" if config.use_directory_urls else f"decisions/{name}.html"


def _relative_url(config: MkDocsConfig, from_src: str, decision: Decision) -> str:
    """Return a decision page's address relative to a generated page in ``decisions/``."""
    name = quote(decision.id)
    if config.use_directory_urls:
        return f"../{name}/" if not from_src.endswith("index.md") else f"{name}/"
    return f"{name}.html"


def _taken(files: Files, src_uri: str, source: str) -> bool:
    """Tell whether another file already has this path in the site, reporting it if so."""
    existing = files.get_file_from_path(src_uri)
    if existing is None:
        return False
    if existing.abs_src_path and Path(existing.abs_src_path).resolve().as_posix().endswith(source):
        files.remove(existing)  # the decisions folder is inside docs/: our page replaces it
        return False
    report([_collision(existing, src_uri, source)])
    return True


def _collision(existing: File, src_uri: str, source: str | None = None) -> Problem:
    """Describe a page of the site that hides one the handbook would generate."""
    what = f"the page for {source}" if source else f"the generated {src_uri}"
    return Problem(
        source or src_uri,
        1,
        f"{existing.src_uri} in docs/ has the same address as {what}; rename one of them.",
        Severity.ERROR,
        "collision",
    )
