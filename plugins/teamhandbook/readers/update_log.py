"""Read a handbook's updates folder once: the kinds of update, the projects and every update."""

from __future__ import annotations

from ..model.agreement import Agreement
from ..model.problem import Problem
from ..model.updates import UpdateLog
from ..settings import Settings
from .projects import read_projects
from .update_kinds import update_kinds
from .updates import read_updates


def read_update_log(
    settings: Settings, agreement: Agreement | None
) -> tuple[UpdateLog | None, list[Problem]]:
    """Return the updates and projects, or None when the handbook has no updates folder.

    The kinds come from the settings and the agreement's templates, so templates are checked even
    in a handbook that has no updates yet.
    """
    kinds, problems = update_kinds(settings, agreement)
    folder = settings.updates_path
    if not folder.is_dir():
        return None, problems
    refused = settings.boundary.check_folder(settings.root / settings.updates_dir, settings.updates_dir)
    if refused is not None:  # a folder that leads outside the handbook is reported, never read
        return None, [*problems, refused]
    team = agreement.team if agreement is not None else None
    statuses = dict(settings.updates.project_statuses)
    root = settings.root
    projects, found = read_projects(folder, root, statuses, team, settings.boundary)
    problems += found
    keys = [project.key for project in projects]
    updates, contents, found = read_updates(folder, root, kinds, team, keys, settings.boundary)
    problems += found
    return UpdateLog(updates, projects, kinds, statuses, contents.assets), problems
