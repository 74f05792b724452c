"""Statuses at a glance and What's new in the commits' words, in headless Chromium.

A handbook with a decision of every status, committed in several commits with known subjects, is
built as of a fixed day and served. Each status's badge and banner is checked in the light and the
dark palette, with the contrast computed from the colours the browser actually uses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from ..conftest import commit_all, decision, make_handbook, write_files
from .conftest import Server, open_context, serve_handbook, watch_page

pytestmark = pytest.mark.browser

BUILD_DAY = dt.datetime(2026, 6, 15, 12, tzinfo=dt.UTC)
HOSTILE_SUBJECT = "Fix <script>pwn('subject')</script> {{ 7*7 }}"

CONFIG = """\
site_name: Statuses
site_url: https://example.org/statuses/
theme:
  name: material
  font: false
  features: [navigation.footer]
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
plugins:
  - search
  - team-handbook
"""

STATUSES = {
    "accepted": (
        {"status": "accepted", "date": "2026-06-01", "supersedes": ["0004"]},
        "in-force",
        "This decision is in force",
    ),
    "proposed": (
        {"status": "proposed", "date": "2026-06-02", "feedback-by": "2026-06-30"},
        "open",
        "Feedback is welcome until",
    ),
    "draft": (
        {"status": "draft", "date": "2026-06-03", "tags": ["__proto__", "constructor"]},
        "open",
        "This decision is still being written",
    ),
    "superseded": (
        {"status": "superseded", "date": "2026-06-04", "superseded-by": ["0001"]},
        "superseded",
        "Superseded by ADR-0001",
    ),
    "deprecated": ({"status": "deprecated", "date": "2026-06-05"}, "retired", "no longer applies"),
    "rejected": ({"status": "rejected", "date": "2026-06-06"}, "retired", "proposed and turned down"),
}
STEMS = {status: f"{n:04d}-{status}" for n, status in enumerate(STATUSES, start=1)}

TEAM_COMMITS = [
    ("Start the handbook", "2026-01-10T09:00:00+00:00", "Maya Chen"),
    ("Add the on-call rota to the team page", "2026-06-03T09:00:00+00:00", "Diego Ramírez"),
    ("Say where the team meets", "2026-06-10T09:00:00+00:00", "Aisha Okafor"),
    (HOSTILE_SUBJECT, "2026-06-12T09:00:00+00:00", "Lukas Berg"),
]
"""The team page's commits, oldest first; the first is outside What's new's 30 days."""

DECISIONS_COMMIT = ("Record a decision of every status", "2026-06-07T09:00:00+00:00", "Maya Chen")


