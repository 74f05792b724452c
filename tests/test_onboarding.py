"""Onboarding paths: front matter read into steps, paths assembled in order per audience, reading times."""

from __future__ import annotations

import textwrap

import pytest
from teamhandbook.model.decision import Decision, DecisionFormat, DecisionLog, Status
from teamhandbook.model.page import HandbookPage, PageKind, PathStep, reading_minutes
from teamhandbook.pages.start_here import Onboarding, must_read, not_on_any_path, onboarding_path, start_here
from teamhandbook.readers.page_meta import count_words, read_page
from teamhandbook.settings import PageSettings

AUDIENCES = ("engineering", "design")


def page(text: str, name: str = "page.md") -> tuple[HandbookPage, list]:
    """Read a docs page from dedented text."""
    return read_page(textwrap.dedent(text).lstrip(), f"docs/{name}", name, PageKind.PAGE, AUDIENCES)


def stepped(title: str, order: float, audiences: tuple[str, ...] = (), words: int = 400) -> HandbookPage:
    """Return a page on a path."""
    slug = title.lower().replace(" ", "-")
    return HandbookPage(f"docs/{slug}.md", f"{slug}.md", title, words=words, step=PathStep(order, audiences))


def accepted(number: int, date: str, must: bool = False) -> Decision:
    """Return an accepted decision."""
    import datetime as dt

    return Decision(
        id=f"{number:04d}-d{number}",
        source=f"decisions/{number:04d}-d{number}.md",
        title=f"Decision {number}",
        format=DecisionFormat.MADR4,
        number=number,
        status=Status.ACCEPTED,
        date=dt.date.fromisoformat(date),
        must_read=must,
    )


@pytest.mark.parametrize(
    ("front_matter", "step", "off_path"),
    [
        ("start-here: 20", PathStep(20), False),
        ("start-here: false", None, True),
        ("start-here: true", PathStep(0), False),
        (
            "start-here:\n  order: 5\n  audience: engineering\n  why: Why read it.\n  tasks: [Do this]",
            PathStep(5, ("engineering",), "Why read it.", ("Do this",)),
            False,
        ),
        (
            "start-here:\n  order: 7\n  audience: [design, engineering]",
            PathStep(7, ("design", "engineering")),
            False,
        ),
        ("start-here:\n  order: 1\n  audience: everyone", PathStep(1), False),
        (
            "description: From the description.\nstart-here: {order: 3}",
            PathStep(3, (), "From the description."),
            False,
        ),
    ],
    ids=["number", "false", "true", "mapping", "two-audiences", "everyone", "why-from-description"],
)
def test_start_here_front_matter_becomes_a_step(
    front_matter: str, step: PathStep | None, off_path: bool
) -> None:
    """Every documented form of ``start-here`` gives the page its place on the paths."""
    found, problems = page(f"---\n{front_matter}\n---\n# Title\n")
    assert problems == []
    assert (found.step, found.off_path) == (step, off_path)


@pytest.mark.parametrize(
    ("front_matter", "line", "words"),
    [
        ("title: x\nstart-here:\n  order: 1\n  audience: enginering", 3, "'enginering' is not an audience"),
        ("start-here: soon", 2, "`start-here` must be `false`, an order number"),
        ("start-here:\n  order: first", 2, "`order` must be a number"),
        ("review-every: 6", 2, "cannot read the review interval '6'"),
        ("review-by: next spring", 2, "cannot read the `review-by` date 'next spring'"),
    ],
    ids=["unknown-audience", "not-a-mapping", "bad-order", "interval-without-unit", "bad-review-date"],
)
def test_bad_onboarding_and_review_fields_are_errors_with_lines(
    front_matter: str, line: int, words: str
) -> None:
    """A mistake in the new fields names the file and line and says what to write instead."""
    _, problems = page(f"---\n{front_matter}\n---\n# Title\n")
    assert [(p.file, p.line, p.severity.value) for p in problems] == [("docs/page.md", line, "error")]
    assert words in problems[0].message


