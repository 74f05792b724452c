"""The site's navigation: the configured one (or one made from the pages, as MkDocs makes it), with
the most recent decisions listed under the decision index.

The plugin adds the recent decisions to MkDocs' navigation itself; ``handbook render`` writes the
whole navigation into the configuration of the builder it writes for. Both choose the same
decisions (``recent_decisions``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import PurePosixPath
from typing import Any

from ..model.addresses import INDEX_PATH
from ..model.addresses import decision_path as decision_src_uri
from ..model.decision import Decision
from .site_plan import SitePlan

NavEntry = Any
"""One entry of a ``nav:`` as MkDocs reads it: a path, ``{title: path}`` or ``{title: [entries]}``."""


def recent_decisions(decisions: Sequence[Decision], limit: int) -> list[Decision]:
    """Return the decisions the navigation lists, in the log's order.

    The most recent are chosen by date (then number) and listed by number: the order of the
    previous/next links at the foot of each decision, and of the index. ``limit`` -1 lists them all.
    """
    if limit == 0:
        return []
    if limit < 0 or limit >= len(decisions):
        return list(decisions)
    newest = sorted(range(len(decisions)), key=lambda i: recency(decisions[i]), reverse=True)
    return [decisions[i] for i in sorted(newest[:limit])]


def recency(decision: Decision) -> tuple[int, int]:
    """Order decisions by how recent they are: by date, then by number; undated ones are oldest."""
    return (decision.date.toordinal() if decision.date else 0, decision.number or 0)


def site_navigation(plan: SitePlan, configured: list[NavEntry] | None, limit: int) -> list[NavEntry]:
    """Return the navigation of a rendered site: ``configured`` (or the pages', as MkDocs makes it
    when ``nav:`` is not set), with the recent decisions added to the decision index's section."""
    nav = _copy(configured) if configured is not None else automatic_navigation(plan)
    section = _section_of(nav, INDEX_PATH)
    if section is None:
        return nav
    listed = set(navigation_paths(nav))
    published = {file.src_uri for file in plan.pages()}
    for decision in recent_decisions(plan.site.handbook.decisions.decisions, limit):
        path = decision_src_uri(decision)
        if path in published and path not in listed:
            section.append(path)
    return nav


def automatic_navigation(plan: SitePlan) -> list[NavEntry]:
    """Return the navigation MkDocs makes when ``nav:`` is not set: every page meant for it, index
    pages first, a section per folder titled after the folder."""
    pages = sorted((file.src_uri for file in plan.pages() if file.in_nav), key=_sort_key)
    nested: list[NavEntry] = []
    for path in pages:
        branch = nested
        for part in PurePosixPath(path).parent.parts:
            branch = _branch(branch, _folder_title(part))
        branch.append(path)
    return nested


def _sort_key(path: str) -> tuple[tuple[str, ...], bool, str]:
    """Sort as MkDocs sorts files: by folder, the folder's index first, then by name."""
    parts = PurePosixPath(path).parts
    return (parts[:-1], PurePosixPath(path).stem not in ("index", "README"), parts[-1])


def _folder_title(name: str) -> str:
    """Title a section after its folder, as MkDocs does: ``working-agreement`` → ``Working agreement``."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _branch(branch: list[NavEntry], title: str) -> list[NavEntry]:
    """Return the section titled ``title`` in ``branch``, made if missing."""
    for entry in branch:
        if isinstance(entry, dict) and title in entry and isinstance(entry[title], list):
            return entry[title]
    section: list[NavEntry] = []
    branch.append({title: section})
    return section


def _section_of(entries: list[NavEntry], path: str, top: bool = True) -> list[NavEntry] | None:
    """Return the list of entries of the section that lists ``path``; None at the top level (a page
    there has no section to share) or when no section lists it."""
    for entry in entries:
        if _target(entry) == path:
            return None if top else entries
        children = _children(entry)
        if children is not None:
            found = _section_of(children, path, top=False)
            if found is not None:
                return found
    return None


def navigation_paths(entries: Iterable[NavEntry]) -> Iterator[str]:
    """Yield every page path a navigation lists."""
    for entry in entries:
        target = _target(entry)
        if target is not None:
            yield target
        children = _children(entry)
        if children is not None:
            yield from navigation_paths(children)


def _target(entry: NavEntry) -> str | None:
    """Return the page an entry links, if it links one."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, str) else None
    return None


def _children(entry: NavEntry) -> list[NavEntry] | None:
    """Return a section's entries, if the entry is a section."""
    if isinstance(entry, dict) and len(entry) == 1:
        value = next(iter(entry.values()))
        return value if isinstance(value, list) else None
    return None


def _copy(entries: Any) -> Any:
    """Return a deep copy of a navigation (lists and mappings), to add to without changing the original."""
    if isinstance(entries, list):
        return [_copy(entry) for entry in entries]
    if isinstance(entries, dict):
        return {key: _copy(value) for key, value in entries.items()}
    return entries
