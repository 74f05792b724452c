"""One truth: ``mkdocs build --strict`` and ``handbook check`` agree on small handbooks of every kind.

Each case is a handbook written into a temporary folder, built for real with ``--strict`` and
checked with the installed ``handbook`` command, both on the same pinned day. Both must pass or
both must fail, and what ``handbook check`` prints must be what the build logged: errors as the
build's warnings (which stop ``--strict``), warnings and notes as its information lines, each
by file, line and sentence; the problems MkDocs and mkdocs-macros find themselves (links, anchors,
the navigation, the configuration, macros) by page and link, or by sentence.

MkDocs counts warnings under ``--strict`` and stops only at the end of the build, so one strict
build logs every problem; only warnings about the configuration stop it before the plugin runs.

Every problem code the package can emit has a case here (the codes each case shows are named in
it), or a line in ``EXCLUDED`` saying why it cannot have one; a code that only ever warns or notes
is shown by a case that passes, since it must fail neither command. A test reads the codes from
the package's source, so a new code without a case fails it.
"""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from .cli import HANDBOOK_SCRIPT, run_cli, run_script
from .conftest import (
    MINIMAL_CONFIG,
    REPOSITORY,
    Build,
    build,
    commit_all,
    crashed,
    decision,
    make_handbook,
    unprivileged,
    write_files,
)
from .updates_helpers import PROJECTS, WEEKLY_TEMPLATE, update, weekly

PACKAGE = REPOSITORY / "plugins" / "teamhandbook"
PINNED_DAY = "1795262400"
"""``SOURCE_DATE_EPOCH`` of every case (2026-11-21 12:00 UTC): the build and the check read one clock."""


@dataclass(frozen=True)
class Case:
    """A small handbook, whether a strict build of it must fail, and the problem codes it shows."""

    name: str
    files: dict[str, str | bytes]
    fails: bool
    codes: tuple[str, ...] = ()
    """The problem codes this case is here to show; ``handbook check`` must report each of them."""

    config: dict | str | None = None
    extra_files: dict[str, str | bytes] = field(default_factory=dict)
    prepare: Callable[[Path], None] | None = None
    """Makes what files cannot say (links, FIFOs, permissions, a git history) in the written handbook."""

    unprivileged: bool = False
    """Builds and checks as a user without root's right to read every file."""


def config(**changes: object) -> dict:
    """Return the minimal configuration with some keys changed."""
    return {**MINIMAL_CONFIG, **changes}


def plugin_config(options: dict, *more: object) -> dict:
    """Return the minimal configuration with options for the team-handbook plugin."""
    return config(plugins=["search", {"team-handbook": options}, *more])


ACCEPTED = decision({"status": "accepted", "date": "2024-01-10"}, "Record decisions")
MACROS = [*MINIMAL_CONFIG["plugins"], "macros"]
SQUARE_MARKERS = {"j2_variable_start_string": "[[", "j2_variable_end_string": "]]"}
"""mkdocs-macros' options for a site that writes its macros ``[[ like_this() ]]``."""
AGREEMENT_PAGE = "# Overlap\n\nWe overlap {{ core_hours() }}.\n"
TEAM = """\
people:
  - handle: maya
    name: Maya Chen
    timezone: Europe/Berlin
    hours: "09:00-17:00"
"""
PAIR = """\
people:
  - handle: ana
    name: Ana Souza
    timezone: America/Los_Angeles
    hours: "09:00-17:00"
  - handle: kai
    name: Kai Tane
    timezone: Pacific/Auckland
    hours: "09:00-17:00"
"""
"""A roster of two, for the updates: their handles are the only ones known."""


def _refused_entries(root: Path) -> None:
    """Leave files the handbook refuses to read: links that loop, dangle or leave it, a FIFO, a
    socket, a name no address can carry, and a file over the size limit."""
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n", "utf-8")
    decisions, docs = root / "decisions", root / "docs"
    for link, target in {
        decisions / "0002-loop-a.md": "0002-loop-b.md",
        decisions / "0002-loop-b.md": "0002-loop-a.md",
        decisions / "0003-dangling.md": "0099-missing.md",
        decisions / "0004-outside.md": str(outside / "secret.md"),
        docs / "leak.md": str(outside / "secret.md"),
    }.items():
        link.symlink_to(target)
    os.mkfifo(decisions / "0005-fifo.md")
    with contextlib.chdir(decisions), socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("0006-socket.md")  # a relative name: a socket's whole path may not exceed 107 bytes
    (decisions / "0007-line\nbreak.md").write_text("# Line break\n", "utf-8")
    (decisions / "0008-huge.md").write_bytes(b"# Huge\n\n" + b"x" * (11 * 1024 * 1024))


def _locked_decision(root: Path) -> None:
    """Take every right to read one decision away from everyone but root."""
    (root / "decisions" / "0002-locked.md").chmod(0)


def _shallow_clone(root: Path) -> None:
    """Make the handbook a shallow clone of a repository with two commits: its files have no dates."""
    origin = root.with_name("origin")
    root.rename(origin)
    commit_all(origin, "first", "2026-11-01T09:00:00+00:00")
    write_files(origin, {"docs/index.md": "# Home\n\nEdited.\n"})
    commit_all(origin, "second", "2026-11-02T09:00:00+00:00")
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", origin.as_uri(), str(root)],
        check=True,
        capture_output=True,
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
    )


def _decisions_folder_is_a_file(root: Path) -> None:
    """Put a link to a file where the decisions folder should be."""
    (root / "decisions").symlink_to("notes.md")