def test_paths_are_ordered_by_order_then_title() -> None:
    """Pages come by ``order``; equal orders come alphabetically, whatever order they were read in."""
    pages = [stepped("Zebra", 20), stepped("Tools", 10), stepped("Alpha", 20), stepped("Intro", 1.5)]
    assert [p.title for p in onboarding_path(pages)] == ["Intro", "Tools", "Alpha", "Zebra"]


def test_an_audience_path_merges_everyones_pages_with_its_own() -> None:
    """An audience's path is everyone's path plus its own pages, merged by order; others stay out."""
    pages = [
        stepped("Team", 10),
        stepped("Shipping", 15, ("engineering",)),
        stepped("Design reviews", 15, ("design",)),
        stepped("Both roles", 30, ("design", "engineering")),
        stepped("Writing", 20),
    ]
    assert [p.title for p in onboarding_path(pages)] == ["Team", "Writing"]
    assert [p.title for p in onboarding_path(pages, "engineering")] == [
        "Team",
        "Shipping",
        "Writing",
        "Both roles",
    ]
    assert [p.title for p in onboarding_path(pages, "design")] == [
        "Team",
        "Design reviews",
        "Writing",
        "Both roles",
    ]


def test_pages_on_no_path_are_reported_unless_they_opt_out() -> None:
    """Pages without ``start-here`` are listed; ``start-here: false``, decisions and the authors'
    introductions to the start pages are not."""
    lost = HandbookPage("docs/lost.md", "lost.md", "Lost")
    opted_out = HandbookPage("docs/ref.md", "ref.md", "Reference", off_path=True)
    a_decision = HandbookPage("decisions/0001-x.md", "decisions/0001-x.md", "X", kind=PageKind.DECISION)
    intros = [HandbookPage(f"docs/{uri}", uri, "Intro") for uri in ("start-here.md", "start-here/design.md")]
    everything = [lost, opted_out, a_decision, stepped("On path", 1), *intros]
    assert not_on_any_path(everything, ["design"]) == [lost]


def test_must_read_decisions_are_the_flagged_ones_else_the_latest_accepted() -> None:
    """Flagged decisions win; without any, the five most recent accepted decisions stand in."""
    flagged = DecisionLog([accepted(1, "2024-01-01", must=True), accepted(2, "2024-05-01")])
    assert ([d.number for d in must_read(flagged)[0]], must_read(flagged)[1]) == ([1], True)
    log = DecisionLog([accepted(n, f"2024-{n:02d}-01") for n in range(1, 8)])
    decisions, was_flagged = must_read(log)
    assert ([d.number for d in decisions], was_flagged) == ([7, 6, 5, 4, 3], False)


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("One two three.", 3),
        ("It's a well-known fact — isn't it?", 6),
        ("Read [the guide](https://example.org/a/very/long/path) now.", 4),
        ("Text\n\n```python\nprint('not counted at all')\n```\n\nmore", 2),
        ('<div class="x">Shown</div> <!-- hidden comment --> {{ macro(1) }}', 1),
        ("Árvíztűrő tükörfúrógép 東京", 3),
    ],
    ids=["plain", "contractions", "link-target", "code-block", "markup", "non-ascii"],
)
def test_words_count_prose_only(markdown: str, words: int) -> None:
    """Code blocks, HTML, comments, macros and link addresses are not read, so not counted."""
    assert count_words(markdown) == words


@pytest.mark.parametrize(
    ("words", "speed", "minutes"),
    [(0, 200, 1), (1, 200, 1), (200, 200, 1), (201, 200, 2), (1000, 200, 5), (1000, 250, 4)],
)
def test_reading_time_rounds_up_to_whole_minutes(words: int, speed: int, minutes: int) -> None:
    """A page takes at least a minute; partial minutes round up."""
    assert reading_minutes(words, speed) == minutes


