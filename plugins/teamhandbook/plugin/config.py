"""The options of the ``team-handbook`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..settings import (
    DEFAULT_AGREEMENT_DIR,
    DEFAULT_DECISIONS_DIR,
    DEFAULT_NAV_DECISIONS,
    DEFAULT_UPDATES_DIR,
)


class TeamHandbookConfig(Config):
    """Options of the ``team-handbook`` plugin, as written under it in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its configuration, e.g. ``!ENV [HANDBOOK, true]``."""

    decisions_dir = c.Type(str, default=DEFAULT_DECISIONS_DIR)
    """The folder of decision records, relative to ``mkdocs.yml``; it lives outside ``docs/``.

    A folder named explicitly must exist; the default may be missing (a handbook without decisions).
    """

    status_aliases = c.DictOfItems(c.Type(str), default={})
    """A team's own status words mapped to the handbook's statuses, e.g. ``aceito: accepted``."""

    statuses = c.Type(dict, default={})
    """The team's own statuses, by the word it writes: ``spike: open``, or a mapping with ``label``,
    ``colour``, ``state`` (open, in-force, superseded, retired), ``words`` and ``description``."""

    status_folders = c.DictOfItems(c.Type(str), default={})
    """Folders whose decisions all have one status, mapped to it: ``old-stuff: deprecated``."""

    numeric_dates = c.Optional(c.Choice(("day-first", "month-first")))
    """How the log writes numeric dates such as ``04/07/2023``; unset, only unambiguous ones are read."""

    ignore = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of Markdown files in the decision folder that are not decisions."""

    nav_decisions = c.Type(int, default=DEFAULT_NAV_DECISIONS)
    """How many of the most recent decisions the navigation lists; ``-1`` lists them all.

    Material renders the whole navigation into every page, so listing every decision makes the
    build quadratic; the index, timeline, search and previous/next links reach the rest.
    """

    render_macros = c.Type(bool, default=False)
    """Let mkdocs-macros render decision pages and generated pages.

    Off by default: decision records quote ``{{ }}`` from GitHub Actions, Helm and Jinja, which
    macros would try to run.
    """

    agreement_dir = c.Type(str, default=DEFAULT_AGREEMENT_DIR)
    """The working-agreement folder (roster, agreement data, pages, templates), relative to
    ``mkdocs.yml``; it lives outside ``docs/``. A folder named explicitly must exist."""

    mermaid = c.Choice(("local", "cdn"), default="local")
    """Where Mermaid diagrams load Mermaid from: the copy shipped with the plugin, so the site
    works offline and behind firewalls, or Material's default CDN."""

    audiences = c.DictOfItems(c.Type(str), default={})
    """The audiences with their own onboarding path, by key and name, e.g. ``engineering: Engineering``.

    Each gets a start page at ``start-here/<key>/``; pages join it with ``audience: <key>`` under
    ``start-here:`` in their front matter.
    """

    review_due_soon = c.Type(int, default=30)
    """How many days before its review date a page is listed as due soon on ``needs-review/``."""

    whats_new_days = c.Type(int, default=30)
    """How many days back ``whats-new/`` lists changed decisions and pages."""

    reading_speed = c.Type(int, default=200)
    """Words read per minute, for the reading times of the start pages."""

    feed_entries = c.Type(int, default=50)
    """How many of the newest changes ``feed.xml`` carries."""

    changes_exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns of page paths in the site, such as ``guide/*``, whose changes readers are not
    told about: What's new, the feed, the digest and the "changed" marks leave them out."""

    git_history = c.Type(bool, default=True)
    """Take each page's last change (date and author) from git, with one ``git log`` per build.

    Off, or outside a git checkout, pages are dated by their files' modification times.
    """

    updates_dir = c.Type(str, default=DEFAULT_UPDATES_DIR)
    """The folder of written updates (one Markdown file each) and ``projects.yml``, relative to
    ``mkdocs.yml``; it lives outside ``docs/``. A folder named explicitly must exist."""

    update_kinds = c.Type((list, dict), default=[])
    """Kinds of update the team writes besides ``daily``, ``weekly``, ``handoff``, ``meeting`` and
    ``request``: a list of names, or keys mapped to labels, e.g. ``retro: Retrospective``."""

    project_statuses = c.Type((list, dict), default=[])
    """Statuses a project may have besides on track, at risk, blocked and done, e.g. ``[paused]``."""

    feed_updates = c.Type(bool, default=False)
    """Let new updates and projects' status changes join ``feed.xml``."""
