"""What every subcommand starts from: the handbook's configuration and, when needed, its model."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TextIO, TypeVar

from ..handbook import Handbook, load_handbook
from ..model.addresses import site_address
from ..plan.render import docs_files
from ..plan.site_plan import Host, SitePlan, plan_site
from ..readers.config_file import find_config
from ..readers.ranges import date_problem
from ..readers.site_config import SiteConfig, read_site_config
from ..writers.lock import handbook_lock

DateOrTime = TypeVar("DateOrTime", dt.date, dt.datetime)


class CommandError(Exception):
    """A command that cannot do what was asked; its message is shown as is."""


class Output:
    """How much the command says: ``--quiet`` keeps only the answer asked for, and errors."""

    quiet: bool = False


def info(message: str = "", *, stream: TextIO | None = None) -> None:
    """Print a message about what the command did, unless ``--quiet`` was given."""
    if not Output.quiet:
        print(message, file=stream or sys.stdout)


def in_range(date: DateOrTime, option: str) -> DateOrTime:
    """Return a date given on the command line, or refuse one outside the dates the handbook reads."""
    problem = date_problem(date, f"{option}:")
    if problem is not None:
        raise CommandError(problem)
    return date


def site_config(args: argparse.Namespace) -> SiteConfig:
    """Return the configuration named by ``--config``, or found from the current folder."""
    path = Path(args.config) if getattr(args, "config", None) else find_config(Path.cwd())
    if not path.is_file():
        raise CommandError(f"no such configuration file: {path}")
    config = read_site_config(path)
    moment = command_moment()
    if config.settings.today is None:  # the command's date: reviews are due, or not, as of today
        config.settings = replace(config.settings, today=moment.date() if _pinned() else dt.date.today())
    if config.settings.now is None:  # the command's instant: whose working week is over
        config.settings = replace(config.settings, now=moment)
    return config


def command_moment() -> dt.datetime:
    """Return the instant a command works as of, in UTC: ``SOURCE_DATE_EPOCH`` (as for builds), else now."""
    if _pinned():
        return dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"].strip()), dt.UTC)
    return dt.datetime.now(dt.UTC)


def _pinned() -> bool:
    """Tell whether ``SOURCE_DATE_EPOCH`` pins the date, as reproducible builds do."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()


def handbook(args: argparse.Namespace) -> Handbook:
    """Read and check the handbook the command works on."""
    return load_handbook(site_config(args).settings)


def builder_host(config: SiteConfig) -> Host:
    """Return what the site builder of this configuration does itself, as the plugin tells the plan."""
    return Host(
        macros=config.macros,
        tags=bool({"tags", "material/tags"} & set(config.plugins)),
        header_after_conversion=True,
        neighbours=False,
        mermaid=str(config.plugin_options.get("mermaid", "local")),
    )


def site_plan(config: SiteConfig, handbook: Handbook, host: Host | None = None) -> SitePlan:
    """Return the plan of the site, as a build of this configuration would make it."""
    address = site_address(config.site_name, config.site_url, config.use_directory_urls)
    docs = docs_files(handbook.settings.docs_path, handbook.settings.boundary)
    return plan_site(handbook, docs, address, host or builder_host(config))


@contextmanager
def editing(args: argparse.Namespace) -> Iterator[Handbook]:
    """Hold the handbook's lock, then read it: commands that edit it run one after the other.

    The lock is held from the reading to the last write, so an edit is always made to the files
    as they are, never to a copy another command has changed meanwhile.
    """
    config = site_config(args)
    try:
        with handbook_lock(config.settings.root):
            yield load_handbook(config.settings)
    except TimeoutError as exc:
        raise CommandError(str(exc)) from None
