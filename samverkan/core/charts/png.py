"""The charts as PNG images, for Word documents (Word shows no SVG inline).

Drawn with Pillow from the same figures as the SVG charts of svg.py, in the same colours; the
tables beside them in the document carry the exact numbers.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from samverkan.core.charts.palette import CURRENT, GRID, INK, label_lines, nice_max

WIDTH = 1280  # drawn at twice the SVG's size, for print
FONT = 22


# Faces with the Swedish letters, as Debian installs them (WeasyPrint and Chromium bring them);
# Pillow's own face, the last resort, lacks å, ä and ö.
FACES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "FreeSans.ttf")


def _font(size: int = FONT) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for face in FACES:
        try:
            return ImageFont.truetype(face, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def hbar_png(rows: Sequence[tuple[str, int]], *, unit: str = "") -> bytes:
    """Horizontal bars with their values, one row per label."""
    row_h, line_h, left, right = 44, 28, 400, 200
    # A long label takes more lines, never more width (charts.palette.label_lines).
    labels = [label_lines(label) for label, _value in rows]
    heights = [row_h + line_h * (len(lines) - 1) for lines in labels]
    height = 40 + (sum(heights) if rows else row_h)
    image = Image.new("RGB", (WIDTH, height), "white")
    pen = ImageDraw.Draw(image)
    font = _font()
    largest = max((v for _, v in rows), default=0) or 1
    plot_w = WIDTH - left - right
    y = 20
    for i, (_label, value) in enumerate(rows):
        w = plot_w * value / largest
        middle = y + heights[i] / 2
        text = "\n".join(labels[i])
        pen.multiline_text(
            (left - 12, middle), text, fill=INK, font=font, anchor="rm", align="right", spacing=4
        )
        top = middle - row_h / 2
        pen.rectangle((left, top + 6, left + max(w, 1), top + row_h - 6), fill=CURRENT)
        number = f"{value:,}".replace(",", "\u00a0") + unit
        pen.text((left + w + 8, middle), number, fill=INK, font=font, anchor="lm")
        y += heights[i]
    return _png(image)


def bar_png(labels: Sequence[str], series: Sequence[tuple[str, Sequence[int]]]) -> bytes:
    """Vertical bars per label, the period filled and a year earlier outlined."""
    height, left, bottom, top = 480, 96, 80, 60
    plot_w, plot_h = WIDTH - left - 20, height - bottom - top
    image = Image.new("RGB", (WIDTH, height), "white")
    pen = ImageDraw.Draw(image)
    font, small = _font(), _font(FONT - 4)
    largest = nice_max(max((v for _, values in series for v in values), default=0))
    slot = plot_w / max(len(labels), 1)
    bar_w = max(4.0, slot * 0.8 / max(len(series), 1))
    for i in range(5):
        value = largest * i // 4
        y = top + plot_h - plot_h * i / 4
        pen.line((left, y, WIDTH - 20, y), fill=GRID, width=1)
        pen.text((left - 8, y), str(value), fill=INK, font=small, anchor="rm")
    for s, (_name, values) in enumerate(series):
        for i, value in enumerate(values):
            h = plot_h * value / largest if largest else 0
            x = left + slot * i + slot * 0.1 + bar_w * s
            box = (x, top + plot_h - h, x + bar_w, top + plot_h)
            if s == 0:
                pen.rectangle(box, fill=CURRENT)
            elif h:
                pen.rectangle(box, fill="white", outline=CURRENT, width=2)
    step = max(1, len(labels) // 12)
    for i, label in enumerate(labels):
        if not i % step:
            x = left + slot * i + slot / 2
            pen.text((x, height - bottom + 28), label, fill=INK, font=small, anchor="mm")
    x = left
    for s, (name, _values) in enumerate(series):
        box = (x, 16, x + 24, 40)
        pen.rectangle(box, fill=CURRENT if s == 0 else "white", outline=CURRENT, width=2)
        pen.text((x + 32, 28), name, fill=INK, font=font, anchor="lm")
        x += 64 + int(pen.textlength(name, font=font))
    return _png(image)
