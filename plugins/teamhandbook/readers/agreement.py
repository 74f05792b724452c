"""Read a handbook's ``working-agreement/`` folder: the roster, the agreement's data, its pages and
its templates. Every part is optional."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..boundary import Boundary
from ..model.agreement import Agreement, AgreementPage
from ..model.problem import Problem, error, note
from .agreement_data import read_agreement_data
from .frontmatter import blank_front_matter, refused, split_front_matter
from .team import read_team
from .template import read_template
from .text import read_source
from .yaml_data import DataFile
from .yaml_source import YamlLimitError, YamlSyntaxError, parse_yaml

TEAM_FILES = ("team.yml", "team.yaml")
DATA_FILES = ("agreement.yml", "agreement.yaml")
TEMPLATES = "templates"
ASSET_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf"})


def read_agreement(
    folder: Path, root: Path, boundary: Boundary | None = None
) -> tuple[Agreement, list[Problem]]:
    """Read everything in the agreement folder once; never raises for what an author wrote.

    Only files the ``boundary`` allows (default: inside ``root``) are read; the rest is reported.
    """
    boundary = boundary or Boundary([root])
    agreement = Agreement(folder=_relative(folder, root))
    listing = boundary.walk(folder, agreement.folder)
    problems: list[Problem] = list(listing.problems)
    files = set(listing.files)
    team_file = _data_file(folder, TEAM_FILES, files, root, boundary, problems, "invalid-team")
    if team_file is not None:
        agreement.team, team_problems = read_team(team_file)
        problems += team_problems
    data_file = _data_file(folder, DATA_FILES, files, root, boundary, problems, "invalid-agreement")
    if data_file is not None:
        agreement.data_source = data_file.source
        read_agreement_data(data_file, agreement)
        problems += data_file.problems
    for relative in sorted(f for f in files if len(f.parts) == 1 and f.suffix == ".md"):
        text = _text(folder / relative, root, boundary, problems)
        if text is not None:
            source = _relative(folder / relative, root)
            front = split_front_matter(text, source)
            if refused(front):  # macros and MkDocs would parse it with no limits: they get none of it
                problems += [problem for problem in front.problems if problem.code == "yaml-limit"]
                text = blank_front_matter(text, front)
            agreement.pages.append(AgreementPage(relative.stem, source, text))
    templates = sorted(
        f for f in files if len(f.parts) == 2 and f.parts[0] == TEMPLATES and f.suffix == ".md"
    )
    for relative in templates:
        path = folder / relative
        text = _text(path, root, boundary, problems)
        if text is not None:
            template, template_problems = read_template(text, _relative(path, root), relative.stem)
            problems += template_problems
            if template is not None:
                agreement.templates.append(template)
    agreement.assets = [
        _relative(folder / relative, root)
        for relative in sorted(listing.files, key=lambda f: f.as_posix())
        if relative.suffix.lower() in ASSET_SUFFIXES
    ]
    _note_unread(folder, files, root, problems)
    return agreement, problems


def _data_file(
    folder: Path,
    names: tuple[str, ...],
    files: set[PurePosixPath],
    root: Path,
    boundary: Boundary,
    problems: list[Problem],
    code: str,
) -> DataFile | None:
    """Parse the first of ``names`` that exists; a syntax error is reported with its line."""
    found = [folder / name for name in names if PurePosixPath(name) in files]
    if not found:
        return None
    path = found[0]
    source = _relative(path, root)
    for other in found[1:]:
        problems.append(
            error(_relative(other, root), 1, f"both {source} and this file exist; keep one.", code)
        )
    text = _text(path, root, boundary, problems)
    if text is None:
        return None
    try:
        document = parse_yaml(text)
    except YamlLimitError as exc:
        problems.append(error(source, exc.line, f"the file is refused: {exc}.", "yaml-limit"))
        return None
    except YamlSyntaxError as exc:
        problems.append(error(source, exc.line, f"{exc}.", "yaml"))
        return None
    data_file = DataFile(source, document, code)
    data_file.problems += [
        error(source, dup.line, dup.message, "duplicate-key") for dup in document.duplicates
    ]
    return data_file


def _text(path: Path, root: Path, boundary: Boundary, problems: list[Problem]) -> str | None:
    """Read a file as UTF-8 through the boundary, reporting one that cannot be read (or is not UTF-8)."""
    source = read_source(path, _relative(path, root), boundary)
    if source.problem is not None:
        problems.append(source.problem)
    return source.text if source.read else None


def _note_unread(folder: Path, files: set[PurePosixPath], root: Path, problems: list[Problem]) -> None:
    """Mention YAML files the handbook does not read, so a misnamed roster is not silently ignored."""
    for relative in sorted(f for f in files if len(f.parts) == 1 and f.suffix in (".yml", ".yaml")):
        if relative.name not in TEAM_FILES + DATA_FILES:
            problems.append(
                note(
                    _relative(folder / relative, root),
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
