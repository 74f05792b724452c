"""The domain core's entry point: read every source once, build the model, check it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .checks import check_decisions
from .checks.agreement import check_agreement
from .checks.reserved import leave_out_reserved
from .checks.review import review_problems, reviews
from .hours.year import scan_year
from .model.agreement import Agreement
from .model.decision import DecisionLog
from .model.history import History
from .model.page import HandbookPage, PageKind
from .model.problem import Problem, Severity
from .pages.agreement import page_path
from .pages.markdown import decision_path, full_title
from .readers.agreement import read_agreement
from .readers.decision import ReadOptions
from .readers.decision_log import read_decision_log
from .readers.docs_pages import docs_page_uris, read_docs_pages
from .readers.history import read_history
from .readers.page_meta import decision_as_page, read_page
from .readers.read_cache import ReadCache
from .readers.source_files import Boundary
from .readers.status import parse_aliases
from .settings import Settings, SettingsError


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
) -> Handbook:
    """Read and check a handbook. Raises ``SettingsError`` only for settings that cannot work.

    ``today`` is the date reviews are checked against (default: ``settings.today``; without either,
    no review is checked). ``docs_pages`` are the pages of the docs folder the site builder
    publishes, by path in it (default: every Markdown file). A ``cache`` kept between builds
    (``mkdocs serve``) spares parsing decision files that did not change.
    """
    aliases, alias_errors = parse_aliases(settings.status_aliases)
    if alias_errors:
        raise SettingsError("; ".join(alias_errors))
    handbook = Handbook(settings, today=today if today is not None else settings.today)
    boundary = settings.boundary
    folder = settings.decisions_path
    if _usable_folder(handbook, boundary, settings.decisions_dir):
        log, problems = read_decision_log(
            folder, settings.root.resolve(), ReadOptions(aliases), settings.ignore, cache, boundary
        )
        handbook.decisions, reserved = leave_out_reserved(log)
        handbook.problems += problems + reserved + check_decisions(handbook.decisions)
    if _usable_folder(handbook, boundary, settings.agreement_dir):
        handbook.agreement, problems = read_agreement(settings.agreement_path, settings.root, boundary)
        agreement = handbook.agreement
        if agreement.people:
            agreement.year = scan_year(agreement.people, agreement.core_window, settings.start_date)
        handbook.problems += problems + check_agreement(agreement)
        _read_agreement_pages(handbook, agreement)
    _read_pages(handbook, docs_pages, boundary)
    handbook.problems.sort(key=lambda p: (p.file, p.line))
    return handbook


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


def _read_pages(handbook: Handbook, docs_pages: Iterable[str] | None, boundary: Boundary) -> None:
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
    pages, problems = read_docs_pages(settings.docs_path, settings.docs_dir, uris, audiences, boundary)
    for decision in handbook.decisions:
        page, found = decision_as_page(decision, decision_path(decision), full_title(decision), audiences)
        pages.append(page)
        problems += found
    handbook.pages += pages
    sources = [page.source for page in handbook.pages]
    folders = sorted({source.split("/", 1)[0] for source in sources if "/" in source and source[0] != "/"})
    handbook.history, notes = read_history(settings.root, sources, folders, settings.pages.git_history)
    handbook.problems += problems + notes
    if handbook.today is not None:
        due = reviews(handbook.pages, handbook.history, handbook.today, settings.pages.review_due_soon)
        handbook.problems += review_problems(due, handbook.today)
