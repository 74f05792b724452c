"""What every subcommand starts from: the handbook's configuration and, when needed, its model."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

from ..handbook import Handbook, load_handbook
from ..readers.site_config import SiteConfig, find_config, read_site_config


class CommandError(Exception):
    """A command that cannot do what was asked; its message is shown as is."""


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
