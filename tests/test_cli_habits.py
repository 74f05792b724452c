"""What a mature command line does: --version, --quiet, JSON for every listing, completion, one help style."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from teamhandbook import __version__
from teamhandbook.cli.main import build_parser

from .cli import run_cli, run_script
from .conftest import decision


def subcommands() -> dict[str, argparse.ArgumentParser]:
    """Return every subcommand's parser, by name."""
    return build_parser()._subparsers._group_actions[0].choices  # the registered subcommands


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A handbook with two decisions and the starter agreement's templates."""
    assert run_script(tmp_path, "init", "h", "--quiet").code == 0
    root = tmp_path / "h"
    (root / "decisions" / "0002-use-a-queue.md").write_text(decision({"status": "proposed"}, "Use a queue"))
    return root


def test_version_comes_from_the_one_version_source(tmp_path: Path) -> None:
    """``handbook --version`` prints the package's version, which the metadata reads too."""
    from importlib.metadata import version

    outcome = run_script(tmp_path, "--version")
    assert outcome.code == 0 and outcome.out.strip() == f"handbook (teamhandbook) {__version__}"
    assert version("teamhandbook") == __version__


def test_every_help_text_is_a_capitalised_sentence() -> None:
    """Commands, options and arguments: each help starts with a capital and ends with a full stop."""
    parser = build_parser()
    helps = [(f"handbook {a.option_strings}", a.help) for a in parser._actions if a.option_strings]
    for name, sub in subcommands().items():
        assert sub.description[:1].isupper(), name  # prose with examples: it starts as a sentence
        helps += [
            (f"{name} {a.option_strings or a.dest}", a.help)
            for a in sub._actions
            if a.help not in (None, argparse.SUPPRESS)
        ]
    for choice in parser._subparsers._group_actions[0]._choices_actions:
        helps.append((choice.dest, choice.help))
    bad = [(name, text) for name, text in helps if not (text[:1].isupper() and text.rstrip().endswith("."))]
    assert bad == []


def test_quiet_keeps_the_answer_and_drops_the_progress(root: Path, capsys) -> None:
    """``-q`` silences what a command did, never what was asked for, nor an error."""
    loud = run_cli(capsys, root, "status", "2", "accepted")
    assert loud.out.startswith("updated ")
    quiet = run_cli(capsys, root, "--quiet", "status", "2", "proposed")
    assert quiet.code == 0 and quiet.out == ""
    assert "proposed" in (root / "decisions" / "0002-use-a-queue.md").read_text()
    listed = run_cli(capsys, root, "-q", "list")
    assert "Use a queue" in listed.out
    created = run_cli(capsys, root, "new", "Quietly", "--no-edit", "-q")
    assert created.out.strip().endswith("0003-quietly.md")
    checked = run_cli(capsys, root, "check", "-q")
    assert checked.code == 0 and checked.out == ""
    failed = run_cli(capsys, root, "-q", "status", "9", "accepted")
    assert failed.code == 2 and "no decision '9'" in failed.err


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        (("list", "--json"), {"id", "status", "title", "source"}),
        (("template", "--json"), {"name", "title", "description", "path"}),
        (("status", "2", "--json"), {"id", "status", "status_raw"}),
        (("check", "--format", "json"), {"version", "problems", "counts"}),
        (("overlap", "--json"), None),
    ],
    ids=["list", "templates", "status", "check", "overlap"],
)
def test_every_listing_command_speaks_json(
    root: Path, capsys, args: tuple[str, ...], keys: set[str] | None
) -> None:
    """Each listing prints valid JSON on stdout, with the fields a script needs."""
    outcome = run_cli(capsys, root, *args)
    assert outcome.code == 0, outcome.err
    data = json.loads(outcome.out)
    record = data[0] if isinstance(data, list) else data
    assert keys is None or keys <= record.keys()


def test_bash_completion_completes_commands_options_and_choices(tmp_path: Path) -> None:
    """The bash script, sourced in a real bash, offers commands, a command's options and their values."""
    script = tmp_path / "handbook.bash"
    script.write_text(run_script(tmp_path, "completion", "bash").out)

    def complete(*words: str) -> list[str]:
        """Return what bash offers after ``handbook WORDS``, the last word being completed."""
        line = " ".join(repr(w) if w else '""' for w in words)
        command = f"source {script}; COMP_WORDS=(handbook {line}); COMP_CWORD={len(words)}; _handbook; "
        command += 'printf "%s\\n" "${COMPREPLY[@]}"'
        result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=True)
        return result.stdout.split()

    assert complete("su") == ["supersede"]
    assert "--no-edit" in complete("new", "--")
    assert complete("new", "--format", "ma") == ["madr2", "madr3", "madr4"]
    assert complete("--quiet", "init", "--ci", "") == ["github", "gitlab"]
    assert complete("completion", "") == ["--help", "--quiet", "bash", "zsh", "fish"]


def shell(name: str) -> str:
    """Find a shell to check a completion script with; install Debian's package when missing and allowed."""
    found = shutil.which(name)
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", name], check=False, env=env, capture_output=True)
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{name} is needed to check its completion script: install Debian's `{name}` package.")


def test_zsh_completion_loads_and_describes_every_command(tmp_path: Path) -> None:
    """zsh parses the script and, loaded through compinit, registers the completion for ``handbook``."""
    zsh = shell("zsh")
    folder = tmp_path / "functions"
    folder.mkdir()
    (folder / "_handbook").write_text(run_script(tmp_path, "completion", "zsh").out)
    subprocess.run([zsh, "-n", str(folder / "_handbook")], check=True)
    probe = f"fpath=({folder} $fpath); autoload -U compinit; compinit -u -D; print -r -- $_comps[handbook]"
    result = subprocess.run([zsh, "-f", "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "_handbook"
    text = (folder / "_handbook").read_text()
    for name in subcommands():
        assert f"'{name}:" in text


def test_fish_completion_loads_and_offers_commands(tmp_path: Path) -> None:
    """fish loads the script and completes ``handbook su`` to supersede, and options of ``new``."""
    fish = shell("fish")
    script = tmp_path / "handbook.fish"
    script.write_text(run_script(tmp_path, "completion", "fish").out)
    subprocess.run([fish, "--no-execute", str(script)], check=True)
    probe = f"source {script}; complete -C 'handbook su'; complete -C 'handbook new --no-'"
    result = subprocess.run([fish, "--no-config", "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[0].startswith("supersede")
    assert "--no-edit" in result.stdout
