"""Everything the handbook publishes, as Markdown and data, for any site builder.

The MkDocs plugin adds these pages to its site; ``handbook render`` writes them to a folder so
another static-site builder can publish them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .exports.decisions_json import decisions_json
from .handbook import Handbook
from .model.decision import Decision
from .pages.agreement import page_path, template_path
from .pages.decision_index import INDEX_PATH, decision_index
from .pages.decision_page import DecisionPageOptions, decision_page
from .pages.graph import GRAPH_PATH, relationship_graph
from .pages.log_index import LogIndex
from .pages.template_page import template_page
from .pages.timeline import TIMELINE_PATH, timeline

Href = Callable[[Decision], str]


@dataclass(frozen=True)
class SourcedPage:
    """A page built from one source file outside ``docs/``: an agreement page or a template."""

    src_uri: str
    """Its path in the site, e.g. ``working-agreement/overlap-hours.md``."""

    source: str
    """Its file, relative to the handbook root."""

    render: Callable[[], str]
    kind: str
    """``agreement`` (prose rendered by macros) or ``template`` (shown as written)."""


@dataclass
class SitePages:
    """The generated pages and exports of a handbook, and a renderer for each decision page."""

    handbook: Handbook
    index: LogIndex
    options: DecisionPageOptions
    generated: dict[str, str] = field(default_factory=dict)
    """Generated files by their path in the site: Markdown pages and data exports."""

    sourced: list[SourcedPage] = field(default_factory=list)
    """Pages of the working agreement and its templates, each from its own file."""

    def decision_markdown(self, decision: Decision) -> str:
        """Return the Markdown of one decision's page."""
        return decision_page(decision, self.index, self.options)

    def renderer(self, decision: Decision) -> Callable[[], str]:
        """Return a function that renders a decision's page when it is needed."""
        return lambda: self.decision_markdown(decision)


def build_site_pages(
    handbook: Handbook,
    options: DecisionPageOptions | None = None,
    graph_href: Href | None = None,
    page_url: Href | None = None,
    index_href: Href | None = None,
    timeline_href: Href | None = None,
) -> SitePages:
    """Render the generated pages once per build.

    ``graph_href`` is a decision's address relative to the graph page and ``page_url`` its address
    relative to the site root; both depend on how the builder lays out URLs. With ``index_href``,
    a decision's address relative to the index, the index's table is HTML rather than Markdown;
    likewise ``timeline_href`` for the timeline.
    """
    log = handbook.decisions
    site = SitePages(handbook, LogIndex(log), options or DecisionPageOptions())
    if handbook.settings.decisions_path.is_dir():
        site.generated[INDEX_PATH] = decision_index(log, href=index_href)
        site.generated[TIMELINE_PATH] = timeline(log, timeline_href)
        site.generated[GRAPH_PATH] = relationship_graph(log, graph_href)
    site.generated["decisions.json"] = decisions_json(log, handbook.problems, page_url)
    site.sourced = agreement_pages(handbook)
    return site


def agreement_pages(handbook: Handbook) -> list[SourcedPage]:
    """Return the agreement's narrative pages (as written) and a page per writing template."""
    agreement = handbook.agreement
    if agreement is None:
        return []
    pages = [
        SourcedPage(page_path(page), page.source, lambda page=page: page.text, "agreement")
        for page in agreement.pages
    ]
    pages += [
        SourcedPage(template_path(t), t.source, lambda t=t: template_page(t), "template")
        for t in agreement.templates
    ]
    return pages
