"""The builders ``handbook render`` writes a project for, and what it writes besides the pages.

- ``plain``: the pages and their files, for any Markdown site builder; no configuration.
- ``mkdocs``: a MkDocs project (``mkdocs.yml`` and ``docs/``) that builds with MkDocs, ProperDocs
  and Material, without the team-handbook plugin.
- ``zensical``: a Zensical project (``zensical.toml`` and ``docs/``).

The configuration is the site's own, as written (tags such as ``!ENV`` kept), with what the plugin
would have added: the navigation with the recent decisions, the stylesheets and scripts, the
statuses' labels, and theme overrides for the edit links and the feed link.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from ..model.addresses import FEED_PATH
from ..model.problem import Problem, Severity
from ..pages import markdown as md
from ..readers.decision_log import walk
from ..readers.raw_config import Tagged, load_raw_config
from ..readers.site_config import SiteConfig, plugin_entries
from .assets import linked_assets
from .navigation import navigation_paths, site_navigation
from .page_additions import EditLinks, edit_links
from .site_plan import Host, SitePlan
from .toml import toml_document

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "render"
OVERRIDES = "overrides"
"""Where a written project keeps its theme overrides (``theme.custom_dir``)."""

SITE_MAIN = "teamhandbook/site-main.html"
"""Where the site's own ``main.html`` goes, so the written one can extend it."""

HANDBOOK_PLUGINS = ("team-handbook", "macros")
"""Plugins a written project leaves out: the handbook's work is done, macros evaluated."""

LEFT_OUT_KEYS = ("INHERIT", "docs_dir", "site_dir", "nav", "edit_uri", "edit_uri_template", "hooks", "watch")
"""Settings a written project sets itself, or cannot carry (hooks and watched folders of the
original project, by paths relative to it)."""


class Target(StrEnum):
    """The builder a render is for."""

    PLAIN = "plain"
    MKDOCS = "mkdocs"
    ZENSICAL = "zensical"

    @property
    def docs_folder(self) -> str:
        """Return the folder of the pages in the written project ('' for the folder itself)."""
        return "" if self is Target.PLAIN else "docs"

    @property
    def config_name(self) -> str:
        """Return the name of the configuration file written ('' for none)."""
        return {Target.MKDOCS: "mkdocs.yml", Target.ZENSICAL: "zensical.toml"}.get(self, "")


@dataclass
class Project:
    """What a render writes besides the pages: the builder's configuration and theme overrides."""

    target: Target
    links: EditLinks
    files: dict[str, bytes | Path] = field(default_factory=dict)
    """Files by their path in the written project: text written, or a file to copy."""

    problems: list[Problem] = field(default_factory=list)


def target_host(target: Target, config: SiteConfig) -> Host:
    """Return what a written project's builder does itself: tags (when the site uses the tags
    plugin and the builder has one), but no decision header after conversion, nor links between
    decisions (they are in the pages, since most decisions are not in the navigation). A project's
    addresses follow its configuration, so banners and relations are HTML, as the plugin writes them."""
    tags = target is not Target.PLAIN and bool({"tags", "material/tags"} & set(config.plugins))
    return Host(
        macros=config.macros,
        tags=tags,
        header_after_conversion=False,
        neighbours=True,
        mermaid=config.settings.mermaid,
        html_relations=target is not Target.PLAIN,
        links_from_source=target is Target.ZENSICAL,
    )


def build_project(target: Target, config: SiteConfig, plan: SitePlan) -> Project:
    """Return the configuration and theme overrides of a written project."""
    settings = plan.site.handbook.settings
    project = Project(target, edit_links(config.data, settings.docs_path))
    if target is Target.PLAIN:
        return project
    raw = load_raw_config(config.path)
    source = settings.relative(config.path)
    data = _builder_config(raw, config, plan, project, source)
    _theme_overrides(raw, config, plan, project, source)
    if target is Target.MKDOCS:
        text = _HEADER.format(target="mkdocs", comment="#") + _yaml(data)
    else:
        text = _HEADER.format(target="zensical", comment="#") + toml_document(
            {"project": _zensical(data, project, source)}, inline_keys=("nav",)
        )
    project.files[target.config_name] = text.encode("utf-8")
    return project


