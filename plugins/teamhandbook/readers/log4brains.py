"""log4brains conventions: ``YYYYMMDD-slug.md`` names and ``Tags:`` separated by spaces or commas."""

from __future__ import annotations

import datetime as dt
import re

_DATED_NAME = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})-")


def date_in_name(stem: str) -> dt.date | None:
    """Return the creation date log4brains puts in a file name (``20200924-slug``), if any.

    ``titles.date_in_name`` also reads ``2020-09-24-slug``; the writers keep to log4brains' form
    when they name a new file after the log's scheme.
    """
    match = _DATED_NAME.match(stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def split_tags(value: str) -> list[str]:
    """Split a log4brains ``Tags:`` value: tags are separated by spaces and/or commas."""
    return [tag for tag in re.split(r"[\s,]+", value.strip()) if tag]