CASES = [
    Case("a clean handbook", {"decisions/0001-record.md": ACCEPTED}, fails=False),
    Case("an empty handbook", {}, fails=False),
    Case(
        "an unknown status",
        {"decisions/0001-x.md": decision({"status": "bogus"}, "X")},
        fails=True,
        codes=("unknown-status",),
    ),
    Case(
        "an impossible date",
        {"decisions/0001-x.md": decision({"status": "accepted", "date": "2024-02-30"}, "X")},
        fails=True,
        codes=("bad-date",),
    ),
    Case(
        "two decisions with one number",
        {
            "decisions/0001-a.md": decision({"status": "accepted"}, "A"),
            "decisions/0001-b.md": decision({"status": "accepted"}, "B"),
        },
        fails=True,
        codes=("duplicate-number",),
    ),
    Case(
        "a supersession written on one side only",
        {
            "decisions/0001-a.md": decision({"status": "superseded", "superseded-by": "0002"}, "A"),
            "decisions/0002-b.md": decision({"status": "accepted"}, "B"),
        },
        fails=True,
        codes=("not-mirrored",),
    ),
    Case(
        "a relation to a decision that does not exist",
        {"decisions/0001-a.md": decision({"status": "accepted", "relates-to": ["0042"]}, "A")},
        fails=True,
        codes=("missing-target",),
    ),
    Case(
        "relations that contradict each other",
        {
            "decisions/0001-self.md": decision({"status": "accepted", "relates-to": ["0001"]}, "Self"),
            "decisions/0002-twin-a.md": decision({"status": "accepted"}, "Twin A"),
            "decisions/0002-twin-b.md": decision({"status": "accepted"}, "Twin B"),
            "decisions/0003-which.md": decision({"status": "accepted", "relates-to": ["0002"]}, "Which"),
            "decisions/0004-old.md": decision({"status": "accepted", "superseded-by": "0005"}, "Old"),
            "decisions/0005-pending.md": decision({"status": "proposed", "supersedes": "0004"}, "Pending"),
            "decisions/0006-rejected.md": decision({"status": "rejected", "supersedes": "0007"}, "Rejected"),
            "decisions/0007-kept.md": decision({"status": "accepted"}, "Kept"),
            "decisions/0008-replaced.md": decision(
                {"status": "accepted", "superseded-by": "0009"}, "Replaced"
            ),
            "decisions/0009-new.md": decision({"status": "accepted", "supersedes": "0008"}, "New"),
            "decisions/0010-orphan.md": decision({"status": "superseded"}, "Orphan"),
            "decisions/0011-round.md": decision(
                {"status": "superseded", "supersedes": "0012", "superseded-by": "0012"}, "Round"
            ),
            "decisions/0012-about.md": decision(
                {"status": "superseded", "supersedes": "0011", "superseded-by": "0011"}, "About"
            ),
        },
        fails=True,
        codes=(
            "self-reference",
            "ambiguous-target",
            "unsettled-successor",
            "rejected-successor",
            "status-disagrees",
            "no-successor",
            "supersession-cycle",
        ),
    ),
    Case(
        "decisions left as the template wrote them",
        {
            "decisions/0001-people.md": "---\nstatus: accepted\ndeciders: '{list everyone involved}'\n---\n"
            "# People\n\n## Context and Problem Statement\n\nSome.\n",
            "decisions/0005-empty.md": "",
            "decisions/team-a/0006-named.md": decision({"status": "accepted"}, "Named A"),
            "decisions/team-b/0006-named.md": decision({"status": "accepted"}, "Named B"),
        },
        fails=True,
        codes=("placeholder", "empty", "duplicate-name"),
    ),
    Case(
        "decisions that earn notes, which fail nothing",
        {
            "decisions/README.md": "# How we decide\n\nWe write decisions down.\n",
            "decisions/0002-untitled.md": decision(
                {"status": "accepted"}, "{short title of solved problem and solution}"
            ),
            "decisions/0003-same-a.md": decision({"status": "accepted"}, "Use one queue"),
            "decisions/0004-same-b.md": decision({"status": "accepted"}, "Use one queue"),
            "decisions/0007-long.md": decision({"status": "accepted"}, "Long", "word " * 210_000),
            "decisions/0008-proposal.md": decision({"status": "proposed"}, "Try a proposal"),
        },
        fails=False,
        codes=("title-placeholder", "same-title", "left-out", "large-file", "incomplete-request"),
    ),
    Case(
        "front matter that cannot be read",
        {
            "decisions/0001-open.md": "---\nstatus: accepted\n\n# Open\n\n## Context\n\nSome.\n",
            "decisions/0002-colons.md": "---\nstatus: accepted\ntitle: a: b: c\n---\n# Colons\n",
            "decisions/0003-deep.md": "---\nstatus: accepted\nx: " + "[" * 60 + "]" * 60 + "\n---\n# Deep\n",
            "decisions/0004-twice.md": "---\nstatus: accepted\nstatus: rejected\n---\n# Twice\n",
            "decisions/0005-latin.md": b"---\nstatus: accepted\n---\n# Caf\xe9\n\nText.\n",
            "docs/page.md": "---\nowner: maya\nowner: kai\n---\n# Page\n",
        },
        fails=True,
        codes=("unclosed-front-matter", "yaml", "yaml-limit", "duplicate-key", "encoding"),
    ),
    Case(
        "files the handbook refuses to read",
        {"decisions/0001-sound.md": ACCEPTED},
        fails=True,
        codes=("symlink-loop", "broken-symlink", "outside-root", "not-a-file", "bad-file-name", "too-large"),
        prepare=_refused_entries,
    ),
    Case(
        "a decisions folder that is a file",
        {"notes.md": "# Notes\n"},
        fails=True,
        codes=("not-a-folder",),
        prepare=_decisions_folder_is_a_file,
    ),
    Case(
        "a decision no one may read",
        {"decisions/0001-ok.md": ACCEPTED, "decisions/0002-locked.md": "# Locked\n"},
        fails=True,
        codes=("unreadable",),
        prepare=_locked_decision,
        unprivileged=True,
    ),
    Case(
        "a shallow clone",
        {"decisions/0001-record.md": ACCEPTED},
        fails=False,
        codes=("shallow-history",),
        prepare=_shallow_clone,
    ),
    Case(
        "pages whose review and onboarding fields are wrong",
        {
            "docs/a.md": "---\nreview-every: sometimes\nlast-reviewed: 2024-02-30\n---\n# A\n",
            "docs/b.md": "---\nstart-here: yes please\n---\n# B\n",
            "docs/c.md": "---\nstart-here:\n  audience: aliens\n---\n# C\n",
        },
        fails=True,
        codes=("bad-interval", "bad-date", "bad-start-here", "unknown-audience"),
    ),
    Case(
        "a page overdue for review, which fails nothing",
        {"docs/d.md": "---\nlast-reviewed: 2020-01-01\nreview-every: 1 month\n---\n# D\n"},
        fails=False,
        codes=("review-overdue",),
    ),
    Case(
        "a working agreement with mistakes",
        {
            "working-agreement/team.yml": TEAM
            + '  - handle: kai\n    name: Kai Tane\n    timezone: Mars/Olympus\n    hours: "09:00-17:00"\n'
            + '  - handle: lea\n    name: Lea Wolf\n    timezone: Europe/Berlin\n    hours: "09:00-17:00"\n'
            + "    backup: ghost\n",
            "working-agreement/agreement.yml": "core-hours:\n  utc: 20:00-21:00\n"
            "response-times:\n  - tier: urgent\n"
            "escalation:\n  label: Page someone\n  contacts: [ghost]\n",
            "working-agreement/index.md": "# Agreement\n\nAsk {{ person('ghost') }}.\n",
            "working-agreement/broken.md": "# Broken\n\n{% if %}\n",
            "working-agreement/roster.yml": "people: []\n",
            "working-agreement/templates/bare.md": "# No front matter\n",
        },
        config=config(plugins=MACROS),
        fails=True,
        codes=(
            "invalid-team",
            "unknown-handle",
            "invalid-agreement",
            "core-window-outside-hours",
            "unknown-name",
            "macro",
            "invalid-template",
        ),
    ),
    Case(
        "a working agreement that earns notes, which fail nothing",
        {
            "working-agreement/agreement.yml": "escalation:\n  label: Page someone\n  contacts: [maya]\n",
            "working-agreement/roster.yml": "people: []\n",
        },
        fails=False,
        codes=("unread-file", "invalid-agreement"),
    ),
    Case(
        "updates with mistakes",
        {
            "working-agreement/team.yml": PAIR,
            "working-agreement/templates/weekly.md": WEEKLY_TEMPLATE,
            "working-agreement/templates/weekly-again.md": WEEKLY_TEMPLATE,
            "decisions/0001-record.md": decision(
                {"status": "accepted", "date": "2026-01-05", "projects": ["nope"]}, "Record"
            ),
            "updates/projects.yml": PROJECTS.replace("owner: lea", "owner: kai")
            + "  - key: ghost-project\n    name: Ghost\n    owner: ghost\n    status: on track\n"
            + "  - key: odd\n    name: Odd status\n    owner: ana\n    status: sleeping\n",
            "updates/2026-11-20-ana-weekly.md": weekly("ana", "2026-11-20", projects="[zeus]"),
            "updates/2026-11-20-ana-weekly-2.md": weekly("ana", "2026-11-19"),
            "updates/2026-11-20-zed-weekly.md": weekly("zed", "2026-11-20"),
            "updates/2026-11-20-kai-weekly.md": weekly("kai", "2026-11-20").replace(
                "kind: weekly", "kind: weeky"
            ),
            "updates/2026-11-18-kai-daily.md": update(
                {"author": "kai", "date": "2026-11-18", "kind": "daily", "projetcs": "[apollo]"},
                "## Done\n\n- a\n",
            ),
            "updates/2026-11-19-meeting.md": update(
                {"author": "ana", "date": "2026-11-19", "kind": "meeting", "attendees": "[ana, ghost]"},
                """
                # Planning

                ## Agenda

                - Scope.

                ## Pre-reads

                - None.

                ## Notes

                - Talked.

                ## Decisions

                - ADR-0099 is not a decision we have.

                ## Action items

                - [ ] Nobody owns this one (due 2026-02-30)
                """,
            ),
            "updates/2026-11-17-ana-request.md": update(
                {"author": "ana", "date": "2026-11-17", "kind": "request"}, "# Please look\n\nThanks.\n"
            ),
            "updates/impossible.md": update(
                {"author": "ana", "date": "2026-02-30", "kind": "daily"}, "Text.\n"
            ),
            "updates/blockers.md": weekly("ana", "2026-11-06"),
            "updates/notes.yml": "a: b\n",
        },
        fails=True,
        codes=(
            "invalid-update",
            "unknown-author",
            "unknown-kind",
            "unknown-project",
            "unknown-handle",
            "bad-date",
            "collision",
            "missing-target",
            "invalid-project",
            "unknown-status",
            "invalid-template",
        ),
    ),
    Case(
        "updates that earn reminders, which fail nothing",
        {
            "working-agreement/team.yml": PAIR,
            "updates/2026-11-20-ana-weekly.md": weekly("ana", "2026-11-20"),
            "updates/2026-11-19-ana-weekly.md": weekly("ana", "2026-11-19"),
            "updates/2026-11-18-kai-daily.md": update(
                {"author": "kai", "date": "2026-11-18", "kind": "daily"}, "## Done\n\n- a\n"
            ),
            "updates/2026-11-17-ana-request.md": update(
                {"author": "ana", "date": "2026-11-17", "kind": "request"}, "# Please look\n\nThanks.\n"
            ),
            "updates/2026-11-19-meeting.md": update(
                {"author": "ana", "date": "2026-11-19", "kind": "meeting"},
                "# Planning\n\n## Agenda\n\n- Scope.\n\n## Pre-reads\n\n- None.\n\n## Notes\n\n- Talked.\n\n"
                "## Decisions\n\n- None.\n\n## Action items\n\n- [ ] Nobody owns this one\n",
            ),
            "updates/notes.yml": "a: b\n",
        },
        fails=False,
        codes=("missing-section", "repeated-week", "incomplete-request", "action-owner", "unread-file"),
    ),
    Case(
        "an option the plugin does not have",
        {"decisions/0001-record.md": ACCEPTED},
        config=plugin_config({"whats_new_day": 3}),
        fails=True,
        codes=("unknown-option",),
    ),
    Case(
        "the plugin listed twice",
        {"decisions/0001-record.md": ACCEPTED},
        config=config(plugins=["search", "team-handbook", {"team-handbook": {}}]),
        fails=True,
        codes=("plugin-twice",),
    ),
    Case(
        "a key given twice in mkdocs.yml",
        {"decisions/0001-record.md": ACCEPTED},
        config="site_name: A\nsite_name: B\ntheme: {name: material}\nplugins: [search, team-handbook]\n",
        fails=True,
        codes=("duplicate-key",),
    ),
    Case(
        "a link inside an HTML comment",
        {"docs/index.md": "# Home\n\n<!-- [old](gone.md) -->\n"},
        fails=False,
    ),
    Case(
        "a README beside an index",
        {"docs/index.md": "# Home\n", "docs/README.md": "# Read me\n", "docs/guide/README.md": "# Guide\n"},
        fails=True,
        codes=("conflicting-page",),
    ),
    Case(
        "a README beside an index left out of the site",
        {"docs/guide/index.md": "# Guide\n", "docs/guide/README.md": "# Read me\n\n[gone](gone.md)\n"},
        config=config(exclude_docs="guide/index.md\n"),
        fails=True,
        codes=("broken-link",),
    ),
    Case(
        "pages left out of the site, and links to them",
        {
            "docs/index.md": "# Home\n\n[a draft](drafts/plan.md) and [an old page](old/page.md)\n",
            "docs/drafts/plan.md": "# Plan\n\n[gone](gone.md)\n",
            "docs/old/page.md": "---\nreview-every: sometimes\n---\n# Old\n\n[gone](gone.md)\n",
        },
        config=config(exclude_docs="old/\n", draft_docs="drafts/\n"),
        fails=False,
    ),
    Case(
        "a decision log kept in the docs folder, a README beside its index",
        {
            "docs/adr/index.md": "# Decisions\n",
            "docs/adr/README.md": "# How we decide\n",
            "docs/adr/0001-record.md": ACCEPTED,
        },
        config=plugin_config({"decisions_dir": "docs/adr"}),
        fails=False,
    ),
    Case(
        "a link whose text holds brackets",
        {"docs/index.md": "# Home\n\n[a [nested] b](missing.md)\n"},
        fails=True,
        codes=("broken-link",),
    ),
    Case(
        "a link whose text wraps across lines",
        {"docs/index.md": "# Home\n\nSee [the\nmissing page](missing.md).\n"},
        fails=True,
    ),
    Case(
        "a link in fenced code",
        {"docs/index.md": "# Home\n\n```markdown\n[x](missing.md)\n```\n"},
        fails=False,
    ),
    Case(
        "a link in raw HTML",
        {"docs/index.md": '# Home\n\n<p><a href="missing.md">x</a></p>\n'},
        fails=False,
    ),
    Case(
        "a reference-style link",
        {"docs/index.md": "# Home\n\nSee [the page][p].\n\n[p]: missing.md\n"},
        fails=True,
    ),
    Case(
        "an image that is missing",
        {"docs/index.md": "# Home\n\n![diagram](img/missing.png)\n"},
        fails=True,
    ),
    Case(
        "a file name with parentheses",
        {
            "docs/index.md": "# Home\n\n[notes](<notes (old).md>) and [gone](<gone (1).md>)\n",
            "docs/notes (old).md": "# Notes\n",
        },
        fails=True,
    ),
    Case(
        "a link from a decision to a missing page",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "X", "See [it](0009-nothing.md).")},
        fails=True,
        codes=("broken-link",),
    ),
    Case(
        "a link from a decision written for the repository's folders",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "X", "See [home](../docs/index.md).")},
        fails=True,
    ),
    Case(
        "links between decisions and pages that resolve",
        {
            "docs/index.md": "# Home\n\nSee [the log](decisions/index.md) and [X](decisions/0001-x.md).\n",
            "decisions/0001-x.md": decision({"status": "accepted"}, "X", "See [home](../index.md)."),
        },
        fails=False,
    ),
    Case(
        "a link to a missing section",
        {
            "docs/index.md": "# Home\n\n[x](other.md#nowhere)\n",
            "docs/other.md": "# Other\n\n## Somewhere\n",
        },
        config=config(validation={"anchors": "warn"}),
        fails=True,
        codes=("missing-anchor",),
    ),
    Case(
        "a link to a section that exists",
        {
            "docs/index.md": "# Home\n\n[x](other.md#somewhere)\n",
            "docs/other.md": "# Other\n\n## Somewhere\n",
        },
        config=config(validation={"anchors": "warn"}),
        fails=False,
    ),
    Case(
        "a link to a missing section, anchors not validated",
        {"docs/index.md": "# Home\n\n[x](other.md#nowhere)\n", "docs/other.md": "# Other\n"},
        fails=False,
    ),
    Case(
        "an absolute link and a link to a folder",
        {"docs/index.md": "# Home\n\n[a](/elsewhere.md) and [b](guide/)\n"},
        fails=False,
    ),
    Case(
        "an absolute link, absolute links validated",
        {"docs/index.md": "# Home\n\n[a](/elsewhere.md)\n"},
        config=config(validation={"absolute_links": "warn"}),
        fails=True,
    ),
    Case(
        "a link to a folder, unrecognized links validated",
        {"docs/index.md": "# Home\n\n[b](guide/)\n"},
        config=config(validation={"unrecognized_links": "warn"}),
        fails=True,
    ),
    Case(
        "a navigation that names a missing page",
        {"docs/index.md": "# Home\n"},
        config=config(nav=["index.md", {"Gone": "gone.md"}]),
        fails=True,
        codes=("missing-nav-page",),
    ),
    Case(
        "an author's page at a decision's address",
        {
            "decisions/0001-x.md": decision({"status": "accepted"}, "X"),
            "docs/decisions/0001-x.md": "# Mine\n",
        },
        fails=True,
        codes=("collision",),
    ),
    Case(
        "a decision named like a generated page",
        {"decisions/graph.md": decision({"status": "accepted"}, "A graph")},
        fails=True,
        codes=("reserved-name",),
    ),
    Case(
        "an author's introduction to the decision log",
        {
            "decisions/0001-x.md": ACCEPTED,
            "docs/decisions/index.md": "# Our decisions\n\nWhy we write them.\n\n<!-- team-handbook -->\n",
        },
        fails=False,
    ),
    Case(
        "an agreement page that uses macros without the macros plugin",
        {"working-agreement/overlap.md": AGREEMENT_PAGE, "working-agreement/team.yml": TEAM},
        fails=True,
        codes=("macros-disabled",),
    ),
    Case(
        "an agreement page whose macro fails, without the macros plugin",
        {
            "working-agreement/overlap.md": "# Overlap\n\nWe overlap {{ no_such_macro() }}.\n",
            "working-agreement/team.yml": TEAM,
        },
        fails=True,
        codes=("macros-disabled",),
    ),
    Case(
        "a decision whose macro fails, rendered by mkdocs-macros",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "X", "Ask {{ no_such_macro() }}.")},
        config=plugin_config({"render_macros": True}, "macros"),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "a decision whose macro fails, left to show its braces",
        {"decisions/0001-x.md": decision({"status": "accepted"}, "X", "Ask {{ no_such_macro() }}.")},
        config=config(plugins=MACROS),
        fails=False,
    ),
    Case(
        "an update whose macro fails, rendered by mkdocs-macros",
        {
            "working-agreement/team.yml": TEAM,
            "updates/2026-11-20-maya-weekly.md": weekly(
                "maya", "2026-11-20", blocked="- {{ no_such_macro() }}"
            ),
        },
        config=plugin_config({"render_macros": True}, "macros"),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "a failing macro in the decision log's introduction, left to show its braces",
        {
            "decisions/0001-x.md": ACCEPTED,
            "docs/decisions/index.md": "# Our decisions\n\n{{ no_such_macro() }}\n\n<!-- team-handbook -->\n",
        },
        config=config(plugins=MACROS),
        fails=False,
    ),
    Case(
        "a failing macro on a page mkdocs-macros renders only when asked",
        {
            "docs/index.md": "# Home\n\n{{ no_such_macro() }}\n",
            "docs/asked.md": "---\nrender_macros: true\n---\n# Asked\n\n{% if %}\n",
        },
        config=config(plugins=["search", "team-handbook", {"macros": {"render_by_default": False}}]),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "code samples with braces, on a page and in a decision mkdocs-macros renders",
        {
            "docs/index.md": "# Home\n\nWrite `{{ quote(name) }}` to quote a name.\n",
            "decisions/0001-x.md": decision(
                {"status": "accepted"}, "X", "The workflow reads `${{ secrets.TOKEN }}`."
            ),
        },
        config=plugin_config({"render_macros": True}, "macros"),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "an undefined name, which mkdocs-macros keeps as written",
        {"docs/index.md": "# Home\n\nHello {{ name }}.\n"},
        config=config(plugins=MACROS),
        fails=False,
    ),
    Case(
        "an undefined name, with on_undefined: strict",
        {"docs/index.md": "# Home\n\nHello {{ name }}.\n"},
        config=config(plugins=["search", "team-handbook", {"macros": {"on_undefined": "strict"}}]),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "a failing macro in the site's own variable markers",
        {"docs/index.md": "# Home\n\nHello [[ no_such_macro() ]].\n"},
        config=config(plugins=["search", "team-handbook", {"macros": SQUARE_MARKERS}]),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "braces that are text where the site changed its variable markers",
        {
            "docs/index.md": "# Home\n\nHello {{ no_such_macro() }}.\n",
            "decisions/0001-x.md": decision(
                {"status": "accepted"}, "X", "The template reads `[[ no_such_macro() ]]`."
            ),
        },
        config=plugin_config({"render_macros": True}, {"macros": SQUARE_MARKERS}),
        fails=False,
    ),
    Case(
        "a page whose macro fails, and its broken link",
        {"docs/index.md": "# Home\n\n[gone](gone.md) and {{ no_such_macro() }}\n"},
        config=config(plugins=MACROS),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "an agreement page with the macros plugin",
        {"working-agreement/overlap.md": AGREEMENT_PAGE, "working-agreement/team.yml": TEAM},
        config=config(plugins=MACROS),
        fails=False,
    ),
    Case(
        "a broken link on an agreement page",
        {
            "working-agreement/index.md": "# Agreement\n\n[gone](gone.md)\n",
            "working-agreement/team.yml": TEAM,
        },
        fails=True,
        codes=("broken-link",),
    ),
    Case(
        "the plugin switched off",
        {
            "decisions/0001-x.md": decision({"status": "bogus"}, "X"),
            "docs/index.md": "# Home\n\n[a decision](decisions/0001-x.md) and {{ decision_count() }}\n",
            "docs/other.md": "# Other\n\n[the log](decisions/index.md)\n",
        },
        config=textwrap.dedent(
            """\
            site_name: Off
            site_name: Switched off
            theme: {name: material}
            plugins:
              - search
              - macros
              - team-handbook:
                  enabled: false
            """
        ),
        fails=True,
        codes=("macro", "broken-link"),
    ),
    Case(
        "the plugin switched off, where the site changed its variable markers",
        {"docs/index.md": "# Home\n\n{{ decision_count() }} and [[ no_such_macro() ]]\n"},
        config=config(plugins=["search", {"macros": SQUARE_MARKERS}, {"team-handbook": {"enabled": False}}]),
        fails=True,
        codes=("macro",),
    ),
    Case(
        "settings inherited from a base configuration",
        {"records/0001-x.md": decision({"status": "bogus"}, "X")},
        config="INHERIT: base.yml\nsite_name: Child\n",
        extra_files={
            "base.yml": yaml.safe_dump(plugin_config({"decisions_dir": "records"}), sort_keys=False),
        },
        fails=True,
        codes=("unknown-status",),
    ),
    Case(
        "a folder named through an environment variable",
        {"records/0001-x.md": decision({"status": "bogus"}, "X")},
        config=textwrap.dedent(
            """\
            site_name: Env
            site_url: https://example.org/
            theme: {name: material}
            plugins:
              - search
              - team-handbook:
                  decisions_dir: !ENV [HANDBOOK_TEST_UNSET_VARIABLE, records]
            """
        ),
        fails=True,
        codes=("unknown-status",),
    ),
    Case(
        "page addresses without directories",
        {
            "docs/index.md": "# Home\n\n[X](decisions/0001-x.md) and [log](decisions/index.md)\n",
            "decisions/0001-x.md": ACCEPTED,
        },
        config=config(use_directory_urls=False),
        fails=False,
    ),
]


