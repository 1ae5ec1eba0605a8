"""The server-drawn SVG charts: round grid lines, and the public "<5" written beside no bar."""

from __future__ import annotations

import re

from samverkan.core import charts


def _ticks(svg: str) -> list[int]:
    return [
        int(t) for t in re.findall(r'text-anchor="end" font-size="11" fill="[^"]+">(\d+)<', svg)
    ]


def test_every_grid_line_of_a_small_chart_is_a_whole_round_number():
    svg = charts.bar_chart(chart_id="c", title="t", labels=["a", "b"], series=[("s", [5, 1])])
    assert _ticks(svg) == [0, 2, 4, 6, 8]


def test_a_large_chart_steps_in_round_numbers():
    svg = charts.bar_chart(chart_id="c", title="t", labels=["a"], series=[("s", [325_000])])
    assert _ticks(svg) == [0, 100_000, 200_000, 300_000, 400_000]


def test_a_hidden_public_count_is_written_as_under_five_with_no_bar():
    svg = charts.hbar_chart(
        chart_id="c", title="t", rows=[("Klotter", 0), ("Glaskross", 12)], texts=["<5", "12"]
    )
    assert "&lt;5" in svg
    assert 'width="0.0"' in svg


def test_the_word_reports_charts_are_pictures_of_the_same_figures():
    import io

    from PIL import Image

    from samverkan.core.charts import bar_png, hbar_png

    bars = Image.open(io.BytesIO(hbar_png([("Övrig skadegörelse", 25_000), ("Klotter", 0)])))
    months = Image.open(io.BytesIO(bar_png(["2018-01", "2018-02"], [("Perioden", [3, 5])])))
    assert bars.format == months.format == "PNG"
    assert bars.size == (1280, 40 + 44 * 2)
    # the longer bar is drawn in the chart's blue, the zero one is not
    assert bars.getpixel((800, 20 + 22)) == (0, 90, 156)
    assert bars.getpixel((800, 20 + 44 + 22)) == (255, 255, 255)


def test_a_grouped_chart_is_named_and_described_and_has_a_legend_for_two_series():
    groups = [
        charts.Group(label="Trygg <ja>", bars=[(60, "60 %"), (40, "40 %")]),
        charts.Group(label="Otrygg", bars=[(40, "40 %"), (60, "60 %")]),
    ]
    svg = charts.grouped_hbar_chart(
        chart_id="q1",
        title="Hur trygg känner du dig?",
        description="Andel svarande per svar.",
        groups=groups,
        series=["2026", "2024"],
    )
    assert 'role="img" aria-labelledby="q1-title q1-desc"' in svg
    assert "Trygg &lt;ja&gt;" in svg
    assert svg.count("<rect") == 4 + 2  # four bars and a swatch per series in the legend
    assert '<ul class="legend">' in svg
    one = charts.grouped_hbar_chart(
        chart_id="q2",
        title="t",
        description="d",
        groups=[charts.Group(label="Trygg", bars=[(60, "60 %")])],
        series=["2026"],
    )
    assert "legend" not in one
