"""Write the whole handbook as plain Markdown files, macros evaluated, for any static-site builder."""

from __future__ import annotations

from pathlib import Path

from ..checks.reserved import reserved_address
from ..handbook import Handbook
from ..macros.render import PageContext, macro_environment, render_page
from ..model.problem import Problem
from ..pages import markdown as md
from ..pages.author_pages import adopt_author_pages, merge_into
from ..pages.urls import SiteAddress
from ..readers.decision_log import walk
from ..readers.text import read_source
from ..site import build_site_pages
from .files import copy_exclusively, create_exclusively, replace_atomically

MANIFEST = ".teamhandbook-render"
"""Lists the files the last render wrote, so the next one may replace them, and only them."""


class RenderError(ValueError):
    """An output folder the render must not write into."""


def rendered_files(
    handbook: Handbook, address: SiteAddress | None = None, macros: bool = True
) -> tuple[dict[str, str], dict[str, Path], list[Problem]]:
    """Return every page by site path (macros evaluated), the files to copy, and the problems.

    The pages are the docs pages, the working agreement's pages and templates, one page per
    decision, and the generated pages and exports; an author's page at a generated page's address
    keeps its text, with the generated Markdown put in, as the plugin does. Docs pages have their
    macros evaluated when ``macros`` says the site uses mkdocs-macros; agreement pages always do.
    """
    site = build_site_pages(handbook, address=address)
    pages = dict(site.generated)
    for decision in handbook.decisions:
        if reserved_address(decision) is None:  # else reported: a generated page has its address
            pages[md.decision_path(decision)] = site.decision_markdown(decision)
    root = handbook.settings.root
    folder = handbook.settings.decisions_path
    assets = {
        "decisions/" + (root / asset).resolve().relative_to(folder).as_posix(): root / asset
        for asset in handbook.decisions.assets
    }
    context = PageContext(handbook)
    environment = macro_environment(context)
    problems: list[Problem] = []

    def evaluate(path: str, text: str, source: str) -> str:
        context.current = path
        rendered, found = render_page(text, source, environment)
        problems.extend(found)
        return rendered

    for page in site.sourced:
        text = page.render()
        pages[page.src_uri] = evaluate(page.src_uri, text, page.source) if page.kind == "agreement" else text
    docs = handbook.settings.docs_path
    boundary = handbook.settings.boundary
    files = walk(docs, boundary) if docs.is_dir() else []
    adopt_author_pages(pages, {path.as_posix() for path in files})
    for relative in files:
        path, source = relative.as_posix(), handbook.settings.relative(docs / relative)
        if relative.suffix.lower() != ".md":
            assets[path] = docs / relative
            continue
        text = read_source(docs / relative, source, boundary).text
        if path in pages:
            text = merge_into(text, pages[path])
        pages[path] = evaluate(path, text, source) if macros else text
    return pages, assets, problems


def render(
    handbook: Handbook, out: Path, address: SiteAddress | None = None, macros: bool = True
) -> tuple[list[str], list[Problem]]:
    """Write every page and asset into ``out``; return the site paths written and the problems.

    ``out`` must be empty or hold an earlier render (it has the manifest): files the earlier
    render wrote are replaced or, when gone from the handbook, removed; nothing else is touched.
    """
    previous = _previous_render(out)
    pages, assets, problems = rendered_files(handbook, address, macros)
    for path, content in pages.items():
        _write(out / path, content.encode("utf-8"), path in previous)
    for path, source in assets.items():
        target = out / path
        if path in previous and target.exists():
            target.unlink()
        copy_exclusively(source, target)
    written = sorted([*pages, *assets])
    for stale in previous - set(written):
        (out / stale).unlink(missing_ok=True)
    manifest = out / MANIFEST
    _write(manifest, ("\n".join(written) + "\n").encode("utf-8"), manifest.exists())
    return written, problems


def _previous_render(out: Path) -> set[str]:
    """Return the files an earlier render wrote into ``out``; refuse a folder that holds other files."""
    if not out.exists():
        return set()
    if not out.is_dir():
        raise RenderError(f"{out} is a file, not a folder")
    manifest = out / MANIFEST
    if manifest.is_file():
        return {line for line in manifest.read_text(encoding="utf-8").splitlines() if line}
    if any(out.iterdir()):
        raise RenderError(
            f"{out} is not empty and was not written by `handbook render`; choose an empty or new folder"
        )
    return set()


def _write(path: Path, data: bytes, replace: bool) -> None:
    """Write a file: replace one an earlier render wrote, else create it without overwriting."""
    if replace and path.exists():
        replace_atomically(path, data)
    else:
        create_exclusively(path, data)