_RENDER_ONLY = (
    "only `handbook render --for` reports it: it is about the project written for another builder, "
    "which neither the plugin's build nor `check` makes (tests/test_render_targets.py shows it)"
)

EXCLUDED: dict[str, str] = {
    "render-left-out": _RENDER_ONLY,
    "render-edit-links": _RENDER_ONLY,
    "render-tag": _RENDER_ONLY,
}
"""Problem codes the package can emit that no case here can show through both commands, and why.

Keep it short: a code belongs here only when a real handbook cannot make both the strict build and
``handbook check`` report it."""

_RECORD = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR)\s+-\s+(?P<text>.*)$")
_OWN = re.compile(r"^teamhandbook: (?P<file>.+?):(?P<line>\d+): (?P<message>.*)$")
_LINK = re.compile(
    r"^Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<url>[^']+)'"
)
_NAV = re.compile(r"^A reference to '(?P<url>[^']+)' is included in the 'nav' configuration")
_CONFIG = re.compile(r"^Config value '[^']+': (?P<message>.*)$")
_MACRO = re.compile(r"^\[macros\] - ERROR # _Macro (Syntax|Rendering) Error_")
_MACRO_FILE = re.compile(r"^_File_: `(?P<page>[^`]+)`$", re.MULTILINE)
_MACRO_WHY = re.compile(
    r"^(?:_Line \d+ in Markdown file:_ \*\*(?P<syntax>.*)\*\*|_(?!File_)\w+_: (?P<failure>.*))$", re.MULTILINE
)

