"""Table-driven tests of how statuses, dates, titles and file names are read."""

from __future__ import annotations

import datetime as dt

import pytest
from teamhandbook.model.decision import Status
from teamhandbook.readers.dates import read_date
from teamhandbook.readers.decision import clean_title, number_in_name, read_decision, title_from_name
from teamhandbook.readers.decision_log import is_decision_name
from teamhandbook.readers.lifecycle import default_lifecycle
from teamhandbook.readers.status import parse_aliases, read_status
from teamhandbook.readers.yaml_source import parse_yaml

ON_HOLD = default_lifecycle().get("on-hold")
ALIASES, _ = parse_aliases({"aceito": "accepted", "Em análise": "proposed"})

STATUSES = [
    # (written, status, supersedes, superseded_by, relates_to, problem words)
    ("Accepted", Status.ACCEPTED, [], [], [], None),
    ("**Accepted**", Status.ACCEPTED, [], [], [], None),
    ("accepted.", Status.ACCEPTED, [], [], [], None),
    ("[accepted] <!-- optional -->", Status.ACCEPTED, [], [], [], None),
    ("Accepted on 2020-01-02", Status.ACCEPTED, [], [], [], None),
    ("Accepted (2019-01-01)", Status.ACCEPTED, [], [], [], None),
    ("Aceito", Status.ACCEPTED, [], [], [], None),
    ("em   análise", Status.PROPOSED, [], [], [], None),
    ("superseded by ADR-0012", Status.SUPERSEDED, [], ["ADR-0012"], [], None),
    ("Superceded by [3. X](0003-x.md)", Status.SUPERSEDED, [], ["0003-x.md"], [], None),
    ("accepted; supersedes ADR-0045", Status.ACCEPTED, ["ADR-0045"], [], [], None),
    ("proposed | partially superseded by ADR-0012", Status.PROPOSED, [], [], ["ADR-0012"], None),
    ("Accepted\n\nAmended by [9. Help](0009-help.md)", Status.ACCEPTED, [], [], [], None),
    ("[ accepted | deprecated | superseded by ...]", None, [], [], [], "list of choices"),
    ("{proposed | rejected | accepted | … | superseded by ADR-0123", None, [], [], [], "list of choices"),
    ("accepted | deprecated", None, [], [], [], "several statuses"),
    ("on hold", ON_HOLD, [], [], [], None),
    ("bikeshedding", None, [], [], [], "'bikeshedding' is not a status the handbook knows"),
    ("", None, [], [], [], None),
]


def test_amendments_are_read_as_amendments() -> None:
    """``Amends`` and ``Amended by`` (adr-tools' words, and other languages') are amendments."""
    assert read_status("Accepted\n\nAmended by [9. Help](0009-help.md)").amended_by == ["0009-help.md"]
    assert read_status("Amends [3. Logs](0003-logs.md)").amends == ["0003-logs.md"]
    assert read_status("Geändert durch ADR-0004").amended_by == ["ADR-0004"]


@pytest.mark.parametrize(("written", "status", "supersedes", "by", "relates", "problem"), STATUSES)
def test_status(written, status, supersedes, by, relates, problem) -> None:
    """A status is normalised, its relations extracted, or it is reported and kept as written."""
    reading = read_status(written, ALIASES)
    assert reading.status is status
    assert (reading.supersedes, reading.superseded_by, reading.relates_to) == (supersedes, by, relates)
    if problem is None:
        assert reading.problem is None
    else:
        assert problem in reading.problem
        assert reading.raw == " ".join(written.split())


DATES = [
    ("2024-01-10", dt.date(2024, 1, 10), None),
    (dt.date(2024, 1, 10), dt.date(2024, 1, 10), None),
    ("2024/1/5", dt.date(2024, 1, 5), None),
    ("2024-01-10T10:00:00Z", dt.date(2024, 1, 10), None),
    ("20200924", dt.date(2020, 9, 24), None),
    ("Sep 5th, 2023", dt.date(2023, 9, 5), None),
    ("5 September 2023", dt.date(2023, 9, 5), None),
    ("5 de setembro de 2023", dt.date(2023, 9, 5), None),
    ("22-10-2024", dt.date(2024, 10, 22), None),
    ("10/22/2024", dt.date(2024, 10, 22), None),
    ("05-06-2024", None, "day-first or month-first"),
    ("September 2023", None, "has no day"),
    ("insert date", None, "placeholder"),
    ("[YYYY-MM-DD when the decision was last updated] <!-- optional -->", None, "placeholder"),
    ("2024-02-30", None, "not a date that exists"),
    ("last Tuesday", None, "cannot read the date"),
    (None, None, None),
]


