"""WCAG 2.x contrast, for the tests that check the publication page's colours (issue 18).

Written from the definition (WCAG 2.1, "relative luminance" and "contrast ratio") rather than
taken from a library, so that the tests depend on nothing but the page.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b")
_RGB = re.compile(r"rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\s*\)")


def rgb(colour: str) -> tuple[int, int, int]:
    """``#abc``, ``#aabbcc``, ``rgb(…)`` or an opaque ``rgba(…)`` as (r, g, b) in 0–255."""
    colour = colour.strip()
    match = _HEX.fullmatch(colour)
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    match = _RGB.fullmatch(colour)
    if match and (match.group(4) is None or float(match.group(4)) == 1):
        return (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    raise ValueError(f"not an opaque colour: {colour!r}")


def luminance(colour: str) -> float:
    """The relative luminance of ``colour`` (0 for black, 1 for white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(first: str, second: str) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_transparent(colour: str) -> bool:
    """Whether a computed CSS colour is fully transparent (``rgba(0, 0, 0, 0)``)."""
    match = _RGB.fullmatch(colour.strip())
    return colour.strip() == "transparent" or bool(
        match and match.group(4) is not None and float(match.group(4)) == 0
    )
