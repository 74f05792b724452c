"""The stylesheet and scripts the plugin ships, added to every site that uses it."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..plan.assets import linked_assets, packaged_assets
from .files import packaged_file


def register(config: MkDocsConfig, mermaid: str) -> None:
    """Link the stylesheet and scripts from every page (once, even on repeated builds)."""
    stylesheets, scripts = linked_assets(mermaid)
    for path in stylesheets:
        _append_once(config.extra_css, path)
    for path in scripts:
        _append_once(config.extra_javascript, path)


def add_files(files: Files, config: MkDocsConfig, mermaid: str) -> None:
    """Copy the stylesheet, the scripts and, for offline diagrams, Mermaid into the site."""
    for src_uri, path in packaged_assets(mermaid).items():
        if files.get_file_from_path(src_uri) is None:
            files.append(packaged_file(config, src_uri, path))


def _append_once(entries: list, path: str) -> None:
    """Append a path to ``extra_css`` or ``extra_javascript`` unless it is already there."""
    if all(str(entry) != path for entry in entries):
        entries.append(path)
