"""Write the handbook's generated pages as plain Markdown files, for any static-site builder."""

from __future__ import annotations

from pathlib import Path

from ..handbook import Handbook
from ..pages import markdown as md
from ..site import build_site_pages
from .files import copy_exclusively, create_exclusively, replace_atomically

MANIFEST = ".teamhandbook-render"
"""Lists the files the last render wrote, so the next one may replace them, and only them."""


class RenderError(ValueError):
    """An output folder the render must not write into."""


def rendered_files(handbook: Handbook) -> tuple[dict[str, str], dict[str, Path]]:
    """Return the generated pages and decision pages by site path, and the assets to copy."""
    site = build_site_pages(handbook)
    pages = dict(site.generated)
    for decision in handbook.decisions:
        pages[md.decision_path(decision)] = site.decision_markdown(decision)
    root = handbook.settings.root
    folder = handbook.settings.decisions_path
    assets = {
        "decisions/" + (root / asset).resolve().relative_to(folder).as_posix(): root / asset
        for asset in handbook.decisions.assets
    }
    return pages, assets


def render(handbook: Handbook, out: Path) -> list[str]:
    """Write every page and asset into ``out``; return the site paths written.

    ``out`` must be empty or hold an earlier render (it has the manifest): files the earlier
    render wrote are replaced or, when gone from the handbook, removed; nothing else is touched.
    """
    previous = _previous_render(out)
    pages, assets = rendered_files(handbook)
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
    return written


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
