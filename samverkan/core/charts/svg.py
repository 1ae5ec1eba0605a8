"""Server-rendered SVG charts: no JavaScript, the same markup on the page and in the PDF.

Each chart is an image to assistive technology (role="img", a <title> and aria-labelledby).
The two series of a bar chart differ in colour and in pattern (solid and outlined), so that they
read in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from samverkan.core.charts.palette import (
    CURRENT,
    EARLIER,
    GRID,
    INK,
    label_lines,
    nice_max,
    series_colour,
)

WIDTH = 640


def _opening(chart_id: str, title: str, height: int) -> list[str]:
    """The svg element, named by its title for screen readers."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        'font-family="sans-serif" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-title" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> SafeString:
    """Vertical bars per label, one bar per series (at most two: current and a year earlier)."""
    height, left, bottom, top = 240, 48, 40, 30
    plot_w, plot_h = WIDTH - left - 10, height - bottom - top
    largest = nice_max(max((v for _, values in series for v in values), default=0))
    slot = plot_w / max(len(labels), 1)
    bar_w = max(2.0, slot * 0.8 / max(len(series), 1))
    parts = _opening(chart_id, title, height)
    for i in range(5):
        value = largest * i // 4
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="0.5"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="{INK}">{value}</text>'
        )
    fills = [(CURRENT, CURRENT), (EARLIER, CURRENT)]
    for s, (_name, values) in enumerate(series):
        fill, stroke = fills[s % 2]
        for i, value in enumerate(values):
            h = plot_h * value / largest if largest else 0
            x = left + slot * i + slot * 0.1 + bar_w * s
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" fill="{fill}" stroke="{stroke}" stroke-width="1"/>'
            )
    step = max(1, len(labels) // 12)
    for i, label in enumerate(labels):
        if i % step:
            continue
        x = left + slot * i + slot / 2
        parts.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle" font-size="11" '
            f'fill="{INK}">{escape(label)}</text>'
        )
    x = left
    for s, (name, _values) in enumerate(series):
        fill, stroke = fills[s % 2]
        parts.append(
            f'<rect x="{x}" y="8" width="12" height="12" fill="{fill}" stroke="{stroke}"/>'
            f'<text x="{x + 16}" y="18" font-size="12" fill="{INK}">{escape(name)}</text>'
        )
        x += 24 + 8 * len(name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def hbar_chart(
    *,
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, int]],
    unit: str = "",
    texts: Sequence[str] | None = None,
) -> SafeString:
    """Horizontal bars, one per row, with the value written at the end of each bar.

    texts, when given, are written instead of the values (a public "<5" beside no bar).
    """
    row_h, line_h, left, right = 22, 14, 200, 90
    # A long label takes more lines, never more width: its row grows to hold them.
    labels = [label_lines(label) for label, _value in rows]
    heights = [row_h + line_h * (len(lines) - 1) for lines in labels]
    height = 20 + (sum(heights) if rows else row_h)
    largest = max((v for _, v in rows), default=0) or 1
    plot_w = WIDTH - left - right
    parts = _opening(chart_id, title, height)
    y = 10
    for i, (_label, value) in enumerate(rows):
        w = plot_w * value / largest
        middle = y + heights[i] / 2
        first = middle + 4 - line_h * (len(labels[i]) - 1) / 2
        number = texts[i] if texts is not None else f"{value:,}".replace(",", "\u00a0")
        lines = "".join(
            f'<tspan x="{left - 6}" y="{first + line_h * n:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(labels[i])
        )
        parts.append(
            f'<text text-anchor="end" font-size="12" fill="{INK}">{lines}</text>'
            f'<rect x="{left}" y="{middle - row_h / 2 + 3:.1f}" width="{w:.1f}" '
            f'height="{row_h - 6}" fill="{CURRENT}"/>'
            f'<text x="{left + w + 4:.1f}" y="{middle + 4:.1f}" font-size="12" fill="{INK}">'
            f"{escape(number)}{escape(unit)}</text>"
        )
        y += heights[i]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


@dataclass(frozen=True)
class Group:
    """One group of bars of a grouped chart: its label and, per series, a value with its text."""

    label: str
    bars: Sequence[tuple[float, str]]


def grouped_hbar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    groups: Sequence[Group],
    series: Sequence[str],
    largest: float = 100,
    legend: bool | None = None,
) -> SafeString:
    """Horizontal bars, one group per label and one bar per series, with a legend of the series
    when there is more than one (or when `legend` asks for it: one series left of several must
    still say whose it is); the description reads every value for screen readers.

    The chart takes the width of its column (the survey results sit beside their table).
    """
    label_height, bar_height, gap, bar_left, bar_space = 20, 16, 12, 8, 540
    parts: list[str] = []
    y = 4
    for group in groups:
        parts.append(
            f'<text x="{bar_left}" y="{y + 14}" font-size="14" fill="{INK}">'
            f"{escape(group.label)}</text>"
        )
        bar_y = y + label_height
        for number, (value, text) in enumerate(group.bars):
            width = round(bar_space * value / largest) if largest else 0
            parts.append(
                f'<rect x="{bar_left}" y="{bar_y}" width="{width}" height="{bar_height}" '
                f'fill="{series_colour(number)}"></rect>'
                f'<text x="{bar_left + width + 6}" y="{bar_y + 13}" font-size="13" '
                f'fill="{INK}">{escape(text)}</text>'
            )
            bar_y += bar_height + 2
        y = bar_y + gap
    opening = (
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {y}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    legend_html = ""
    if len(series) > 1 if legend is None else legend:
        items = "".join(
            '<li><svg width="14" height="14" aria-hidden="true" focusable="false">'
            f'<rect width="14" height="14" fill="{series_colour(number)}"></rect></svg> '
            f"{escape(name)}</li>"
            for number, name in enumerate(series)
        )
        legend_html = f'<ul class="legend">{items}</ul>'
    return mark_safe(opening + "".join(parts) + "</svg>" + legend_html)  # noqa: S308 (escaped above)
