"""Macros that quote the working agreement in prose: ``{{ response_time("urgent") }}``,
``{{ team_roster() }}``, ``{{ overlap_strips() }}``…

Each reads the model of the current build when the page is rendered. A name the data does not
have shows as a visible marker on the page; the core reports it with its file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.agreement import Agreement
from ..pages import agreement as pages
from ..pages import agreement_widgets as widgets
from ..pages import markdown as md
from ..pages import overlap_view as overlap
from .context import MacroContext

NO_AGREEMENT = "*(this handbook has no working agreement yet: add a `working-agreement/` folder)*"


def agreement_macros(context: MacroContext) -> dict[str, Any]:
    """Return the agreement's macros, each reading the model of the current build."""
    emitted: set[tuple[int, str]] = set()
    current_page = context.page_path

    def agreement() -> Agreement | None:
        """The agreement of the current build, if the handbook has one."""
        return context.handbook.agreement if context.handbook is not None else None

    def block(render: Callable[[Agreement], str]) -> Callable[[], str]:
        """Make a macro that renders a block of the agreement, or says there is none."""

        def macro() -> str:
            current = agreement()
            return render(current) if current is not None else NO_AGREEMENT

        macro.__doc__ = render.__doc__
        return macro

    def widget(render: Callable[[Agreement], str]) -> Callable[[], str]:
        """Make a widget macro; the page gets the widgets' data once, with its first widget."""

        def macro() -> str:
            current = agreement()
            if current is None:
                return NO_AGREEMENT
            html = render(current)
            key = (id(current), current_page())
            if html.startswith("<") and key not in emitted:
                emitted.add(key)
                html = widgets.data_element(current) + "\n" + html
            return html

        macro.__doc__ = render.__doc__
        return macro

    def response_time(tier: str, channel: str | None = None) -> str:
        """The response time of a tier: ``{{ response_time("urgent") }}`` → ``4 business hours``."""
        current = agreement()
        found = current.tier(tier) if current is not None else None
        if current is None or found is None:
            return f"*(no tier '{md.text(tier)}')*"
        chosen = current.channel(channel) if channel else None
        return pages.within(found.within_on(chosen.name if chosen else None))

    def person(handle: str) -> str:
        """A person's name, from their handle: ``{{ person("lukas") }}`` → ``Lukas Berg``."""
        current = agreement()
        found = current.team.get(handle) if current is not None and current.team is not None else None
        return md.text(found.name) if found is not None else f"*(no one with the handle '{md.text(handle)}')*"

    def channel(name: str) -> str:
        """A channel's label: ``{{ channel("chat") }}`` → ``Team chat (#harbor)``."""
        current = agreement()
        found = current.channel(name) if current is not None else None
        return md.text(found.label) if found is not None else f"*(no channel '{md.text(name)}')*"

    def core_hours() -> str:
        """The core window, inline: ``15:00–16:00 UTC``."""
        current = agreement()
        if current is None or current.core_window is None:
            return "*(no core window)*"
        return current.core_window.label

    def call_after() -> str:
        """How many back-and-forths make a thread worth a call: ``3``."""
        current = agreement()
        if current is None or current.sync is None or current.sync.call_after is None:
            return "*(no rule)*"
        return str(current.sync.call_after)

    def key_figures() -> str:
        """The response tiers and the core window, linking to the page with local times."""
        return pages.key_figures(agreement(), current_page())

    def template_list() -> str:
        """The writing templates, linked."""
        current = agreement()
        return pages.template_list(current, current_page()) if current is not None else NO_AGREEMENT

    return {
        "team_roster": block(overlap.roster_table),
        "response_times": block(pages.response_table),
        "response_time": response_time,
        "person": person,
        "channel": channel,
        "channels": block(pages.channel_table),
        "escalation_path": block(pages.escalation_block),
        "public_by_default": block(pages.public_block),
        "core_hours": core_hours,
        "core_window": block(overlap.core_window_block),
        "overlap_strips": widget(overlap.strips),
        "overlap_through_the_year": block(overlap.year_table),
        "focus_blocks": block(pages.focus_list),
        "sync_or_async": block(pages.sync_table),
        "escalate_to_call": block(pages.call_rule),
        "call_after": call_after,
        "working_now": widget(widgets.working_now),
        "reply_estimator": widget(widgets.reply_estimator),
        "template_list": template_list,
        "key_figures": key_figures,
    }
