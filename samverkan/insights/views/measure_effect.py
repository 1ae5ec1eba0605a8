"""The effect at the places of a plan's measures: the incidents there before and after each
measure's start (insights/selectors/measure_effect.py), linked from the plan and its follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from samverkan.accounts.access import access_council, council_context, masked_for
from samverkan.core.pages import paginate
from samverkan.insights.selectors import measure_effect as selectors
from samverkan.plans.masking import mask_activities
from samverkan.plans.selectors.activities import plan_in


@login_required
def measure_effect(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    plan = plan_in(council, pk)
    page = paginate(request, selectors.measures_with_place(plan))
    activities = list(page.object_list)
    mask_activities(activities, public=masked_for(request.user, council))
    return render(
        request,
        "insights/measure_effect.html",
        {
            **council_context(request.user, council),
            "plan": plan,
            "page": page,
            "effects": selectors.measure_effects(plan, activities),
            "max_months": selectors.MAX_MONTHS,
        },
    )


urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/plans/<int:pk>/effect/", measure_effect, name="measure_effect"),
]
