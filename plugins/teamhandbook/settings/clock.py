"""The one clock of a build or a command: ``SOURCE_DATE_EPOCH`` when it is set, else now, in UTC.

It is read once, where a build or a command starts (``read_clock``), and reaches every part that
needs the date through the settings and the handbook. The build's date ("today": reviews due, What's
new, who still has to write) is the UTC date of its instant, wherever the build runs, so the site,
``handbook check`` and a CI runner in another time zone agree.

A file a person writes (a new decision, an update, a new handbook) is dated in that person's own
calendar: the same instant, seen from their time zone (``Clock.date_in``). See the guide's
"Dates and the clock".
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..model.problem import visible
from .errors import SettingsError
from .ranges import LATEST_DATE

ENVIRONMENT = "SOURCE_DATE_EPOCH"
"""The variable reproducible builds set: seconds since 1970-01-01 00:00 UTC."""

LATEST_EPOCH = int(dt.datetime.combine(LATEST_DATE, dt.time(23, 59, 59), dt.UTC).timestamp())
"""The last ``SOURCE_DATE_EPOCH`` accepted: the end of the last day the handbook reads dates to (the
first, 1970-01-01, lies well after the earliest)."""

_WHOLE_SECONDS = re.compile(r"[0-9]{1,12}")
_LONGEST_SHOWN = 40


@dataclass(frozen=True)
class Clock:
    """The instant a build or a command works as of."""

    now: dt.datetime
    """The instant, in UTC."""

    pinned: bool = False
    """Whether ``SOURCE_DATE_EPOCH`` set it (a reproducible build), rather than the system clock."""

    @property
    def today(self) -> dt.date:
        """The date of the build: the instant's date in UTC."""
        return self.now.date()

    def date_in(self, zone: dt.tzinfo | None = None) -> dt.date:
        """The instant's date in a time zone; without one, in this computer's local time zone."""
        return self.now.astimezone(zone).date()

    @classmethod
    def at(cls, day: dt.date) -> Clock:
        """A clock pinned at noon UTC of a date, for a handbook read as of that day."""
        return cls(dt.datetime.combine(day, dt.time(12), dt.UTC), pinned=True)


def read_clock(environ: Mapping[str, str] | None = None) -> Clock:
    """Read the clock: ``SOURCE_DATE_EPOCH`` (reproducible builds), else the system clock, in UTC.

    Raises ``SettingsError`` for a ``SOURCE_DATE_EPOCH`` that is not whole seconds from 1970 to the
    end of the last year the handbook reads dates in.
    """
    epoch = (os.environ if environ is None else environ).get(ENVIRONMENT, "").strip()
    if not epoch:
        return Clock(dt.datetime.now(dt.UTC))
    if not _WHOLE_SECONDS.fullmatch(epoch) or int(epoch) > LATEST_EPOCH:
        shown = visible(epoch if len(epoch) <= _LONGEST_SHOWN else epoch[:_LONGEST_SHOWN] + "…")
        raise SettingsError(
            f"{ENVIRONMENT} is '{shown}'; it must be a whole number of seconds since 1970-01-01 (UTC), "
            f"at most {LATEST_EPOCH} (the end of year {LATEST_DATE.year}), or unset"
        )
    return Clock(dt.datetime.fromtimestamp(int(epoch), dt.UTC), pinned=True)
