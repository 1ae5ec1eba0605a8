"""The charts' colours and axis, shared by the SVG and the PNG drawings."""

from __future__ import annotations

INK = "#1b1b1b"
GRID = "#6b6b6b"
CURRENT = "#005a9c"  # 7:1 against white
EARLIER = "#ffffff"
# Series of a grouped chart, the first the current one: each has at least 3:1 contrast against
# white (WCAG 1.4.11).
SERIES = (CURRENT, "#b35900", "#2e7d32", "#6a1b9a", "#c62828", "#37474f", "#00695c")


def series_colour(number: int) -> str:
    return SERIES[number % len(SERIES)]


def nice_max(value: int) -> int:
    """The top of the axis: four steps of 1, 2 or 5 times a power of ten, so that every one of
    the five grid lines is a whole, round number (0, 2, 4, 6, 8 rather than 0, 1, 2, 3, 5)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if 4 * step >= value:
                return 4 * step
        magnitude *= 10
