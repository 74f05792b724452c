"""The adapter's side of onboarding, reviews and changes: docs pages, the info line, the feed link."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ..handbook import Handbook
from ..model.page import HandbookPage
from ..pages import markdown as md
from ..pages.page_info import insert_info, page_info
from ..pages.urls import FEED_PATH
from ..settings import SettingsError
from ..site import SitePages
from .safe_meta import edit_path

_HEAD_END = re.compile(r"</head\s*>", re.I)


class ReadPage(File):
    """A page of ``docs/`` whose text the core already read: MkDocs gets that text, not a second read.

    Its source stays the real file, so edit links and ``mkdocs serve --dirty`` (which compares the
    file's modification time with the built page's) work as for any page.
    """

    def __init__(self, file: File, text: str) -> None:
        super().__init__(
            file.src_uri,
            file.src_dir,
            file.dest_dir,
            file.use_directory_urls,
            dest_uri=file.dest_uri,
            inclusion=file.inclusion,
        )
        self._text = text
        self.edit_uri = edit_path(file.src_uri)

    @property
    def content_string(self) -> str:  # type: ignore[override]
        """The page's Markdown: what the core read, or what a plugin set since."""
        return self._content if isinstance(self._content, str) else self._text

    @content_string.setter
    def content_string(self, value: str) -> None:
        self._content = value  # changed content: MkDocs rebuilds the page on every dirty build

    @property
    def content_bytes(self) -> bytes:  # type: ignore[override]
        """The page's Markdown as UTF-8."""
        return self.content_string.encode("utf-8")


LATEST_EPOCH = int(dt.datetime(9998, 12, 31, tzinfo=dt.UTC).timestamp())
"""The last ``SOURCE_DATE_EPOCH`` accepted: a year later, dates computed from it leave the calendar."""


def build_date() -> dt.date:
    """Return the date the site is built for: ``SOURCE_DATE_EPOCH`` (reproducible builds), else today.

    Raises ``SettingsError`` for a value that is not a whole number of seconds in range.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > LATEST_EPOCH:
        shown = epoch if len(epoch) <= 40 else epoch[:40] + "…"
        raise SettingsError(
            f"SOURCE_DATE_EPOCH is '{shown}'; it must be a whole number of seconds since "
            f"1970-01-01 (UTC), at most {LATEST_EPOCH} (the end of year 9998), or unset"
        )
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()


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
    handbook = site.handbook
    return page_info(page, handbook.history.get(page.source), site.reviews.get(page.source), handbook.today)


def with_feed_link(output: str, page: Page, site_name: str) -> str:
    """Link the Atom feed from a page's ``<head>``, whatever the theme."""
    href = get_relative_url(FEED_PATH, page.url)
    title = md.attr(f"{site_name or 'Handbook'}: what changed")
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{md.attr(href)}">\n'
    match = _HEAD_END.search(output)
    if match is None:
        return output
    return output[: match.start()] + link + output[match.start() :]
