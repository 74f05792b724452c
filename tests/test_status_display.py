"""How a decision's status shows: a badge and a banner per status, and search snippets that start at
the decision's text rather than at its header."""

from __future__ import annotations

import json
import re

import pytest
from teamhandbook.pages import markdown as md
from teamhandbook.pages.colours import contrast_ratio, readable_text_on

from .conftest import build, decision, make_handbook

STATUSES = {
    "0001-accepted": ({"status": "accepted", "date": "2024-01-10"}, "Accepted decision"),
    "0002-proposed": ({"status": "proposed", "date": "2024-01-11", "feedback-by": "2024-02-01"}, "Proposal"),
    "0003-draft": ({"status": "draft", "date": "2024-01-12"}, "Draft decision"),
    "0004-superseded": ({"status": "superseded", "date": "2024-01-13", "superseded-by": ["0001"]}, "Old"),
    "0005-deprecated": ({"status": "deprecated", "date": "2024-01-14"}, "Deprecated decision"),
    "0006-rejected": ({"status": "rejected", "date": "2024-01-15"}, "Rejected decision"),
    "0007-unknown": ({"status": "pondering", "date": "2024-01-16"}, "Unknown status"),
}
BODY = "Zebras graze where the decision's own words begin."


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """A log with one decision per status, and one whose status the handbook does not know."""
    files = {f"decisions/{stem}.md": decision(meta, title, BODY) for stem, (meta, title) in STATUSES.items()}
    root = make_handbook(tmp_path_factory.mktemp("statuses") / "handbook", files)
    result = build(root)  # the unknown status is reported, so the build is not strict
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize(
    ("stem", "key", "state", "words"),
    [
        ("0001-accepted", "accepted", "in-force", "This decision is in force"),
        ("0002-proposed", "proposed", "open", "Feedback is welcome until"),
        ("0003-draft", "draft", "open", "still being written"),
        ("0004-superseded", "superseded", "superseded", "Read that decision for what applies now"),
        ("0005-deprecated", "deprecated", "retired", "no longer applies"),
        ("0006-rejected", "rejected", "retired", "turned down"),
        ("0007-unknown", "unknown", None, "“pondering”, is not one the handbook knows"),
    ],
)
def test_each_status_has_its_badge_and_banner(
    site, stem: str, key: str, state: str | None, words: str
) -> None:
    """The header's badge and the banner name the status and its state, for the stylesheet; the
    banner says what the status means for the reader and stays out of the search index."""
    page = site.content(f"decisions/{stem}/")
    badge = re.search(r'<span class="th-status th-status--[^"]+"[^>]*>', page).group(0)
    banner = re.search(r'<div class="th-banner [^"]+"[^>]*>.*?</div>', page, re.S).group(0)
    for element in (badge, banner):
        assert f'data-status="{key}"' in element
        assert (f'data-state="{state}"' in element) if state else "data-state" not in element
    assert words in banner and 'role="note"' in banner and "data-search-exclude" in banner


def test_a_superseded_banner_links_its_successor_by_address(site) -> None:
    """The superseded banner links the decision that replaced it, at that page's address."""
    page = site.content("decisions/0004-superseded/")
    banner = re.search(r'<div class="th-banner .*?</div>', page, re.S).group(0)
    assert '<a href="../0001-accepted/">ADR-0001: Accepted decision</a>' in banner


def test_search_snippets_start_at_the_decision_text(site) -> None:
    """The search index holds each decision's own words, not its header, information line or banner."""
    index = json.loads((site.site / "search" / "search_index.json").read_text("utf-8"))
    for stem in STATUSES:
        entries = [doc for doc in index["docs"] if doc["location"].startswith(f"decisions/{stem}/")]
        text = " ".join(doc["text"] for doc in entries)
        assert BODY.split()[0] in text, stem
        for header_words in ("Decision ADR-", "Last changed", "Date 2024", "This decision", "Status unknown"):
            assert header_words not in text, (stem, header_words)


def test_a_teams_own_colour_keeps_its_text_readable() -> None:
    """A badge in a team's own colour gets the text colour that reads on it, and an unusable colour
    is left out rather than written into the page."""
    dark_badge = md.status_badge("approved", "Approved", "in-force", "#0b3d91")
    assert 'style="--th-status: #0b3d91; --th-status-text: #ffffff"' in dark_badge
    light_badge = md.status_badge("approved", "Approved", "in-force", "#ffd54f")
    assert "--th-status-text: #111111" in light_badge
    assert "style" not in md.status_badge("approved", "Approved", "", 'red" onmouseover="x')
    for colour in ("#0b3d91", "#ffd54f", "#00ff00", "#ff0000", "#4e6a78"):
        assert contrast_ratio(readable_text_on(colour), colour) >= 4.5, colour


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_follows_wcag(first: str, second: str, ratio: float) -> None:
    """The contrast ratio is WCAG 2's: black on white is 21, #767676 on white just passes AA."""
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.01)


def test_the_index_counts_carry_each_status(site) -> None:
    """The counts above the index show each status with its own badge."""
    index = site.content("decisions/")
    counts = re.findall(r'<span class="th-count" data-status="(\w+)"><span class="th-status', index)
    # by state (open, in force, superseded, retired), the core statuses in their order within one
    assert counts == ["draft", "proposed", "accepted", "superseded", "rejected", "deprecated", "unknown"]
