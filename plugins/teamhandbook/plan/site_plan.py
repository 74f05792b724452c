"""The plan of the site: every page and file the handbook publishes, where, and from what.

The plan is computed once per build from the read handbook. The MkDocs adapter turns it into
MkDocs files, ``handbook render`` writes it to a folder, and ``handbook check`` checks links
against it: three consumers, one list of what is published and one list of problems.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path, PurePosixPath

from ..handbook import Handbook
from ..model.addresses import DECISIONS_FOLDER, INDEX_PATH, SiteAddress
from ..model.addresses import decision_path as decision_src_uri
from ..model.decision import Decision
from ..model.problem import Problem, Severity
from ..pages.agreement import SITE_FOLDER as AGREEMENT_FOLDER
from ..pages.author_pages import adopt_author_pages, merge_into
from ..pages.decision_page import DecisionPageOptions
from ..pages.markdown import full_title
from ..pages.redirects import INDEX_STEMS, redirect_file, redirect_page, relative_url
from ..readers.agreement import DATA_FILES, TEAM_FILES
from .assets import packaged_assets
from .macros_needed import missing_macros
from .site_pages import SitePages, build_site_pages


class Role(StrEnum):
    """What a file of the site is, which decides how each builder publishes it."""

    DOCS = "docs"
    """A file an author keeps in the docs folder; the builder has it already."""

    MERGED = "merged"
    """An author's page at a generated page's address: their text, with the generated part put in."""

    DECISION = "decision"
    AGREEMENT = "agreement"
    """A page of the working agreement: prose whose macros quote the agreement's data."""

    TEMPLATE = "template"
    """A writing template of the working agreement, shown as written."""

    GENERATED = "generated"
    """A page the handbook writes: the decision index, timeline, start pages, What's new…"""

    EXPORT = "export"
    """A data file the handbook writes: ``decisions.json``, ``feed.xml``, ``changes.json``."""

    ASSET = "asset"
    """A file next to the decisions or the agreement (an image), copied as it is."""

    PACKAGED = "packaged"
    """A stylesheet or script the handbook ships with itself."""

    UPDATE = "update"
    """A written update: a weekly update, a handoff note, meeting notes."""

    REDIRECT = "redirect"
    """An HTML page at an address that moved (a log kept in ``docs/``), sending readers on."""


PAGE_ROLES = frozenset(
    {Role.DOCS, Role.MERGED, Role.DECISION, Role.AGREEMENT, Role.TEMPLATE, Role.GENERATED, Role.UPDATE}
)


@dataclass(frozen=True)
class PlannedFile:
    """One file of the site."""

    src_uri: str
    """Its path in the site: ``decisions/0001-x.md``."""

    role: Role
    source: str = ""
    """The file an author edits, relative to the handbook root; '' for generated files."""

    path: Path | None = None
    """The absolute path of that file, for builders that copy it or watch it."""

    produce: Callable[[], str] | None = None
    """Returns the file's text (Markdown or data); None for files copied as they are."""

    depends: tuple[Path, ...] = ()
    """Other files whose change changes this one (the agreement's data, for its pages)."""

    decision: Decision | None = None
    in_nav: bool = True
    """False for pages the navigation must not list, which would otherwise be on every page
    (decisions but the most recent, updates, a page per person and per week)."""

    @property
    def is_page(self) -> bool:
        """Tell whether the file is a Markdown page of the site."""
        return self.role in PAGE_ROLES and self.src_uri.lower().endswith(".md")


@dataclass(frozen=True)
class Host:
    """What the site builder does itself, which decides what the pages carry."""

    macros: bool = False
    """The site renders pages with mkdocs-macros (or an equivalent)."""

    tags: bool = False
    """The builder shows a page's tags itself (Material's tags plugin)."""

    header_after_conversion: bool = False
    """The builder puts each decision's header, banner and relations in after converting the
    Markdown (the plugin); the Markdown holds marks in the place of the banner and relations."""

    neighbours: bool = True
    """Decision pages end with links to the previous and next decision (builders without a footer)."""

    mermaid: str = "local"

    links_from_source: bool = False
    """The builder rewrites relative links in raw HTML from the page's source file (Zensical)."""

    html_relations: bool = False
    """Write a decision's banner and relations as HTML, as the plugin does, rather than Markdown
    any builder resolves: for a builder whose URL style is the plan's (a project ``handbook render``
    writes with its configuration)."""


