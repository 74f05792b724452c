"""Shared pieces of the updates tests: a roster across time zones, templates, and pinned dates."""

from __future__ import annotations

import datetime as dt
import textwrap

TEAM = """\
people:
  - name: Ana Souza
    handle: ana
    email: ana@example.org
    timezone: America/Los_Angeles
    hours: 09:00-17:00
  - name: Kai Tane
    handle: kai
    email: Kai@Example.org
    timezone: Pacific/Auckland
    hours: 09:00-17:00
  - name: Lea Wolf
    handle: lea
    timezone: Europe/Berlin
    hours: 09:00-17:00
    away:
      - from: 2026-11-23
        until: 2026-11-27
        note: Conference
  - name: Sam Levi
    handle: sam
    timezone: Asia/Jerusalem
    days: sun-thu
    hours: 09:00-17:00
  - name: Max Berg
    handle: max
    timezone: Europe/Berlin
    hours: 09:00-17:00
    away:
      - from: 2026-11-20
        note: Day off
"""
"""Five people: Los Angeles, Auckland (across the date line), Berlin twice (one away a whole week,
one away on a Friday) and Jerusalem (a Sunday-to-Thursday week)."""

WEEKLY_TEMPLATE = """\
---
title: Weekly update
description: Progress, next, blocked and help needed.
path: updates/{date}-{handle}-weekly.md
kind: weekly
---
# Weekly update

## Progress

-

## Next

-

## Blocked

-

## Help needed

-
"""

PROJECTS = """\
projects:
  - key: apollo
    name: Apollo
    owner: ana
    status: on track
    since: 2026-11-02
    target: 2026-12-18
    summary: The first project.
  - key: hermes
    name: Hermes <b>migration</b>
    owner: lea
    status: at risk
    since: 2026-11-16
    target: 2026-11-27
    note: The vendor has not signed.
    history:
      - status: on track
        date: 2026-11-02
"""


def update(front: dict[str, object], body: str) -> str:
    """Return an update's text: front matter (values written as given) and a dedented body."""
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    return f"---\n{lines}---\n" + textwrap.dedent(body).lstrip("\n")


def weekly(
    author: str, date: str, blocked: str = "- None", help_needed: str = "- None", **front: object
) -> str:
    """Return a weekly update with the template's four sections."""
    body = f"# Weekly update\n\n## Progress\n\n- Work.\n\n## Next\n\n- More.\n\n## Blocked\n\n{blocked}\n\n"
    body += f"## Help needed\n\n{help_needed}\n"
    return update({"author": author, "date": date, "kind": "weekly", **front}, body)


def epoch(moment: str) -> str:
    """Return ``SOURCE_DATE_EPOCH`` for an ISO instant such as ``2026-11-20T04:30:00Z``."""
    return str(int(dt.datetime.fromisoformat(moment.replace("Z", "+00:00")).timestamp()))
