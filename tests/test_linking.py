"""The linking step: references resolved and relations completed in a new log; what was read stays."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from teamhandbook.checks import check_decisions
from teamhandbook.handbook import load_handbook
from teamhandbook.linking import link_log
from teamhandbook.model.decision import DecisionLog
from teamhandbook.readers.decision import read_decision
from teamhandbook.readers.read_cache import ReadCache
from teamhandbook.settings import Settings

from .conftest import decision, write_files


def read_log(files: dict[str, str]) -> DecisionLog:
    """Read decisions from texts by file stem, as the reader gives them (unlinked)."""
    return DecisionLog([read_decision(text, f"decisions/{stem}.md", stem)[0] for stem, text in files.items()])


CASES = {
    "a supersession written on one side": (
        {
            "0001-a": decision({"status": "superseded", "superseded-by": ["0002"]}, "A"),
            "0002-b": decision({"status": "accepted"}, "B"),
        },
        {"0002-b": {"supersedes": ["0001-a"]}},
        ["not-mirrored"],
    ),
    "a relation written on one side": (
        {
            "0001-a": decision({"status": "accepted", "relates-to": ["ADR-0002"]}, "A"),
            "0002-b": decision({"status": "accepted"}, "B"),
        },
        {"0001-a": {"relates_to": ["0002-b"]}, "0002-b": {"relates_to": ["0001-a"]}},
        [],
    ),
    "a proposal that would supersede": (
        {
            "0001-a": decision({"status": "accepted"}, "A"),
            "0002-b": decision({"status": "proposed", "supersedes": ["0001"]}, "B"),
        },
        {"0001-a": {"superseded_by": []}, "0002-b": {"supersedes": ["0001-a"]}},
        [],
    ),
    "a rejected decision that names one it supersedes": (
        {
            "0001-a": decision({"status": "accepted"}, "A"),
            "0002-b": decision({"status": "rejected", "supersedes": ["0001"]}, "B"),
        },
        {"0001-a": {"superseded_by": []}},
        ["rejected-successor"],
    ),
    "one decision named twice": (
        {
            "0001-a": decision({"status": "accepted", "relates-to": ["1", "ADR-0002", "0002-b.md"]}, "A"),
            "0002-b": decision({"status": "accepted", "relates-to": ["0001-a"]}, "B"),
        },
        {"0001-a": {"relates_to": ["0001-a", "0002-b"]}, "0002-b": {"relates_to": ["0001-a"]}},
        ["self-reference"],
    ),
    "an amendment written on one side": (
        {
            "0001-a": decision({"status": "accepted"}, "A"),
            "0002-b": decision({"status": "accepted", "amends": ["0001"]}, "B"),
        },
        {"0001-a": {"amended_by": ["0002-b"]}, "0002-b": {"amends": ["0001-a"]}},
        [],
    ),
    "a reference to nothing": (
        {"0001-a": decision({"status": "accepted", "supersedes": ["0042"]}, "A")},
        {"0001-a": {"supersedes": []}},
        ["missing-target"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_linking_completes_relations_and_leaves_the_read_log_alone(name: str) -> None:
    """Each case's relations are complete in the linked log; the decisions read are unchanged."""
    files, expected, codes = CASES[name]
    read = read_log(files)
    before = copy.deepcopy(read.decisions)
    linked, problems = link_log(read)
    problems += check_decisions(linked)
    for stem, relations in expected.items():
        for attribute, targets in relations.items():
            assert linked.get(stem).relation_ids(attribute) == targets, (stem, attribute)
    assert sorted(p.code for p in problems) == sorted(codes)
    assert read.decisions == before
    assert all(a is not b for a, b in zip(read, linked, strict=True))


def test_the_read_cache_hands_out_what_it_read_and_rebuilds_stay_the_same(tmp_path: Path) -> None:
    """Under ``mkdocs serve`` the cache gives the same decision objects to every rebuild, and no
    rebuild sees another's completed relations: the third build equals the first."""
    write_files(
        tmp_path,
        {
            "decisions/0001-a.md": decision({"status": "superseded", "superseded-by": ["0002"]}, "A"),
            "decisions/0002-b.md": decision({"status": "accepted"}, "B"),
        },
    )
    cache = ReadCache()
    settings = Settings(root=tmp_path)
    builds = [load_handbook(settings, cache=cache) for _ in range(3)]
    first, third = builds[0].decisions.get("0002-b"), builds[2].decisions.get("0002-b")
    assert first.relation_ids("supersedes") == third.relation_ids("supersedes") == ["0001-a"]
    assert [ref.inferred for ref in third.supersedes] == [True]
    assert [p.code for p in builds[0].problems] == [p.code for p in builds[2].problems]


def test_the_read_cache_gives_back_the_object_it_kept() -> None:
    """While the bytes and the key stay the same, the cache returns the decision it parsed, uncopied."""
    cache = ReadCache()
    text = decision({"status": "accepted"}, "A")
    parse = lambda: read_decision(text, "decisions/0001-a.md", "0001-a")  # noqa: E731
    first, _ = cache.read("decisions/0001-a.md", text.encode(), ("key",), parse)
    again, _ = cache.read("decisions/0001-a.md", text.encode(), ("key",), lambda: pytest.fail("parsed twice"))
    assert again is first