HOST_SENTENCES = {
    "unknown-option": "config",
    "plugin-twice": "config",
    "missing-nav-page": "nav",
    "conflicting-page": "other",
}
"""Problems of ``handbook check`` that the build leaves to MkDocs, which words them without a line."""

_MACRO_PREFIXES = ("a macro cannot be read: ", "a macro failed: ")


def log_records(log: str) -> Iterator[tuple[str, str]]:
    """Yield each record of a build log as (level, text); a record's text may run over several lines."""
    level, lines = "", []
    for line in log.splitlines():
        start = _RECORD.match(line)
        if start:
            if level:
                yield level, "\n".join(lines)
            level, lines = start["level"], [start["text"]]
        elif level:
            lines.append(line)
    if level:
        yield level, "\n".join(lines)


def build_problems(log: str) -> set[tuple[str, ...]]:
    """Return every warning of a build log, and the handbook's information lines, as comparable keys.

    A key starts with ``error`` for what stops ``--strict`` and ``info`` for what is only shown.
    """
    found: set[tuple[str, ...]] = set()
    for level, text in log_records(log):
        first = text.split("\n", 1)[0]
        own = _OWN.match(first)
        if level == "INFO":
            if own:
                found.add(("info", "problem", own["file"], own["line"], own["message"]))
            continue
        if level != "WARNING":
            continue
        link, nav, setting = _LINK.match(first), _NAV.match(first), _CONFIG.match(first)
        if own:
            found.add(("error", "problem", own["file"], own["line"], own["message"]))
        elif link:
            found.add(("error", "link", link["page"], link["url"]))
        elif nav:
            found.add(("error", "nav", nav["url"]))
        elif setting:
            found.add(("error", "config", setting["message"]))
        elif _MACRO.match(first):
            page, why = _MACRO_FILE.search(text), _MACRO_WHY.search(text)
            assert page and why, text
            found.add(("error", "macro", page["page"], why["syntax"] or why["failure"]))
        else:
            found.add(("error", "other", text))
    return found


