"""The stylesheets and scripts the handbook ships, and where they are published in every site."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets"
"""The folder of the package that holds them."""

SITE_FOLDER = "assets/teamhandbook"
STYLESHEETS = ("teamhandbook.css", "agreement.css", "onboarding.css", "updates.css")
SCRIPTS = ("decision-index.js", "agreement.js", "whats-new.js", "updates-index.js")
MERMAID_SHIM = "mermaid-shim.js"
MERMAID_FILES = ("vendor/mermaid.min.js", "vendor/mermaid.LICENSE")


def packaged_assets(mermaid: str = "local") -> dict[str, Path]:
    """Return every file the handbook adds to a site, by its path in the site."""
    names = STYLESHEETS + SCRIPTS
    if mermaid == "local":
        names += (MERMAID_SHIM, *MERMAID_FILES)
    return {f"{SITE_FOLDER}/{name}": ASSETS / name for name in names}


def linked_assets(mermaid: str = "local") -> tuple[list[str], list[str]]:
    """Return the stylesheets and scripts every page links, by their path in the site."""
    scripts = SCRIPTS + ((MERMAID_SHIM,) if mermaid == "local" else ())
    return [f"{SITE_FOLDER}/{n}" for n in STYLESHEETS], [f"{SITE_FOLDER}/{n}" for n in scripts]
