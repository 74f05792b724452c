"""Links between the handbook's pages that lead nowhere, checked the way the published site resolves them.

Pages in ``docs/`` link relative to their place in the site. Decisions are published at
``decisions/<file name>``, so their links are resolved as the decision page shows them (a file in a
subfolder has its links rebased). Anchors (``#section``) are not checked; MkDocs'
``validation: anchors`` option does that during a build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..handbook import Handbook
from ..model.decision import Decision
from ..model.problem import Problem, error
from ..pages import markdown as md
from ..pages.links import link_targets, rebase
from ..pages.log_index import LogIndex
from ..readers.decision_log import walk
from ..readers.frontmatter import split_front_matter
from ..readers.source_files import Boundary
from ..readers.text import read_source

Resolver = Callable[[str], str]
"""Turns the path of a link, as written in a file, into the site path it leads to."""

SITE_DECISIONS = "decisions"
"""Where decision pages are published in the site, whatever the decisions folder is called."""


def check_links(
    handbook: Handbook,
    generated: Iterable[str] = (),
    nav: list[Any] | None = None,
    config: Path | None = None,
    sourced: Iterable[tuple[str, str]] = (),
) -> list[Problem]:
    """Report every relative link, in docs pages, decisions, other sourced pages and the navigation,
    to a file the site lacks.

    ``generated`` lists the site paths of generated pages and exports (``decisions/index.md`` …);
    ``sourced`` the (site path, source file) of pages built from files outside ``docs/``, such as the
    working agreement's; ``nav`` is the ``nav:`` of the configuration file ``config``.
    """
    settings = handbook.settings
    sourced = list(sourced)
    published = site_paths(handbook, [*generated, *(page for page, _ in sourced)])
    problems: list[Problem] = []
    boundary = settings.boundary
    if nav is not None and config is not None:
        problems += check_nav(nav, config, settings.relative(config), published, boundary)
    docs = settings.docs_path
    for page in sorted(p for p in published if p.endswith(".md") and (docs / p).is_file()):
        path = docs / page
        problems += _check_file(
            path, settings.relative(path), page, _page_resolver(page), published, boundary
        )
    for page, source in sourced:
        path = settings.root / source
        problems += _check_file(path, source, page, _page_resolver(page), published, boundary)
    page_of_file = LogIndex(handbook.decisions).page_of_file
    for decision in handbook.decisions:
        path = settings.root / decision.source
        resolve = _decision_resolver(decision, page_of_file)
        problems += _check_file(
            path, decision.source, md.decision_path(decision), resolve, published, boundary
        )
    return problems


def site_paths(handbook: Handbook, generated: Iterable[str] = ()) -> set[str]:
    """Return the path in the site of every file the site will have: docs, decisions, assets, generated."""
    settings = handbook.settings
    published = set(generated)
    if settings.docs_path.is_dir():
        published.update(relative.as_posix() for relative in walk(settings.docs_path, settings.boundary))
    published.update(md.decision_path(d) for d in handbook.decisions)
    decisions_root = settings.decisions_path
    for asset in handbook.decisions.assets:
        inside = (settings.root / asset).resolve().relative_to(decisions_root).as_posix()
        published.add(f"{SITE_DECISIONS}/{inside}")
    return published


def check_nav(
    nav: list[Any], config: Path, source: str, published: set[str], boundary: Boundary
) -> list[Problem]:
    """Report pages named in ``nav:`` that the site does not have."""
    text = read_source(config, source, boundary).text.split("\n")
    problems = []
    for page in _nav_pages(nav):
        if page.startswith(("http://", "https://", "mailto:", "/")) or page in published:
            continue
        written = re.compile(rf"(?<![\w/.-]){re.escape(page)}[\"']?\s*(?:#.*)?$")
        line = next((i + 1 for i, entry in enumerate(text) if written.search(entry)), 1)
        problems.append(
            error(
                source,
                line,
                f"the navigation names '{page}', but the site has no such page; correct the path "
                "(relative to the docs folder) or add the page.",
                "missing-nav-page",
            )
        )
    return problems


def _nav_pages(entries: object) -> list[str]:
    """Return every page path a ``nav:`` names, in order."""
    if isinstance(entries, str):
        return [entries]
    if isinstance(entries, list):
        return [page for entry in entries for page in _nav_pages(entry)]
    if isinstance(entries, dict):
        return [page for value in entries.values() for page in _nav_pages(value)]
    return []


def _check_file(
    path: Path, source: str, page: str, resolve: Resolver, published: set[str], boundary: Boundary
) -> list[Problem]:
    """Check the links of one file, published at ``page``; ``resolve`` turns a link into a site path.

    The file was read before, by the handbook; one it refused gives no text, so no link problems.
    """
    text = read_source(path, source, boundary).text
    front = split_front_matter(text, source)
    problems = []
    for index, target in link_targets(front.body):
        link_path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not link_path:
            continue  # an anchor on the same page
        site_path = resolve(link_path)
        if not _exists(site_path, published):
            problems.append(
                error(
                    source,
                    front.body_line + index,
                    f"the link to '{target}' leads nowhere: the site has no {_describe(site_path)}; "
                    + _advice(site_path, page, published),
                    "broken-link",
                )
            )
    return problems


def _page_resolver(page: str) -> Resolver:
    """Return a resolver for the links of a page in docs/."""
    return lambda link_path: posixpath.normpath(posixpath.join(posixpath.dirname(page), link_path))


def _decision_resolver(decision: Decision, page_of_file: dict[str, str]) -> Resolver:
    """Return a resolver for a decision's links, as its published page rewrites them."""

    def resolve(link_path: str) -> str:
        inside = rebase(link_path, decision.folder) if decision.folder else posixpath.normpath(link_path)
        return posixpath.normpath(posixpath.join(SITE_DECISIONS, page_of_file.get(inside, inside)))

    return resolve


def _exists(site_path: str, published: set[str]) -> bool:
    """Tell whether a site path is a file of the site, or a folder with an index page."""
    if site_path.startswith("../") or site_path == "..":
        return False
    if site_path in published:
        return True
    folder = "" if site_path == "." else site_path.rstrip("/") + "/"
    return any(f"{folder}{name}" in published for name in ("index.md", "README.md"))


def _describe(site_path: str) -> str:
    """Name a missing site path for the message."""
    if site_path.startswith("../") or site_path == "..":
        return "page outside it (the link climbs above the site's root)"
    return f"file {site_path}"


def _advice(site_path: str, page: str, published: set[str]) -> str:
    """Say how to fix a broken link, suggesting the right path when the file is in the site after all.

    The usual case: a link written for the repository's folders (``../decisions/x.md`` from
    ``docs/``, ``../docs/x.md`` from a decision), where the site lays pages out differently.
    """
    parts = site_path.split("/")
    for start in range(1, len(parts)):
        candidate = "/".join(parts[start:])
        if candidate != ".." and _exists(candidate, published):
            suggestion = posixpath.relpath(candidate, posixpath.dirname(page) or ".")
            return f"the site has {candidate}, so link to '{suggestion}'."
    return "correct the link or add the file."
