"""Property-based tests: whatever text a decision file holds, reading it never raises.

Hypothesis writes arbitrary bodies and front matter, YAML-ish garbage included, and the readers
must always answer with a decision and a list of problems. The YAML loader is tried with aliases,
nesting and keys given twice; folder listings with arbitrary file names; the linear scans against
the regular expressions they replace.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from teamhandbook.boundary import Boundary, name_problem
from teamhandbook.checks import check_decisions
from teamhandbook.linking import link_log
from teamhandbook.model.decision import Decision, DecisionLog
from teamhandbook.model.problem import Problem
from teamhandbook.pages.decision_index import decision_index
from teamhandbook.pages.decision_page import decision_page
from teamhandbook.pages.graph import relationship_graph
from teamhandbook.pages.log_index import LogIndex
from teamhandbook.pages.timeline import timeline
from teamhandbook.readers.dates import DateReading, read_date
from teamhandbook.readers.decision import read_decision
from teamhandbook.readers.fields import KNOWN_FIELDS
from teamhandbook.readers.markdown_scan import code_spans, without_spans
from teamhandbook.readers.status import StatusReading, read_status
from teamhandbook.readers.yaml_source import (
    MAX_ALIAS_EXPANSION,
    MAX_DEPTH,
    DuplicateKey,
    YamlLimitError,
    parse_yaml,
)

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

KEYS = [*sorted(KNOWN_FIELDS), "decision-makers", "decided-by", "nav_order", "on", "Status"]
"""The keys front matter is made of: every field the handbook reads, aliases, and others."""

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["accepted", "superseded by ADR-0001", "[a | b]", "0032", "2024-13-45", "Sep 5th, 2023"]),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
yaml_mappings = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=12), values, max_size=8)
garbage_lines = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(KEYS), st.text(max_size=30)),
        st.sampled_from(
            ["title: ADR-2: x: y", "\tstatus: accepted", "- [", "{{ x }}: {% y %}", "---", "..."]
        ),
    ),
    max_size=8,
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Front matter that is valid YAML of any shape, or YAML-ish garbage."""
    if draw(st.booleans()):
        mapping = draw(yaml_mappings)
        text = yaml.safe_dump(
            mapping, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans())
        )
    else:
        text = "\n".join(draw(garbage_lines))
    return f"---\n{text}\n---\n"


bodies = st.one_of(
    st.text(),
    st.lists(
        st.one_of(
            st.text(max_size=80),
            st.sampled_from(
                [
                    "# Title",
                    "## Status",
                    "Superseded by [1. X](0001-x.md)",
                    "* Status: accepted",
                    "Date: 22-10-2024",
                    "```",
                    "~~~yaml",
                    "    indented code",
                    "## Links",
                    "* Relates to [ADR-0002](0002-y.md)",
                    "[ref]: 0003-z.md",
                    "<!-- comment",
                    "-->",
                    "===",
                    "\x00\x1b\u202e\ufeff",
                    "| Status | Date | Author(s) |",
                    "|:--|:--|:--|",
                    ">| Status | `RFC` |",
                    "| Accepted | 2025-01-07 | @x",
                    "**Status:** Accepted",
                    "Statut : accepté.",
                    "## Status: Deprecated",
                    "## 状态",
                    "2017-11-22 提议",
                    "列表：提议/通过/完成",
                    "- [x] Accepted",
                    "- [ ] Proposed",
                    "✅ Accepted (see [019](019-x.md))",
                    "![status](https://img.shields.io/badge/status-on_hold-orange.svg)",
                    '<Status value="implemented" />',
                    '<span data-status="">x</span>',
                    "# [short title of solved problem and solution]",
                    "# [Superseded by [ADR-1](0001-x.md)] Title",
                    "# {title}",
                    "## Metadata",
                    "Date 09/04/2018",
                    "日期：2023年5月4日",
                    "##\u00a0Status",
                ]
            ),
        ),
        max_size=20,
    ).map("\n".join),
)
documents = st.one_of(bodies, st.builds(lambda fm, body: fm + body, front_matter(), bodies))
stems = st.sampled_from(
    ["0001-x", "0002-y", "20240101-z", "adr-0003", "x", "0004-c# ção", "ADR-XXX_y", "2022-21-11-z", "README"]
)


