"""What every subcommand starts from: the handbook's configuration and, when needed, its model."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from ..handbook import Handbook, load_handbook
from ..model.addresses import site_address
from ..pages.macro_guard import Markers
from ..plan.docs_choice import DocsChoice, choose_docs, log_exclusion
from ..plan.render import Macros, docs_files
from ..plan.site_plan import Host, SitePlan, plan_site
from ..readers.config_file import find_config
from ..readers.dates import read_date
from ..readers.site_config import SiteConfig, read_site_config
from ..settings import Clock, Settings, read_clock
from ..settings.ranges import date_problem
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


def date_option(text: str | None, option: str = "--date") -> dt.date | None:
    """Read a date option as the handbook reads dates, or explain how to write it."""
    if not text:
        return None
    reading = read_date(text)
    if reading.date is None:
        raise CommandError(f"{option}: {reading.problem or 'write the date as YYYY-MM-DD'}")
    return in_range(reading.date, option)


def site_config(args: argparse.Namespace) -> SiteConfig:
    """Return the configuration named by ``--config``, or found from the current folder."""
    path = Path(args.config) if getattr(args, "config", None) else find_config(Path.cwd())
    if not path.is_file():
        raise CommandError(f"no such configuration file: {path}")
    return read_site_config(path, command_clock())


def command_clock() -> Clock:
    """Return the clock a command works as of: the build's clock (``SOURCE_DATE_EPOCH``, else now, in
    UTC), read once per command, so the command and a build of the same moment agree on the date."""
    return read_clock()


def clock_of(settings: Settings) -> Clock:
    """Return the clock a command's settings were dated by (``site_config`` dates every command)."""
    return Clock(settings.now) if settings.now is not None else command_clock()


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
        mermaid=config.settings.mermaid,
    )


def docs_choice(config: SiteConfig) -> DocsChoice:
    """Return the files of the docs folder as a build of this configuration keeps and publishes them."""
    settings = config.settings
    files = docs_files(settings.docs_path, settings.boundary)
    log = log_exclusion(settings.docs_path, settings.decisions_path)
    return choose_docs(files, config.data, settings.docs_dir, config.use_directory_urls, [log] if log else [])


def published_pages(config: SiteConfig, choice: DocsChoice) -> list[str]:
    """Return the docs pages a build of this configuration publishes, by path in the site: the
    pages the plugin hands to the core (a decision log kept in the docs folder is not among them)."""
    settings = config.settings
    decisions = settings.decisions_path.resolve()
    return [
        uri for uri in choice.pages() if not (settings.docs_path / uri).resolve().is_relative_to(decisions)
    ]


def site_macros(config: SiteConfig, as_built: bool = False) -> Macros:
    """Return how the site evaluates macros, from its configuration (``as_built``: for ``check``)."""
    markers = Markers.from_jinja(config.macros_markers)
    return Macros(config.macros, config.macros_by_default, config.macros_undefined, markers, as_built)


def site_plan(
    config: SiteConfig, handbook: Handbook, host: Host | None = None, choice: DocsChoice | None = None
) -> SitePlan:
    """Return the plan of the site, as a build of this configuration would make it."""
    address = site_address(config.site_name, config.site_url, config.use_directory_urls)
    docs = (choice or docs_choice(config)).files
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
