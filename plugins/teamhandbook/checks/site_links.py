"""Links and anchors that lead nowhere, found the way MkDocs finds them during a build.

MkDocs converts each page with Python-Markdown and its site's extensions, then looks at every
``<a href>`` and ``<img src>`` of the result: links in comments, code and raw HTML are not links,
a link's text may hold brackets or wrap across lines, and reference-style links count. This module
does the same conversion, so ``handbook check`` reports what ``mkdocs build --strict`` fails on,
no more and no less, in the author's terms: the source file, the line, and how to fix it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

import markdown
from markdown.htmlparser import htmlparser
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..model.problem import Problem, Severity

AMP_SUBSTITUTE = "\x02amp\x03"
"""What Python-Markdown puts for ``&`` in the addresses it obfuscates (``mailto:`` links)."""

BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
"""Extensions MkDocs always adds to a site's own."""


@dataclass(frozen=True)
class LinkRules:
    """What a site's build reports as a warning (``--strict`` fails on it), from ``validation:``."""

    not_found: bool = True
    anchors: bool = False
    absolute_links: bool = False
    unrecognized_links: bool = False
    use_directory_urls: bool = True


@dataclass(frozen=True)
class SitePage:
    """A Markdown page of the site, as the site builder converts it."""

    src_uri: str
    """Its path in the site: ``decisions/0001-x.md``."""

    source: str
    """The file an author edits, relative to the handbook root: ``decisions/0001-x.md``."""

    markdown: str
    """The Markdown the builder converts (macros evaluated, generated parts in)."""

    source_text: str = ""
    """The text of the source file, to find the line of a link; '' when generated."""

    link_lines: Mapping[str, int] = field(default_factory=dict)
    """Lines of links known from reading the source (a decision's), by the link as written."""

    excluded: bool = False
    """Not published (MkDocs' ``exclude_docs``); its own links are not reported."""


@dataclass
class _Converted:
    """What one page holds: its links (as written, in order) and the anchors it defines."""

    links: list[str] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)


def markdown_converter(extensions: Iterable[object], configs: Mapping[str, object]) -> markdown.Markdown:
    """Return a Python-Markdown converter with a site's extensions, as MkDocs sets one up."""
    names = [*BUILTIN_EXTENSIONS, *(e for e in extensions if e not in BUILTIN_EXTENSIONS)]
    converter = markdown.Markdown(extensions=names, extension_configs=dict(configs))
    converter.preprocessors.register(_RawAnchors(converter), "teamhandbook_raw_anchors", 21)
    converter.treeprocessors.register(_Anchors(converter), "teamhandbook_anchors", 5)
    converter.treeprocessors.register(_Links(converter), "teamhandbook_links", 0)
    return converter


def site_link_problems(
    pages: Iterable[SitePage], files: set[str], rules: LinkRules, converter: markdown.Markdown
) -> list[Problem]:
    """Return a problem for every link or anchor a strict build of these pages would fail on.

    ``files`` holds the path in the site of every file the site has (pages, images, exports).
    """
    pages = list(pages)
    converted = {page.src_uri: _convert(page, converter) for page in pages}
    problems: list[Problem] = []
    for page in pages:
        if page.excluded:
            continue
        for link in dict.fromkeys(converted[page.src_uri].links):
            problem = _check_link(page, link, files, converted, rules)
            if problem is not None:
                problems.append(problem)
    return problems


def _convert(page: SitePage, converter: markdown.Markdown) -> _Converted:
    """Convert a page and return its links and anchors."""
    found = _Converted()
    converter.reset()
    converter.teamhandbook_found = found  # type: ignore[attr-defined]
    converter.convert(page.markdown)
    return found