def check_reading(decision: Decision, problems: list[Problem], source: str) -> None:
    """Assert a reading is a decision and a list of problems about that file, with real lines."""
    assert isinstance(decision, Decision)
    assert isinstance(decision.title, str) and decision.title
    assert all(isinstance(p, Problem) and p.file == source and p.line >= 1 for p in problems)


HUGE_NUMBER = "9" * 5000
"""More digits than Python turns into an int (``sys.get_int_max_str_digits``)."""


@SETTINGS
@given(text=documents, stem=stems)
@example(text="---\ntitle: \xa0\n---\n", stem="0001-x")  # a title of nothing but a no-break space
@example(text=f"---\nnav_order: {HUGE_NUMBER}\n---\n", stem="0001-x")
@example(text="---\ndate: ² Sep 2024\n---\n", stem="0001-x")  # '²'.isdigit(), but int('²') fails
def test_read_decision_never_raises(text: str, stem: str) -> None:
    """Any text, front matter or not, reads into a decision plus problems."""
    source = f"decisions/{stem}.md"
    decision, problems = read_decision(text, source, stem)
    check_reading(decision, problems, source)


@settings(SETTINGS, max_examples=50)
@given(texts=st.lists(documents, min_size=1, max_size=5))
@example(texts=[f"---\nsupersedes: ADR-{HUGE_NUMBER}\n---\n"])
def test_a_log_of_arbitrary_decisions_checks_and_renders(texts: list[str]) -> None:
    """A log of arbitrary decisions goes through every check and renders every page."""
    decisions = []
    for number, text in enumerate(texts, start=1):
        stem = f"{number:04d}-d"
        decision, _ = read_decision(text, f"decisions/{stem}.md", stem)
        decisions.append(decision)
    read = DecisionLog(decisions)
    log, problems = link_log(read)
    problems += check_decisions(log)
    assert all(p.line >= 1 for p in problems)
    index = LogIndex(log)
    for decision in log:
        assert decision_page(decision, index).startswith("# ")
    for page in (decision_index(log), timeline(log), relationship_graph(log)):
        assert page.startswith("# ")


@SETTINGS
@given(text=st.text())
def test_read_status_never_raises(text: str) -> None:
    """Any status text reads as one status, or no status and the reason, never both."""
    reading = read_status(text)
    assert isinstance(reading, StatusReading)
    assert reading.raw == " ".join(text.split())
    assert reading.status is None or reading.problem is None


@SETTINGS
@given(value=st.one_of(scalars, st.text(), st.lists(scalars, max_size=3)))
@example(value="²")
@example(value=f"Sep 5 {HUGE_NUMBER}")
def test_read_date_never_raises(value: object) -> None:
    """Any YAML value or text read as a date gives a date, nothing, or a reason."""
    reading = read_date(value)
    assert isinstance(reading, DateReading)
    assert reading.date is None or isinstance(reading.date, dt.date)


layout_names = st.lists(
    st.sampled_from(
        [
            "0001-a.md",
            "0001-a/README.md",
            "2022-03-15-b/README.md",
            "2022-03-15-b/notes.md",
            "2022-03-15-b/index.md",
            "_superseded/0002-c.md",
            "_superseded/0001-a.md",
            "proposed-adrs/d.md",
            "reviews/0001-e.md",
            "_drafts/f.md",
            "templates/g.md",
            "README.md",
            "adr-template.md",
            "assets/x/README.md",
            "0003-h.md",
        ]
    ),
    max_size=8,
    unique=True,
)


