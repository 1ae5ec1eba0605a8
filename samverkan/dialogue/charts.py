"""The result chart of a question: one group of bars per answer, one bar per series, drawn by
the one chart component (core/charts); the figures are also in a table beside it.

Bars show the share of the series' respondents, so series of different size compare. Suppressed
series, series of nobody and the previous survey's series of a question it did not ask are left
out of the chart (the table shows them as "<5", 0 or "–"). A suppressed series is named beside
the chart as hidden, and when a series is left out or an earlier survey's is drawn the legend is
always shown, with the earlier survey labelled as such: the bars of last year's survey must
never pass for this year's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samverkan.core import charts
from samverkan.dialogue.results import QuestionResult, Series


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    legend: list[str]  # the series shown, in the order of their bars
    svg: SafeString
    hidden: list[str]  # the series with answers left out as too few to show (1 to 4)


def _legend_label(series: Series) -> str:
    if series.earlier:
        return _("%(title)s (earlier survey)") % {"title": series.label}
    return series.label


def chart_of(result: QuestionResult, *, chart_id: str = "") -> Chart | None:
    """The question's chart; `chart_id` names it when the question has another chart on the
    same page (the cross by two questions beside the question's own)."""
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
    legend = [_legend_label(series) for series in shown]
    hidden = [series.label for series in result.series if series.asked and series.suppressed]
    description = _("Share of respondents for each answer: %(series)s.") % {
        "series": "; ".join(
            f"{label} ("
            + ", ".join(
                f"{row.label} {series.percent(i) or 0} %" for i, row in enumerate(result.rows)
            )
            + ")"
            for label, series in zip(legend, shown, strict=True)
        )
    }
    if hidden:
        description += " " + _("Too few answers to show (<5): %(series)s.") % {
            "series": ", ".join(hidden)
        }
    chart_id = chart_id or f"chart-{result.question.pk}"
    return Chart(
        id=chart_id,
        title=result.question.text,
        legend=legend,
        hidden=hidden,
        svg=charts.grouped_hbar_chart(
            chart_id=chart_id,
            title=result.question.text,
            description=description,
            groups=groups,
            series=legend,
            legend=len(shown) > 1 or len(shown) < len(result.series) or shown[0].earlier,
        ),
    )
