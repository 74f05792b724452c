"""Every status colour of the stylesheets keeps WCAG AA contrast, in the light and the dark palette.

The colours are read from the stylesheets themselves; Material's page colours are those of
Material 9 (default: white page, text black at 87 %; slate: hsl(225 15% 14%) page, text
hsl(225 15% 90%) at 82 %). Text needs 4.5:1 (WCAG 1.4.3); icons and borders 3:1 (WCAG 1.4.11).
"""

from __future__ import annotations

import colorsys
import re

import pytest
from teamhandbook.pages.colours import contrast_ratio

from .conftest import REPOSITORY

ASSETS = REPOSITORY / "plugins" / "teamhandbook" / "assets"
STATUSES = ("accepted", "proposed", "draft", "superseded", "deprecated", "rejected", "unknown", "updated")
COLOURS = ("green", "teal", "blue", "indigo", "purple", "amber", "orange", "red", "grey", "brown")
"""The palette a team's own statuses take their colour from (``statuses:`` in mkdocs.yml)."""
CHIPS = ("overdue", "due-soon", "changed")
"""Badges of onboarding.css: reviews overdue and due soon, pages changed since the last visit."""


def hsl(hue: float, saturation: float, lightness: float) -> tuple[float, float, float]:
    """Return an HSL colour as sRGB channels from 0 to 1."""
    return colorsys.hls_to_rgb(hue / 360, lightness, saturation)


PAGES = {
    "default": {"background": (1.0, 1.0, 1.0), "text": ((0.0, 0.0, 0.0), 0.87)},
    "slate": {"background": hsl(225, 0.15, 0.14), "text": (hsl(225, 0.15, 0.90), 0.82)},
}


def palette(stylesheet: str, scheme: str) -> dict[str, str]:
    """Return the ``--th-*`` custom properties a stylesheet sets for a scheme (slate over default)."""
    css = (ASSETS / stylesheet).read_text("utf-8")
    blocks = {"default": r":root\s*\{(.*?)\}", "slate": r'\[data-md-color-scheme="slate"\]\s*\{(.*?)\}'}
    values: dict[str, str] = {}
    for name in ("default", scheme) if scheme == "slate" else ("default",):
        for block in re.finditer(blocks[name], css, re.S):
            values |= dict(re.findall(r"--th-([\w-]+):\s*([#\w.%]+);", block.group(1)))
    return values


def channels(colour: str) -> tuple[float, float, float]:
    """Return a ``#rrggbb`` colour as sRGB channels from 0 to 1."""
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def hex_of(rgb: tuple[float, float, float]) -> str:
    """Return sRGB channels as ``#rrggbb``."""
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)


def mix(top: tuple[float, float, float], under: tuple[float, float, float], share: float) -> tuple:
    """Mix two colours as ``color-mix(in srgb, top share, under)`` and alpha blending both do."""
    return tuple(t * share + u * (1 - share) for t, u in zip(top, under, strict=True))


CASES = [(scheme, status) for scheme in PAGES for status in (*STATUSES, *COLOURS)]


@pytest.mark.parametrize(("scheme", "status"), CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_status_colours_keep_aa_contrast(scheme: str, status: str) -> None:
    """Badge text on the status colour; the colour on the page and on its banner; the banner's text."""
    colours = palette("teamhandbook.css", scheme)
    page = PAGES[scheme]
    colour = channels(colours[status])
    text_colour, text_alpha = page["text"]
    banner = mix(colour, page["background"], float(colours["banner-tint"].rstrip("%")) / 100)
    banner_text = mix(text_colour, banner, text_alpha)
    ratios = {
        "badge text": (contrast_ratio(colours["status-text"], colours[status]), 4.5),
        "icon on the page": (contrast_ratio(colours[status], hex_of(page["background"])), 3.0),
        "icon and border on the banner": (contrast_ratio(colours[status], hex_of(banner)), 3.0),
        "banner text": (contrast_ratio(hex_of(banner_text), hex_of(banner)), 4.5),
    }
    failing = {what: round(ratio, 2) for what, (ratio, least) in ratios.items() if ratio < least}
    assert not failing, failing


@pytest.mark.parametrize("scheme", PAGES)
def test_statuses_differ_from_each_other(scheme: str) -> None:
    """No two statuses share a colour: deprecated and superseded, above all, look different."""
    colours = palette("teamhandbook.css", scheme)
    shown = [colours[status] for status in STATUSES]
    assert len(set(shown)) == len(shown)


@pytest.mark.parametrize("icon", STATUSES)
def test_each_status_has_its_own_icon(icon: str) -> None:
    """Every status has an icon, and no two statuses share one."""
    css = (ASSETS / "teamhandbook.css").read_text("utf-8")
    icons = dict(re.findall(r"--th-icon-([\w-]+): url\('(.*?)'\);", css))
    assert icon in icons and list(icons.values()).count(icons[icon]) == 1


@pytest.mark.parametrize(("scheme", "chip"), [(s, c) for s in PAGES for c in CHIPS])
def test_review_and_change_badges_keep_aa_contrast(scheme: str, chip: str) -> None:
    """The review and "changed" badges of onboarding.css are readable in both palettes."""
    text = palette("teamhandbook.css", scheme)["status-text"]
    assert contrast_ratio(text, palette("onboarding.css", scheme)[chip]) >= 4.5
