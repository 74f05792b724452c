"""Write the plan of the site as plain Markdown files, macros evaluated, for any static-site builder."""

from __future__ import annotations

from pathlib import Path

from ..macros.render import PageContext, macro_environment, render_page
from ..model.problem import Problem
from ..pages.redirects import follow_moves
from ..readers.decision_log import walk
from ..readers.text import read_source
from ..writers.files import copy_exclusively, create_exclusively, replace_atomically
from .site_plan import PlannedFile, Role, SitePlan

MANIFEST = ".teamhandbook-render"
"""Lists the files the last render wrote, so the next one may replace them, and only them."""


class RenderError(ValueError):
    """An output folder the render must not write into."""


def docs_files(docs: Path) -> dict[str, Path]:
    """Return the files of a docs folder, by path in the site, as a site builder finds them."""
    if not docs.is_dir():
        return {}
    return {relative.as_posix(): docs / relative for relative in walk(docs)}


def published(file: PlannedFile) -> bool:
    """Tell whether a builder publishes a file: not the docs folder's ``templates/`` (MkDocs' rule)."""
    return not (file.role is Role.DOCS and file.src_uri.split("/", 1)[0] == "templates")


def rendered_files(
    plan: SitePlan, macros: bool = True
) -> tuple[dict[str, str], dict[str, Path], list[Problem]]:
    """Return every page and export of a plan by site path (macros evaluated), the files to copy,
    and the problems of evaluating macros.

    Docs pages (and authors' pages that hold a generated page) have their macros evaluated when
    ``macros`` says the site uses mkdocs-macros; agreement pages always do.
    """
    handbook = plan.site.handbook
    texts = {page.src_uri: page.text for page in handbook.pages}
    context = PageContext(handbook)
    environment = macro_environment(context)
    pages: dict[str, str] = {}
    copies: dict[str, Path] = {}
    problems: list[Problem] = []
    for file in plan.files.values():
        if not published(file):
            continue
        if file.role is Role.DOCS and not file.is_page:
            copies[file.src_uri] = file.path
            continue
        if file.produce is None and file.role is not Role.DOCS:
            copies[file.src_uri] = file.path
            continue
        if file.role is Role.DOCS:
            text = texts.get(file.src_uri)
            if text is None:
                text = read_source(file.path, file.source).text
        else:
            text = file.produce()
        if plan.moved and file.role in (Role.DOCS, Role.MERGED):  # links into a log kept in docs/
            text = follow_moves(text, file.src_uri, plan.moved)
        evaluate = file.role is Role.AGREEMENT or (macros and file.role in (Role.DOCS, Role.MERGED))
        if evaluate:
            context.current = file.src_uri
            text, found = render_page(text, file.source or file.src_uri, environment)
            problems.extend(found)
        pages[file.src_uri] = text
    return pages, copies, problems


def render(plan: SitePlan, out: Path, macros: bool = True) -> tuple[list[str], list[Problem]]:
    """Write every page and asset into ``out``; return the site paths written and the problems.

    ``out`` must be empty or hold an earlier render (it has the manifest): files the earlier
    render wrote are replaced or, when gone from the handbook, removed; nothing else is touched.
    """
    previous = _previous_render(out)
    pages, assets, problems = rendered_files(plan, macros)
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
