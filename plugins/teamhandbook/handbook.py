"""The domain core's entry point: read every source once, build the model, check it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .boundary import Boundary
from .checks import check_decisions
from .checks.agreement import check_agreement
from .checks.requests import check_requests
from .checks.reserved import leave_out_reserved
from .checks.review import review_problems, reviews
from .checks.updates import check_decision_projects, check_updates
from .hours.weekly import writing_statuses
from .hours.year import scan_year
from .linking import link_log
from .linking.dates import dated_from_history, undated_sources
from .model.agreement import Agreement
from .model.boards import Boards, action_board, blocker_board, weekly_posts
from .model.decision import DecisionLog
from .model.history import History
from .model.lifecycle import Lifecycle
from .model.page import HandbookPage, PageKind
from .model.problem import Problem, Severity
from .model.updates import UpdateLog
from .pages.agreement import page_path
from .pages.markdown import decision_path, full_title
from .readers.agreement import read_agreement
from .readers.decision_log import read_decision_log
from .readers.docs_pages import docs_page_uris, read_docs_pages
from .readers.history import read_history
from .readers.lifecycle import lifecycle_of, read_options
from .readers.page_meta import decision_as_page, read_page
from .readers.read_cache import ReadCache
from .readers.update_log import read_update_log
from .settings import Settings


@dataclass
class Handbook:
    """Everything a handbook's sources say, and every problem found in them."""

    settings: Settings
    decisions: DecisionLog = field(default_factory=DecisionLog)
    agreement: Agreement | None = None
    """The working agreement; None when the handbook has no agreement folder."""

    problems: list[Problem] = field(default_factory=list)
    pages: list[HandbookPage] = field(default_factory=list)
    """Every page an author wrote (docs pages, decisions, agreement pages), for onboarding and review."""

    history: History = field(default_factory=History)
    today: dt.date | None = None
    """The date the handbook was read for; date-dependent checks (reviews) run only when it is set."""

    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    """The statuses the handbook understands: the built-in ones and the team's."""

    updates: UpdateLog | None = None
    """The team's written updates and projects; None when the handbook has no updates folder."""

    boards: Boards = field(default_factory=Boards)
    """Open blockers, action items and who still has to write, from the updates."""

    @property
    def now(self) -> dt.datetime | None:
        """The instant the handbook was read for: ``settings.now``, else noon UTC of ``today``."""
        if self.settings.now is not None:
            return self.settings.now
        if self.today is None:
            return None
        return dt.datetime.combine(self.today, dt.time(12), dt.UTC)

    refused: list[str] = field(default_factory=list)
    """Sources refused unread (links leaving the handbook, devices, FIFOs …), by path from the root;
    a folder stands for everything below it. The site builder must not publish them either."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that make a check fail."""
        return [p for p in self.problems if p.severity is Severity.ERROR]


def load_handbook(
    settings: Settings,
    today: dt.date | None = None,
    docs_pages: Iterable[str] | None = None,
    cache: ReadCache | None = None,
    changes_since: dt.date | None = None,
) -> Handbook:
    """Read and check a handbook. Raises ``SettingsError`` only for settings that cannot work.

    ``today`` is the date reviews are checked against (default: ``settings.today``; without either,
    no review is checked). ``docs_pages`` are the pages of the docs folder the site builder
    publishes, by path in it (default: every Markdown file). A ``cache`` kept between builds
    (``mkdocs serve``) spares parsing decision files that did not change. Changes from
    ``changes_since`` on (default: What's new's period, ``whats_new_days`` back from today) are
    kept one by one, with their commit subjects.
    """
    lifecycle = lifecycle_of(settings)
    handbook = Handbook(settings, today=today if today is not None else settings.today, lifecycle=lifecycle)
    boundary = settings.boundary
    folder = settings.decisions_path
    if _usable_folder(handbook, boundary, settings.decisions_dir):
        log, problems = read_decision_log(
            folder,
            settings.root.resolve(),
            read_options(settings, lifecycle),
            settings.ignore,
            cache,
            boundary,
        )
        kept, reserved = leave_out_reserved(log)
        handbook.decisions, unresolved = link_log(kept)
        handbook.problems += problems + reserved + unresolved + check_decisions(handbook.decisions)
    if _usable_folder(handbook, boundary, settings.agreement_dir):
        handbook.agreement, problems = read_agreement(settings.agreement_path, settings.root, boundary)
        agreement = handbook.agreement
        if agreement.people:
            agreement.year = scan_year(agreement.people, agreement.core_window, settings.start_date)
        handbook.problems += problems + check_agreement(agreement)
        _read_agreement_pages(handbook, agreement)
    _read_updates(handbook)
    _read_pages(handbook, docs_pages, boundary, changes_since)
    handbook.problems.sort(key=lambda p: (p.file, p.line))
    return handbook


