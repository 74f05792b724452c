"""The example handbook on a phone and a small tablet: nothing scrolls sideways, and the overlap
chart's hours line up with its bars, the "now" line over the right hour."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from zoneinfo import ZoneInfo

import pytest
from teamhandbook.cli.context import site_plan
from teamhandbook.handbook import load_handbook
from teamhandbook.plan.site_plan import Role
from teamhandbook.readers.site_config import read_site_config

from ..conftest import REPOSITORY
from .conftest import open_context, watch_page

pytestmark = pytest.mark.browser

WIDTHS = [360, 390, 768]

OVERFLOW = """
() => {
  const width = window.innerWidth;
  const found = [];
  const page = document.scrollingElement.scrollWidth;
  if (page > width) found.push(`the page is ${page} px wide`);
  // The header, the content and the footer; not the navigation drawer, which slides in from off
  // screen, and not code blocks, which scroll on their own.
  for (const element of document.querySelectorAll(".md-header *, .md-main *, .md-footer *")) {
    if (element.closest(".md-sidebar, pre, code")) continue;
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && (box.right > width + 0.5 || box.width > width + 0.5)) {
      const name = element.tagName.toLowerCase() + (element.className ? "." + element.className : "");
      found.push(`${name} reaches ${Math.round(box.right)} px: ${element.textContent.trim().slice(0, 40)}`);
    }
  }
  return found.slice(0, 5);
}
"""
"""What sticks out of the viewport on the right, where it would make the page scroll sideways."""


def address(src_uri: str) -> str:
    """Return a page's address in the site, relative to its root: ``decisions/index.md`` → ``decisions/``."""
    path = src_uri.removesuffix(".md")
    if posixpath.basename(path) == "index":
        path = posixpath.dirname(path)
    return path + "/" if path else ""


def generated_pages() -> list[str]:
    """Return the address of every page the handbook generates, as the core lists them, and the home page."""
    config = read_site_config(REPOSITORY / "mkdocs.yml")
    handbook = load_handbook(config.settings)
    plan = site_plan(config, handbook)
    sources = [file.src_uri for file in plan.pages() if file.role is not Role.DOCS]
    return ["", *sorted({address(uri) for uri in sources})]


def every_page(example_site) -> list[str]:
    """Return every page of the built site, from its sitemap (written for the address it is served at)."""
    sitemap = (example_site.root / "sitemap.xml").read_text("utf-8")
    return sorted({loc.removeprefix(example_site.url) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)})


@pytest.fixture
def page_at_width(browser, watch):
    """Return a function opening a page of a given width (and, optionally, time zone)."""
    contexts = []

    def open_page(width: int, **options):
        context = open_context(browser, watch, viewport={"width": width, "height": 800}, **options)
        contexts.append(context)
        page = context.new_page()
        watch_page(page, watch)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert watch.console_errors == [], watch.console_errors
    assert watch.external_requests == [], watch.external_requests


def test_no_page_scrolls_sideways(example_site, page_at_width) -> None:
    """At 360, 390 and 768 px no page is wider than the screen, and on the generated pages and the
    home page nothing sticks out of it: tables become cards, widgets wrap.

    Each page is loaded at the narrowest width, then the screen widens, as when a tablet turns.
    """
    generated = set(generated_pages())
    pages = every_page(example_site)
    assert generated <= set(pages) and "decisions/" in generated and "" in generated
    page = page_at_width(WIDTHS[0])
    problems = {}
    for url in pages:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(example_site.url + url)
        if page.locator(".mermaid, .th-since-last-visit").count():
            page.wait_for_load_state("networkidle")  # a diagram, or a list the script fetches data for
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            found = page.evaluate(OVERFLOW)
            if url not in generated:
                found = [line for line in found if line.startswith("the page is")]
            if found:
                problems[f"{url or '(home)'} at {width} px"] = found
    assert problems == {}


def test_the_overflow_check_sees_what_sticks_out(example_site, page_at_width) -> None:
    """The check above is not blind: a table too wide for the screen is reported."""
    page = page_at_width(360)
    page.goto(example_site.url + "decisions/")
    page.evaluate(
        "document.querySelector('.md-content article').insertAdjacentHTML('beforeend',"
        "'<table><tr><td style=\"min-width: 900px\">wide</td></tr></table>')"
    )
    assert any("reaches" in line for line in page.evaluate(OVERFLOW))


NOW_ON_THE_HOUR = dt.datetime(2026, 11, 24, 21, 0, tzinfo=dt.UTC)
"""06:00 on Wednesday in Tokyo: the line should sit on the axis's 06."""

NOW_BETWEEN_HOURS = dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.UTC)
"""05:00 in Tokyo: two thirds of the way from the axis's 03 to its 06."""

STRIPS_GEOMETRY = """
root => {
  const box = element => element.getBoundingClientRect();
  const extent = element => [box(element).left, box(element).width];
  const ticks = {};
  root.querySelectorAll(".th-strips__hour").forEach(tick => {
    ticks[tick.dataset.hour] = box(tick).left;
  });
  const rows = Array.from(root.querySelectorAll(".th-strips__row:not(.th-strips__row--axis)"));
  return {
    axis: extent(root.querySelector(".th-strips__axis")),
    bars: rows.map(row => extent(row.querySelector(".th-strips__bar"))),
    now: rows.map(row => {
      const line = row.querySelector(".th-strips__span--now");
      return line ? box(line).left + box(line).width / 2 : null;
    }),
    ticks: ticks,
  };
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("now", [NOW_ON_THE_HOUR, NOW_BETWEEN_HOURS], ids=["on-the-hour", "between-hours"])
def test_the_now_line_sits_over_its_hour(example_site, page_at_width, width: int, now: dt.datetime) -> None:
    """Every bar starts and ends where the hour axis does, each hour mark sits at its share of the day,
    and the "now" line of every bar sits over the reader's hour on the axis, at every width."""
    zone = "Asia/Tokyo"
    page = page_at_width(width, timezone_id=zone)
    page.clock.set_fixed_time(now)
    page.goto(example_site.url + "working-agreement/overlap-hours/")
    strips = page.locator('[data-th-widget="strips"]')
    strips.locator(".th-strips__span--now").first.wait_for()
    shape = strips.evaluate(STRIPS_GEOMETRY)
    left, span = shape["axis"]
    assert span > 100
    for bar_left, bar_width in shape["bars"]:
        assert (bar_left, bar_width) == pytest.approx((left, span), abs=0.5)
    for hour, x in shape["ticks"].items():
        assert x == pytest.approx(left + int(hour) / 24 * span, abs=1)
    local = now.astimezone(ZoneInfo(zone))
    hours = local.hour + local.minute / 60
    below = 3 * int(hours // 3)
    expected = shape["ticks"][str(below)] + (hours - below) / 3 * (
        shape["ticks"][str(below + 3)] - shape["ticks"][str(below)]
    )
    assert len(shape["now"]) == 6 and None not in shape["now"]
    for x in shape["now"]:
        assert x == pytest.approx(expected, abs=1.5)