def check_problems(report: dict, docs_dir: str = "docs") -> set[tuple[str, ...]]:
    """Return the problems of ``handbook check --format json`` as the keys ``build_problems`` makes."""
    found: set[tuple[str, ...]] = set()
    for problem in report["problems"]:
        level = "error" if problem["severity"] == "error" else "info"
        code, message = problem["code"], problem["message"]
        if HOST_SENTENCES.get(code) == "nav":
            found.add((level, "nav", problem["link"]))
        elif HOST_SENTENCES.get(code) in ("config", "other"):
            found.add((level, HOST_SENTENCES[code], message))
        elif code == "macro":  # mkdocs-macros names the page by its path in the site
            page = problem["file"].removeprefix(docs_dir + "/")
            why = next(message.removeprefix(p) for p in _MACRO_PREFIXES if message.startswith(p))
            found.add((level, "macro", page, why.removesuffix(".")))
        elif "link" in problem:
            found.add((level, "link", problem["page"], problem["link"]))
        else:
            found.add((level, "problem", problem["file"], str(problem["line"]), message))
    return found


def strict_build(root: Path, prefix: Sequence[str]) -> Build:
    """Run ``mkdocs build --strict`` in ``root`` (through ``prefix`` if any) and return its outcome."""
    if not prefix:
        return build(root, strict=True)
    command = [*prefix, sys.executable, "-m", "mkdocs", "build", "--strict"]
    env = {**os.environ, "HOME": str(root), "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    outcome = Build(root, result.returncode, result.stdout + result.stderr)
    assert not crashed(outcome.log), outcome.log
    return outcome


def check(root: Path, prefix: Sequence[str]) -> tuple[int, dict]:
    """Run ``handbook check --format json`` in ``root`` and return its exit code and report."""
    if not prefix:
        checked = run_script(root, "check", "--format", "json")
        code, out, err = checked.code, checked.out, checked.err
    else:
        command = [*prefix, str(HANDBOOK_SCRIPT), "check", "--format", "json"]
        env = {**os.environ, "HOME": str(root)}
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=120)
        code, out, err = result.returncode, result.stdout, result.stderr
    assert "Traceback" not in err and code in (0, 1), out + err
    return code, json.loads(out)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_and_check_agree(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both pass or both fail, and ``handbook check`` reports exactly what the build logged."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_DAY)
    root = make_handbook(tmp_path / "handbook", {**case.files, **case.extra_files}, case.config)
    if case.prepare is not None:
        case.prepare(root)
    prefix = tuple(unprivileged([])) if case.unprivileged else ()  # root meets the permissions too
    with ThreadPoolExecutor(1) as pool:  # both at once: neither writes what the other reads
        checked = pool.submit(check, root, prefix)
        strict = strict_build(root, prefix)
        code, report = checked.result()
    assert (strict.returncode != 0) is case.fails, strict.log
    assert code == (1 if case.fails else 0), report
    assert check_problems(report) == build_problems(strict.log)
    shown = {problem["code"] for problem in report["problems"]}
    assert set(case.codes) <= shown, f"not reported: {sorted(set(case.codes) - shown)}"


@dataclass
class _Signatures:
    """Where each callable of the package that takes a problem code takes it: position and default."""

    functions: dict[str, tuple[int, ast.expr | None]] = field(default_factory=dict)
    """Functions and classes, called by name: ``error(…)``, ``Problem(…)``, ``DataFile(…)``."""

    methods: dict[str, tuple[int, ast.expr | None]] = field(default_factory=dict)
    """Methods, called on an object: ``file.error(…)``."""


def _is_text(annotation: ast.expr | None) -> bool:
    """Tell whether an annotation says text (``str``, ``str | None``): a problem code, not a flag."""
    return annotation is not None and "str" in ast.unparse(annotation).replace(" ", "").split("|")


def _code_parameter(function: ast.FunctionDef, method: bool) -> tuple[int, ast.expr | None] | None:
    """Return the position (``self`` not counted) and default of a function's ``code: str`` parameter."""
    arguments = (function.args.posonlyargs + function.args.args)[int(method) :]
    names = [argument.arg for argument in arguments]
    if "code" not in names or not _is_text(arguments[names.index("code")].annotation):
        return None
    index, defaults = names.index("code"), function.args.defaults
    first_default = len(names) - len(defaults)
    return index, defaults[index - first_default] if index >= first_default else None


def _signatures(trees: dict[Path, ast.Module]) -> _Signatures:
    """Find every function, method and dataclass of the package that takes a ``code``."""
    found = _Signatures()
    for tree in trees.values():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and (taken := _code_parameter(node, method=False)):
                found.functions[node.name] = taken
            if not isinstance(node, ast.ClassDef):
                continue
            fields = [s for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            names = [s.target.id for s in fields if isinstance(s.target, ast.Name)]
            if "code" in names and _is_text(fields[names.index("code")].annotation):  # such as Problem
                found.functions[node.name] = (names.index("code"), fields[names.index("code")].value)
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (taken := _code_parameter(item, method=True)):
                    if item.name == "__init__":
                        found.functions[node.name] = taken
                    else:
                        found.methods[item.name] = taken
    return found


def _parameters(tree: ast.Module) -> dict[ast.Call, set[str]]:
    """Return, for each call of a module, the parameter names of the functions around it."""
    around: dict[ast.Call, set[str]] = {}

    def visit(node: ast.AST, names: frozenset[str]) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            arguments = node.args
            every = arguments.posonlyargs + arguments.args + arguments.kwonlyargs
            names = names | {argument.arg for argument in every}
        if isinstance(node, ast.Call):
            around[node] = set(names)
        for child in ast.iter_child_nodes(node):
            visit(child, names)

    visit(tree, frozenset())
    return around


@dataclass
class Emitted:
    """The problem codes of the package's source."""

    places: dict[str, list[str]] = field(default_factory=dict)
    """Each code, with the places (``file:line``) that make a problem of it."""

    makers: dict[str, set[str]] = field(default_factory=dict)
    """Each code, with the functions that make its problems: ``error``, ``warning``, ``note``…"""

    unreadable: list[str] = field(default_factory=list)
    """Places whose code cannot be read from the source."""

    def reminders(self) -> set[str]:
        """Return the codes only ever made by ``warning`` or ``note``: they never fail a build."""
        return {code for code, makers in self.makers.items() if makers <= {"warning", "note"}}


def emitted_codes() -> Emitted:
    """Return every problem code the package's source can emit, where and by what each is made,
    and the places whose code cannot be read from the source.

    A code is what a call that makes a problem (``error``, ``warning``, ``note``, ``Problem``, a
    data file and its ``error``/``note``, or any other function with a ``code: str`` parameter)
    passes as its code: a string, a module's constant, or the default; a ``code`` handed on from the
    enclosing function's own parameter is counted where that function is called.
    """
    trees = {path: ast.parse(path.read_text("utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}
    signatures = _signatures(trees)
    found = Emitted()
    for path, tree in trees.items():
        constants = {
            target.id: statement.value.value
            for statement in tree.body
            if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant)
            for target in statement.targets
            if isinstance(target, ast.Name) and isinstance(statement.value.value, str)
        }
        for call, parameters in _parameters(tree).items():
            callee = call.func
            if isinstance(callee, ast.Name):
                maker, taken = callee.id, signatures.functions.get(callee.id)
            elif isinstance(callee, ast.Attribute):
                maker, taken = callee.attr, signatures.methods.get(callee.attr)
            else:
                maker, taken = "", None
            if taken is None:
                continue
            index, default = taken
            given = next((keyword.value for keyword in call.keywords if keyword.arg == "code"), None)
            argument = given or (call.args[index] if len(call.args) > index else default)
            where = f"{path.relative_to(PACKAGE).as_posix()}:{call.lineno}"
            code = None
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                code = argument.value
            elif isinstance(argument, ast.Name) and argument.id in constants:
                code = constants[argument.id]
            if code is not None:
                found.places.setdefault(code, []).append(where)
                found.makers.setdefault(code, set()).add(maker)
            elif argument is None or (isinstance(argument, ast.Constant) and argument.value is None):
                continue  # a data file's own code, counted where the data file is made
            elif isinstance(argument, ast.Name) and argument.id == "code" and "code" in parameters:
                continue  # handed on: counted where the enclosing function is called
            elif isinstance(argument, ast.BoolOp) and ast.unparse(argument) == "code or self.code":
                continue
            else:
                found.unreadable.append(f"{where}: {ast.unparse(argument)}")
    return found


def test_every_problem_code_has_a_differential_case() -> None:
    """Each code the package can emit is shown by a case above, or excluded with its reason; a code
    that only warns or notes is shown by a case that passes, for it must fail neither command."""
    emitted = emitted_codes()
    codes, excluded = set(emitted.places), set(EXCLUDED)
    assert not emitted.unreadable, f"write these problem codes as strings or constants: {emitted.unreadable}"
    shown = {code for case in CASES for code in case.codes}
    missing = sorted(codes - shown - excluded)
    assert not missing, f"problem codes without a differential case: {missing}"
    passing = {code for case in CASES if not case.fails for code in case.codes}
    unshown = sorted(emitted.reminders() - passing - excluded)
    assert not unshown, f"warnings and notes without a case that passes: {unshown}"
    assert not (shown | excluded) - codes, "cases or exclusions name codes the package never emits"
    assert not shown & excluded, "a code that has a case needs no exclusion"


def test_the_codes_are_read_from_every_kind_of_place() -> None:
    """Strings, module constants, a data file's code, defaults and codes handed on are all found."""
    emitted = emitted_codes()
    codes = set(emitted.places)
    assert {"unknown-status", "invalid-update", "invalid-team", "broken-link", "collision"} <= codes
    assert "invalid" not in codes  # Problem's default: every problem names its code
    assert any(where.startswith("readers/agreement.py") for where in emitted.places["invalid-agreement"])
    assert not {"True", "False"} & codes  # flags named code (code samples) are no problem codes
    assert {
        "review-overdue",
        "left-out",
    } <= emitted.reminders() and "invalid-agreement" not in emitted.reminders()


@pytest.mark.parametrize("render_macros", [True, False], ids=["rendered", "left to show braces"])
def test_render_evaluates_the_macros_the_site_evaluates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], render_macros: bool
) -> None:
    """``handbook render`` evaluates a decision's macros exactly when mkdocs-macros renders them in
    the site: with the plugin's ``render_macros``; a page that says ``render_macros: false`` never."""
    body = "We have {{ decision_count() }} decisions."
    root = make_handbook(
        tmp_path / "handbook",
        {
            "decisions/0001-x.md": decision({"status": "accepted"}, "X", body),
            "docs/index.md": "---\nrender_macros: false\n---\n# Home\n\n{{ decision_count() }}\n",
        },
        plugin_config({"render_macros": render_macros}, "macros"),
    )
    assert run_cli(capsys, root, "render", "--out", str(tmp_path / "out")).code == 0
    rendered = (tmp_path / "out" / "decisions" / "0001-x.md").read_text("utf-8")
    assert ("We have 1 decisions." in rendered) is render_macros
    assert ("{{ decision_count() }}" in rendered) is not render_macros
    assert "{{ decision_count() }}" in (tmp_path / "out" / "index.md").read_text("utf-8")


def test_render_evaluates_macros_in_the_sites_own_markers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``handbook render`` reads macros in the markers the site gives mkdocs-macros, and leaves
    Jinja's usual ``{{ }}`` as text there, as the build does."""
    root = make_handbook(
        tmp_path / "handbook",
        {
            "decisions/0001-x.md": ACCEPTED,
            "docs/index.md": "# Home\n\n[[ decision_count() ]] decisions, {{ decision_count() }} as typed.\n",
        },
        config(plugins=["search", "team-handbook", {"macros": SQUARE_MARKERS}]),
    )
    assert run_cli(capsys, root, "render", "--out", str(tmp_path / "out")).code == 0
    rendered = (tmp_path / "out" / "index.md").read_text("utf-8")
    assert "1 decisions, {{ decision_count() }} as typed." in rendered


def _html_pages(site: Path) -> set[str]:
    """Return the address of every HTML page of a built site, except the theme's own pages."""
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if path.name not in ("404.html", "search.html") and "assets" not in path.relative_to(site).parts[:1]
    }


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory URLs", "file URLs"])
def test_the_plugin_and_render_publish_the_same_pages(tmp_path: Path, directory_urls: bool) -> None:
    """The example handbook built by the plugin, and rendered then built without it, has the same
    pages at the same addresses, and every address in ``decisions.json`` resolves in both."""
    root = tmp_path / "handbook"
    shutil.copytree(
        REPOSITORY, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "plugins")
    )
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + f"\nuse_directory_urls: {str(directory_urls).lower()}\n")
    plugin = build(root, strict=True)
    assert plugin.returncode == 0, plugin.log
    rendered = run_script(root, "render", "--out", str(tmp_path / "out"))
    assert rendered.code == 0, rendered.err
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Rendered\ndocs_dir: out\nexclude_docs: .teamhandbook-render\n"
        f"use_directory_urls: {str(directory_urls).lower()}\n"
    )
    plain = build(tmp_path, strict=False)
    assert plain.returncode == 0, plain.log
    pages = _html_pages(plugin.site)
    assert len(pages) > 40 and any(page.startswith("decisions/0003") for page in pages)
    assert _html_pages(plain.site) == pages
    for site in (plugin.site, plain.site):
        for record in json.loads((site / "decisions.json").read_text("utf-8"))["decisions"]:
            target = site / unquote(record["url"])
            assert (target / "index.html" if record["url"].endswith("/") else target).is_file(), record["url"]
