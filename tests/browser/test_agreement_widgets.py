"""The working agreement's widgets in headless Chromium, with the browser in two time zones.

The browser's clock is fixed, and every answer the page gives is compared with the Python core's
answer for the same moment, so the script and the core cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from teamhandbook.handbook import load_handbook
from teamhandbook.hours.deadline import respond_by
from teamhandbook.hours.schedule import Schedule
from teamhandbook.readers.site_config import read_site_config
from teamhandbook.settings import Settings

from ..conftest import REPOSITORY

pytestmark = pytest.mark.browser

NOW = dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.UTC)
"""A Tuesday evening in UTC: the Americas are at work, Europe, Lagos and Kolkata are not."""

ZONES = ["Asia/Tokyo", "America/Los_Angeles"]


@pytest.fixture(scope="module")
def agreement():
    """The example handbook's agreement, as the core reads it."""
    return load_handbook(Settings(root=REPOSITORY)).agreement


def current_or_next(person, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """Return the working span a person is in at a moment, or their next one, per the core."""
    schedule = Schedule(honour_leave=True)
    day = moment.astimezone(ZoneInfo(person.timezone)).date()
    for offset in range(14):
        for start, end in schedule.local_spans(person, day + dt.timedelta(days=offset)):
            if end > moment:
                return max(start, moment), end
    raise AssertionError(f"{person.handle} never works")


def open_at(page_in_timezone, example_site, zone: str, path: str):
    """Open a page of the example site in a browser in ``zone``, with its clock fixed at NOW."""
    page = page_in_timezone(zone)
    page.clock.set_fixed_time(NOW)
    page.goto(example_site.url + path)
    return page


@pytest.mark.parametrize("zone", ZONES)
def test_who_is_working_now(example_site, page_in_timezone, agreement, zone: str) -> None:
    """The page says who is working in the reader's zone, and when the others are back."""
    page = open_at(page_in_timezone, example_site, zone, "working-agreement/overlap-hours/")
    widget = page.locator('[data-th-widget="working-now"]')
    widget.locator(".th-now__person").first.wait_for()
    assert widget.locator(".th-now__zone").text_content() == zone
    working = widget.locator('.th-now__person[data-working="true"]').evaluate_all(
        "items => items.map(item => item.dataset.handle)"
    )
    expected = [p.handle for p in agreement.people if current_or_next(p, NOW)[0] <= NOW]
    assert working == expected == ["maya", "diego"]
    for person in agreement.people:
        start, end = current_or_next(person, NOW)
        shown = widget.locator(f'.th-now__person[data-handle="{person.handle}"] time').first
        assert shown.get_attribute("datetime") == (end if start <= NOW else start).isoformat().replace(
            "+00:00", "Z"
        )
    back = current_or_next(agreement.team.get("lukas"), NOW)[0].astimezone(ZoneInfo(zone))
    assert f"{back:%H:%M} yours" in widget.locator('[data-handle="lukas"]').text_content()


@pytest.mark.parametrize("zone", ZONES)
def test_when_to_expect_an_answer(example_site, page_in_timezone, agreement, zone: str) -> None:
    """ "If I send this now" gives the core's deadline, shown in the reader's own time zone."""
    page = open_at(page_in_timezone, example_site, zone, "working-agreement/response-times/")
    widget = page.locator('[data-th-widget="reply-estimator"]')
    for handle, tier in [("lukas", "urgent"), ("priya", "normal"), ("maya", "complex")]:
        widget.locator('select[name="to"]').select_option(handle)
        widget.locator('select[name="urgency"]').select_option(tier)
        deadline = respond_by(agreement.team.get(handle), agreement.tier(tier).within, NOW)
        shown = widget.locator(".th-reply__deadline")
        assert shown.get_attribute("datetime") == deadline.isoformat().replace("+00:00", "Z")
        assert f"{deadline.astimezone(ZoneInfo(zone)):%H:%M}" in shown.text_content()


@pytest.mark.parametrize("zone", ZONES)
def test_strips_are_redrawn_in_the_readers_zone(example_site, page_in_timezone, zone: str) -> None:
    """The strips switch to the reader's zone, with a marker for now, and back to UTC on request."""
    page = open_at(page_in_timezone, example_site, zone, "working-agreement/overlap-hours/")
    strips = page.locator('[data-th-widget="strips"]')
    assert strips.get_attribute("data-zone") == zone
    assert zone in strips.locator(".th-strips__caption").text_content()
    assert strips.locator(".th-strips__span--now").count() == 6
    local_now = NOW.astimezone(ZoneInfo(zone))
    marker = strips.locator(".th-strips__span--now").first.evaluate("node => parseFloat(node.style.left)")
    assert marker == pytest.approx((local_now.hour * 60 + local_now.minute) / 1440 * 100, abs=0.1)
    strips.get_by_role("button", name="UTC").click()
    assert strips.get_attribute("data-zone") == "UTC"
    assert "in UTC" in strips.locator(".th-strips__caption").text_content()


def test_widgets_survive_instant_navigation(example_site, page_in_timezone) -> None:
    """Moving between pages without a reload (Material's instant navigation) sets the widgets up again."""
    site_url = read_site_config(REPOSITORY / "mkdocs.yml").site_url
    page = page_in_timezone(ZONES[0])
    page.clock.set_fixed_time(NOW)

    def local_sitemap(route) -> None:
        """Serve the sitemap as if the site lived at this address, as ``mkdocs serve`` does."""
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(site_url, example_site.url))

    page.route("**/sitemap.xml", local_sitemap)
    page.goto(example_site.url + "working-agreement/overlap-hours/")
    page.wait_for_load_state("networkidle")  # instant navigation starts once it has the sitemap
    page.evaluate("window.loadedOnce = true")
    page.locator("a.md-footer__link--prev").click()
    page.locator('[data-th-widget="reply-estimator"] .th-reply__deadline').wait_for()
    assert urlsplit(page.url).path.endswith("/working-agreement/response-times/")
    assert page.evaluate("window.loadedOnce") is True, "the page was reloaded, not navigated instantly"


