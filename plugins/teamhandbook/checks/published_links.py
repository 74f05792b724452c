"""The links of the whole published site, checked as a strict build checks them, for ``handbook check``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.problem import Problem
from .site_links import LinkRules, SitePage, markdown_converter, site_link_problems

_LEVELS_THAT_FAIL = ("warn", "warning")


def link_rules(config: Mapping[str, Any]) -> LinkRules:
    """Return what a build of this configuration reports as a warning, from its ``validation:``."""
    validation = config.get("validation") or {}
    links = validation.get("links") if isinstance(validation.get("links"), dict) else {}
    merged = {**validation, **links} if isinstance(validation, dict) else {}

    def fails(name: str, default: str) -> bool:
        return str(merged.get(name, default)).lower() in _LEVELS_THAT_FAIL

    return LinkRules(
        not_found=fails("not_found", "warn"),
        anchors=fails("anchors", "info"),
        absolute_links=fails("absolute_links", "info"),
        unrecognized_links=fails("unrecognized_links", "info"),
        use_directory_urls=config.get("use_directory_urls", True) is not False,
    )


def extensions(config: Mapping[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Return a configuration's Markdown extensions by name, and their options by name."""
    names: list[str] = []
    options: dict[str, Any] = {}
    entries = config.get("markdown_extensions") or []
    for entry in entries.items() if isinstance(entries, dict) else entries:
        if isinstance(entry, tuple | dict):
            name, value = entry if isinstance(entry, tuple) else next(iter(entry.items()))
        else:
            name, value = entry, None
        names.append(str(name))
        if isinstance(value, dict):
            options[str(name)] = value
    return names, options


def published_link_problems(
    config: Mapping[str, Any],
    pages: Mapping[str, str],
    sources: Mapping[str, tuple[str, str]],
    link_lines: Mapping[str, Mapping[str, int]],
    files: set[str],
) -> list[Problem]:
    """Check the links of every page a site publishes.

    ``pages`` holds each Markdown page by its path in the site, as the builder converts it;
    ``sources`` the file an author edits for each and its text (absent for generated pages);
    ``link_lines`` the lines of links already known from reading a source; ``files`` every path
    the site has.
    """
    names, options = extensions(config)
    converter = markdown_converter(names, options)
    site_pages = []
    for src_uri, text in pages.items():
        source, source_text = sources.get(src_uri, (src_uri, ""))
        site_pages.append(SitePage(src_uri, source, text, source_text, link_lines.get(src_uri, {})))
    return site_link_problems(site_pages, files, link_rules(config), converter)