def test_a_page_reads_its_title_length_and_ownership() -> None:
    """Title from the heading, words of the body only, owner and review fields from front matter."""
    found, problems = page(
        """
        ---
        owner: "@maya"
        review-every: quarterly
        last-reviewed: 2026-01-31
        ---
        # Our team

        Five people in five time zones.
        """
    )
    assert problems == []
    assert (found.title, found.words, found.owner) == ("Our team", 8, "@maya")
    assert (
        found.review_every is not None
        and found.review_every.after(found.last_reviewed).isoformat() == "2026-04-30"
    )


def render(
    pages: list[HandbookPage], log: DecisionLog, audience: str | None = None, key_figures: str = ""
) -> str:
    """Render a start page for the given pages and decisions."""
    settings = PageSettings(audiences={"engineering": "Engineering", "design": "Design"})
    return start_here(Onboarding(pages, log, settings), audience, key_figures)


def test_the_start_page_lists_the_path_with_reading_times_and_a_checklist() -> None:
    """Everyone's page: numbered path with why and minutes, decisions to know, tasks, audience links."""
    team = stepped("Team", 10, words=900)
    team.step = PathStep(10, (), "Who we are.", ("Say hello in #team",))
    markdown = render(
        [team, stepped("Shipping", 20, ("engineering",))], DecisionLog([accepted(4, "2024-02-01", True)])
    )
    assert '1. **[Team](../team.md)** — Who we are. <span class="th-reading-time">5 min</span>' in markdown
    assert "Shipping" not in markdown.split("## Your reading path")[1].split("##")[0]
    assert "[ADR-0004: Decision 4](../decisions/0004-d4.md)" in markdown
    assert "- [ ] Say hello in \\#team (see [Team](../team.md))" in markdown
    assert "[Engineering](engineering.md) · [Design](design.md)" in markdown


def test_an_audience_page_marks_its_own_pages_and_shows_key_figures() -> None:
    """An audience's page labels the role's pages and renders the working agreement's figures when given."""
    pages = [stepped("Team", 10), stepped("Shipping", 20, ("engineering",))]
    markdown = render(
        pages, DecisionLog(), "engineering", key_figures="| Tier | Within |\n|--|--|\n| Urgent | 4h |"
    )
    assert markdown.startswith("# Start here: Engineering")
    assert (
        "**[Shipping](../shipping.md)**" in markdown
        and '<span class="th-audience">Engineering</span>' in markdown
    )
    assert "## How we work, in brief\n\n| Tier | Within |" in markdown
    assert "How we work" not in render(pages, DecisionLog(), "engineering")


def test_authors_text_is_escaped_on_the_start_page() -> None:
    """Titles, reasons and tasks with HTML or ``{{ }}`` show as text, never as markup or macros."""
    hostile = stepped("<script>alert(1)</script>", 1)
    hostile.step = PathStep(1, (), "<img src=x onerror=alert(1)> {{ secret }}", ("{% include 'x' %}",))
    markdown = render([hostile], DecisionLog())
    assert "<script>" not in markdown and "<img" not in markdown
    assert not any(tag in markdown for tag in ("{{", "{%", "{#"))
    assert "&lt;script&gt;" in markdown


def test_a_decisions_reading_time_is_counted_from_its_body() -> None:
    """A decision is read as a page with its words uncounted; the start page counts them for its time."""
    from teamhandbook.readers.page_meta import decision_as_page

    decision = accepted(4, "2024-02-01", True)
    decision.body = "## Context\n\n" + "word " * 700 + "\n\n```\n" + "code " * 500 + "\n```\n"
    as_page, problems = decision_as_page(decision, "decisions/0004-d4.md", "ADR-0004: Decision 4")
    assert problems == [] and as_page.words is None
    markdown = render([as_page], DecisionLog([decision]))
    assert "ADR-0004: Decision 4](../decisions/0004-d4.md)" in markdown
    assert '<span class="th-reading-time">4 min</span>' in markdown  # 701 words at 200 a minute
    assert as_page.words == 701
