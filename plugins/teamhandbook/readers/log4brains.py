"""log4brains: MADR 2 with ``- Status:`` bullets, a ``Tags`` field and ``YYYYMMDD-slug.md`` names."""

from __future__ import annotations

import datetime as dt
import re

from ..model.decision import DecisionFormat
from .fields import Extraction

_DATED_NAME = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})-")


def date_in_name(stem: str) -> dt.date | None:
    """Return the creation date log4brains puts in a file name (``20200924-slug``), if any."""
    match = _DATED_NAME.match(stem)
    if not match:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def refine(extraction: Extraction, stem: str) -> Extraction:
    """Mark header bullets as log4brains when the file is named or bulleted the log4brains way."""
    if extraction.format is DecisionFormat.MADR2 and date_in_name(stem) is not None:
        extraction.format = DecisionFormat.LOG4BRAINS
    return extraction


def split_tags(value: str) -> list[str]:
    """Split a log4brains ``Tags:`` value: tags are separated by spaces and/or commas."""
    return [tag for tag in re.split(r"[\s,]+", value.strip()) if tag]
