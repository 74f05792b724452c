"""The ``team-handbook`` MkDocs plugin: a thin adapter over the handbook core.

Events, in build order:

- ``on_startup``: under ``mkdocs serve``, caches of parsed and converted decisions that outlive
  rebuilds.
- ``on_config``: settings for the core, folders to watch, stylesheets and scripts, macros.
- ``on_files``: the core reads and checks every source once; decision pages, generated pages
  and exports join the site; problems go to the log, so ``--strict`` fails on them.
- ``on_nav``: the most recent decisions join the navigation, in the log's order, which is also the
  order of the previous/next links every decision gets, with its title and status (dirty builds
  would otherwise leave them empty).
- ``on_page_markdown``: metadata for Material (tags, status), the macros opt-out, and the line
  under each page's title (owner, last review, last change).
- ``on_page_content``: the long HTML blocks of generated pages, which skip Markdown conversion.
- ``on_page_context``: a decision's header, information line, banner and relations, after the
  search plugin has indexed the page (they are left out of search anyway, so it need not read
  them).
- ``on_env``: Material renders its navigation once for all the pages that show it the same way
  (every page the navigation does not list), rather than once per page.
- ``on_post_page``: the Atom feed's link in every page's head, whatever the theme.
"""

from __future__ import annotations

import html
import itertools
import os
from pathlib import Path, PurePosixPath

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..handbook import Handbook, load_handbook
from ..model.addresses import FEED_PATH, INDEX_PATH, site_address
from ..model.decision import Decision
from ..model.page import HandbookPage
from ..model.problem import Problem, Severity
from ..pages import markdown as md
from ..pages.decision_page import header
from ..pages.macro_guard import protect_code
from ..pages.redirects import follow_moves
from ..plan.navigation import recent_decisions
from ..plan.site_pages import SitePages
from ..plan.site_plan import Host, Role, SitePlan, plan_site
from ..readers.config_file import config_problems
from ..readers.handbook_settings import handbook_settings
from ..readers.lifecycle import lifecycle_of
from ..readers.read_cache import ReadCache
from ..settings import OptionError, Settings, SettingsError, read_clock
from . import agreement, assets, deferred, docs_files, macros, navigation, safe_meta
from .agreement import QuotingPage
from .config import TeamHandbookConfig
from .files import SourcePage, generated_page
from .render_cache import RenderCache, decision_page

