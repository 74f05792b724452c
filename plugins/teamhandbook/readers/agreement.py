"""Read a handbook's ``working-agreement/`` folder: the roster, the agreement's data, its pages and
its templates. Every part is optional."""

from __future__ import annotations

from pathlib import Path

from ..model.agreement import Agreement, AgreementPage
from ..model.problem import Problem, error, note
from .agreement_data import read_agreement_data
from .team import read_team
from .template import read_template
from .yaml_data import DataFile
from .yaml_source import YamlSyntaxError, parse_yaml

TEAM_FILES = ("team.yml", "team.yaml")
DATA_FILES = ("agreement.yml", "agreement.yaml")
TEMPLATES = "templates"
ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"})


def read_agreement(folder: Path, root: Path) -> tuple[Agreement, list[Problem]]:
    """Read everything in the agreement folder once; never raises for what an author wrote."""
    agreement = Agreement(folder=_relative(folder, root))
    problems: list[Problem] = []
    team_file = _data_file(folder, TEAM_FILES, root, problems, "invalid-team")
    if team_file is not None:
        agreement.team, team_problems = read_team(team_file)
        problems += team_problems
    data_file = _data_file(folder, DATA_FILES, root, problems, "invalid-agreement")
    if data_file is not None:
        agreement.data_source = data_file.source
        read_agreement_data(data_file, agreement)
        problems += data_file.problems
    for path in sorted(folder.glob("*.md")):
        text = _text(path, root, problems)
        if text is not None:
            agreement.pages.append(AgreementPage(path.stem, _relative(path, root), text))
    for path in sorted((folder / TEMPLATES).glob("*.md")):
        text = _text(path, root, problems)
        if text is not None:
            template, template_problems = read_template(text, _relative(path, root), path.stem)
            problems += template_problems
            if template is not None:
                agreement.templates.append(template)
    agreement.assets = [
        _relative(path, root)
        for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in ASSET_SUFFIXES and not path.name.startswith(".")
    ]
    _note_unread(folder, root, problems)
    return agreement, problems


def _data_file(
    folder: Path, names: tuple[str, ...], root: Path, problems: list[Problem], code: str
) -> DataFile | None:
    """Parse the first of ``names`` that exists; a syntax error is reported with its line."""
    found = [folder / name for name in names if (folder / name).is_file()]
    if not found:
        return None
    path = found[0]
    source = _relative(path, root)
    for other in found[1:]:
        problems.append(
            error(_relative(other, root), 1, f"both {source} and this file exist; keep one.", code)
        )
    text = _text(path, root, problems)
    if text is None:
        return None
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as exc:
        problems.append(error(source, exc.line, f"{exc}.", "yaml"))
        return None
    return DataFile(source, document, code)


def _text(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """Read a file as UTF-8, reporting one that cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        problems.append(error(_relative(path, root), 1, f"cannot read the file: {reason}.", "unreadable"))
        return None


def _note_unread(folder: Path, root: Path, problems: list[Problem]) -> None:
    """Mention YAML files the handbook does not read, so a misnamed roster is not silently ignored."""
    for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]):
        if path.name not in TEAM_FILES + DATA_FILES:
            problems.append(
                note(
                    _relative(path, root),
                    1,
                    "this file is not read: the roster is team.yml and the agreement's data agreement.yml.",
                    "unread-file",
                )
            )


def _relative(path: Path, root: Path) -> str:
    """Return a path relative to the handbook root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
