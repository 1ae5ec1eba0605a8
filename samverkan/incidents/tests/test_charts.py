"""The server-drawn SVG charts: round grid lines, and the public "<5" written beside no bar."""

from __future__ import annotations

import re

from samverkan.incidents import charts


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
