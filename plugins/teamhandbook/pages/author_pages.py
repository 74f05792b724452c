"""Authors' own pages at the address of a generated page: the author's text is kept.

An author who wants to introduce the decision log, or any generated page, in their own words
writes a page at the same address in ``docs/``; the generated Markdown goes in at the page's
``<!-- team-handbook -->`` marker, or after its text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection
from urllib.parse import quote, unquote

from .links import rewrite_links

MARKER = "<!-- team-handbook -->"


def merge_into(author_markdown: str, generated: str) -> str:
    """Put generated Markdown into an author's page: at its marker, else after its text."""
    body = generated.split("\n", 1)[1] if generated.startswith("# ") else generated
    if MARKER in author_markdown:
        return author_markdown.replace(MARKER, body, 1)
    return author_markdown.rstrip() + "\n\n" + body


def adopt_author_pages(generated: dict[str, str], existing: Collection[str]) -> None:
    """Give a generated ``x/index.md`` to an author's ``x.md``, which has the same address.

    ``existing`` holds the site paths of the author's pages. The author's page is kept and the
    generated text goes in at its marker (or after its text), as for an author's page at the
    generated page's own path. Relative links of the moved text, and links of the other generated
    pages to it, are corrected.
    """
    moved = {
        uri: uri.removesuffix("/index.md") + ".md"
        for uri in generated
        if uri.endswith("/index.md")
        and uri not in existing
        and uri.removesuffix("/index.md") + ".md" in existing
    }
    if not moved:
        return
    for old, new in moved.items():
        generated[new] = generated.pop(old)
    for src_uri, markdown in generated.items():
        if src_uri.endswith(".md"):
            written_at = next((old for old, new in moved.items() if new == src_uri), src_uri)
            generated[src_uri] = rewrite_links(markdown, _retarget(written_at, src_uri, moved))


def _retarget(written_at: str, src_uri: str, moved: dict[str, str]) -> Callable[[str], str]:
    """Return a link rewriter for text written at ``written_at`` that now lives at ``src_uri``."""
    here, there = posixpath.dirname(written_at), posixpath.dirname(src_uri)

    def rewrite(target: str) -> str:
        path, hash_, fragment = target.partition("#")
        if not path:
            return target
        resolved = posixpath.normpath(posixpath.join(here, unquote(path)))
        resolved = moved.get(resolved, resolved)
        return quote(posixpath.relpath(resolved, there or "."), safe="/") + hash_ + fragment

    return rewrite