@SETTINGS
@given(names=layout_names, texts=st.lists(documents, min_size=8, max_size=8))
def test_a_log_of_any_layout_lists_or_leaves_out_every_file(names: list[str], texts: list[str]) -> None:
    """Whatever the layout, reading never raises and every file is listed or left out with a reason."""
    from teamhandbook.readers.decision_log import read_decision_log

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for name, text in zip(names, texts, strict=False):
            path = root / "decisions" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        log, problems = read_decision_log(root / "decisions", root)
        sources = {f"decisions/{name}" for name in names}
        listed = {d.source for d in log}
        duplicates = {p.file for p in problems if p.code == "duplicate-name"}
        assert listed | set(log.left_out) | duplicates == sources
        assert len({d.id for d in log}) == len(log)


# The YAML loader: aliases, depth and keys given twice ------------------------------------------


def _expanded(value: object) -> tuple[int, int]:
    """Count the values of parsed YAML once aliases are expanded, and how deep they nest (no recursion)."""
    count, deepest = 0, 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        count += 1
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return count, deepest


@st.composite
def aliased_documents(draw: st.DrawFn) -> str:
    """YAML of anchored lists, each made of scalars and aliases of the lists before it."""
    lines = []
    for index in range(draw(st.integers(1, 12))):
        items = draw(
            st.lists(
                st.one_of(
                    st.sampled_from(["x", "1", "true", "~"]),
                    st.integers(0, max(index - 1, 0)).map(lambda n: f"*a{n}") if index else st.just("y"),
                ),
                min_size=1,
                max_size=12,
            )
        )
        lines.append(f"k{index}: &a{index} [{', '.join(items)}]")
    return "\n".join(lines) + "\n"


@SETTINGS
@given(text=aliased_documents())
@example(
    text="a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"k{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10))
)
def test_yaml_aliases_never_expand_past_the_budget(text: str) -> None:
    """Whatever aliases a document nests, it parses within the budget or is refused as too large."""
    try:
        document = parse_yaml(text)
    except YamlLimitError as exc:
        assert "expand to more than" in str(exc) and exc.line >= 1
        return
    distinct = text.count("\n") * 13 + 1
    count, depth = _expanded(document.data)
    assert count <= distinct + MAX_ALIAS_EXPANSION
    assert depth <= MAX_DEPTH


@SETTINGS
@given(
    depth=st.integers(1, 3000),
    style=st.sampled_from(["flow-list", "flow-map", "block-list", "block-map"]),
)
@example(depth=990, style="flow-list")
@example(depth=MAX_DEPTH - 1, style="block-map")
def test_yaml_nesting_is_read_or_refused_without_recursion(depth: int, style: str) -> None:
    """Values nested any depth deep are read as written up to the limit, and refused beyond it."""
    if style == "flow-list":
        text = "[" * depth + "x" + "]" * depth
    elif style == "flow-map":
        text = "{k: " * depth + "x" + "}" * depth
    elif style == "block-list":
        text = "".join("  " * level + "-\n" for level in range(depth - 1)) + "  " * (depth - 1) + "- x\n"
    else:
        text = "".join("  " * level + "k:\n" for level in range(depth - 1)) + "  " * (depth - 1) + "k: x\n"
    try:
        document = parse_yaml(text)
    except YamlLimitError as exc:
        assert depth + 1 > MAX_DEPTH, depth
        assert f"nested more than {MAX_DEPTH} levels deep" in str(exc)
        return
    assert depth + 1 <= MAX_DEPTH
    value = document.data
    for _ in range(depth):
        value = value[0] if isinstance(value, list) else value["k"]
    assert value == "x"


@SETTINGS
@given(pairs=st.lists(st.tuples(st.sampled_from("abcdef"), st.integers(0, 99)), min_size=1, max_size=15))
def test_yaml_keys_given_twice_keep_the_first_and_name_both_lines(pairs: list[tuple[str, int]]) -> None:
    """Each key written again is listed with the line of its first and of its later occurrence."""
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    document = parse_yaml(text)
    first: dict[str, tuple[int, int]] = {}
    expected = []
    for line, (key, value) in enumerate(pairs, start=1):
        if key in first:
            expected.append(DuplicateKey(key, first[key][0], line, first[key][0]))
        else:
            first[key] = (line, value)
    assert document.data == {key: value for key, (_, value) in first.items()}
    assert document.duplicates == expected