@dataclass
class SitePlan:
    """Every file of the site, by its path in the site, and the problems of publishing them."""

    address: SiteAddress
    site: SitePages
    files: dict[str, PlannedFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """The handbook's problems and those of the plan (addresses taken twice, macros missing)."""

    replaced: list[str] = field(default_factory=list)
    """Pages of the docs folder the handbook publishes itself: a decision log kept in ``docs/``."""

    moved: dict[str, str] = field(default_factory=dict)
    """Where each of those pages is published now (its decision page, or the decision index), by
    path in the site; links to them from other pages follow them there."""

    def pages(self) -> list[PlannedFile]:
        """Return the Markdown pages of the site."""
        return [file for file in self.files.values() if file.is_page]

    def url(self, src_uri: str) -> str:
        """Return the address of a file of the site, relative to the site root."""
        return self.address.page_url(src_uri)


def plan_site(
    handbook: Handbook,
    docs: Mapping[str, Path],
    address: SiteAddress | None = None,
    host: Host | None = None,
) -> SitePlan:
    """Return the plan of the site.

    ``docs`` holds every file the builder takes from the docs folder (and from other plugins), by
    path in the site, with its location on disk when it has one.
    """
    host = host or Host()
    address = replace(address or SiteAddress(), links_from_source=host.links_from_source)
    site = build_site_pages(
        handbook,
        DecisionPageOptions(
            show_tags=not host.tags,
            neighbours=host.neighbours,
            header=not host.header_after_conversion,
            notices=not host.header_after_conversion,
            # The plugin writes banners and relations as HTML, kept out of search snippets; every
            # decision page is a sibling of the others, so one relative address serves them all.
            href=(lambda d: address.relative_url(decision_src_uri(d), f"{DECISIONS_FOLDER}/page.md"))
            if host.header_after_conversion or host.html_relations
            else None,
        ),
        address=address,
        href=lambda decision, from_page: address.relative_url(decision_src_uri(decision), from_page),
    )
    plan = SitePlan(address, site, problems=list(handbook.problems))
    decisions = handbook.settings.decisions_path
    plan.replaced = sorted(
        src_uri
        for src_uri, path in docs.items()
        if path is not None and src_uri.lower().endswith(".md") and _inside(path, decisions)
    )
    authors = {src_uri: path for src_uri, path in docs.items() if src_uri not in plan.replaced}
    for src_uri, path in authors.items():
        plan.files[src_uri] = PlannedFile(src_uri, Role.DOCS, handbook.settings.relative(path), path)
    _plan_decisions(plan, handbook, authors)
    _plan_generated(plan, handbook, authors)
    _plan_agreement(plan, handbook, authors)
    _plan_updates(plan, handbook, authors)
    _plan_redirects(plan, handbook, docs)
    for src_uri, path in packaged_assets(host.mermaid).items():
        plan.files.setdefault(src_uri, PlannedFile(src_uri, Role.PACKAGED, path=path))
    plan.problems += missing_macros(handbook.agreement, host.macros)
    plan.problems.sort(key=lambda p: (p.file, p.line))
    return plan


def _plan_decisions(plan: SitePlan, handbook: Handbook, authors: Mapping[str, Path | None]) -> None:
    """Plan a page per decision and a copy of each file next to them."""
    root = handbook.settings.root
    for decision in handbook.decisions:
        src_uri = decision_src_uri(decision)
        if _taken(plan, src_uri, authors, decision.source):
            continue
        plan.files[src_uri] = PlannedFile(
            src_uri,
            Role.DECISION,
            decision.source,
            root / decision.source,
            plan.site.renderer(decision),
            decision=decision,
            in_nav=False,
        )
    folder = handbook.settings.decisions_path
    for asset in handbook.decisions.assets:
        path = root / asset
        src_uri = f"{DECISIONS_FOLDER}/{path.resolve().relative_to(folder).as_posix()}"
        if not _taken(plan, src_uri, authors, asset):
            plan.files[src_uri] = PlannedFile(src_uri, Role.ASSET, asset, path)


def _plan_generated(plan: SitePlan, handbook: Handbook, authors: Mapping[str, Path | None]) -> None:
    """Plan the generated pages and exports; an author's page at a page's address keeps its text."""
    generated = plan.site.generated
    adopt_author_pages(generated, {uri for uri in authors if uri.lower().endswith(".md")})
    texts = {page.src_uri: page.text for page in handbook.pages}
    for src_uri, content in generated.items():
        is_page = src_uri.endswith(".md")
        if src_uri in authors and is_page:
            author = plan.files[src_uri]
            text = texts.get(src_uri, "")
            plan.files[src_uri] = PlannedFile(
                src_uri, Role.MERGED, author.source, author.path, lambda t=text, c=content: merge_into(t, c)
            )
        elif not _taken(plan, src_uri, authors):
            role = Role.GENERATED if is_page else Role.EXPORT
            in_nav = src_uri not in plan.site.off_nav
            plan.files[src_uri] = PlannedFile(src_uri, role, produce=lambda c=content: c, in_nav=in_nav)


def _plan_agreement(plan: SitePlan, handbook: Handbook, authors: Mapping[str, Path | None]) -> None:
    """Plan the working agreement's pages, its templates' pages and its images."""
    agreement = handbook.agreement
    if agreement is None:
        return
    root, folder = handbook.settings.root, handbook.settings.agreement_path
    data = tuple(folder / name for name in TEAM_FILES + DATA_FILES if (folder / name).is_file())
    for page in plan.site.sourced:
        if _taken(plan, page.src_uri, authors, page.source):
            continue
        role = Role.AGREEMENT if page.kind == "agreement" else Role.TEMPLATE
        depends = data if role is Role.AGREEMENT else ()
        plan.files[page.src_uri] = PlannedFile(
            page.src_uri, role, page.source, root / page.source, page.render, depends
        )
    for asset in agreement.assets:
        path = root / asset
        src_uri = f"{AGREEMENT_FOLDER}/{path.relative_to(folder).as_posix()}"
        if not _taken(plan, src_uri, authors, asset):
            plan.files[src_uri] = PlannedFile(src_uri, Role.ASSET, asset, path)


def _plan_updates(plan: SitePlan, handbook: Handbook, authors: Mapping[str, Path | None]) -> None:
    """Plan a page per written update, out of the navigation, and the images next to them."""
    root = handbook.settings.root
    for page in plan.site.update_pages:
        if not _taken(plan, page.src_uri, authors, page.source):
            plan.files[page.src_uri] = PlannedFile(
                page.src_uri, Role.UPDATE, page.source, root / page.source, page.render, in_nav=False
            )
    for src_uri, asset in plan.site.update_assets().items():
        if not _taken(plan, src_uri, authors, asset):
            plan.files[src_uri] = PlannedFile(src_uri, Role.ASSET, asset, root / asset)


def _plan_redirects(plan: SitePlan, handbook: Handbook, docs: Mapping[str, Path]) -> None:
    """Keep the old addresses of a decision log kept in ``docs/`` working: each page that moved
    gets a redirect page there, and links to it from other pages follow it."""
    if not plan.replaced:
        return
    settings = handbook.settings
    new_place = {}
    for decision in handbook.decisions:
        path = (settings.root / decision.source).resolve()
        if path.is_relative_to(settings.docs_path):
            new_place[path.relative_to(settings.docs_path).as_posix()] = decision_src_uri(decision)
    index = INDEX_PATH if INDEX_PATH in plan.files else None
    titles = {decision_src_uri(d): full_title(d) for d in handbook.decisions} | {INDEX_PATH: "Decision log"}
    for src_uri in plan.replaced:
        stem = PurePosixPath(src_uri).stem.lower()
        target = new_place.get(src_uri) or (index if stem in INDEX_STEMS else None)
        if target is None or target == src_uri:
            continue
        plan.moved[src_uri] = target
        where = redirect_file(src_uri, plan.address.directory_urls)
        if where in plan.files or where in docs:
            continue
        url = plan.address.page_url(target)
        content = redirect_page(relative_url(url, where), titles.get(target, target))
        plan.files[where] = PlannedFile(where, Role.REDIRECT, produce=lambda c=content: c)


def _taken(plan: SitePlan, src_uri: str, authors: Mapping[str, Path | None], source: str = "") -> bool:
    """Tell whether a path of the site is taken already, reporting the collision if it is.

    The same file seen twice (a log kept in ``docs/``, whose images are the docs folder's too) is
    no collision: the docs folder publishes it already.
    """
    existing = plan.files.get(src_uri)
    if existing is None and src_uri not in authors:
        return False
    path = authors.get(src_uri)
    if (
        source
        and path is not None
        and path.resolve() == (plan.site.handbook.settings.root / source).resolve()
    ):
        return True
    what = f"the page for {source}" if source else f"the generated {src_uri}"
    holder = existing.source if existing is not None and existing.source else src_uri
    plan.problems.append(
        Problem(
            source or src_uri,
            1,
            f"{holder} has the same address in the site as {what}; rename one of them.",
            Severity.ERROR,
            "collision",
        )
    )
    return True


def _inside(path: Path, folder: Path) -> bool:
    """Tell whether a file lies inside a folder, symbolic links resolved."""
    return path.resolve().is_relative_to(folder)


__all__ = ["Host", "PlannedFile", "Role", "SitePlan", "plan_site"]