@pytest.mark.parametrize(
    ("zone", "named"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Asia/Kolkata", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("America/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
        ("Europe/Amsterdam", "Europe/Amsterdam"),
    ],
)
def test_the_readers_zone_goes_by_its_current_name(
    example_site, page_in_timezone, zone: str, named: str
) -> None:
    """Browsers report some zones by a name IANA retired (Chromium says Asia/Calcutta for Kolkata);
    the widgets name the zone as IANA does today, and zones merged into others keep their own names."""
    page = open_at(page_in_timezone, example_site, zone, "working-agreement/overlap-hours/")
    widget = page.locator('[data-th-widget="working-now"]')
    widget.locator(".th-now__person").first.wait_for()
    assert widget.locator(".th-now__zone").text_content() == named
    strips = page.locator('[data-th-widget="strips"]')
    assert strips.get_attribute("data-zone") == named
    assert strips.get_by_role("button", name=f"Your time ({named})").count() == 1


DAY = r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"


def test_widgets_write_dates_as_the_site_does(example_site, page_in_timezone) -> None:
    """Dates in the widgets are ISO, after a weekday, as on the pages the build writes; times are
    on the 24-hour clock."""
    page = open_at(page_in_timezone, example_site, "Asia/Tokyo", "working-agreement/overlap-hours/")
    widget = page.locator('[data-th-widget="working-now"]')
    widget.locator(".th-now__person").first.wait_for()
    times = widget.locator("time").all_text_contents()
    assert times and all(re.fullmatch(r"(\w{3} \d{4}-\d\d-\d\d )?\d\d:\d\d", text) for text in times), times
    assert any(re.fullmatch(r"Wed 2026-11-25 \d\d:\d\d", text) for text in times)  # tomorrow in Tokyo
    caption = page.locator(".th-strips__caption").text_content()
    assert re.fullmatch(rf"Working hours on {DAY} \d{{4}}-\d\d-\d\d, in your time \(Asia/Tokyo\)\.", caption)
    page.locator('[data-th-widget="strips"]').get_by_role("button", name="UTC").click()
    caption = page.locator(".th-strips__caption").text_content()
    assert re.fullmatch(rf"Working hours on {DAY} \d{{4}}-\d\d-\d\d, in UTC\.", caption), caption
