"""Write the plan of the site as plain Markdown files, macros evaluated, for any static-site builder."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..boundary import Boundary
from ..macros.render import PageContext, macro_environment, render_page
from ..model.problem import Problem
from ..pages.macro_guard import Markers
from ..pages.redirects import follow_moves
from ..readers.decision_log import walk
from ..readers.frontmatter import split_front_matter
from ..readers.text import read_source
from ..writers.transaction import Transaction
from .page_additions import EditLinks, finish_page
from .site_plan import PlannedFile, Role, SitePlan
from .targets import Project, Target

MANIFEST = ".teamhandbook-render"
"""Lists the files the last render wrote, so the next one may replace them, and only them."""


class RenderError(ValueError):
    """An output folder the render must not write into."""


def docs_files(docs: Path, boundary: Boundary) -> dict[str, Path]:
    """Return the files of a docs folder, by path in the site, as a site builder finds them, less
    what the boundary refuses (links leading out, devices…), which the handbook reports."""
    if not docs.is_dir():
        return {}
    return {relative.as_posix(): docs / relative for relative in walk(docs, boundary)}


def published(file: PlannedFile) -> bool:
    """Tell whether a builder publishes a file: not the docs folder's ``templates/`` (MkDocs' rule)."""
    return not (file.role is Role.DOCS and file.src_uri.split("/", 1)[0] == "templates")


@dataclass(frozen=True)
class Macros:
    """How the site evaluates macros, and how faithfully to follow it."""

    enabled: bool = True
    """The site has the ``macros`` plugin (mkdocs-macros)."""

    by_default: bool = True
    """mkdocs-macros' ``render_by_default``: it renders a page whose front matter does not say."""

    undefined: str = "keep"
    """mkdocs-macros' ``on_undefined``: what an undefined name becomes."""

    markers: Markers = field(default_factory=Markers)
    """mkdocs-macros' Jinja markers (its ``j2_..._string`` options): what a macro is written in."""

    as_built: bool = False
    """Evaluate exactly what the build evaluates, code samples of authors' and generated pages too
    (the plugin keeps code as written on decisions, updates and agreement pages only), and leave a
    page whose macros fail empty (the site shows mkdocs-macros' report of the error, without the
    page's links), for ``handbook check``; otherwise every page's code samples keep their braces
    and a page whose macros fail is kept as written, for the readers of ``handbook render``'s output."""


CODE_KEPT = frozenset({Role.DECISION, Role.UPDATE, Role.AGREEMENT})
"""The pages whose code samples the plugin keeps as written before mkdocs-macros sees them."""


def macros_render(file: PlannedFile, text: str, render_macros: bool, by_default: bool = True) -> bool:
    """Tell whether mkdocs-macros renders a page of the plan, set up as the plugin sets it up.

    A decision follows the ``render_macros`` option and a template is never rendered, whatever
    their front matter says, nor is an export (``changes.json``: mkdocs-macros sees Markdown pages
    only, and a site's own markers, such as ``[[``, may be plain JSON); other pages follow their
    front matter's ``render_macros``, else their default: true for an agreement page, the option
    for generated pages and updates, and mkdocs-macros' own ``render_by_default`` (``by_default``)
    for an author's page.
    """
    if file.role in (Role.TEMPLATE, Role.EXPORT):
        return False
    if file.role is Role.DECISION:
        wanted: object = render_macros
    else:
        wanted = split_front_matter(text, file.source or file.src_uri).data.get("render_macros")
        if wanted is None and file.role is not Role.DOCS:
            wanted = True if file.role is Role.AGREEMENT else render_macros
    return wanted is not False and (by_default or wanted is True)


def rendered_files(
    plan: SitePlan, macros: Macros = Macros(), unpublished: Collection[str] = ()
) -> tuple[dict[str, str], dict[str, Path], list[Problem]]:
    """Return every page and export of a plan by site path (macros evaluated), the files to copy,
    and the problems of evaluating macros; ``unpublished`` docs files (MkDocs' ``exclude_docs``
    and ``draft_docs``) are left out.

    When the site uses mkdocs-macros, a page has its macros evaluated when mkdocs-macros would
    render it in the site (``macros_render``); without it, agreement pages still do, so no reader
    sees ``{{ }}``.
    """
    handbook = plan.site.handbook
    render_macros = handbook.settings.render_macros
    texts = {page.src_uri: page.text for page in handbook.pages}
    context = PageContext(handbook)
    environment = macro_environment(context, macros.undefined, macros.markers)
    pages: dict[str, str] = {}
    copies: dict[str, Path] = {}
    problems: list[Problem] = []
    for file in plan.files.values():
        if not published(file) or (file.role in (Role.DOCS, Role.MERGED) and file.src_uri in unpublished):
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
                text = read_source(file.path, file.source, handbook.settings.boundary).text
        else:
            text = file.produce()
        if plan.moved and file.role in (Role.DOCS, Role.MERGED):  # links into a log kept in docs/
            text = follow_moves(text, file.src_uri, plan.moved)
        if (macros.enabled or file.role is Role.AGREEMENT) and macros_render(
            file, text, render_macros, macros.by_default
        ):
            context.current = file.src_uri
            protect = not macros.as_built or file.role in CODE_KEPT
            text, found = render_page(text, file.source or file.src_uri, environment, protect)
            problems.extend(found)
            if found and macros.as_built:  # mkdocs-macros publishes its report of the error instead
                text = ""
        pages[file.src_uri] = text
    return pages, copies, problems


def render(
    plan: SitePlan,
    out: Path,
    macros: Macros = Macros(),
    unpublished: Collection[str] = (),
    project: Project | None = None,
) -> tuple[list[str], list[Problem]]:
    """Write every page and asset into ``out`` (and, for a builder's project, its configuration and
    theme overrides), less the ``unpublished`` docs files; return the paths written, relative to
    ``out``, and the problems.

    Each page carries what the plugin would add while building it (``page_additions``). ``out``
    must be empty or hold an earlier render (it has the manifest): files the earlier render wrote
    are replaced or, when gone from the handbook, removed; nothing else is touched, and nothing
    outside ``out`` ever is: a manifest line that leads elsewhere is refused. The files are written
    all or none; if one cannot be (a full disk), ``out`` stays as it was.
    """
    project = project or Project(Target.PLAIN, EditLinks(docs=plan.site.handbook.settings.docs_path))
    previous = _previous_render(out)
    pages, assets, problems = rendered_files(plan, macros, unpublished)
    folder = project.target.docs_folder
    prefix = f"{folder}/" if folder else ""
    texts: dict[str, bytes] = {}
    copies: dict[str, Path] = {}
    for path, content in pages.items():
        planned = plan.files.get(path)
        if planned is not None and planned.is_page:
            content = finish_page(content, planned, plan, project.links)
        texts[prefix + path] = content.encode("utf-8")
    copies.update({prefix + path: source for path, source in assets.items()})
    for path, made in project.files.items():
        if isinstance(made, Path):
            copies[path] = made
        else:
            texts[path] = made
    written = sorted([*texts, *copies])
    transaction = Transaction((out,))
    for path, data in texts.items():
        _write(transaction, out / path, path in previous, data=data)
    for path, source in copies.items():
        _write(transaction, out / path, path in previous, source=source)
    manifest = out / MANIFEST
    _write(transaction, manifest, manifest.is_file(), data=("\n".join(written) + "\n").encode("utf-8"))
    transaction.commit()
    for stale in sorted(previous - set(written)):
        _remove(out, stale)
    return written, problems + project.problems


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
