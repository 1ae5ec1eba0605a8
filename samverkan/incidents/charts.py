"""Server-rendered SVG charts: no JavaScript, the same markup on the page and in the PDF.

Each chart is an image to assistive technology (role="img", a <title> and aria-labelledby) and
the page puts its data table beside it, so nothing is only in the picture. Colours are
presentation attributes, not style attributes, so the Content-Security-Policy holds. The two
series differ in colour and in pattern (solid and outlined), so that they read in greyscale.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1b1b1b"
GRID = "#6b6b6b"
CURRENT = "#005a9c"  # 7:1 against white
EARLIER = "#ffffff"
WIDTH = 640


def _nice_max(value: int) -> int:
    """The top of the axis: four steps of 1, 2 or 5 times a power of ten, so that every one of
    the five grid lines is a whole, round number (0, 2, 4, 6, 8 rather than 0, 1, 2, 3, 5)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if 4 * step >= value:
                return 4 * step
        magnitude *= 10


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
    largest = _nice_max(max((v for _, values in series for v in values), default=0))
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
    row_h, left, right = 22, 200, 90
    height = 20 + row_h * max(len(rows), 1)
    largest = max((v for _, v in rows), default=0) or 1
    plot_w = WIDTH - left - right
    parts = _opening(chart_id, title, height)
    for i, (label, value) in enumerate(rows):
        y = 10 + row_h * i
        w = plot_w * value / largest
        shown = label if len(label) <= 30 else label[:29] + "…"
        number = texts[i] if texts is not None else f"{value:,}".replace(",", "\u00a0")
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="{INK}">{escape(shown)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
            f'fill="{CURRENT}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 15}" font-size="12" fill="{INK}">'
            f"{escape(number)}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
