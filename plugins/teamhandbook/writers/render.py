"""Write the whole handbook as plain Markdown files, macros evaluated, for any static-site builder."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path, PurePosixPath

from ..handbook import Handbook
from ..macros.render import PageContext, macro_environment, render_page
from ..model.page import PageKind
from ..model.problem import Problem
from ..pages import markdown as md
from ..pages.author_pages import adopt_author_pages, merge_into
from ..pages.urls import SiteAddress
from ..readers.decision_log import walk
from ..readers.source_files import Boundary
from ..readers.text import read_source
from ..site import build_site_pages
from .transaction import Transaction

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
    read_texts = {page.src_uri: page.text for page in handbook.pages if page.kind is PageKind.PAGE}
    files = walk(docs, boundary) if docs.is_dir() else []
    adopt_author_pages(pages, {path.as_posix() for path in files})
    for relative in files:
        path, source = relative.as_posix(), handbook.settings.relative(docs / relative)
        if relative.suffix.lower() != ".md":
            assets[path] = docs / relative
            continue
        text = read_texts.get(path)  # as the handbook read it (refused front matter left out)
        if text is None:
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
    render wrote are replaced or, when gone from the handbook, removed; nothing else is touched,
    and nothing outside ``out`` ever is: a manifest line that leads elsewhere is refused. The
    files are written all or none; if one cannot be (a full disk), ``out`` stays as it was.
    """
    previous = _previous_render(out)
    pages, assets, problems = rendered_files(handbook, address, macros)
    written = sorted([*pages, *assets])
    transaction = Transaction((out,))
    for path, content in pages.items():
        _write(transaction, out / path, path in previous, data=content.encode("utf-8"))
    for path, source in assets.items():
        _write(transaction, out / path, path in previous, source=source)
    manifest = out / MANIFEST
    _write(transaction, manifest, manifest.is_file(), data=("\n".join(written) + "\n").encode("utf-8"))
    transaction.commit()
    for stale in sorted(previous - set(written)):
        _remove(out, stale)
    return written, problems


def _previous_render(out: Path) -> set[str]:
    """Return the files an earlier render wrote into ``out``; refuse a folder that holds other files,
    and a manifest that names anything outside ``out``."""
    if not out.exists():
        return set()
    if not out.is_dir():
        raise RenderError(f"{out} is a file, not a folder")
    manifest = out / MANIFEST
    if os.path.lexists(manifest):
        found = Boundary([out]).read(manifest, MANIFEST)
        if found.raw is None:
            reason = found.problem.message if found.problem else "it cannot be read"
            raise RenderError(f"{manifest}: {reason} Nothing was written or deleted.")
        try:
            entries = found.raw.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            raise RenderError(f"{manifest} is not UTF-8 text; nothing was written or deleted") from None
        return {_checked_entry(out, entry) for entry in entries if entry}
    if any(out.iterdir()):
        raise RenderError(
            f"{out} is not empty and was not written by `handbook render`; choose an empty or new folder"
        )
    return set()


def _checked_entry(out: Path, entry: str) -> str:
    """Return a manifest line if it names a file strictly inside ``out``; refuse it otherwise.

    The manifest says what the next render may replace or delete, so a line such as
    ``../docs/index.md``, ``/etc/passwd`` or a path through a link leading out would let a
    tampered manifest delete an author's files.
    """
    path = PurePosixPath(entry)
    parts = path.parts
    outside = (
        path.is_absolute()
        or "\\" in entry
        or "\0" in entry
        or re.match(r"^[A-Za-z]:", entry) is not None
        or not parts
        or any(part in ("..", ".") for part in parts)
        or entry != path.as_posix()
    )
    if not outside:
        folder = Path(os.path.realpath(out / path.parent))
        outside = not (folder == Path(os.path.realpath(out)) or folder.is_relative_to(os.path.realpath(out)))
    if outside:
        raise RenderError(
            f"{out / MANIFEST} lists '{entry}', which is not a file inside {out}; `handbook render` "
            "deletes and replaces only files it wrote there, so nothing was written or deleted. "
            "Remove that line from the manifest, or render into a new folder."
        )
    return entry


def _write(
    transaction: Transaction, path: Path, ours: bool, data: bytes | None = None, source: Path | None = None
) -> None:
    """Add a file to the render: replace one an earlier render wrote, else create it, never overwriting."""
    if ours and os.path.lexists(path):
        transaction.replace(path, data if data is not None else source.read_bytes() if source else b"")
    elif source is not None:
        transaction.copy(source, path)
    else:
        transaction.create(path, data or b"")


def _remove(out: Path, stale: str) -> None:
    """Delete a file an earlier render wrote that the handbook no longer has (never a folder)."""
    path = out / stale
    if path.is_symlink() or path.is_file():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
