"""The handbook's macros for a site built without the team-handbook plugin: Zensical, whose macros
extension reads mkdocs-macros' settings, or MkDocs with mkdocs-macros alone.

List the module under the ``macros`` plugin in ``mkdocs.yml``::

    plugins:
      - macros:
          modules: [teamhandbook.macros.zensical]

Zensical runs no third-party MkDocs plugin, so from ``mkdocs.yml`` it publishes the pages of
``docs/`` only: not the decision log, the working agreement, the updates or the generated pages.
This module lets those ``docs/`` pages quote the agreement and the log (``{{ team_roster() }}``,
``{{ decision_link(5) }}``), says once, on the build's output, what is left out and how to publish
all of it (``handbook render --for zensical``), and keeps a failing macro from writing a Python
traceback into a page. Where the team-handbook plugin runs, it registers the macros itself and
this module does nothing.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..handbook import Handbook, load_handbook
from ..readers.config_file import find_config
from ..readers.site_config import PLUGIN_NAMES, read_site_config
from ..settings import SettingsError, read_clock
from . import handbook_macros

NOTICE = (
    "team-handbook: this builder does not run the team-handbook plugin, so the decision log, the "
    "working agreement's pages, the updates and the generated pages are not published; the "
    "handbook's macros in docs/ still render. To publish the whole handbook, write it as a project "
    "for this builder and build that: `handbook render --for zensical --out DIR`, then "
    "`zensical build` in DIR."
)

_loaded: dict[Path, tuple[tuple[int, ...], Handbook]] = {}
_told: set[Path] = set()


def define_env(env: Any) -> None:
    """Register the handbook's macros with a macros environment (Zensical's or mkdocs-macros')."""
    conf = env.conf
    plugins = conf.get("plugins") or {}
    if any(name in plugins for name in PLUGIN_NAMES):
        return  # the plugin is running and registers the macros itself
    root = Path(str(conf.get("root_dir") or Path(str(conf.get("config_file_path") or ".")).parent))
    try:
        config = find_config(root)
        handbook = _handbook(config)
    except SettingsError as exc:
        _tell(root, f"team-handbook: the handbook's macros are not available: {exc}")
        return
    _tell(root, NOTICE)
    context = _EnvironmentContext(handbook, env)
    env.macros.update({name: _safe(name, macro) for name, macro in handbook_macros(context).items()})


class _EnvironmentContext:
    """The handbook and the page the macros environment is rendering."""

    def __init__(self, handbook: Handbook, env: Any) -> None:
        self.handbook = handbook
        self._env = env

    def page_path(self) -> str:
        """Return the site path of the page being rendered (MkDocs' ``src_uri``, Zensical's ``path``)."""
        page = getattr(self._env, "page", None)
        file = getattr(page, "file", None)
        path = getattr(file, "src_uri", None) or getattr(page, "path", None)
        return str(path).replace(os.sep, "/") if path else "index.md"


def _handbook(config: Path) -> Handbook:
    """Return the handbook of a configuration, dated by the build's clock (``SOURCE_DATE_EPOCH``,
    else now, as the plugin's), read once and again only when its files or its date change."""
    clock = read_clock()
    settings = read_site_config(config, clock).settings
    stamp = (
        clock.today.toordinal(),
        *_stamp(config, settings.agreement_path, settings.decisions_path, settings.updates_path),
    )
    cached = _loaded.get(config)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    handbook = load_handbook(settings)
    _loaded[config] = (stamp, handbook)
    return handbook


def _stamp(config: Path, agreement: Path, *folders: Path) -> tuple[int, ...]:
    """Return the modification times that tell the handbook changed: the configuration, the
    agreement's files (which the macros quote most) and the other folders (files added or removed)."""
    paths = [config, agreement, *folders]
    if agreement.is_dir():
        paths += sorted(path for path in agreement.iterdir() if path.is_file())
    return tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in paths)


def _tell(root: Path, message: str) -> None:
    """Print a message on the build's output, once per handbook and process."""
    if root not in _told:
        _told.add(root)
        print(message, file=sys.stderr)


def _safe(name: str, macro: Callable[..., Any]) -> Callable[..., Any]:
    """Return a macro that reports its failure on the build's output and shows a sentence in the
    page, rather than the Python traceback the macros extension would write there."""

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return macro(*args, **kwargs)
        except Exception as exc:
            print(f"team-handbook: the macro {name}() failed: {exc}", file=sys.stderr)
            return f"*(The handbook's `{name}` could not be shown: see the build's output.)*"

    return call
