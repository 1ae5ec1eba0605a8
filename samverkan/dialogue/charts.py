"""The result chart: horizontal bars, one group of bars per answer, one bar per series.

Drawn on the server as SVG geometry for `dialogue/chart.svg.html`; the figures are also in a
table beside it. Bars show the share of the series' respondents, so series of different size
compare. Suppressed series, series of nobody and the previous survey's series of a question it
did not ask are left out of the chart (the table shows them as "<5", 0 or "–").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from samverkan.dialogue.results import QuestionResult

WIDTH = 640
LABEL_HEIGHT = 20
BAR_HEIGHT = 16
GAP = 12
BAR_LEFT = 8
BAR_SPACE = 540
# Series colours: each has at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ["#00507a", "#b35900", "#2e7d32", "#6a1b9a", "#c62828", "#37474f", "#00695c"]


@dataclass
class Bar:
    y: int
    width: int
    colour: str
    text_x: int
    text: str


@dataclass
class Group:
    y: int
    label: str
    bars: list[Bar]


@dataclass
class Legend:
    label: str
    colour: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    groups: list[Group]
    legend: list[Legend]


def chart_of(result: QuestionResult) -> Chart | None:
    shown = [s for s in result.series if s.visible]
    if not result.rows or not shown:
        return None
    groups: list[Group] = []
    y = 4
    for index, row in enumerate(result.rows):
        bars = []
        bar_y = y + LABEL_HEIGHT
        for number, series in enumerate(shown):
            percent = series.percent(index) or 0
            width = round(BAR_SPACE * percent / 100)
            bars.append(
                Bar(
                    y=bar_y,
                    width=width,
                    colour=COLOURS[number % len(COLOURS)],
                    text_x=BAR_LEFT + width + 6,
                    text=f"{percent} %",
                )
            )
            bar_y += BAR_HEIGHT + 2
        groups.append(Group(y=y + 14, label=row.label, bars=bars))
        y = bar_y + GAP
    legend = [
        Legend(series.label, COLOURS[number % len(COLOURS)]) for number, series in enumerate(shown)
    ]
    description = _("Share of respondents for each answer: %(series)s.") % {
        "series": "; ".join(
            f"{series.label} ("
            + ", ".join(
                f"{row.label} {series.percent(i) or 0} %" for i, row in enumerate(result.rows)
            )
            + ")"
            for series in shown
        )
    }
    return Chart(
        id=f"chart-{result.question.pk}",
        title=result.question.text,
        description=description,
        width=WIDTH,
        height=y,
        groups=groups,
        legend=legend,
    )
