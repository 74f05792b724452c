"""Which files of the docs folder a site publishes, chosen as MkDocs chooses them.

MkDocs keeps hidden files, the ``templates/`` folder, the site's ``exclude_docs`` and, in a build,
its ``draft_docs`` out of the site: they get no page and their links are not checked, though a
link to one is no error. Of two files of one folder that would be published at one address
(``README.md`` beside ``index.md``) it keeps one, and warns when both were to be published, so
``--strict`` fails. The adapter has MkDocs' own choice; the command line makes the same one from
``mkdocs.yml``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathspec.gitignore import GitIgnoreSpec

from ..model.problem import Problem, error
from ..settings import SettingsError

DEFAULT_EXCLUDED = (".*", "/templates/")
"""What MkDocs leaves out of every site: hidden files and the theme's ``templates/`` folder."""

PAGE_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The names MkDocs takes for Markdown pages (as written: ``.MD`` is a file to copy)."""

_INDEX_STEMS = ("index", "README")


@dataclass(frozen=True)
class DocsChoice:
    """The files of a docs folder as the site builder keeps them."""

    files: dict[str, Path]
    """Every file the builder keeps, by path in the site, unpublished ones too."""

    unpublished: frozenset[str] = frozenset()
    """Files kept but left out of the site: hidden, ``templates/``, ``exclude_docs``, ``draft_docs``."""

    problems: list[Problem] = field(default_factory=list)
    """Files left out because another file of their folder has their address."""

    def pages(self) -> list[str]:
        """Return the Markdown pages the site publishes, by path in the site."""
        return [uri for uri in self.files if uri.endswith(PAGE_SUFFIXES) and uri not in self.unpublished]


def log_exclusion(docs: Path, decisions: Path) -> str | None:
    """Return the ``exclude_docs`` pattern that keeps a decision log kept inside the docs folder from
    being read as pages of its own (the handbook publishes it), or None for a log elsewhere.

    Without it, MkDocs would warn about a log's ``README.md`` beside its ``index.md`` before any
    plugin runs, and ``--strict`` would fail on two pages that are not pages of the site at all.
    """
    docs, decisions = docs.resolve(), decisions.resolve()
    if not decisions.is_relative_to(docs) or decisions == docs:
        return None
    folder = re.sub(r"([\\*?\[\]!#])", r"\\\1", decisions.relative_to(docs).as_posix())
    return f"/{folder}/**/*.md"


def choose_docs(
    files: Mapping[str, Path],
    config: Mapping[str, Any],
    docs_dir: str,
    directory_urls: bool = True,
    also_excluded: Sequence[str] = (),
) -> DocsChoice:
    """Choose, from the files of a docs folder by path in the site, what a build of ``config`` keeps
    and publishes; ``docs_dir`` is the folder's path from the handbook root, for the problems, and
    ``also_excluded`` patterns the plugin adds to ``exclude_docs`` (``log_exclusion``).

    Raises ``SettingsError`` for patterns MkDocs refuses.
    """
    excluded = (
        GitIgnoreSpec.from_lines(DEFAULT_EXCLUDED)
        + _patterns(config, "exclude_docs")
        + GitIgnoreSpec.from_lines(also_excluded)
    )
    drafts = _patterns(config, "draft_docs")
    unpublished = frozenset(uri for uri in files if excluded.match_file(uri) or drafts.match_file(uri))
    kept = dict(files)
    problems: list[Problem] = []
    for first, other in _same_address(files, directory_urls):
        if other in unpublished:
            kept.pop(other, None)
            continue
        if first not in unpublished:
            problems.append(
                error(
                    posixpath.join(docs_dir, first) if docs_dir not in ("", ".") else first,
                    1,
                    f"Excluding '{first}' from the site because it conflicts with '{other}'.",
                    "conflicting-page",
                )
            )
        kept.pop(first, None)
    return DocsChoice(kept, unpublished & set(kept), problems)


def _patterns(config: Mapping[str, Any], key: str) -> GitIgnoreSpec:
    """Return the gitignore-style patterns of a configuration key (none when it is not set)."""
    value = config.get(key)
    if value is None:
        return GitIgnoreSpec.from_lines([])
    if not isinstance(value, str):
        raise SettingsError(
            f"Config value '{key}': Expected a multiline string, but a {type(value)} was given."
        )
    try:
        return GitIgnoreSpec.from_lines(value.splitlines())
    except ValueError as exc:
        raise SettingsError(f"Config value '{key}': {exc}") from None


def _same_address(files: Mapping[str, Path], directory_urls: bool) -> list[tuple[str, str]]:
    """Return each pair of files of one folder that MkDocs would publish at one address: the one
    it met first (``index`` and ``README`` first, then by name) and the one after it."""
    by_folder: dict[str, list[str]] = {}
    for uri in files:
        by_folder.setdefault(posixpath.dirname(uri), []).append(uri)
    pairs: list[tuple[str, str]] = []
    for uris in by_folder.values():
        first_at: dict[str, str] = {}
        for uri in sorted(uris, key=_walk_key):
            first = first_at.setdefault(_address(uri, directory_urls), uri)
            if first != uri:
                pairs.append((first, uri))
    return pairs


def _walk_key(uri: str) -> tuple[bool, str]:
    """Order the files of a folder as MkDocs meets them: ``index`` and ``README`` first, then by name."""
    name = posixpath.basename(uri)
    return (posixpath.splitext(name)[0] not in _INDEX_STEMS, name)


def _address(uri: str, directory_urls: bool) -> str:
    """Return the file MkDocs writes for a file of the docs folder, as it computes it."""
    if not uri.endswith(PAGE_SUFFIXES):
        return uri
    parent, name = posixpath.split(uri)
    stem = posixpath.splitext(name)[0]
    stem = "index" if stem == "README" else stem
    if not directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")
