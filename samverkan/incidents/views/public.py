"""The citizens' form: no login, only where the council publishes; moderated before it shows."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import NotFoundError
from samverkan.core.pages import posted, run_service
from samverkan.incidents import citizen_limit
from samverkan.incidents.forms import CitizenReportForm
from samverkan.incidents.models import IncidentSource
from samverkan.incidents.selectors import places_geojson
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations.models import Council


def _council(slug: str) -> Council:
    council = Council.objects.select_related("municipality").filter(slug=slug).first()
    if council is None or not council.publishes:
        raise NotFoundError
    return council


def citizen_report(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    form = CitizenReportForm(posted(request), request.FILES or None, council=council)
    status = 200
    if request.method == "POST":
        if request.POST.get("website"):
            # A robot filled in the trap: it is thanked and nothing is kept.
            return redirect("incidents:citizen_thanks", slug=slug)
        if citizen_limit.is_limited(request):
            form.is_valid()
            form.add_error(
                None, _("Too many reports from your connection. Please try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            where = Where(
                latitude=data["latitude"], longitude=data["longitude"], address=data["address"]
            )
            what = What(
                category=data["category"],
                occurred_from=timezone.now(),
                description=data["description"],
            )
            incident = run_service(
                form,
                lambda: incident_report(
                    actor=None,
                    council=council,
                    where=where,
                    what=what,
                    photos=[data["photo"]] if data["photo"] else [],
                    source=IncidentSource.CITIZEN,
                    contact_email=data["email"],
                ),
            )
            if incident:
                citizen_limit.record_report(request)
                return redirect("incidents:citizen_thanks", slug=slug)
        if status == 200 and form.errors:
            status = 400
    return render(
        request,
        "incidents/citizen_report.html",
        {"public_council": council, "form": form, "map_places": places_geojson(council)},
        status=status,
    )


def citizen_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    return render(request, "incidents/citizen_thanks.html", {"public_council": council})


urlpatterns = [
    path("r/<slug:slug>/rapportera/", citizen_report, name="citizen_report"),
    path("r/<slug:slug>/rapportera/tack/", citizen_thanks, name="citizen_thanks"),
]