def _read_updates(handbook: Handbook) -> None:
    """Read the updates folder and projects, build the boards, and check proposals and requests."""
    log, problems = read_update_log(handbook.settings, handbook.agreement)
    handbook.updates = log
    if log is not None:
        problems += check_updates(log, handbook.decisions) + check_decision_projects(handbook.decisions, log)
        handbook.boards = _boards(log, handbook.agreement, handbook.today, handbook.now)
    handbook.problems += problems + check_requests(handbook.decisions, log)


def _boards(
    log: UpdateLog, agreement: Agreement | None, today: dt.date | None, now: dt.datetime | None
) -> Boards:
    """Build the boards; who still has to write needs a roster, weekly updates and the build's instant."""
    blockers, cleared = blocker_board(log, today)
    boards = Boards(blockers, cleared, action_board(log))
    people = agreement.people if agreement is not None else []
    posts = weekly_posts(log)
    if now is not None and people and posts:
        boards.writing = writing_statuses(people, posts, now)
    return boards


def _usable_folder(handbook: Handbook, boundary: Boundary, folder: str) -> bool:
    """Tell whether a source folder exists and may be read; report one that leads outside the handbook."""
    path = handbook.settings.root / folder
    if not path.is_dir() and not path.is_symlink():
        return False
    problem = boundary.check_folder(path, folder.rstrip("/") or ".")
    if problem is not None:
        handbook.problems.append(problem)
        handbook.refused.append(problem.file)
        return False
    return True


def _joined(folder: str, relative: str) -> str:
    """Return a path below a source folder as problems name it."""
    folder = folder.rstrip("/")
    return f"{folder}/{relative}" if folder and folder != "." else relative


def _read_agreement_pages(handbook: Handbook, agreement: Agreement) -> None:
    """Read the onboarding and review fields of the agreement's pages, from the text already read."""
    audiences = handbook.settings.pages.audiences
    for agreement_page in agreement.pages:
        page, problems = read_page(
            agreement_page.text,
            agreement_page.source,
            page_path(agreement_page),
            PageKind.AGREEMENT,
            audiences,
        )
        handbook.pages.append(page)
        handbook.problems += problems


def _read_pages(
    handbook: Handbook, docs_pages: Iterable[str] | None, boundary: Boundary, changes_since: dt.date | None
) -> None:
    """Read the docs pages, see decisions as pages, date every page from history, check reviews.

    Pages already in ``handbook.pages`` (read from other source folders, such as the working
    agreement's) are dated and checked with the rest.
    """
    settings = handbook.settings
    audiences = settings.pages.audiences
    uris: list[str] = []
    if _usable_folder(handbook, boundary, settings.docs_dir):
        uris, listing = docs_page_uris(settings.docs_path, settings.docs_dir, boundary)
        handbook.problems += listing.problems
        handbook.refused += [_joined(settings.docs_dir, entry.as_posix()) for entry in listing.refused]
        if docs_pages is not None:  # the site builder's list, less what the boundary refused
            uris = [uri for uri in docs_pages if not listing.is_refused(PurePosixPath(uri))]
        else:  # as the plugin does: a decision log inside docs/ is not a set of pages
            decisions = settings.decisions_path
            uris = [uri for uri in uris if not (settings.docs_path / uri).resolve().is_relative_to(decisions)]
    pages, problems = read_docs_pages(settings.docs_path, settings.docs_dir, uris, audiences, boundary)
    for decision in handbook.decisions:
        page, found = decision_as_page(decision, decision_path(decision), full_title(decision), audiences)
        pages.append(page)
        problems += found
    handbook.pages += pages
    sources = [page.source for page in handbook.pages]
    folders = sorted({source.split("/", 1)[0] for source in sources if "/" in source and source[0] != "/"})
    if changes_since is None:
        period = dt.timedelta(days=settings.pages.whats_new_days)
        changes_since = (handbook.today or settings.start_date) - period
    since = dt.datetime.combine(changes_since, dt.time(), dt.UTC)
    handbook.history, notes = read_history(
        settings.root,
        sources,
        folders,
        settings.pages.git_history,
        since=since,
        first_added=undated_sources(handbook.decisions),
    )
    handbook.decisions = dated_from_history(handbook.decisions, handbook.history)
    handbook.problems += problems + notes
    if handbook.today is not None:
        due = reviews(handbook.pages, handbook.history, handbook.today, settings.pages.review_due_soon)
        handbook.problems += review_problems(due, handbook.today)
