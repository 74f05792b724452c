"""Decisions that state no date take the date of the commit that first added their file."""

from __future__ import annotations

from dataclasses import replace

from ..model.decision import DecisionLog
from ..model.history import History


def undated_sources(log: DecisionLog) -> list[str]:
    """Return the files of the decisions that state no date, whose first commit dates them."""
    return [decision.source for decision in log if decision.date is None and not decision.date_raw]


def dated_from_history(log: DecisionLog, history: History) -> DecisionLog:
    """Return the log with each undated decision dated by the commit that added its file, marked as
    derived (``date_source: git``); the log given is left as it is."""
    dated = {
        source: change.when.date()
        for source in undated_sources(log)
        if (change := history.added.get(source)) is not None
    }
    if not dated:
        return log
    decisions = [replace(d, date=dated[d.source], date_source="git") if d.source in dated else d for d in log]
    return replace(log, decisions=decisions)
