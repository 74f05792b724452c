"""The pages and exports the handbook generates, as Markdown and data, for any site builder.

The site plan (``site_plan``) places them in the site with every other file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..checks.review import Review, reviews
from ..exports.atom import atom_feed
from ..exports.changes_json import changes_json
from ..exports.decisions_json import decisions_json
from ..exports.updates_feed import update_entries
from ..handbook import Handbook
from ..model.addresses import (
    CHANGES_PATH,
    DECISIONS_JSON_PATH,
    FEED_PATH,
    GRAPH_PATH,
    INDEX_PATH,
    NEEDS_REVIEW_PATH,
    TIMELINE_PATH,
    WHATS_NEW_PATH,
    SiteAddress,
    decision_path,
)
from ..model.decision import Decision
from ..model.page import HandbookPage
from ..pages.agreement import key_figures, page_path, template_path
from ..pages.changes import between, change_events, open_for_feedback, reader_facing
from ..pages.decision_index import decision_index
from ..pages.decision_page import DecisionPageOptions, Notices, decision_page, notices
from ..pages.graph import relationship_graph
from ..pages.log_index import LogIndex
from ..pages.needs_review import needs_review
from ..pages.page_info import page_info
from ..pages.start_here import Onboarding, start_here
from ..pages.template_page import template_page
from ..pages.timeline import timeline
from ..pages.updates_boards import actions_page, blockers_page
from ..pages.updates_common import (
    ACTION_ITEMS,
    BLOCKERS,
    PROJECTS,
    STILL_TO_WRITE,
    UPDATES_INDEX,
    UpdateSite,
    update_path,
)
from ..pages.updates_index import updates_index
from ..pages.updates_page import update_page
from ..pages.updates_people import person_pages
from ..pages.updates_projects import projects_page
from ..pages.updates_weeks import week_pages
from ..pages.updates_writing import still_to_write
from ..pages.whats_new import whats_new

Href = Callable[[Decision, str], str]
"""A decision page's address relative to another page of the site, given by its path in the site."""


@dataclass(frozen=True)
class SourcedPage:
    """A page built from one source file outside ``docs/``: an agreement page or a template."""

    src_uri: str
    """Its path in the site, e.g. ``working-agreement/overlap-hours.md``."""

    source: str
    """Its file, relative to the handbook root."""

    render: Callable[[], str]
    kind: str
    """``agreement`` (prose rendered by macros), ``template`` (shown as written) or ``update``
    (shown as written, under a header)."""


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

    update_site: UpdateSite | None = None
    """What the updates pages are made from; None when the handbook has no updates folder."""

    update_pages: list[SourcedPage] = field(default_factory=list)
    """A page per update, each from its own file."""

    off_nav: set[str] = field(default_factory=set)
    """Generated pages kept out of the navigation (one per person and per week): listing them all
    would put every one into every page's navigation."""

    def update_assets(self) -> dict[str, str]:
        """Return the images and other files of the updates folder, by their path in the site."""
        log = self.handbook.updates
        if log is None:
            return {}
        root = self.handbook.settings.root
        folder = self.handbook.settings.updates_path
        return {"updates/" + (root / a).resolve().relative_to(folder).as_posix(): a for a in log.assets}

    _pages_by_uri: dict[str, HandbookPage] | None = field(default=None, repr=False)

    def page_by_uri(self, src_uri: str) -> HandbookPage | None:
        """Return the handbook page published at a path of the site (an author's page, a decision,
        an agreement page), or None for a generated page."""
        if self._pages_by_uri is None:
            self._pages_by_uri = {page.src_uri: page for page in self.handbook.pages}
        return self._pages_by_uri.get(src_uri)

    def info_line(self, page: HandbookPage) -> str:
        """Return the line under a page's title: its owner, last review and last change, as HTML
        ('' when there is nothing to say)."""
        history, review = self.handbook.history.get(page.source), self.reviews.get(page.source)
        return page_info(page, history, review, self.handbook.today)

    _notices: dict[str, Notices] = field(default_factory=dict, repr=False)

    def notices(self, decision: Decision) -> Notices:
        """Return a decision's banner and relations, made once per build (for its Markdown, and
        for the builder that puts them in after conversion)."""
        made = self._notices.get(decision.id)
        if made is None:
            made = self._notices[decision.id] = notices(decision, self.index, self.options)
        return made

    def decision_markdown(self, decision: Decision) -> str:
        """Return the Markdown of one decision's page."""
        return decision_page(decision, self.index, self.options, self.notices(decision))

    def renderer(self, decision: Decision) -> Callable[[], str]:
        """Return a function that renders a decision's page when it is needed."""
        return lambda: self.decision_markdown(decision)


