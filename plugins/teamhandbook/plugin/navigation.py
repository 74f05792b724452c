"""Material's navigation, rendered once for all the pages that show it the same way.

Material renders the whole navigation into every page: a decision log's thousand pages render it a
thousand times, although for every page the navigation does not list (most decisions, updates,
people and weeks) it comes out the same, but for its relative links. Which page is being rendered
changes only three things in Material's ``partials/nav.html`` and ``partials/nav-item.html``: the
items marked active (the page and the sections above it), the page's own table of contents (shown
only when the page is in the navigation), and the links, which MkDocs writes relative to the
page's address. So pages that no navigation item marks active, and from which every link comes out
the same, share one rendering:

- pages whose addresses sit in the same folder (``decisions/0001-a.html`` without directory URLs);
- pages whose addresses are folders of their own, side by side in one parent folder, holding
  nothing else of the site (``decisions/0001-a/``, ``decisions/0002-b/``): from either, a link to
  anything outside the two folders is the same.

Anything else renders the navigation itself: a page the navigation lists, or a theme whose
navigation templates are overridden by templates that read the page.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Hashable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

from . import host

if TYPE_CHECKING:
    from jinja2 import Environment

NAVIGATION = "partials/nav.html"
"""Material's navigation, included once in every page by ``base.html``."""

TEMPLATES = (NAVIGATION, "partials/nav-item.html", "partials/logo.html", "partials/source.html")
"""The templates the navigation renders. Material's own are known to read the page only as described
above; an override of one is trusted only if it never names the page."""

_MATERIAL = Path(material.__file__).resolve().parent / "templates"


def share_navigation(env: Environment, config: MkDocsConfig, files: Files) -> bool:
    """Have ``env`` render Material's navigation once per group of pages that show it the same way.

    Return whether it will: not for another theme, nor when an override of a navigation template
    reads the page.
    """
    if config.theme.name != "material" or not all(_trusted(env, name) for name in TEMPLATES):
        return False
    return host.share_rendering(env, NAVIGATION, SharedNavigation(files, config))


def _trusted(env: Environment, name: str) -> bool:
    """Tell whether a navigation template is Material's own, or an override that never names the page."""
    try:
        source, filename, _uptodate = env.loader.get_source(env, name) if env.loader else ("", None, None)
    except Exception:  # no such template: nothing to distrust
        return True
    if filename is None:
        return False
    return Path(filename).resolve().is_relative_to(_MATERIAL) or "page" not in source


class SharedNavigation:
    """Says which pages show the same navigation: a key for each page, or None for one that is listed."""

    def __init__(self, files: Files, config: MkDocsConfig) -> None:
        self.files = files
        self.homepage = config.extra.get("homepage") if isinstance(config.extra, Mapping) else None
        self.nav: Navigation | None = None
        self.items: list[Any] = []
        self.occupied: Counter[str] | None = None

    def __call__(self, context: Mapping[str, Any]) -> Hashable | None:
        """Return the key of the page being rendered: pages with equal keys show the same navigation."""
        page, nav, config = context.get("page"), context.get("nav"), context.get("config")
        if not isinstance(page, Page) or not isinstance(nav, Navigation) or page.url is None:
            return None
        if nav is not self.nav:
            self.nav, self.items = nav, list(_walk(nav.items))
            self.occupied = None
        if any(getattr(item, "active", False) for item in self.items):
            return None  # the page is listed, or a plugin marked a section: it renders its own
        folder = _folder(page.url)
        if self._alone_in(folder):
            return id(config), "beside", posixpath.dirname(folder)
        return id(config), "in", folder

    def _alone_in(self, folder: str) -> bool:
        """Tell whether a page's folder holds nothing else the navigation could link to."""
        if not folder:
            return False
        if self.occupied is None:
            targets = [file.url for file in self.files]
            targets += [item.url for item in self.items if isinstance(item, Link)]
            targets += [self.homepage] if isinstance(self.homepage, str) else []
            self.occupied = Counter(
                prefix for target in targets for prefix in _prefixes(_folder_parts(target))
            )
        return self.occupied[folder] <= 1  # the page's own address, and nothing else


def _walk(items: list[Any]) -> Iterator[Any]:
    """Yield every item of a navigation, sections' children included."""
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _folder(url: str) -> str:
    """Return the folder MkDocs makes a page's links relative to, as ``get_relative_url`` takes it:
    the address without a last part that has a dot (a file), normalised, without slashes around."""
    return "/".join(_folder_parts(url))


def _folder_parts(url: str) -> list[str]:
    """Return the parts of the folder of an address (see ``_folder``)."""
    folder, _, last = url.rpartition("/")
    path = posixpath.normpath("/" + (folder if "." in last else url))[1:]
    return path.split("/") if path else []


def _prefixes(parts: list[str]) -> Iterator[str]:
    """Yield ``a``, ``a/b``, ``a/b/c`` for the parts ``a``, ``b``, ``c``."""
    for end in range(1, len(parts) + 1):
        yield "/".join(parts[:end])
