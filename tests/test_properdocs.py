"""ProperDocs as a first-class host: the example handbook builds the same, and ``properdocs.yml`` is found."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .cli import run_script
from .conftest import REPOSITORY, build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
PROPERDOCS = Path(sys.executable).parent / "properdocs"


def properdocs_build(root: Path, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``properdocs build --strict`` in ``root`` as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764633600"}
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "-d", str(site), *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def mkdocs_build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``root`` with the same build date."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764633600"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=600)


def files(site: Path) -> dict[str, bytes]:
    """Return a built site's files by path, the generator line (which names the host) left out."""
    return {
        p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != "sitemap.xml.gz"
    }


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The example handbook built strictly by MkDocs and by ProperDocs."""
    out = tmp_path_factory.mktemp("hosts")
    mkdocs = mkdocs_build(REPOSITORY, out / "mkdocs")
    assert mkdocs.returncode == 0, mkdocs.stderr
    properdocs = properdocs_build(REPOSITORY, out / "properdocs")
    assert properdocs.returncode == 0, properdocs.stderr
    return files(out / "mkdocs"), files(out / "properdocs")


def test_properdocs_builds_the_example_with_the_same_pages(both_builds) -> None:
    """The same pages at the same addresses, every decision among them."""
    mkdocs, properdocs = both_builds
    pages = sorted(path for path in mkdocs if path.endswith(".html"))
    assert pages == sorted(path for path in properdocs if path.endswith(".html"))
    assert len(pages) > 40 and "decisions/0012-shared-inbox-for-customer-escalations/index.html" in pages
    assert sorted(mkdocs) == sorted(properdocs)


def test_properdocs_pages_say_the_same_as_mkdocs_pages(both_builds) -> None:
    """Page for page, byte for byte, but for the line naming the generator."""
    mkdocs, properdocs = both_builds
    differing = [path for path in mkdocs if mkdocs[path] != properdocs[path]]
    assert differing == []


def test_a_handbook_configured_in_properdocs_yml(tmp_path: Path) -> None:
    """``properdocs.yml`` (as ProperDocs asks) is found by every command and built without a notice."""
    assert run_script(tmp_path, "init", "h", "--quiet").code == 0
    root = tmp_path / "h"
    (root / "mkdocs.yml").rename(root / "properdocs.yml")
    (root / "docs" / "nested").mkdir()
    nested = root / "docs" / "nested"
    assert run_script(nested, "check").code == 0
    assert run_script(nested, "list").out.startswith("ADR-0001")
    created = run_script(nested, "new", "Use ProperDocs", "--no-edit")
    assert created.code == 0 and (root / "decisions" / "0002-use-properdocs.md").is_file()
    result = properdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    assert "should be renamed" not in result.stderr
    assert (root / "site" / "decisions" / "0002-use-properdocs" / "index.html").is_file()


def test_without_any_configuration_the_error_names_both_files(tmp_path: Path) -> None:
    """Outside a handbook, the command says it looked for mkdocs.yml and properdocs.yml."""
    outcome = run_script(tmp_path, "check")
    assert outcome.code == 2 and "no mkdocs.yml or properdocs.yml" in outcome.err


def test_a_fresh_handbook_builds_with_either_host(tmp_path: Path) -> None:
    """``handbook init`` then ``properdocs build --strict``, and ``mkdocs build --strict``, both pass."""
    assert run_script(tmp_path, "init", "h", "--quiet").code == 0
    root = tmp_path / "h"
    result = properdocs_build(root, tmp_path / "site", "-f", "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert build(root, strict=True).returncode == 0