_HEADER = (
    "{comment} Written by `handbook render --for {target}` from the handbook's own configuration: the\n"
    "{comment} generated pages, decisions, agreement and updates are in docs/, each with its edit link.\n"
    "{comment} Render again rather than editing this file.\n"
)


def _builder_config(
    raw: dict[str, Any], config: SiteConfig, plan: SitePlan, project: Project, source: str
) -> dict[str, Any]:
    """Return the site's configuration with what the plugin adds, for a builder without it."""
    data = {key: value for key, value in raw.items() if key not in LEFT_OUT_KEYS}
    for key in ("hooks", "watch"):
        if raw.get(key):
            project.problems.append(
                Problem(
                    source,
                    1,
                    f"`{key}:` is not carried into the written project (it names files of this one); "
                    "add it there by hand if the build needs it.",
                    Severity.NOTE,
                    "render-left-out",
                )
            )
    data["docs_dir"] = "docs"
    data["edit_uri"] = ""  # each page names its own edit link, in front matter
    data["nav"] = site_navigation(plan, config.nav, config.settings.nav_decisions)
    listed = set(navigation_paths(data["nav"]))
    off_nav = sorted(file.src_uri for file in plan.pages() if not file.in_nav and file.src_uri not in listed)
    if off_nav:
        patterns = "".join(f"/{_gitignore_escaped(path)}\n" for path in off_nav)
        data["not_in_nav"] = str(raw.get("not_in_nav") or "") + patterns
    data["plugins"] = [
        {name: options} if options else name
        for name, options in plugin_entries(raw.get("plugins"))
        if name not in HANDBOOK_PLUGINS
    ]
    stylesheets, scripts = linked_assets(config.settings.mermaid)
    data["extra_css"] = _appended(raw.get("extra_css"), stylesheets)
    data["extra_javascript"] = _appended(raw.get("extra_javascript"), scripts)
    extra = dict(raw["extra"]) if isinstance(raw.get("extra"), Mapping) else {}
    statuses = dict(extra["status"]) if isinstance(extra.get("status"), Mapping) else {}
    for status in plan.site.handbook.lifecycle:
        statuses.setdefault(status.key, f"{status.label} decision")
    if statuses:
        extra["status"] = statuses
    if extra:
        data["extra"] = extra
    theme = raw.get("theme")
    theme = dict(theme) if isinstance(theme, Mapping) else {"name": theme or "material"}
    theme["custom_dir"] = OVERRIDES
    data["theme"] = theme
    return data


def _theme_overrides(
    raw: dict[str, Any], config: SiteConfig, plan: SitePlan, project: Project, source: str
) -> None:
    """Copy the site's theme overrides and add the handbook's: edit links from front matter, and
    the feed linked from every page's head."""
    settings = plan.site.handbook.settings
    theme = raw.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    own: dict[str, Path] = {}
    if isinstance(custom, str) and custom:
        folder = (config.path.parent / custom).resolve()
        if folder.is_dir() and settings.boundary.contains(folder):
            own = {relative.as_posix(): folder / relative for relative in walk(folder, settings.boundary)}
    feed = FEED_PATH in plan.files
    for path, file in own.items():
        where = SITE_MAIN if path == "main.html" and feed else path
        project.files[f"{OVERRIDES}/{where}"] = file
    actions = "partials/actions.html"
    if actions in own:
        project.problems.append(
            Problem(
                source,
                1,
                f"the theme override {custom}/{actions} is kept, so edit links are the builder's own "
                "(docs/…); to link each page to the file an author edits, have it use "
                "`page.meta.edit_url`, as the one `handbook render` writes does.",
                Severity.NOTE,
                "render-edit-links",
            )
        )
    else:
        project.files[f"{OVERRIDES}/{actions}"] = TEMPLATES / OVERRIDES / actions
    if feed:
        title = md.attr(f"{config.site_name or 'Handbook'}: what changed")
        text = (TEMPLATES / OVERRIDES / "main.html").read_text("utf-8")
        text = text.replace("@PARENT@", SITE_MAIN if "main.html" in own else "base.html")
        project.files[f"{OVERRIDES}/main.html"] = text.replace("@TITLE@", title).encode("utf-8")


