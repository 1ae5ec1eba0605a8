"""Partners report: single incidents from the phone, and period totals per category."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, Viewer, access_council, can, council_context
from samverkan.core.pages import posted, run_service
from samverkan.incidents import selectors
from samverkan.incidents.forms import AggregateForm, AggregateRows, IncidentForm
from samverkan.incidents.selectors import places_geojson
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.views.public import address_finder, chosen_point
from samverkan.organisations.models import Council, Organisation


def reporting_organisations(viewer: Viewer, council: Council) -> QuerySet[Organisation]:
    """A partner reports for its own organisations; those who keep the records, for any."""
    if can(viewer, council, Capability.CHANGE_RECORDS):
        return Organisation.objects.filter(council=council, ended_on__isnull=True)
    return selectors.own_organisations(viewer, council)


def where_and_what(data: dict[str, Any]) -> tuple[Where, What]:
    where = Where(
        place=data["place"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        address=data["address"],
    )
    what = What(
        category=data["category"],
        occurred_from=data["occurred_from"],
        occurred_to=data["occurred_to"],
        cost=data["cost"],
        description=data["description"],
        target_group=data.get("target_group") or "",
    )
    return where, what


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    organisations = reporting_organisations(request.user, council)
    initial: dict[str, object] = {}
    own = list(organisations[:2])
    if len(own) == 1:
        initial["organisation"] = own[0].pk
    if request.method == "GET":
        initial.update(chosen_point(request))
    form = IncidentForm(
        posted(request),
        request.FILES or None,
        council=council,
        organisations=organisations,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        where, what = where_and_what(data)
        incident = run_service(
            form,
            lambda: incident_report(
                actor=request.user,
                council=council,
                where=where,
                what=what,
                organisation=data["organisation"],
                photos=data["photos"],
            ),
        )
        if incident:
            messages.success(
                request,
                _("Thank you. The report was saved as number %(number)s.")
                % {"number": incident.pk},
            )
            return redirect("incidents:report", slug=slug)
    return render(
        request,
        "incidents/report.html",
        {
            **council_context(request.user, council),
            "form": form,
            "has_categories": selectors.categories_of(council).exists(),
            "map_places": places_geojson(council),
            **address_finder(request, council),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def aggregate_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    organisations = reporting_organisations(request.user, council)
    data = posted(request)
    form = AggregateForm(data, organisations=organisations)
    rows = AggregateRows(data, prefix="rows", form_kwargs={"council": council})
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        head = form.cleaned_data
        totals = [
            Total(category=row["category"], count=row.get("count"), cost=row.get("cost"))
            for row in rows.cleaned_data
            if row.get("category")
        ]
        saved = run_service(
            form,
            lambda: aggregates_report(
                actor=request.user,
                council=council,
                organisation=head["organisation"],
                period_from=head["period_from"],
                period_to=head["period_to"],
                totals=totals,
            ),
        )
        if saved:
            messages.success(request, _("The period totals were saved."))
            return redirect("incidents:aggregate_create", slug=slug)
    bound = request.method == "POST"
    return render(
        request,
        "incidents/aggregate_form.html",
        {**council_context(request.user, council), "form": form, "rows": rows},
        status=400 if bound else 200,
    )


c = "councils/<slug:slug>/incidents/"
urlpatterns = [
    path(c + "report/", report, name="report"),
    path(c + "period-totals/new/", aggregate_create, name="aggregate_create"),
]
