"""A package other teams install: wheel and sdist built and checked, then used from a fresh environment.

Nothing here is editable or borrowed from the test environment: the wheel is built from a copy of the
repository's files (from its sdist), installed with its dependencies into a new virtual environment,
and that environment's ``handbook`` and ``mkdocs`` do the work, as on a new team's machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from teamhandbook import __version__

from .conftest import FIXTURES, REPOSITORY, git

SOURCES = FIXTURES / "import"


@dataclass
class Installed:
    """A fresh virtual environment with the built wheel installed, and the built files."""

    dist: Path
    bin: Path
    source: Path
    """A git repository holding a copy of this repository's files, as another team would clone it."""

    offline: dict[str, str]
    """The environment that makes pip install from the local wheel cache only."""

    def run(self, program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run a program of the environment in ``cwd``."""
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VIRTUAL_ENV": str(self.bin.parent)}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env.pop("PYTHONPATH", None)
        result = subprocess.run(
            [str(self.bin / program), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
        )
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stdout + result.stderr
        return result


def repository_files() -> list[str]:
    """Return the repository's files as a clone would have them: tracked, or new and not ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPOSITORY,
        capture_output=True,
        check=True,
    )
    return [
        name for name in listed.stdout.decode("utf-8").split("\0") if name and (REPOSITORY / name).is_file()
    ]


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    """Run a build step; fail with its output if it fails."""
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the sdist and the wheel from a clean copy, check them, install the wheel in a new venv.

    The dependencies are fetched once, into a local wheel cache; every later install (the build's
    own environment, the new venv, pre-commit's environment) takes them from there, offline.
    """
    base = tmp_path_factory.mktemp("package")
    source = base / "source"
    for name in repository_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, target)
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "teamhandbook")
    wheels = base / "wheels"
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "-q", "--wheel-dir", str(wheels), "setuptools>=77", str(source)])
    offline = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels), "PIP_NO_COMPILE": "1"}
    dist = base / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(source)], env=offline)
    venv = base / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])  # pip is no part of the product
    wheel = next(dist.glob("*.whl"))
    run([*pip, "--python", str(venv / "bin" / "python"), "install", "-q", str(wheel)], env=offline)
    return Installed(dist, venv / "bin", source, offline)


def test_the_wheel_and_sdist_pass_twine_check(installed: Installed) -> None:
    """Both distributions exist, carry the MIT licence (PEP 639) and pass ``twine check --strict``."""
    names = sorted(path.name for path in installed.dist.iterdir())
    assert names == [f"teamhandbook-{__version__}-py3-none-any.whl", f"teamhandbook-{__version__}.tar.gz"]
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, installed.dist.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(next(installed.dist.glob("*.whl"))) as wheel:
        metadata = wheel.read(f"teamhandbook-{__version__}.dist-info/METADATA").decode()
        listed = wheel.namelist()
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert "Classifier: Framework :: MkDocs" in metadata and "Requires-Dist: tzdata" in metadata
    assert 'Requires-Dist: properdocs<2,>=1.6.7; extra == "properdocs"' in metadata
    host = re.compile(r"Requires-Dist: (mkdocs|properdocs)(?![-\w])")
    hosts = [line for line in metadata.splitlines() if host.match(line)]
    assert hosts and all("; extra ==" in line for line in hosts)  # a host by choice, never a hard pin
    assert (
        "teamhandbook/templates/init/gitignore" in listed
        and "teamhandbook/templates/ci/gitlab-ci.yml" in listed
    )


def test_the_installed_command_says_its_version(installed: Installed, tmp_path: Path) -> None:
    """``handbook --version`` of the wheel prints the package's one version."""
    result = installed.run("handbook", "--version", cwd=tmp_path)
    assert result.stdout.strip() == f"handbook (teamhandbook) {__version__}"


def test_init_then_a_strict_build_in_the_fresh_environment(installed: Installed, tmp_path: Path) -> None:
    """A new handbook builds strictly with the environment's own MkDocs, every page in its navigation."""
    installed.run("handbook", "init", "team", "--site-url", "https://example.org/", cwd=tmp_path)
    root = tmp_path / "team"
    built = installed.run("mkdocs", "build", "--strict", cwd=root)
    assert 'not included in the "nav"' not in built.stderr
    assert (root / "site" / "decisions" / "0001-record-decisions-as-adrs" / "index.html").is_file()
    assert (root / "site" / "feed.xml").is_file()
    installed.run("handbook", "check", cwd=root)


@pytest.mark.parametrize(("fixture", "folder"), [("adr-tools", "doc/adr"), ("log4brains", "docs/adr")])
def test_init_from_adopts_a_log_in_the_fresh_environment(
    installed: Installed, tmp_path: Path, fixture: str, folder: str
) -> None:
    """Numbers, names and bytes unchanged; the site lists every decision of the log."""
    root = tmp_path / "repo"
    shutil.copytree(SOURCES / fixture, root / folder)
    before = {
        p.relative_to(root).as_posix(): p.read_bytes() for p in (root / folder).rglob("*") if p.is_file()
    }
    installed.run("handbook", "init", ".", "--from", folder, cwd=root)
    installed.run("mkdocs", "build", "--strict", cwd=root)
    after = {
        p.relative_to(root).as_posix(): p.read_bytes() for p in (root / folder).rglob("*") if p.is_file()
    }
    assert after == before
    decisions = sorted(
        Path(name).stem for name in before if name.endswith(".md") and Path(name).name[0].isdigit()
    )
    index = (root / "site" / "decisions" / "index.html").read_text("utf-8")
    for stem in decisions:
        assert f'href="{stem}/"' in index, stem
        assert (root / "site" / "decisions" / stem / "index.html").is_file()
    listed = installed.run("handbook", "list", "--json", cwd=root).stdout
    assert sorted(record["id"] for record in json.loads(listed)) == decisions


def test_the_pre_commit_hook_from_the_repository(installed: Installed, tmp_path: Path) -> None:
    """``pre-commit try-repo`` installs the hook from a clone and checks a handbook: pass, then fail."""
    root = tmp_path / "team"
    installed.run("handbook", "init", "team", "--quiet", cwd=tmp_path)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Start the handbook")
    env = {
        **installed.offline,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [
        sys.executable,
        "-m",
        "pre_commit",
        "try-repo",
        str(installed.source),
        "handbook-check",
        "--all-files",
    ]
    passed = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "handbook check" in passed.stdout and "Passed" in passed.stdout
    decision = root / "decisions" / "0001-record-decisions-as-adrs.md"
    decision.write_text(decision.read_text().replace("status: accepted", "status: approved-ish"))
    git(root, "add", "-A")
    failed = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and "decisions/0001-record-decisions-as-adrs.md:2" in failed.stdout