@pytest.fixture(scope="module")
def statuses_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The handbook, committed four times, built strictly as of 2026-06-15 and served."""
    root = make_handbook(tmp_path_factory.mktemp("statuses") / "handbook", {}, CONFIG)
    decisions = {
        f"decisions/{STEMS[status]}.md": decision(meta, f"The {status} decision", "Why it was decided.")
        for status, (meta, _, _) in STATUSES.items()
    }
    for number, (subject, when, author) in enumerate(TEAM_COMMITS):
        if number == 2:
            write_files(root, decisions)
            commit_all(root, *DECISIONS_COMMIT)
        write_files(root, {"docs/team.md": "# The team\n\n" + "Another paragraph.\n\n" * (number + 1)})
        commit_all(root, subject, when, author)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(int(BUILD_DAY.timestamp())))
        server = serve_handbook(root / "mkdocs.yml", root / "site")
    yield server
    server.close()


@pytest.fixture
def page_in_scheme(browser, watch) -> Iterator[object]:
    """Return a function opening a page whose browser prefers a light or a dark colour scheme."""
    contexts = []

    def open_page(scheme: str) -> Page:
        context = open_context(browser, watch, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script("window.pwn = (where) => { throw new Error('a payload ran: ' + where); };")
        watch_page(page, watch)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert watch.console_errors == [], watch.console_errors
    assert watch.external_requests == [], watch.external_requests


COLOURS = """
([badge, banner]) => {
  const style = (element, pseudo) => getComputedStyle(element, pseudo || null);
  const icon = element => style(element, "::before").webkitMaskImage || style(element, "::before").maskImage;
  return {
    page: style(document.body).backgroundColor,
    scheme: document.body.getAttribute("data-md-color-scheme"),
    badge: [style(badge).color, style(badge).backgroundColor, icon(badge)],
    banner: [style(banner).color, style(banner).backgroundColor, style(banner).borderLeftColor, icon(banner)],
  };
}
"""


def rgba(colour: str) -> tuple[float, float, float, float]:
    """Read a computed CSS colour (``rgb()``, ``rgba()`` or ``color(srgb …)``) as channels from 0 to 1."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    if colour.startswith("color("):
        red, green, blue, *alpha = numbers
        return red, green, blue, alpha[0] if alpha else 1.0
    red, green, blue, *alpha = numbers
    return red / 255, green / 255, blue / 255, alpha[0] if alpha else 1.0


def over(top: tuple[float, ...], under: tuple[float, ...]) -> tuple[float, float, float, float]:
    """Return a colour with transparency as it shows over an opaque one."""
    alpha = top[3]
    return (*(t * alpha + u * (1 - alpha) for t, u in zip(top[:3], under[:3], strict=True)), 1.0)


def contrast(first: tuple[float, ...], second: tuple[float, ...]) -> float:
    """Return the WCAG 2 contrast ratio of two opaque colours."""

    def luminance(colour: tuple[float, ...]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour[:3]]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


CASES = [(status, scheme) for status in STATUSES for scheme in ("light", "dark")]


@pytest.mark.parametrize(("status", "scheme"), CASES, ids=[f"{s}-{c}" for s, c in CASES])
def test_each_status_shows_its_badge_and_banner(
    statuses_site: Server, page_in_scheme, status: str, scheme: str
) -> None:
    """The header's badge and the banner name the status, say what it means, carry its icon, and
    read with AA contrast: 4.5:1 for text, 3:1 for the icon and the banner's edge."""
    _, state, words = STATUSES[status]
    page = page_in_scheme(scheme)
    page.goto(statuses_site.url + f"decisions/{STEMS[status]}/")
    badge = page.locator(".th-decision-meta .th-status")
    banner = page.locator(".th-banner[role=note]")
    expect(badge).to_have_text(status.capitalize())
    for element in (badge, banner):
        expect(element).to_have_attribute("data-status", status)
        expect(element).to_have_attribute("data-state", state)
    expect(banner).to_contain_text(words)
    found = page.evaluate(COLOURS, [badge.element_handle(), banner.element_handle()])
    assert found["scheme"] == ("slate" if scheme == "dark" else "default")
    page_colour = rgba(found["page"])
    text, background, badge_icon = found["badge"]
    assert contrast(over(rgba(text), rgba(background)), rgba(background)) >= 4.5
    assert badge_icon.startswith("url(")
    text, background, edge, banner_icon = found["banner"]
    background = over(rgba(background), page_colour)
    assert contrast(over(rgba(text), background), background) >= 4.5
    assert contrast(rgba(edge), background) >= 3 and contrast(rgba(edge), page_colour) >= 3
    assert banner_icon == badge_icon


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_statuses_differ_at_a_glance(statuses_site: Server, page_in_scheme, scheme: str) -> None:
    """On the decision index every status has its own colour and icon; deprecated and superseded too."""
    page = page_in_scheme(scheme)
    page.goto(statuses_site.url + "decisions/")
    looks = page.locator(".th-counts .th-status").evaluate_all(
        """badges => badges.map(badge => [badge.dataset.status, getComputedStyle(badge).backgroundColor,
            getComputedStyle(badge, "::before").webkitMaskImage])"""
    )
    assert sorted(status for status, _, _ in looks) == sorted(STATUSES)
    assert len({colour for _, colour, _ in looks}) == len(STATUSES)
    assert len({icon for _, _, icon in looks}) == len(STATUSES)


def test_whats_new_says_what_changed_in_the_commits_words(statuses_site: Server, page_in_scheme) -> None:
    """The team page's entry lists the subjects of its commits of the last 30 days, newest first, each
    with its day and author, as text; the January commit is not among them."""
    page = page_in_scheme("light")
    page.goto(statuses_site.url + "whats-new/")
    entry = page.locator("#pages-changed + ul > li", has_text="The team")
    expect(entry).to_contain_text("Lukas Berg, Aisha Okafor, Diego Ramírez")
    subjects = entry.locator(".th-commit").all_text_contents()
    assert subjects == [subject for subject, _, _ in reversed(TEAM_COMMITS[1:])]
    details = entry.locator(".th-commit__meta").all_text_contents()
    assert details == ["2026-06-12, Lukas Berg", "2026-06-10, Aisha Okafor", "2026-06-03, Diego Ramírez"]
    assert "Start the handbook" not in entry.inner_text()


def test_a_status_event_shows_the_commit_that_made_it(statuses_site: Server, page_in_scheme) -> None:
    """A decision listed for its status carries the subject of the commit that wrote it."""
    page = page_in_scheme("light")
    page.goto(statuses_site.url + "whats-new/")
    accepted = page.locator("#decisions + ul > li", has=page.locator('.th-status[data-status="accepted"]'))
    expect(accepted.locator(".th-commit")).to_have_text(DECISIONS_COMMIT[0])
    expect(accepted.locator(".th-status")).to_have_text("Accepted")


def test_the_index_takes_any_tag_and_any_address(statuses_site: Server, page_in_scheme) -> None:
    """Tags named like JavaScript's object properties filter like any other, and an address with a
    malformed escape opens the index with the filters it can read, and no error."""
    page = page_in_scheme("light")
    page.goto(statuses_site.url + "decisions/#tag=%E0%A4%A&status=draft")
    expect(page.locator(".th-decision-filters")).to_have_attribute("data-ready", "true")
    expect(page.locator('select[name="status"]')).to_have_value("draft")
    for tag in ("__proto__", "constructor"):
        expect(page.locator(f'select[name="tag"] option[value="{tag}"]')).to_have_text(f"{tag} (1)")
    page.select_option('select[name="status"]', "")
    page.select_option('select[name="tag"]', "__proto__")
    shown = page.locator(".th-table tbody tr:not([hidden]) td:nth-child(2)").all_text_contents()
    assert shown == ["The draft decision"]
    expect(page.locator(".th-filter__count")).to_have_text(f"Showing 1 of {len(STATUSES)} decisions")
