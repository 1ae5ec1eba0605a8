"""The statistics page: reported crimes per offence type against the county, the municipality
group and the country (table and chart), reported crimes beside the council's own incidents per
100,000 inhabitants, the Kolada key figures and the population (imported in incidents)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samverkan.accounts.access import access_council, council_context
from samverkan.core import charts
from samverkan.core.pages import paginate
from samverkan.insights.selectors import statistics
from samverkan.organisations.models import Council


def _rate_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def offence_type_chart(
    rows: list[statistics.OffenceTypeRow], *, year: int, names: dict[str, str]
) -> SafeString:
    """Per offence type, the rate per 1,000 of the municipality and of each area compared."""
    series: list[tuple[str, str]] = [("per_1000", _("The municipality"))]
    for attribute, area, fallback in (
        ("county_per_1000", "county", _("The county")),
        ("group_per_1000", "group", _("The municipality group")),
        ("country_per_1000", "country", _("The country")),
    ):
        if any(getattr(row, attribute) is not None for row in rows):
            series.append((attribute, names.get(area) or fallback))
    shown = [row for row in rows if any(getattr(row, a) is not None for a, _n in series)]
    largest = max((getattr(row, a) or 0.0 for row in shown for a, _n in series), default=0.0)
    groups = [
        charts.Group(
            label=row.category,
            bars=[(getattr(row, a) or 0.0, _rate_text(getattr(row, a))) for a, _name in series],
        )
        for row in shown
    ]
    description = "; ".join(
        f"{row.category}: "
        + ", ".join(f"{name} {_rate_text(getattr(row, a))}" for a, name in series)
        for row in shown
    )
    return charts.grouped_hbar_chart(
        chart_id="offence-type-chart",
        title=_("Reported crimes per 1,000 inhabitants per offence type, %(year)s")
        % {"year": year},
        description=description,
        groups=groups,
        series=[name for _a, name in series],
        largest=largest or 1.0,
        legend=True,
    )


def _offence_types(request: HttpRequest, council: Council) -> dict[str, Any]:
    years = statistics.crime_years(council)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else (years[0] if years else 0)
    if not year:
        return {"crime_years": years}
    rows = statistics.crime_by_offence_type(council, year)
    names = statistics.comparison_area_names(council, year)
    return {
        "crime_years": years,
        "crime_year": year,
        "offence_rows": rows,
        "area_names": names,
        "offence_chart": offence_type_chart(rows, year=year, names=names) if rows else "",
    }


@login_required
def statistics_page(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    return render(
        request,
        "insights/statistics.html",
        {
            **council_context(request.user, council),
            **_offence_types(request, council),
            "rows": statistics.statistics_by_period(council),
            "figures": paginate(request, statistics.key_figures_of(council)),
            "populations": statistics.populations_of(council),
        },
    )


urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/incidents/statistics/", statistics_page, name="statistics"),
]
