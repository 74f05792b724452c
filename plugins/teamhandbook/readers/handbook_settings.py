"""Make a handbook's settings from its plugin options: the one way the plugin and the CLI do it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from ..settings import (
    BUILT_IN_KINDS,
    BUILT_IN_PROJECT_STATUSES,
    Clock,
    OptionError,
    PageSettings,
    Settings,
    UpdateSettings,
)
from ..settings.options import OPTION_BY_NAME
from .lifecycle import lifecycle_of

SOURCE_FOLDERS = (("decisions_dir", "decisions"), ("agreement_dir", "agreement"), ("updates_dir", "updates"))
"""The options that name a source folder, with what the folder holds."""


def handbook_settings(
    root: Path, docs_dir: str, options: Mapping[str, Any], clock: Clock | None = None
) -> Settings:
    """Return the settings of the handbook whose configuration is in ``root``.

    ``options`` are the plugin's options as ``read_options`` (or the MkDocs ``Config`` made from
    the same table) returns them; ``docs_dir`` is the docs folder as the configuration gives it,
    relative to ``root`` or absolute; ``clock`` dates the build or command (None: no date, so no
    date-dependent check runs). Raises ``OptionError`` for options that cannot work together or
    with the files: a source folder named explicitly that does not exist, a status alias to no status.
    """
    settings = Settings(
        root=root,
        docs_dir=docs_folder(root, docs_dir),
        decisions_dir=options["decisions_dir"],
        status_aliases=options["status_aliases"],
        statuses=options["statuses"],
        status_folders=options["status_folders"],
        numeric_dates=options["numeric_dates"],
        ignore=options["ignore"],
        agreement_dir=options["agreement_dir"],
        pages=PageSettings(
            audiences=options["audiences"],
            review_due_soon=options["review_due_soon"],
            whats_new_days=options["whats_new_days"],
            reading_speed=options["reading_speed"],
            feed_entries=options["feed_entries"],
            git_history=options["git_history"],
            changes_exclude=options["changes_exclude"],
        ),
        today=clock.today if clock is not None else None,
        updates_dir=options["updates_dir"],
        updates=UpdateSettings(
            kinds={**BUILT_IN_KINDS, **options["update_kinds"]},
            project_statuses={**BUILT_IN_PROJECT_STATUSES, **options["project_statuses"]},
            feed=options["feed_updates"],
        ),
        now=clock.now if clock is not None else None,
        nav_decisions=options["nav_decisions"],
        render_macros=options["render_macros"],
        mermaid=options["mermaid"],
    )
    for name, what in SOURCE_FOLDERS:
        _check_folder(root, name, what, options[name])
    lifecycle_of(settings)  # the team's statuses, aliases and status folders must form a lifecycle
    return settings


def docs_folder(root: Path, docs_dir: str) -> str:
    """Return the docs folder relative to the root (``docs``), or as given when it lies outside."""
    path = Path(docs_dir)
    if not path.is_absolute():
        return PurePosixPath(os.path.normpath(docs_dir)).as_posix()
    resolved = path.resolve()
    return (
        resolved.relative_to(root.resolve()).as_posix()
        if resolved.is_relative_to(root.resolve())
        else docs_dir
    )


def _check_folder(root: Path, name: str, what: str, value: str) -> None:
    """Refuse a source folder named in the configuration that does not exist; the default may be missing
    (a handbook without decisions, agreement or updates)."""
    folder = root / value
    if value == OPTION_BY_NAME[name].normal_default or folder.is_dir():
        return
    raise OptionError(
        name,
        f"the {what} folder '{value}' does not exist (looked in {folder.resolve()}); create it or correct "
        f"`{name}`",
    )
