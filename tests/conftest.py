"""Shared test helpers: write a handbook into a temporary folder and build it for real."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MINIMAL_CONFIG = {
    "site_name": "Test handbook",
    "site_url": "https://example.org/handbook/",
    "repo_url": "https://github.com/example/handbook",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "features": ["content.action.edit", "navigation.footer"]},
    "plugins": ["search", "team-handbook"],
}


MERMAID_CONFIG = (
    yaml.safe_dump(MINIMAL_CONFIG, sort_keys=False)
    + """\
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""
)
"""The minimal configuration plus Mermaid diagrams, as Material documents them."""


MACRO_FAILURE = re.compile(
    r"^WARNING\s+-\s+\[macros\] - ERROR # _Macro Rendering Error_$.*?^```$.*?^```$", re.MULTILINE | re.DOTALL
)
"""How mkdocs-macros reports a macro that failed on a page: with the failure's traceback, in a code block."""


def crashed(log: str) -> bool:
    """Tell whether a build crashed: a traceback in its log, other than in mkdocs-macros' reports."""
    return "Traceback" in MACRO_FAILURE.sub("", log)


@dataclass
class Build:
    """The outcome of one ``mkdocs build``: its exit code, its log and the site it wrote."""

    root: Path
    returncode: int
    log: str

    @property
    def site(self) -> Path:
        """The built site's folder."""
        return self.root / "site"

    def page(self, url: str) -> str:
        """Return the HTML of the page at a site-relative URL such as ``decisions/0001-x/``."""
        path = self.site / url
        return (path / "index.html" if url.endswith("/") or not url else path).read_text("utf-8")

    def content(self, url: str) -> str:
        """Return the article of a page: its rendered Markdown, without navigation or footer."""
        html = self.page(url)
        start = html.index("<article")
        return html[start : html.index("</article>", start)]

    def json(self, name: str = "decisions.json") -> dict:
        """Return a JSON file of the site, parsed."""
        return json.loads((self.site / name).read_text("utf-8"))

    def warnings(self) -> list[str]:
        """Return the warning lines of the log."""
        return [line for line in self.log.splitlines() if line.startswith("WARNING")]


UNPRIVILEGED = (
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
)
"""How root runs a command that must meet file permissions: without the two capabilities that let
it read and enter anything. It stays the owner of its files, so it works wherever the clone is."""


def unprivileged(command: list[str]) -> list[str]:
    """Return ``command`` run so that file permissions apply: as it is for a user, through
    ``UNPRIVILEGED`` for root."""
    return [*UNPRIVILEGED, *command] if os.geteuid() == 0 else command


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    """Write files (text is dedented) below ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")


def make_handbook(
    root: Path, files: dict[str, str | bytes] | None = None, config: dict | str | None = None
) -> Path:
    """Create a handbook: ``mkdocs.yml`` from ``config`` (default: minimal) plus ``files``.

    ``config`` is a mapping, or YAML text for configurations that need tags such as
    ``!!python/name:``.
    """
    root.mkdir(parents=True, exist_ok=True)
    if isinstance(config, str):
        text = textwrap.dedent(config).lstrip()
    else:
        text = yaml.safe_dump(dict(MINIMAL_CONFIG if config is None else config), sort_keys=False)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    write_files(root, {"docs/index.md": "# Home\n", **(files or {})})
    return root


def build(root: Path, *args: str, strict: bool = False) -> Build:
    """Run ``mkdocs build`` in ``root`` as a user would, and return its outcome."""
    command = [sys.executable, "-m", "mkdocs", "build", *args]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    outcome = Build(root, result.returncode, result.stdout + result.stderr)
    assert not crashed(outcome.log), outcome.log
    return outcome


def decision(front_matter: dict | None = None, title: str = "A decision", body: str = "") -> str:
    """Return the text of a MADR 4 decision with the given front matter."""
    header = ""
    if front_matter is not None:
        header = "---\n" + yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True) + "---\n"
    return f"{header}# {title}\n\n## Context and Problem Statement\n\n{body or 'Some context.'}\n"


@pytest.fixture
def handbook(tmp_path: Path):
    """Return a function that creates a handbook in a fresh temporary folder."""

    def create(files: dict[str, str | bytes] | None = None, config: dict | None = None) -> Path:
        return make_handbook(tmp_path / "handbook", files, config)

    return create


def git(root: Path, *args: str, when: str = "2024-01-01T12:00:00+00:00", author: str = "Maya Chen") -> str:
    """Run git in ``root`` as ``author`` at the moment ``when``, and return what it printed."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "author@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "author@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    result = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def commit_all(root: Path, message: str, when: str, author: str = "Maya Chen") -> None:
    """Commit every change below ``root`` (a git repository is created if there is none)."""
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when, author=author)
