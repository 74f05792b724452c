"""The mkdocs-macros integration: the handbook's macros, registered with the ``macros`` plugin.

When the ``macros`` plugin is enabled (before or after ``team-handbook``), pages can write
``{{ decision_link(5) }}``, ``{{ response_times() }}`` or ``{{ open_for_feedback_count() }}``.
The functions live in the core (``teamhandbook.macros``) and read the plugin's model at render
time, so they always see the current build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

from ..macros import handbook_macros

if TYPE_CHECKING:
    from .plugin import TeamHandbookPlugin


def register(plugin: TeamHandbookPlugin, config: MkDocsConfig) -> None:
    """Register the handbook's macros with mkdocs-macros, if it is enabled."""
    macros_plugin = config.plugins.get("macros")
    if macros_plugin is None or not hasattr(macros_plugin, "register_macros"):
        return
    macros_plugin.register_macros(handbook_macros(plugin))
