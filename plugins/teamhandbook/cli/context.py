"""What every subcommand starts from: the handbook's configuration and, when needed, its model."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..handbook import Handbook, load_handbook
from ..readers.ranges import date_problem
from ..readers.site_config import SiteConfig, find_config, read_site_config
from ..writers.lock import handbook_lock

DateOrTime = TypeVar("DateOrTime", dt.date, dt.datetime)


class CommandError(Exception):
    """A command that cannot do what was asked; its message is shown as is."""


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
    if config.settings.today is None:  # the command's date: reviews are due, or not, as of today
        config.settings = replace(config.settings, today=dt.date.today())
    return config


def handbook(args: argparse.Namespace) -> Handbook:
    """Read and check the handbook the command works on."""
    return load_handbook(site_config(args).settings)


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
