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


def label_lines(label: str, width: int = 26, most: int = 3) -> list[str]:
    """A bar's label in lines of at most `width` characters, broken between words, so that a
    long label ("Anlagd brand (container, papperskorg)") is never clipped at the chart's edge;
    only past `most` lines is the last one shortened with "…"."""
    lines: list[str] = []
    for word in label.split():
        while len(word) > width:  # a word longer than a line is broken where it must be
            lines.append(word[:width])
            word = word[width:]
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1][: width - 1] + "…"]
    return lines or [""]
