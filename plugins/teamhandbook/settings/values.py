"""The handbook's settings, free of any site builder: the plugin and the CLI both fill them, from the
options as ``options.py`` declares them (their defaults are the options' defaults)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..boundary import Boundary
from .clock import read_clock
from .options import default

BUILT_IN_KINDS: dict[str, str] = {
    "daily": "Daily update",
    "weekly": "Weekly update",
    "handoff": "Handoff",
    "meeting": "Meeting notes",
    "request": "Request",
}
"""The kinds of update every handbook knows, with their labels; a team may declare more."""

BUILT_IN_PROJECT_STATUSES: dict[str, str] = {
    "on-track": "On track",
    "at-risk": "At risk",
    "blocked": "Blocked",
    "done": "Done",
}
"""The statuses every project may have, by key; a team may declare more."""


@dataclass(frozen=True)
class PageSettings:
    """How the handbook onboards newcomers, asks for reviews and tells what changed."""

    audiences: Mapping[str, str] = field(default_factory=lambda: default("audiences"))
    """The audiences with their own onboarding path, by key: ``{"engineering": "Engineering"}``."""

    review_due_soon: int = default("review_due_soon")
    """Days before its review date that a page is listed as due soon."""

    whats_new_days: int = default("whats_new_days")
    """How many days back the What's new page looks."""

    reading_speed: int = default("reading_speed")
    """Words read per minute, for reading-time estimates."""

    feed_entries: int = default("feed_entries")
    """How many of the newest changes the Atom feed carries."""

    git_history: bool = default("git_history")
    """Take each page's last change from git (one ``git log`` per build); off: from file times."""

    changes_exclude: tuple[str, ...] = default("changes_exclude")
    """Glob patterns of page paths in the site (``guide/*``) kept out of the lists that tell readers
    what changed: What's new, the feed, the digest and the "changed" marks."""


@dataclass(frozen=True)
class UpdateSettings:
    """How the handbook reads the team's written updates and projects."""

    kinds: Mapping[str, str] = field(default_factory=lambda: dict(BUILT_IN_KINDS))
    """Every kind of update, by key, with its label: the built-in ones and the team's own."""

    project_statuses: Mapping[str, str] = field(default_factory=lambda: dict(BUILT_IN_PROJECT_STATUSES))
    """Every status a project may have, by key, with its label."""

    feed: bool = default("feed_updates")
    """Whether new updates and projects' status changes join ``feed.xml``."""


@dataclass(frozen=True)
class Settings:
    """Where a handbook's sources are and how to read them."""

    root: Path
    """The handbook's root: the folder of ``mkdocs.yml``; every source path is relative to it."""

    docs_dir: str = "docs"
    decisions_dir: str = default("decisions_dir")
    status_aliases: Mapping[str, str] = field(default_factory=lambda: default("status_aliases"))
    statuses: Mapping[str, Any] = field(default_factory=lambda: default("statuses"))
    """The team's own statuses, by the word it writes: a state, or label, colour, state and words."""

    status_folders: Mapping[str, str] = field(default_factory=lambda: default("status_folders"))
    """Folders that state their decisions' status, mapped to it: ``old-stuff: deprecated``."""

    numeric_dates: str | None = default("numeric_dates")
    """How the log writes numeric dates: ``day-first``, ``month-first``, or None (only when certain)."""
    ignore: tuple[str, ...] = default("ignore")
    """Glob patterns, relative to the decisions folder, of Markdown files that are not decisions."""

    agreement_dir: str = default("agreement_dir")
    pages: PageSettings = field(default_factory=PageSettings)
    today: dt.date | None = None
    """The date of the build or command, in UTC (``Clock.today``): reviews are checked, and the coming
    year's overlap starts, as of it. None: no date-dependent check runs."""

    updates_dir: str = default("updates_dir")
    updates: UpdateSettings = field(default_factory=UpdateSettings)
    now: dt.datetime | None = None
    """The instant of the build or command, in UTC (``Clock.now``), for what depends on the time of
    day in each person's time zone (who still has to write this week's update); None: noon UTC of
    ``today``."""

    nav_decisions: int = default("nav_decisions")
    """How many of the most recent decisions the site's navigation lists; -1 all, 0 none."""

    render_macros: bool = default("render_macros")
    """Whether mkdocs-macros renders decision pages and generated pages."""

    mermaid: str = default("mermaid")
    """Where diagrams load Mermaid from: ``local`` (shipped with the plugin) or ``cdn``."""

    @property
    def agreement_path(self) -> Path:
        """The absolute path of the working-agreement folder."""
        return (self.root / self.agreement_dir).resolve()

    @property
    def start_date(self) -> dt.date:
        """The date the coming year starts from: ``today``, else the build clock's date."""
        return self.today if self.today is not None else read_clock().today

    @property
    def decisions_path(self) -> Path:
        """The absolute path of the decision folder."""
        return (self.root / self.decisions_dir).resolve()

    @property
    def updates_path(self) -> Path:
        """The absolute path of the updates folder."""
        return (self.root / self.updates_dir).resolve()

    @property
    def docs_path(self) -> Path:
        """The absolute path of the docs folder."""
        return (self.root / self.docs_dir).resolve()

    @property
    def readable_roots(self) -> tuple[Path, ...]:
        """The folders sources may be read from: the root, and each source folder that
        ``mkdocs.yml`` places outside it (such as ``decisions_dir: ../adr``).

        A folder is trusted for what ``mkdocs.yml`` says, not for where a symbolic link leads: a
        ``decisions`` folder inside the root that links elsewhere is not a root of its own.
        """
        root = Path(os.path.abspath(self.root))
        roots = [root]
        for folder in (self.docs_dir, self.decisions_dir, self.agreement_dir, self.updates_dir):
            written = Path(os.path.normpath(root / folder))
            if not written.is_relative_to(root):
                roots.append(written)
        return tuple(roots)

    @property
    def boundary(self) -> Boundary:
        """The checks every source passes before it is read: inside ``readable_roots``, regular, sane size."""
        return Boundary(self.readable_roots)

    def relative(self, path: Path) -> str:
        """Return ``path`` relative to the root, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()