log = get_plugin_logger(__name__)


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
        self.plan: SitePlan | None = None
        self.decision_files: dict[str, Decision] = {}
        self.generated_uris: set[str] = set()
        self.sourced_kinds: dict[str, str] = {}
        self.current_page: Page | None = None
        self.pages_by_uri: dict[str, HandbookPage] = {}
        self.set_aside: dict[str, list[str]] = {}
        self.moved: dict[str, str] = {}
        """Pages of a decision log inside docs/ and where they are published now, by path in docs."""
        self.update_uris: set[str] = set()
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
        config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        try:
            self.settings = handbook_settings(
                Path(config_dir).resolve(),
                os.path.relpath(config.docs_dir, config_dir),
                self.config,
                read_clock(),
            )
            lifecycle = lifecycle_of(self.settings)
        except OptionError as exc:  # worded as MkDocs words its own option errors
            raise PluginError(str(exc)) from None
        except SettingsError as exc:
            raise PluginError(f"team-handbook: {exc}") from None
        if config.config_file_path:
            self.config_problems = config_problems(Path(config.config_file_path))
        for folder in (self.settings.decisions_dir, self.settings.agreement_dir, self.settings.updates_dir):
            _watch(config, self.settings, folder)
        extra_status = config.extra.setdefault("status", {})
        for status in lifecycle:
            extra_status.setdefault(status.key, f"{status.label} decision")
        docs_files.exclude_log(config, self.settings.decisions_path)
        assets.register(config, mermaid=self.settings.mermaid)
        macros.register(self, config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        """Read the handbook once, plan the site, and add the plan's files to MkDocs' files."""
        if not self.config.enabled or self.settings is None:
            return files
        docs_pages = docs_files.published_docs_pages(files, config, self.settings.decisions_path)
        try:
            self.handbook = load_handbook(self.settings, docs_pages=docs_pages, cache=self.read_cache)
        except SettingsError as exc:
            raise PluginError(f"team-handbook: {exc}") from None
        _drop_refused(files, config, self.handbook)
        self.plan = plan_site(
            self.handbook,
            docs_files.builder_files(files),
            site_address(config.site_name, config.site_url or "", config.use_directory_urls),
            Host(
                macros=agreement.macros_plugin(config) is not None,
                tags=_has_tags_plugin(config),
                # The header, banner and relations go in after Markdown (on_page_context): parsing
                # them as raw HTML cost Python-Markdown and MkDocs more than the rest of the page.
                header_after_conversion=True,
                neighbours=False,  # MkDocs links previous and next pages itself
                mermaid=self.settings.mermaid,
            ),
        )
        self.site = self.plan.site
        self.moved = self.plan.moved
        self.pages_by_uri = {page.src_uri: page for page in self.handbook.pages}
        docs_files.hand_over_texts(files, self.handbook)
        for src_uri in self.plan.replaced:
            files.remove(files.get_file_from_path(src_uri))
        self._add_planned(files, config)
        report(self.plan.problems + self.config_problems)
        return files

    def _add_planned(self, files: Files, config: MkDocsConfig) -> None:
        """Turn each file of the plan into a MkDocs file; docs files are MkDocs' own already."""
        assert self.plan is not None
        self.decision_files, self.generated_uris, self.sourced_kinds, self.set_aside = {}, set(), {}, {}
        self.update_uris = set()
        for planned in self.plan.files.values():
            role, src_uri = planned.role, planned.src_uri
            inclusion = InclusionLevel.UNDEFINED if planned.in_nav else InclusionLevel.NOT_IN_NAV
            if role is Role.DOCS:
                continue
            if role in (Role.MERGED, Role.GENERATED):
                content, self.set_aside[src_uri] = deferred.set_aside(planned.produce())
                self.generated_uris.add(src_uri)
                if role is Role.MERGED:
                    files.get_file_from_path(src_uri).content_string = content
                else:
                    files.append(generated_page(config, src_uri, content, inclusion))
            elif role is Role.DECISION:
                page = SourcePage(src_uri, config, planned.path, planned.produce, inclusion)
                files.append(page)
                if self.render_cache is not None:  # under serve; a build leaves the page to MkDocs
                    decision_page(page, config, self.render_cache)
                self.decision_files[src_uri] = planned.decision
            elif role is Role.UPDATE:
                files.append(SourcePage(src_uri, config, planned.path, planned.produce, inclusion))
                self.update_uris.add(src_uri)
            elif role in (Role.AGREEMENT, Role.TEMPLATE):
                files.append(QuotingPage(src_uri, config, planned.path, planned.produce, planned.depends))
                self.sourced_kinds[src_uri] = role.value
            elif role in (Role.EXPORT, Role.REDIRECT):
                files.append(generated_page(config, src_uri, planned.produce()))
            else:  # ASSET, PACKAGED: copied as they are
                files.append(File.generated(config, src_uri, abs_src_path=str(planned.path)))

    def _prepare_update(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """Give an update's page its title and keep macros off it, as for decisions."""
        page.meta.setdefault("render_macros", self.config.render_macros)
        if page.meta["render_macros"] is True and agreement.macros_plugin(config) is not None:
            return protect_code(markdown, agreement.markers(config))
        return markdown

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
        """Add the most recent decisions to the navigation section holding the decision index.

        The most recent are chosen by date (then number), and listed in the log's order, by
        number: the order of the previous/next links at the foot of each decision, and of the
        index. Reading down the list is clicking "Next"; the newest decision comes last.
        """
        limit = self.settings.nav_decisions if self.settings is not None else 0
        index = files.get_file_from_path(INDEX_PATH)
        section = index.page.parent if index is not None and index.page is not None else None
        if limit == 0 or not isinstance(section, Section) or self.handbook is None:
            return
        chosen = recent_decisions(self.handbook.decisions.decisions, limit)
        listed = {id(child) for child in section.children}
        for decision in chosen:
            page = pages.get(decision.id)
            if page is not None and page.parent is None and id(page) not in listed:
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
        if src_uri in self.update_uris:
            return self._prepare_update(markdown, page, config)
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
        if self.moved and decision is None:  # links into a log inside docs/ follow it to its pages
            markdown = follow_moves(markdown, src_uri, self.moved)
        handbook_page = self.pages_by_uri.get(src_uri)
        if handbook_page is not None and self.site is not None:
            return docs_files.with_info(markdown, handbook_page, self.site)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Put the long blocks of generated pages back in their places."""
        if self.settings is not None:
            safe_meta.title_as_text(page)
        blocks = self.set_aside.get(page.file.src_uri)
        if blocks:
            return deferred.put_back(html, blocks)
        return html

    @event_priority(-100)  # after the search plugin (0) has indexed the page
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Put a decision's header and information line under its title, and its banner and
        relations in place of their marks, as HTML.

        All are marked ``data-search-exclude``: put in after the search plugin has read the page,
        they leave its index as it was, and spare it parsing them on every decision page. Put in
        on every build from this build's handbook, they follow edits to other decisions even when
        the render cache reuses this page's conversion.
        """
        decision = self.decision_files.get(page.file.src_uri)
        if decision is None or self.site is None or page.content is None:
            return context
        block = header(decision, self.site.options)
        handbook_page = self.pages_by_uri.get(page.file.src_uri)
        if handbook_page is not None:
            block += "\n" + docs_files.info_html(handbook_page, self.site)
        html = self.site.notices(decision).put_in(page.content)
        title_end = html.find("</h1>")
        cut = title_end + len("</h1>") if title_end >= 0 else 0
        page.content = html[:cut] + "\n" + block + "\n" + html[cut:]
        return context

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Have Material render the navigation once for all the pages that show it the same way."""
        if self.settings is not None:
            navigation.share_navigation(env, config, files)
        return env

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


def _watch(config: MkDocsConfig, settings: Settings, option: str) -> None:
    """Have ``mkdocs serve`` watch a source folder, if it exists (one named in mkdocs.yml must).

    A folder that leads outside the handbook is not watched (the core reports it and reads nothing).
    """
    folder = settings.root / option
    if folder.is_dir() and settings.boundary.contains(Path(os.path.realpath(folder))):
        config.watch.append(str(folder.resolve()))


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
