"""Read the pages of ``docs/`` once per build: their text for the site builder, their fields for the core."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path, PurePosixPath

from ..boundary import Boundary, Listing
from ..model.page import HandbookPage, PageKind
from ..model.problem import Problem
from .page_meta import read_page
from .text import read_source

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def docs_page_uris(docs: Path, docs_dir: str, boundary: Boundary) -> tuple[list[str], Listing]:
    """List the Markdown pages of a docs folder as MkDocs would: no hidden files, no ``templates/``.

    Entries the boundary refuses (links leaving the handbook, devices …) are in the listing's
    problems and refused entries instead.
    """
    if not docs.is_dir():
        return [], Listing()
    listing = boundary.walk(docs, docs_dir)
    uris = [
        relative.as_posix()
        for relative in listing.files
        if relative.suffix.lower() in MARKDOWN_SUFFIXES and relative.parts[0] != "templates"
    ]
    return uris, listing


def read_docs_pages(
    docs: Path,
    docs_dir: str,
    src_uris: Iterable[str],
    audiences: Collection[str] = (),
    boundary: Boundary | None = None,
) -> tuple[list[HandbookPage], list[Problem]]:
    """Read each page once; ``docs_dir`` is the folder relative to the root, for problem locations."""
    boundary = boundary or Boundary([docs])
    pages: list[HandbookPage] = []
    problems: list[Problem] = []
    for src_uri in src_uris:
        source = (PurePosixPath(docs_dir) / src_uri).as_posix()
        text = read_source(docs / src_uri, source, boundary)
        page, found = read_page(text.text, source, src_uri, PageKind.PAGE, audiences)
        if text.problem:
            problems.append(text.problem)
        pages.append(page)
        problems.extend(found)
    return pages, problems