def _appended(entries: Any, paths: list[str]) -> list[Any]:
    """Return a list of ``extra_css`` or ``extra_javascript`` entries with ``paths`` added once."""
    found = list(entries) if isinstance(entries, list) else []
    present = {entry if isinstance(entry, str) else str(entry.get("path", "")) for entry in found}
    return found + [path for path in paths if path not in present]


def _gitignore_escaped(path: str) -> str:
    """Escape the characters gitignore patterns treat specially in a path."""
    return re.sub(r"([\\*?\[\]!#])", r"\\\1", path)


class _ConfigDumper(yaml.SafeDumper):
    """Writes ``mkdocs.yml``: tagged values (``!ENV``, ``!!python/name:``) as they were written."""


def _represent_tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    """Write a tagged value with its tag."""
    if isinstance(value.value, Mapping):
        return dumper.represent_mapping(value.tag, value.value)
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    return dumper.represent_scalar(value.tag, str(value.value))


_ConfigDumper.add_representer(Tagged, _represent_tagged)


def _yaml(data: dict[str, Any]) -> str:
    """Return a configuration as ``mkdocs.yml`` text."""
    return yaml.dump(data, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100)


EMOJI_MODULES = {"material.extensions.emoji.": "zensical.extensions.emoji."}
"""Material's emoji functions and Zensical's equivalents, which Zensical's documentation names."""


def _zensical(data: dict[str, Any], project: Project, source: str) -> dict[str, Any]:
    """Return a configuration as Zensical reads it from TOML: tags resolved, Markdown extensions as
    a table, plugins as a table."""
    converted = _untagged(data, project, source)
    converted["markdown_extensions"] = _extension_table(converted.get("markdown_extensions"))
    converted["plugins"] = {name: options or {} for name, options in plugin_entries(converted.get("plugins"))}
    return converted


def _untagged(value: Any, project: Project, source: str) -> Any:
    """Return a value with its tags resolved as Zensical reads them from TOML."""
    if isinstance(value, Tagged):
        return _resolved(value, project, source)
    if isinstance(value, Mapping):
        return {key: _untagged(item, project, source) for key, item in value.items()}
    if isinstance(value, list):
        return [_untagged(item, project, source) for item in value]
    return value


def _resolved(value: Tagged, project: Project, source: str) -> Any:
    """Return what a tagged value means in ``zensical.toml``, which has no tags.

    ``!ENV`` is the variable's value now (as the build would read it); a Python function is named
    by its dotted path, and a function applied to arguments is ``{object, kwds}``, both of which
    Zensical resolves; ``!relative`` has no equivalent and is reported.
    """
    python = value.python
    if python is not None:
        kind, name = python
        for material, zensical in EMOJI_MODULES.items():
            if name.startswith(material):
                name = zensical + name[len(material) :]
        if kind == "name":
            return name
        kwds = value.value.get("kwds", {}) if isinstance(value.value, Mapping) else {}
        return {"object": name, "kwds": _untagged(kwds, project, source)}
    if value.tag == "!ENV":
        names = value.value if isinstance(value.value, list) else [value.value]
        default = names[-1] if len(names) > 1 else None
        for name in names[:-1] if len(names) > 1 else names:
            if str(name) in os.environ:
                return _scalar(os.environ[str(name)])
        return default
    project.problems.append(
        Problem(
            source,
            1,
            f"`{value.tag} {value.value}` has no equivalent in zensical.toml; it is written as "
            "the text after the tag, so check that setting in the written project.",
            Severity.NOTE,
            "render-tag",
        )
    )
    return value.value


def _scalar(text: str) -> Any:
    """Return a variable's value as YAML reads a plain scalar: ``true``, ``8000``, or the text."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, str | int | float | bool) else text


def _extension_table(extensions: Any) -> dict[str, Any]:
    """Return Markdown extensions (a list as in ``mkdocs.yml``, or a mapping) as one table, in order."""
    table: dict[str, Any] = {}
    for name, options in plugin_entries(extensions):
        table[name] = options if isinstance(options, Mapping) else {}
    return table
