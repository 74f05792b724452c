"""The stylesheet and scripts the plugin ships, added to every site that uses it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .files import packaged_file

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SITE_FOLDER = "assets/teamhandbook"
STYLESHEETS = ("teamhandbook.css", "agreement.css", "onboarding.css", "updates.css")
SCRIPTS = ("decision-index.js", "agreement.js", "whats-new.js", "updates-index.js")
MERMAID_SHIM = "mermaid-shim.js"
MERMAID_FILES = ("vendor/mermaid.min.js", "vendor/mermaid.LICENSE")


def register(config: MkDocsConfig, mermaid: str) -> None:
    """Link the stylesheet and scripts from every page (once, even on repeated builds)."""
    scripts = SCRIPTS + ((MERMAID_SHIM,) if mermaid == "local" else ())
    for name in STYLESHEETS:
        _append_once(config.extra_css, f"{SITE_FOLDER}/{name}")
    for name in scripts:
        _append_once(config.extra_javascript, f"{SITE_FOLDER}/{name}")


def add_files(files: Files, config: MkDocsConfig, mermaid: str) -> None:
    """Copy the stylesheet, the scripts and, for offline diagrams, Mermaid into the site."""
    names = STYLESHEETS + SCRIPTS
    if mermaid == "local":
        names += (MERMAID_SHIM, *MERMAID_FILES)
    for name in names:
        src_uri = f"{SITE_FOLDER}/{name}"
        if files.get_file_from_path(src_uri) is None:
            files.append(packaged_file(config, src_uri, ASSETS / name))


def _append_once(entries: list, path: str) -> None:
    """Append a path to ``extra_css`` or ``extra_javascript`` unless it is already there."""
    if all(str(entry) != path for entry in entries):
        entries.append(path)