def _check_link(
    page: SitePage, url: str, files: set[str], converted: Mapping[str, _Converted], rules: LinkRules
) -> Problem | None:
    """Return the problem with one link of a page, as MkDocs' validation sees it, or None."""
    scheme, netloc, path, _query, anchor = urlsplit(url)
    if scheme or netloc or AMP_SUBSTITUTE in url:
        return None
    if url.startswith(("/", "\\")):
        if not rules.absolute_links:
            return None
        return _problem(page, url, "is absolute, so it breaks when the site moves; make it relative.")
    if not path:
        if anchor and rules.anchors and anchor not in converted[page.src_uri].anchors:
            what = "leads to no section of this page; correct the anchor."
            return _problem(page, url, what, "missing-anchor")
        return None
    path = unquote(path)
    target = _target_uri(page.src_uri, path)
    if posixpath.normpath(path) == ".":
        target = page.src_uri
    if target not in files:
        if not posixpath.splitext(path)[-1]:
            if not rules.unrecognized_links:
                return None
            return _problem(page, url, "does not name a file; link to the page's Markdown file.")
        if not rules.not_found:
            return None
        return _problem(page, url, _not_found(page, path, target, files))
    if anchor and rules.anchors and target in converted and anchor not in converted[target].anchors:
        return _problem(
            page, url, f"leads to no section '#{anchor}' of {target}; correct the anchor.", "missing-anchor"
        )
    return None


def _target_uri(src_uri: str, path: str) -> str:
    """Return the site path a relative link of a page leads to."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path).lstrip("/"))


def _not_found(page: SitePage, path: str, target: str, files: set[str]) -> str:
    """Say that a link's file is missing, suggesting the right path when the site has the file."""
    where = "outside the site (it climbs above the site's root)" if target.startswith("..") else target
    parts = target.split("/")
    for start in range(1, len(parts)):
        candidate = "/".join(parts[start:])
        if candidate in files and not candidate.startswith(".."):
            suggestion = posixpath.relpath(candidate, posixpath.dirname(page.src_uri) or ".")
            return (
                f"leads to {where}, which the site does not have; the site has {candidate}, "
                f"so link to '{suggestion}'."
            )
    return f"leads to {where}, which the site does not have; correct the link or add the file."


def _problem(page: SitePage, url: str, what: str, code: str = "broken-link") -> Problem:
    """Return the problem of one link, on the line of the source file that holds it."""
    return Problem(
        page.source,
        page.link_lines.get(url) or _line_of(page.source_text, url),
        f"the link '{url}' on this page {what}",
        Severity.ERROR,
        code,
        page=page.src_uri,
        link=url,
    )


def _line_of(text: str, url: str) -> int:
    """Return the 1-based line of a source file that holds a link, or 1 when it cannot be found."""
    if not text:
        return 1
    for needle in (f"]({url}", f"](<{url}>", f"]: {url}", url, unquote(url)):
        position = text.find(needle)
        if position >= 0:
            return text.count("\n", 0, position) + 1
    return 1


class _Links(Treeprocessor):
    """Collect the address of every link and image, as MkDocs' relative-path processor sees them."""

    def run(self, root: ElementTree.Element) -> None:
        found: _Converted = self.md.teamhandbook_found  # type: ignore[attr-defined]
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key is not None and element.get(key) is not None:
                found.links.append(element.get(key, ""))


class _Anchors(Treeprocessor):
    """Collect the anchors a page defines: every ``id``, and ``name`` on ``<a>``."""

    def run(self, root: ElementTree.Element) -> None:
        found: _Converted = self.md.teamhandbook_found  # type: ignore[attr-defined]
        for element in root.iter():
            if element.get("id"):
                found.anchors.add(element.get("id", ""))
            if element.tag == "a" and element.get("name"):
                found.anchors.add(element.get("name", ""))


class _RawAnchors(Preprocessor):
    """Collect the anchors raw HTML defines, which the tree never sees."""

    def run(self, lines: list[str]) -> list[str]:
        found: _Converted = self.md.teamhandbook_found  # type: ignore[attr-defined]
        parser = _AnchorParser(found.anchors)
        parser.feed("\n".join(lines))
        parser.close()
        return lines


class _AnchorParser(htmlparser.HTMLParser):  # type: ignore[name-defined,misc]
    """An HTML parser that notes ``id`` attributes and the ``name`` of ``<a>``."""

    def __init__(self, anchors: set[str]) -> None:
        super().__init__()
        self.anchors = anchors

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.anchors.add(value)


__all__ = ["LinkRules", "SitePage", "markdown_converter", "site_link_problems"]
