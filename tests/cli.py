"""Helpers for the command-line tests: run ``handbook`` in-process or as the installed console script."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from teamhandbook.cli.main import main

HANDBOOK_SCRIPT = Path(sys.executable).parent / "handbook"
"""The ``handbook`` console script installed with the package, next to the test's Python."""


@dataclass
class Outcome:
    """What one run of ``handbook`` did: its exit code and what it printed."""

    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> Outcome:
    """Run ``handbook --config ROOT/mkdocs.yml ARGS`` in-process through its real entry point."""
    capsys.readouterr()
    code = main(["--config", str(root / "mkdocs.yml"), *args])
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def run_script(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Outcome:
    """Run the installed ``handbook`` console script in ``cwd``, as a user would."""
    result = subprocess.run(
        [str(HANDBOOK_SCRIPT), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return Outcome(result.returncode, result.stdout, result.stderr)
