"""Colours that stay readable: WCAG 2 contrast, and the text colour for a team's own status colour."""

from __future__ import annotations


def status_style(colour: str) -> str:
    """Return the inline style giving a badge or banner a team's own colour, e.g. for a status
    declared in ``mkdocs.yml``: the colour, and black or white text, whichever reads better on it."""
    return f"--th-status: {colour}; --th-status-text: {readable_text_on(colour)}"


def readable_text_on(colour: str) -> str:
    """Return the text colour with the higher WCAG contrast on a background: near-black or white."""
    dark, light = "#111111", "#ffffff"
    return dark if contrast_ratio(dark, colour) >= contrast_ratio(light, colour) else light


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG 2 contrast ratio of two opaque ``#rgb``/``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2 relative luminance of an ``#rgb`` or ``#rrggbb`` colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
