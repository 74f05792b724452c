"""The handbook's macros: prose quotes the decision log, the agreement and what is open, by name.

The functions belong to the core, so every builder gets the same answers: the MkDocs plugin
registers them with mkdocs-macros, and ``handbook render`` evaluates pages with them itself.
"""

from __future__ import annotations

from typing import Any

from .agreement import agreement_macros
from .changes import change_macros
from .context import MacroContext
from .decisions import decision_macros
from .updates import update_macros


def handbook_macros(context: MacroContext) -> dict[str, Any]:
    """Return every macro a handbook page can use, bound to ``context``."""
    return {
        **decision_macros(context),
        **change_macros(context),
        **agreement_macros(context),
        **update_macros(context),
    }


__all__ = ["MacroContext", "handbook_macros"]
