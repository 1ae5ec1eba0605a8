"""The result chart of a question: one group of bars per answer, one bar per series, drawn by
the one chart component (core/charts); the figures are also in a table beside it.

Bars show the share of the series' respondents, so series of different size compare. Suppressed
series, series of nobody and the previous survey's series of a question it did not ask are left
out of the chart (the table shows them as "<5", 0 or "–").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samverkan.core import charts
from samverkan.dialogue.results import QuestionResult


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    legend: list[str]  # the series shown, in the order of their bars
    svg: SafeString


def chart_of(result: QuestionResult) -> Chart | None:
    shown = [s for s in result.series if s.visible]
    if not result.rows or not shown:
        return None
    groups = [
        charts.Group(
            label=row.label,
            bars=[
                (series.percent(index) or 0, f"{series.percent(index) or 0} %") for series in shown
            ],
        )
        for index, row in enumerate(result.rows)
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
    chart_id = f"chart-{result.question.pk}"
    legend = [series.label for series in shown]
    return Chart(
        id=chart_id,
        title=result.question.text,
        legend=legend,
        svg=charts.grouped_hbar_chart(
            chart_id=chart_id,
            title=result.question.text,
            description=description,
            groups=groups,
            series=legend,
        ),
    )