def build_site_pages(
    handbook: Handbook,
    options: DecisionPageOptions | None = None,
    address: SiteAddress | None = None,
    href: Href | None = None,
) -> SitePages:
    """Render the generated pages once per build.

    ``address`` says how the site lays out addresses. With ``href``, a decision page's address
    relative to a page of the site, the index's table and the timeline's lists are written as
    HTML rather than Markdown (cheaper for the builder to convert).
    """
    log = handbook.decisions
    address = address or SiteAddress()
    site = SitePages(handbook, LogIndex(log), options or DecisionPageOptions())

    def from_page(page: str) -> Callable[[Decision], str] | None:
        """Return the addresses of decision pages relative to ``page``, if ``href`` gives them."""
        return (lambda decision: href(decision, page)) if href else None

    def graph_href(decision: Decision) -> str:
        return address.resolved_url(decision_path(decision), GRAPH_PATH)  # a diagram's: not rewritten

    if handbook.settings.decisions_path.is_dir():
        site.generated[INDEX_PATH] = decision_index(log, href=from_page(INDEX_PATH))
        site.generated[TIMELINE_PATH] = timeline(log, from_page(TIMELINE_PATH))
        site.generated[GRAPH_PATH] = relationship_graph(log, graph_href)
    statuses = handbook.lifecycle.ordered() if len(handbook.lifecycle) else None
    site.generated[DECISIONS_JSON_PATH] = decisions_json(
        log, handbook.problems, address.decision_url, statuses
    )
    site.sourced = agreement_pages(handbook)
    _add_updates(site, address)
    _add_onboarding_and_changes(site, address)
    return site


def _add_updates(site: SitePages, address: SiteAddress) -> None:
    """Add the updates index, the boards, the projects page, a page per person, week and update."""
    handbook = site.handbook
    if handbook.updates is None:
        return
    team = handbook.agreement.team if handbook.agreement is not None else None
    updates = UpdateSite(
        handbook.updates, handbook.boards, team, handbook.decisions, handbook.today, handbook.now, address
    )
    site.update_site = updates
    site.generated[UPDATES_INDEX] = updates_index(updates)
    site.generated[STILL_TO_WRITE] = still_to_write(updates)
    site.generated[BLOCKERS] = blockers_page(updates)
    site.generated[ACTION_ITEMS] = actions_page(updates)
    site.generated[PROJECTS] = projects_page(updates)
    for group in (person_pages(updates), week_pages(updates)):
        site.generated.update(group)
        site.off_nav.update(group)
    site.update_pages = [
        SourcedPage(update_path(u), u.source, lambda u=u: update_page(updates, u), "update")
        for u in updates.log
    ]


def _add_onboarding_and_changes(site: SitePages, address: SiteAddress) -> None:
    """Add the start pages, Needs review, What's new, the Atom feed and ``changes.json``."""
    handbook, options = site.handbook, site.handbook.settings.pages
    onboarding = Onboarding(handbook.pages, handbook.decisions, options)
    for path, audience in onboarding.start_pages():
        figures = key_figures(handbook.agreement, path)
        site.generated[path] = start_here(onboarding, audience, key_figures=figures)
    events = change_events(handbook.pages, handbook.decisions, handbook.history, options.changes_exclude)
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
            extra = update_entries(site.update_site, address) if _feeds_updates(site) else []
            site.generated[FEED_PATH] = atom_feed(events, address, today, options.feed_entries, extra)
    readers_pages = reader_facing(handbook.pages, options.changes_exclude)
    site.generated[CHANGES_PATH] = changes_json(readers_pages, handbook.history, address)


def _feeds_updates(site: SitePages) -> bool:
    """Tell whether updates and projects' status changes join the feed."""
    return site.update_site is not None and site.handbook.settings.updates.feed


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
