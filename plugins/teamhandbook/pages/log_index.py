"""Lookups every decision page needs, computed once per build so pages stay linear."""

from __future__ import annotations

import posixpath

from ..linking.log import pending_successors
from ..model.decision import Decision, DecisionLog


class LogIndex:
    """Neighbours, two-way relations and file locations of every decision."""

    def __init__(self, log: DecisionLog) -> None:
        self.log = log
        self.position = {decision.id: i for i, decision in enumerate(log.decisions)}
        self.related: dict[str, list[str]] = {decision.id: [] for decision in log}
        for decision in log:
            for target in decision.relation_ids("relates_to"):
                self._relate(decision.id, target)
                self._relate(target, decision.id)
        self.page_of_file = {
            posixpath.join(d.folder, f"{posixpath.basename(d.source)}"): f"{d.id}.md" for d in log
        }
        """Where each decision file, relative to the decision folder, is published."""
        self.pending = pending_successors(log)
        """The decisions not accepted yet that would supersede each decision, by its id."""

        self.other_files = {_inside_log(path, log) for path in (*log.skipped, *log.assets)}
        """The log's other files (index, templates, images), relative to the decision folder."""

    def is_missing_file(self, path: str) -> bool:
        """Tell whether a Markdown path inside the decision folder names no file of the log.

        Such a link is reported (``broken-link``) with its line, and the page shows its text
        without the link, so the site builder does not report it a second time.
        """
        path = posixpath.normpath(path)
        return (
            path.lower().endswith(".md")
            and not path.startswith("../")
            and path not in self.page_of_file
            and path not in self.other_files
        )

    def _relate(self, source: str, target: str) -> None:
        """Record one direction of a relation, once."""
        bucket = self.related.setdefault(source, [])
        if target not in bucket and target != source:
            bucket.append(target)

    def related_to(self, decision: Decision) -> list[Decision]:
        """Return the decisions related to this one, whichever side wrote the relation."""
        return [d for d in map(self.log.get, self.related.get(decision.id, [])) if d is not None]

    def previous(self, decision: Decision) -> Decision | None:
        """Return the decision before this one in the log, if any."""
        position = self.position[decision.id]
        return self.log.decisions[position - 1] if position > 0 else None

    def next(self, decision: Decision) -> Decision | None:
        """Return the decision after this one in the log, if any."""
        position = self.position[decision.id] + 1
        return self.log.decisions[position] if position < len(self.log.decisions) else None


def _inside_log(path: str, log: DecisionLog) -> str:
    """Return a file's path (relative to the root) relative to the decision folder."""
    for decision in log.decisions[:1]:
        folder = posixpath.dirname(decision.source)
        if decision.folder and folder.endswith(decision.folder):
            folder = folder[: -len(decision.folder)].rstrip("/")
        return posixpath.relpath(path, folder or ".")
    return path
