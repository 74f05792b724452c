"""Links from one decision to another decision's file that does not exist."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from ..model.decision import Decision, DecisionLog
from ..model.problem import Problem, error


def check_file_links(log: DecisionLog) -> list[Problem]:
    """Report links in decision bodies to Markdown files of the decision folder that do not exist.

    Links that leave the decision folder are left to the site builder, which knows the rest of
    the site.
    """
    known = {d.source for d in log} | set(log.skipped) | set(log.assets)
    problems: list[Problem] = []
    for decision in log:
        folder = posixpath.dirname(decision.source)
        log_root = _log_root(decision)
        for link in decision.file_links:
            path = unquote(link.text.split("#", 1)[0].split("?", 1)[0])
            target = posixpath.normpath(posixpath.join(folder, path))
            if target in known or not target.startswith(log_root + "/"):
                continue
            problems.append(
                error(
                    decision.source,
                    link.line,
                    f"the link '{link.text}' points at {target}, which does not exist; "
                    "correct the link, or remove it if that decision was never written.",
                    "broken-link",
                )
            )
    return problems


def _log_root(decision: Decision) -> str:
    """Return the decision folder, relative to the root, from a decision's path and subfolder."""
    folder = posixpath.dirname(decision.source)
    if decision.folder and folder.endswith(decision.folder):
        folder = folder[: -len(decision.folder)].rstrip("/")
    return folder
