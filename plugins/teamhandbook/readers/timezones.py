"""IANA time-zone names: accept the ones ``zoneinfo`` knows, and help with the ones it does not."""

from __future__ import annotations

import difflib
import functools
import zoneinfo

_SPECIAL = ("UTC", "Etc/UTC", "Etc/GMT", "GMT")


@functools.lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """Every zone name on this system; only read when a name needs a suggestion."""
    return frozenset(zoneinfo.available_timezones())


def timezone_problem(name: str) -> str | None:
    """Return why a time-zone name cannot be used, or None when it can."""
    if name in _SPECIAL:
        return None
    if "/" not in name:
        return (
            f"'{name}' is not a time zone of a place; write an IANA name such as Europe/Berlin "
            "or America/Sao_Paulo, so daylight saving follows the place's own rules"
        )
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return f"'{name}' is not a known time zone{_suggestion(name)}"
    return None


def _suggestion(name: str) -> str:
    """Suggest the closest known zone name, or where to find the names."""
    known = _known()
    folded = {zone.casefold(): zone for zone in known}
    if name.casefold() in folded:
        return f"; did you mean {folded[name.casefold()]}?"
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.7)
    if close:
        return f"; did you mean {close[0]}?"
    return "; use a name from the IANA time-zone database, such as Asia/Kolkata"
