"""A long category label ("Anlagd brand (container, papperskorg)") is never clipped at the
chart's left edge: it is written on more lines, in the page's SVG and in Word's PNG."""

from __future__ import annotations

import io
import re

from PIL import Image

from samverkan.core.charts.palette import label_lines
from samverkan.core.charts.png import hbar_png
from samverkan.core.charts.svg import hbar_chart

LONG = "Anlagd brand (container, papperskorg)"


def test_a_long_label_is_broken_between_words_and_kept_whole():
    assert label_lines(LONG) == ["Anlagd brand (container,", "papperskorg)"]
    assert label_lines("Glaskross") == ["Glaskross"]
    assert label_lines("x" * 100, most=2) == ["x" * 26, "x" * 25 + "…"]


def test_the_svg_writes_every_word_of_a_long_label_within_the_chart():
    svg = str(hbar_chart(chart_id="c", title="Antal", rows=[(LONG, 7), ("Klotter", 3)]))
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(spans).startswith(LONG)
    # Each line has at most 26 characters of 12 px type right-aligned at x=194: inside 200 px.
    assert all(len(span) <= 26 for span in spans)
    assert "…" not in svg


def test_the_png_leaves_the_left_margin_blank_however_long_the_label():
    image = Image.open(io.BytesIO(hbar_png([(LONG, 7), ("Klotter", 3)]))).convert("L")
    left_edge = image.crop((0, 0, 4, image.height))
    assert left_edge.getextrema() == (255, 255)  # no letter reaches the edge
