"""Spans of time between two instants, and the set operations the overlap needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

Span = tuple[dt.datetime, dt.datetime]
"""A half-open span of time ``[start, end)`` between two aware instants."""


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and join those that touch or overlap; empty spans are dropped."""
    merged: list[Span] = []
    for start, end in sorted(span for span in spans if span[0] < span[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def intersect(first: list[Span], second: list[Span]) -> list[Span]:
    """Return the time covered by both lists of merged spans, in one pass over each."""
    result: list[Span] = []
    i = j = 0
    while i < len(first) and j < len(second):
        start = max(first[i][0], second[j][0])
        end = min(first[i][1], second[j][1])
        if start < end:
            result.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return result


def subtract(spans: list[Span], removed: list[Span]) -> list[Span]:
    """Return the parts of merged spans not covered by other merged spans."""
    result: list[Span] = []
    for start, end in spans:
        for cut_start, cut_end in removed:
            if cut_end <= start or cut_start >= end:
                continue
            if cut_start > start:
                result.append((start, cut_start))
            start = max(start, cut_end)
            if start >= end:
                break
        if start < end:
            result.append((start, end))
    return result


def clip(spans: list[Span], start: dt.datetime, end: dt.datetime) -> list[Span]:
    """Return the parts of merged spans that fall between two instants."""
    return intersect(spans, [(start, end)])


def minutes(spans: Iterable[Span]) -> int:
    """Return the total length of spans, in whole minutes."""
    return int(sum((end - start for start, end in spans), dt.timedelta()).total_seconds() // 60)
