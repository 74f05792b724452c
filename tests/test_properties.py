"""Property-based tests: whatever text a decision file holds, reading it never raises.

Hypothesis writes arbitrary bodies and front matter, YAML-ish garbage included, and the readers
must always answer with a decision and a list of problems.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from teamhandbook.checks import check_decisions
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
from teamhandbook.readers.status import StatusReading, read_status

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
    log = DecisionLog(decisions)
    problems = check_decisions(log)
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
