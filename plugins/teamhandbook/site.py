"""Everything the handbook publishes, as Markdown and data, for any site builder.

The MkDocs plugin adds these pages to its site; ``handbook render`` writes them to a folder so
another static-site builder can publish them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .checks.review import Review, reviews
from .exports.atom import atom_feed
from .exports.changes_json import changes_json
from .exports.decisions_json import decisions_json
from .handbook import Handbook
from .model.decision import Decision
from .pages.agreement import key_figures, page_path, template_path
from .pages.changes import between, change_events, open_for_feedback
from .pages.decision_index import INDEX_PATH, decision_index
from .pages.decision_page import DecisionPageOptions, decision_page
from .pages.graph import GRAPH_PATH, relationship_graph
from .pages.log_index import LogIndex
from .pages.needs_review import needs_review
from .pages.start_here import Onboarding, start_here
from .pages.template_page import template_page
from .pages.timeline import TIMELINE_PATH, timeline
from .pages.urls import CHANGES_PATH, FEED_PATH, NEEDS_REVIEW_PATH, WHATS_NEW_PATH, SiteAddress
from .pages.whats_new import whats_new

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

    reviews: dict[str, Review] = field(default_factory=dict)
    """The review of each page that has one, by source path, as of the handbook's date."""
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
    address: SiteAddress | None = None,
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
    statuses = handbook.lifecycle.ordered() if len(handbook.lifecycle) else None
    site.generated["decisions.json"] = decisions_json(log, handbook.problems, page_url, statuses)
    site.sourced = agreement_pages(handbook)
    _add_onboarding_and_changes(site, address or SiteAddress())
    return site


def _add_onboarding_and_changes(site: SitePages, address: SiteAddress) -> None:
    """Add the start pages, Needs review, What's new, the Atom feed and ``changes.json``."""
    handbook, options = site.handbook, site.handbook.settings.pages
    onboarding = Onboarding(handbook.pages, handbook.decisions, options)
    for path, audience in onboarding.start_pages():
        figures = key_figures(handbook.agreement, path)
        site.generated[path] = start_here(onboarding, audience, key_figures=figures)
    events = change_events(handbook.pages, handbook.decisions, handbook.history)
    today = handbook.today
    if today is not None:
        found = reviews(handbook.pages, handbook.history, today, options.review_due_soon)
        site.reviews = {review.page.source: review for review in found}
        site.generated[NEEDS_REVIEW_PATH] = needs_review(
            handbook.pages, found, today, options.review_due_soon, options.audiences
        )
        recent = between(events, today - dt.timedelta(days=options.whats_new_days))
        waiting = open_for_feedback(handbook.decisions)
        site.generated[WHATS_NEW_PATH] = whats_new(
            recent,
            waiting,
            today,
            options.whats_new_days,
            feed=bool(address.url),
            file_times=handbook.history.reason,
        )
        if address.url:
            site.generated[FEED_PATH] = atom_feed(events, address, today, options.feed_entries)
    site.generated[CHANGES_PATH] = changes_json(handbook.pages, handbook.history, address)


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
