"""Under ``mkdocs serve``, decisions parsed by one rebuild are reused by the next, safely."""

from __future__ import annotations

from pathlib import Path

from teamhandbook.handbook import Handbook, load_handbook
from teamhandbook.readers.read_cache import ReadCache
from teamhandbook.settings import Settings

from .conftest import decision, write_files

FILES = {
    "decisions/0001-old.md": decision({"status": "superseded", "date": "2024-01-01"}, "Old"),
    "decisions/0002-new.md": decision({"status": "accepted", "supersedes": ["0001"]}, "New"),
}


def summary(handbook: Handbook) -> list[tuple]:
    """What a build publishes about each decision, and the problems it reports."""
    return [
        (d.id, d.title, d.status, d.relation_ids("supersedes"), d.relation_ids("superseded_by"))
        for d in handbook.decisions
    ] + [(p.file, p.line, p.code) for p in handbook.problems]


def test_rebuilds_with_a_cache_match_rebuilds_without(tmp_path: Path) -> None:
    """Reused decisions come out exactly as freshly parsed ones, build after build.

    The checks complete one-sided relations in the model; a reused decision must not carry the
    previous build's completions (``0001`` would list its successor twice).
    """
    write_files(tmp_path, FILES)
    settings, cache = Settings(root=tmp_path), ReadCache()
    fresh = summary(load_handbook(settings))
    assert fresh[0][4] == ["0002-new"]
    for _ in range(3):
        assert summary(load_handbook(settings, cache=cache)) == fresh


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    """A file whose bytes changed is parsed again; a deleted one is forgotten."""
    write_files(tmp_path, FILES)
    settings, cache = Settings(root=tmp_path), ReadCache()
    load_handbook(settings, cache=cache)
    write_files(tmp_path, {"decisions/0002-new.md": decision({"status": "proposed"}, "Newer")})
    (tmp_path / "decisions/0001-old.md").unlink()
    handbook = load_handbook(settings, cache=cache)
    assert [(d.id, d.title, d.status.value) for d in handbook.decisions] == [
        ("0002-new", "Newer", "proposed")
    ]
    assert summary(handbook) == summary(load_handbook(settings))