@pytest.mark.parametrize(("written", "date", "problem"), DATES)
def test_date(written, date, problem) -> None:
    """Dates are read when certain and reported, never guessed, when not."""
    reading = read_date(written)
    assert reading.date == date
    assert (reading.problem is None) if problem is None else (problem in reading.problem)


TITLES = [
    ("12. Use PostgreSQL", "Use PostgreSQL"),
    ("ADR-012: Use PostgreSQL", "Use PostgreSQL"),
    ("ADR 12 - Use PostgreSQL", "Use PostgreSQL"),
    ("0012 - Use PostgreSQL", "Use PostgreSQL"),
    ("2024 roadmap", "2024 roadmap"),
    ("Use v2.0 of the API", "Use v2.0 of the API"),
]


@pytest.mark.parametrize(("heading", "title"), TITLES)
def test_number_prefix_is_dropped_from_titles(heading: str, title: str) -> None:
    """A number in front of a heading is not part of the title."""
    assert clean_title(heading) == title


FILE_NAMES = [
    ("0005-use-postgres", 5, "Use postgres"),
    ("ADR-0012-split-the-monolith", 12, "Split the monolith"),
    ("adr_007_log_everything", 7, "Log everything"),
    ("20200924-use-markdown", None, "Use markdown"),
    ("use-postgres", None, "Use postgres"),
]


@pytest.mark.parametrize(("stem", "number", "title"), FILE_NAMES)
def test_numbers_and_titles_from_file_names(stem: str, number: int | None, title: str) -> None:
    """The number comes from the file name; so does the title when nothing better exists."""
    assert number_in_name(stem) == number
    assert title_from_name(stem) == title


NAMES = [
    ("0001-x.md", True),
    ("sub/0001-x.md", True),
    ("index.md", False),
    ("README.md", False),
    ("template.md", False),
    ("adr-template.md", False),
    ("CONTRIBUTING.md", False),
    ("templates/0001-x.md", False),
    ("_drafts/0001-x.md", False),
]


@pytest.mark.parametrize(("path", "is_decision"), NAMES)
def test_which_files_are_decisions(path: str, is_decision: bool) -> None:
    """Index, README, template and shouted files are not decisions."""
    from pathlib import PurePosixPath

    assert is_decision_name(PurePosixPath(path)) is is_decision


TITLE_SOURCES = [
    ("---\ntitle: From front matter\n---\n# From heading\n", "From front matter"),
    ("<!-- comment -->\n\n# 3. From heading\n\nText\n", "From heading"),
    ("Setext title\n============\n\nText\n", "Setext title"),
    ("> **Warning**\n> Not used any more.\n\n# Deep heading\n", "Deep heading"),
    ("```\n# Not a heading\n```\n", "My decision"),
    ("", "My decision"),
]


@pytest.mark.parametrize(("text", "title"), TITLE_SOURCES)
def test_where_the_title_comes_from(text: str, title: str) -> None:
    """Front matter title, else the leading H1, else the file name; never a heading deep inside."""
    decision, _ = read_decision(text, "decisions/0001-my-decision.md", "0001-my-decision")
    assert decision.title == title


YAML = [
    ("hours: [09:00, 17:00]", {"hours": ["09:00", "17:00"]}),
    ("nav_order: 0032", {"nav_order": "0032"}),
    ("country: no", {"country": "no"}),
    ("switch: on", {"switch": "on"}),
    ("flag: true", {"flag": True}),
    ("date: 2024-01-10", {"date": dt.date(2024, 1, 10)}),
    ("n: 12", {"n": 12}),
]


@pytest.mark.parametrize(("text", "data"), YAML)
def test_yaml_is_read_without_yaml_1_1_surprises(text: str, data: dict) -> None:
    """Times, zero-padded numbers and yes/no/on/off stay what the author wrote."""
    assert parse_yaml(text).data == data


def test_the_vocabulary_names_each_status_word_once() -> None:
    """No word of the data file names two statuses, and every language has its month names."""
    import yaml
    from teamhandbook.readers.vocabulary import DATA_FILE, month_names, normal_word, vocabulary

    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    owner: dict[str, str] = {}
    for key, entry in data["statuses"].items():
        for words in entry["words"].values():
            for word in words:
                assert owner.setdefault(normal_word(word), key) == key, word
    names = month_names()
    marches = [("de", "märz"), ("fr", "mars"), ("pt", "março"), ("nl", "maart"), ("it", "marzo")]
    for language, march in marches:
        assert language in vocabulary().languages
        assert names[normal_word(march)] == 3
