"""The mkdocs-macros integration: variables and macros that let prose quote the handbook's data.

When the ``macros`` plugin is enabled (before or after ``team-handbook``), pages can write
``{{ decision_link(5) }}`` or ``{{ decision_list(tag="process") }}``. The functions read the
model at render time, so they always see the current build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig

from ..checks.references import ReferenceIndex
from ..model.decision import DecisionLog
from ..pages import markdown as md
from ..pages.snippets import decision_list, decisions_matching, find_decision
from .agreement_macros import agreement_macros
from .change_macros import change_macros

if TYPE_CHECKING:
    from .plugin import TeamHandbookPlugin


def register(plugin: TeamHandbookPlugin, config: MkDocsConfig) -> None:
    """Register the handbook's variables and macros with mkdocs-macros, if it is enabled."""
    macros_plugin = config.plugins.get("macros")
    if macros_plugin is None or not hasattr(macros_plugin, "register_macros"):
        return
    macros_plugin.register_macros({**handbook_macros(plugin), **agreement_macros(plugin)})


def handbook_macros(plugin: TeamHandbookPlugin) -> dict[str, Any]:
    """Return the macros, each bound to the plugin's model of the current build."""

    def current_page() -> str:
        """The source path of the page being rendered."""
        page = plugin.current_page
        return page.file.src_uri if page is not None else "index.md"

    cache: dict[int, ReferenceIndex] = {}

    def log() -> DecisionLog:
        """The decision log of the current build."""
        assert plugin.handbook is not None, "the handbook is read before pages are rendered"
        return plugin.handbook.decisions

    def references() -> ReferenceIndex:
        """The reference index of the current build, made once per build."""
        current = log()
        if id(current) not in cache:
            cache.clear()
            cache[id(current)] = ReferenceIndex(current)
        return cache[id(current)]

    def decision_link_macro(reference: str | int, label: str | None = None) -> str:
        """Link to a decision: ``{{ decision_link(5) }}`` or ``{{ decision_link("ADR-0005") }}``."""
        decision = find_decision(references(), reference)
        if decision is None:
            return f"*(no decision '{md.text(reference)}')*"
        return md.decision_link(decision, current_page(), label)

    def decision_list_macro(status: str | None = None, tag: str | None = None) -> str:
        """List decisions, optionally of one status and/or tag, as links with their status."""
        return decision_list(decisions_matching(log(), status, tag), current_page())

    def decision_count_macro(status: str | None = None, tag: str | None = None) -> int:
        """Count decisions, optionally of one status and/or tag."""
        return len(decisions_matching(log(), status, tag))

    return {
        "decision_link": decision_link_macro,
        "decision_list": decision_list_macro,
        "decision_count": decision_count_macro,
        **change_macros(plugin, current_page),
    }
