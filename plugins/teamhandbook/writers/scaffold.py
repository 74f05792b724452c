"""A new handbook from the starter files: configuration, team README, agreement, first decision.

The starter builds with ``mkdocs build --strict`` (or ``properdocs build --strict``) straight
away, offline: every page it creates is in the navigation, and nothing is loaded from another
site. A team that already keeps a decision log gets the handbook around it, its log left as it is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..pages.markdown import text as markdown_text
from .files import create_exclusively

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STARTER = TEMPLATES / "init"
CI_TEMPLATES = {
    "github": (TEMPLATES / "ci" / "github-workflow.yml", ".github/workflows/handbook.yml"),
    "gitlab": (TEMPLATES / "ci" / "gitlab-ci.yml", ".gitlab-ci.yml"),
}
"""The pipeline ``--ci`` writes for each host: its template, and where it goes."""

RENAMED = {"gitignore": ".gitignore"}
"""Starter files stored under another name, so packaging keeps them."""

SEED_DECISION = "decisions/0001-record-decisions-as-adrs.md"
"""The first decision of a new log; a handbook adopting a log has its own decisions instead."""

AS_WRITTEN = "working-agreement/templates/"
"""Starter files copied as they are: templates keep their ``{date}`` and ``{handle}`` for later."""


EDIT_PATHS = {"github.com": "edit/main/docs/", "gitlab.com": "-/edit/main/docs/"}
"""Where the edit pages of the hosts MkDocs knows are, below the repository's address."""


@dataclass(frozen=True)
class StarterOptions:
    """What a new handbook is made with, beyond the team's name."""

    site_url: str = ""
    """The published address; it turns on the feed and absolute links."""

    repo_url: str = ""
    """The repository's address; it adds the repository link and an edit button to each page."""

    decisions_dir: str | None = None
    """An existing decision log to adopt in place, relative to the handbook; None for a new log."""

    ci: str | None = None
    """``github`` or ``gitlab``: write a check-and-publish pipeline for that host."""

    version: str = ""
    """The teamhandbook version the pipeline installs."""


def starter_files(team: str, today: dt.date, options: StarterOptions | None = None) -> dict[str, str]:
    """Return the starter files, by path relative to the new handbook, with the team's name filled in."""
    options = options or StarterOptions()
    files: dict[str, str] = {}
    for path in sorted(STARTER.rglob("*")):
        if not path.is_file():
            continue
        relative = PurePosixPath(path.relative_to(STARTER).as_posix())
        name = RENAMED.get(relative.as_posix(), relative.as_posix())
        if name == SEED_DECISION and options.decisions_dir is not None:
            continue  # an adopted log keeps its own numbers: no seed decision takes 0001
        text = path.read_text(encoding="utf-8")
        files[name] = text if name.startswith(AS_WRITTEN) else _fill(text, team, today, relative.suffix)
    files["mkdocs.yml"] = (
        files["mkdocs.yml"]
        .replace("{site}", _site_lines(options))
        .replace("{plugin_options}", _plugin_options(options))
    )
    if options.ci:
        template, target = CI_TEMPLATES[options.ci]
        files[target] = pipeline(template.read_text(encoding="utf-8"), options.version)
    return files


REQUIREMENT_LINE = 'TEAMHANDBOOK_REQUIREMENT: "teamhandbook"'
"""The line of a pipeline template that says which teamhandbook to install."""


def pipeline(template: str, version: str) -> str:
    """Return a pipeline that installs this version of teamhandbook."""
    if not version:
        return template
    return template.replace(REQUIREMENT_LINE, f'TEAMHANDBOOK_REQUIREMENT: "teamhandbook=={version}"')


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


def _site_lines(options: StarterOptions) -> str:
    """Return the address lines of ``mkdocs.yml``: filled in when given, else commented examples."""
    lines = []
    if options.site_url:
        lines.append(f"site_url: {_yaml_text(_with_slash(options.site_url))}")
    else:
        lines.append("# site_url: https://example.github.io/handbook/  # the published address, for the feed")
    if options.repo_url:
        repo_url = options.repo_url.rstrip("/")
        lines.append(f"repo_url: {_yaml_text(repo_url)}")
        edit = EDIT_PATHS.get((urlsplit(repo_url).hostname or "").lower())
        if edit:
            lines.append(f"edit_uri: {edit}")
    else:
        lines.append("# repo_url: https://github.com/example/handbook  # adds an Edit button to every page")
        lines.append("# edit_uri: edit/main/docs/")
    return "\n".join(lines) + "\n"


def _plugin_options(options: StarterOptions) -> str:
    """Return the ``team-handbook`` plugin's options: the adopted log's folder, if any."""
    if options.decisions_dir is None:
        return ""
    return f":\n      decisions_dir: {_yaml_text(options.decisions_dir)}  # the decision log, as it was"


def _with_slash(url: str) -> str:
    """Return a site address ending with a slash, as MkDocs expects it."""
    return url if url.endswith("/") else url + "/"


def _yaml_text(value: str) -> str:
    """Return text as a double-quoted YAML string."""
    return json.dumps(value, ensure_ascii=False)


def _fill(template: str, team: str, today: dt.date, suffix: str) -> str:
    """Fill in ``{team}`` and ``{date}``, escaped for the kind of file they go into."""
    if suffix in (".yml", ".yaml"):
        name = json.dumps(team, ensure_ascii=False)[1:-1]  # inside a double-quoted YAML string
    elif suffix == ".md":
        name = markdown_text(team)
    elif suffix == ".html":
        return template  # a theme override: Jinja, no placeholders
    else:
        name = team
    return template.replace("{team}", name).replace("{date}", today.isoformat())