# File names --------------------------------------------------------------------------------------

name_parts = st.one_of(
    st.text(st.characters(blacklist_characters="/\0", blacklist_categories=("Cs",)), min_size=1, max_size=40),
    st.binary(min_size=1, max_size=20).map(lambda raw: raw.replace(b"/", b"_").replace(b"\0", b"_")),
)


@settings(SETTINGS, max_examples=100)
@given(names=st.lists(name_parts, min_size=1, max_size=8, unique=True))
@example(names=['0003-x" onfocus="pwn()" autofocus="', "0012-line\nbreak", b"0013-\xff", "<img src=x>"])
def test_any_file_name_is_listed_or_refused_printably(names: list[str | bytes]) -> None:
    """Whatever the names in a folder, listing it never raises: each file is listed, with a name any
    address can carry, or refused with one problem whose file name prints as one line."""
    with tempfile.TemporaryDirectory() as folder:
        written = set()
        for name in names:
            raw = name if isinstance(name, bytes) else os.fsencode(name)
            raw = raw + b".md"
            if raw.startswith(b".") or len(raw) > 200 or raw in written:
                continue
            try:
                with open(os.fsencode(folder) + b"/" + raw, "wb") as stream:
                    stream.write(b"# A decision\n")
            except OSError:
                continue  # a name this file system refuses
            written.add(raw)
        listing = Boundary([Path(folder)]).walk(Path(folder), "decisions")
    assert len(listing.files) + len(listing.refused) == len(written)
    for relative in listing.files:
        name = relative.as_posix()
        assert name_problem(name) is None
        assert os.fsencode(name).decode("utf-8") == name
        assert quote(name, safe="").isascii() and not set('"<> ') & set(quote(name, safe=""))
    for problem in listing.problems:
        assert problem.code == "bad-file-name"
        assert problem.file.isprintable() and "\n" not in str(problem)


# Linear scans agree with the patterns they replace ---------------------------------------------

markup_text = st.text(st.sampled_from(list("<!->{}%#[]()`a \n")), max_size=80)


@SETTINGS
@given(text=markup_text)
def test_linear_stripping_removes_what_the_patterns_removed(text: str) -> None:
    """Comments, template tags, HTML tags and link targets go exactly as the regular expressions
    they replace took them (those read the rest of the text again for every unclosed opener)."""
    patterns = [
        (re.compile(r"<!--.*?-->", re.S), "<!--", "-->"),
        (re.compile(r"\{[{%#].*?[}%#]\}", re.S), r"\{[{%#]", r"[}%#]\}"),
        (re.compile(r"<[^>]*>"), "<", ">"),
        (re.compile(r"\]\([^)]*\)"), r"\]\(", r"\)"),
    ]
    for pattern, opener, closer in patterns:
        assert without_spans(text, re.compile(opener), re.compile(closer)) == pattern.sub(" ", text)


@SETTINGS
@given(line=st.text(st.sampled_from(list("`a b{")), max_size=60))
def test_code_spans_follow_commonmark(line: str) -> None:
    """A run of backticks opens a span the next run of as many closes; spans never overlap."""
    spans = code_spans(line)
    runs = [(m.start(), m.end()) for m in re.finditer(r"`+", line)]
    expected = []
    index = 0
    while index < len(runs):
        length = runs[index][1] - runs[index][0]
        closing = next((j for j in range(index + 1, len(runs)) if runs[j][1] - runs[j][0] == length), None)
        if closing is None:
            index += 1
        else:
            expected.append((runs[index][0], runs[closing][1]))
            index = closing + 1
    assert spans == expected
