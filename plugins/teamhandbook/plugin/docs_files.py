"""The adapter's side of onboarding, reviews and changes: docs pages, the info line, the feed link."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pathspec
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..handbook import Handbook
from ..model.page import HandbookPage
from ..pages import markdown as md
from ..pages.page_info import insert_info
from ..pages.urls import FEED_PATH
from ..plan.docs_choice import log_exclusion
from ..plan.site_pages import SitePages
from .host import ReadPage

_HEAD_END = re.compile(r"</head\s*>", re.I)


def published_docs_pages(files: Files, config: MkDocsConfig, decisions: Path) -> list[str]:
    """Return the pages of ``docs/`` the site publishes, by path; decision files in docs are not pages."""
    docs = os.path.normpath(config.docs_dir)
    uris = []
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        if file.generated_by is not None or file.src_dir is None or os.path.normpath(file.src_dir) != docs:
            continue
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(decisions):
            continue
        uris.append(file.src_uri)
    return uris


def builder_files(files: Files) -> dict[str, Path | None]:
    """Return every file MkDocs has before the handbook adds its own, by path in the site.

    These are the docs folder's files, the theme's and other plugins' files: facts only the site
    builder knows, which the plan needs to tell where an address is taken already.
    """
    return {file.src_uri: Path(file.abs_src_path) if file.abs_src_path else None for file in files}


def exclude_log(config: MkDocsConfig, decisions: Path) -> None:
    """Keep MkDocs from reading a decision log inside ``docs/`` as pages of its own (``log_exclusion``)."""
    line = log_exclusion(Path(config.docs_dir), decisions)
    if line is None:
        return
    pattern = pathspec.gitignore.GitIgnoreSpec.from_lines([line])
    existing = config.exclude_docs
    config.exclude_docs = pattern if existing is None else existing + pattern


def hand_over_texts(files: Files, handbook: Handbook) -> None:
    """Give MkDocs the text the core read for each docs page, so no page is read twice."""
    for page in handbook.pages:
        file = files.get_file_from_path(page.src_uri)
        if file is not None and type(file) is File and file.generated_by is None:
            files.remove(file)  # pages keep their order: every docs page moves to the end, in order
            files.append(ReadPage(file, page.text))


def with_info(markdown: str, page: HandbookPage, site: SitePages) -> str:
    """Return a page's Markdown with its owner, last review and last change under the title."""
    return insert_info(markdown, info_html(page, site))


def info_html(page: HandbookPage, site: SitePages) -> str:
    """Return the line of a page's owner, last review and last change, as HTML ('' if none)."""
    return site.info_line(page)


def with_feed_link(output: str, page: Page, site_name: str) -> str:
    """Link the Atom feed from a page's ``<head>``, whatever the theme."""
    href = get_relative_url(FEED_PATH, page.url)
    title = md.attr(f"{site_name or 'Handbook'}: what changed")
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{md.attr(href)}">\n'
    match = _HEAD_END.search(output)
    if match is None:
        return output
    return output[: match.start()] + link + output[match.start() :]
