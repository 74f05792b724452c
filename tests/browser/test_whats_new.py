"""In the browser: what changed since the reader's last visit, kept in their own browser only."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .conftest import address

LONG_AGO = 946684800000  # 2000-01-01, in milliseconds: every page changed since
READER_ZONE = "Europe/London"
"""The reader's zone: dates in the list are the reader's own days (London is UTC on 2000-01-01)."""


def storage_key(site_url: str) -> str:
    """The key of the reader's visits: one per site, by the path the site is served at."""
    return "teamhandbook:visits:" + urlsplit(site_url).path


def visit(page, url: str) -> None:
    """Open a page and wait until the script has read ``changes.json`` and run."""
    with page.expect_response(lambda response: response.url.endswith("changes.json")):
        page.goto(url)
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
def test_changed_pages_are_marked_since_the_last_visit(example_site, page_in_timezone) -> None:
    """First visit: no marks. After a long absence: links to changed pages are marked, the page being
    read counts as read, What's new lists the rest, and "Mark all as read" clears every mark."""
    key = storage_key(example_site.url)
    page = page_in_timezone(READER_ZONE)
    visit(page, example_site.url + "start-here/")
    assert page.locator(".th-changed").count() == 0
    state = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
    assert set(state) == {"baseline", "lastSeen", "seen"} and "start-here/" in state["seen"]

    page.evaluate(f"localStorage.setItem('{key}', JSON.stringify({{lastSeen: {LONG_AGO}, seen: {{}}}}))")
    visit(page, example_site.url + "start-here/")
    path = page.locator("article ol").first
    path.locator(".th-changed").first.wait_for()
    # Every page on the path changed since 2000, but the guide is kept out by `changes_exclude`.
    paths = "links => links.map(link => link.pathname)"
    marked = path.locator("a:has(.th-changed)").evaluate_all(paths)
    unmarked = path.locator("a:not(:has(.th-changed))").evaluate_all(paths)
    assert len(marked) >= 5 and [urlsplit(example_site.url).path + "guide/"] == unmarked

    # Material's instant navigation swaps the page without reloading: the marks follow. It changes
    # the address on the click, before the new page arrives, so wait for the new page's heading: its
    # fresh sidebar has no marks until the script has run for it.
    page.locator("article ol a", has_text="Tools and access").first.click()
    page.wait_for_url(address(example_site.url + "onboarding/tools-and-access/"))
    page.locator("article h1", has_text="Tools and access").wait_for()
    page.locator(".md-sidebar--primary a:has(.th-changed)", has_text="Your first week").first.wait_for()
    assert page.locator(".md-sidebar--primary a:has(.th-changed)", has_text="Tools and access").count() == 0

    page.locator(".md-nav a", has_text="What's new").first.click()
    page.wait_for_url(address(example_site.url + "whats-new/"))
    listing = page.locator(".th-since-last-visit")
    listing.locator("li").first.wait_for()
    titles = listing.locator("li a").all_text_contents()
    assert "Your first week" in titles and "Tools and access" not in titles
    assert re.search(r"since your last visit \(2000-01-01\)", listing.inner_text())  # ISO, as the site
    rows = json.loads((example_site.root / "changes.json").read_text("utf-8"))["pages"]
    week = next(row for row in rows if row[0] == "onboarding/first-week/")
    first_week = listing.locator("li", has_text="Your first week")
    expect(first_week.locator(".th-since-last-visit__when")).to_have_text(
        " — " + dt.datetime.fromtimestamp(week[1], ZoneInfo(READER_ZONE)).date().isoformat()
    )
    expect(first_week.locator(".th-since-last-visit__subject")).to_have_text(": " + week[4])
    assert listing.evaluate("element => element.querySelector('script, img') === null")

    listing.get_by_role("button", name="Mark all as read").click()
    assert page.locator(".th-changed").count() == 0
    assert "Nothing has changed since your last visit" in listing.inner_text()
