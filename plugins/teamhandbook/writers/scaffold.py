"""A new handbook from the starter files: configuration, team README, agreement, first decision."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path, PurePosixPath

from ..pages.markdown import text as markdown_text
from .files import create_exclusively

STARTER = Path(__file__).resolve().parent.parent / "templates" / "init"
RENAMED = {"gitignore": ".gitignore"}
"""Starter files stored under another name, so packaging keeps them."""

AS_WRITTEN = "working-agreement/templates/"
"""Starter files copied as they are: templates keep their ``{date}`` and ``{handle}`` for later."""


def starter_files(team: str, today: dt.date) -> dict[str, str]:
    """Return the starter files, by path relative to the new handbook, with the team's name filled in."""
    files: dict[str, str] = {}
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file():
            continue
        relative = PurePosixPath(path.relative_to(STARTER).as_posix())
        name = RENAMED.get(relative.as_posix(), relative.as_posix())
        text = path.read_text(encoding="utf-8")
        files[name] = text if name.startswith(AS_WRITTEN) else _fill(text, team, today, relative.suffix)
    return files


def write_starter(target: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Write the files that do not exist yet; return the ones written and the ones kept as they were."""
    written: list[str] = []
    kept: list[str] = []
    for name, content in files.items():
        try:
            create_exclusively(target / name, content.encode("utf-8"))
        except FileExistsError:
            kept.append(name)
        else:
            written.append(name)
    return written, kept


def _fill(template: str, team: str, today: dt.date, suffix: str) -> str:
    """Fill in ``{team}`` and ``{date}``, escaped for the kind of file they go into."""
    if suffix in (".yml", ".yaml"):
        name = json.dumps(team, ensure_ascii=False)[1:-1]  # inside a double-quoted YAML string
    elif suffix == ".md":
        name = markdown_text(team)
    else:
        name = team
    return template.replace("{team}", name).replace("{date}", today.isoformat())
