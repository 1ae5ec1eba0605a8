"""The statistics page: reported crimes beside the council's own incidents, per 100,000
inhabitants, with the Kolada key figures and the population (imported in incidents)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from samverkan.accounts.access import access_council, council_context
from samverkan.core.pages import paginate
from samverkan.insights.selectors import statistics


@login_required
def statistics_page(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    return render(
        request,
        "insights/statistics.html",
        {
            **council_context(request.user, council),
            "rows": statistics.statistics_by_period(council),
            "figures": paginate(request, statistics.key_figures_of(council)),
            "populations": statistics.populations_of(council),
        },
    )


urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/incidents/statistics/", statistics_page, name="statistics"),
]
