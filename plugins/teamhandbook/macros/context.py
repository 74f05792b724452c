"""What a macro needs to know about the build it runs in."""

from __future__ import annotations

from typing import Protocol

from ..handbook import Handbook


class MacroContext(Protocol):
    """The model of the current build and the page being rendered.

    The MkDocs plugin is one (mkdocs-macros calls the macros while it renders pages);
    ``handbook render`` is another (it renders pages itself, for other site builders).
    """

    handbook: Handbook | None

    def page_path(self) -> str:
        """Return the site path of the page being rendered, e.g. ``working-agreement/index.md``."""
        ...
