"""The citizens' form: no login, only where the council publishes; moderated before it shows."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.access import access_council
from samverkan.core.errors import NotFoundError
from samverkan.core.pages import posted, run_service
from samverkan.incidents import citizen_limit
from samverkan.incidents.forms import CitizenReportForm
from samverkan.incidents.models import IncidentSource
from samverkan.incidents.selectors import (
    Found,
    address_count,
    address_nearest,
    address_search,
    places_geojson,
)
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations.models import Council


def _council(slug: str) -> Council:
    council = Council.objects.select_related("municipality").filter(slug=slug).first()
    if council is None or not council.publishes:
        raise NotFoundError
    return council


def chosen_point(request: HttpRequest) -> dict[str, object]:
    """The point and address a search result link carries (?punkt=lat,lon&adress=…), as the
    report form's initial values; nothing for a malformed one."""
    point = request.GET.get("punkt", "").split(",")
    try:
        latitude, longitude = (round(float(part), 6) for part in point)
    except ValueError:
        return {}
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return {}
    return {
        "latitude": latitude,
        "longitude": longitude,
        "address": request.GET.get("adress", "")[:200],
    }


def address_finder(request: HttpRequest, council: Council) -> dict[str, object]:
    """What a report page needs to find a place by typing: the search's address (for the
    type-ahead), and without JavaScript the typed text and its matches."""
    typed = request.GET.get("sok", "").strip()[:100]
    return {
        "finder_url": reverse("incidents:address_search", args=[council.slug]),
        "finder_on": address_count(council) > 0 or bool(places_geojson(council)["features"]),
        "finder_text": typed,
        "finder_found": address_search(council, typed) if typed else None,
    }


def _found_json(found: Found) -> dict[str, object]:
    return {
        "label": found.label,
        "latitude": found.latitude,
        "longitude": found.longitude,
        "kind": found.kind,
    }


def address_lookup(request: HttpRequest, slug: str) -> JsonResponse:
    """The type-ahead of every place field, for the council's public form: addresses and
    named places matching ?q=, or the address nearest ?lat=&lon= (a tap on the map). Addresses
    are public facts: anyone may search a council that publishes; a council that does not
    answers only those who see it (its partners' report form), else 404."""
    council = Council.objects.select_related("municipality").filter(slug=slug).first()
    if council is None or not council.publishes:
        council = access_council(request.user, slug)
    if "lat" in request.GET or "lon" in request.GET:
        try:
            latitude = float(request.GET.get("lat", ""))
            longitude = float(request.GET.get("lon", ""))
        except ValueError:
            return JsonResponse({"detail": _("Give the point as two numbers.")}, status=400)
        nearest = address_nearest(council, latitude, longitude)
        return JsonResponse({"nearest": _found_json(nearest) if nearest else None})
    found = address_search(council, request.GET.get("q", ""))
    return JsonResponse({"results": [_found_json(item) for item in found]})


def citizen_report(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    form = CitizenReportForm(
        posted(request),
        request.FILES or None,
        council=council,
        initial=chosen_point(request) if request.method == "GET" else None,
    )
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
        {
            "public_council": council,
            "form": form,
            "map_places": places_geojson(council),
            **address_finder(request, council),
        },
        status=status,
    )


def citizen_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    council = _council(slug)
    return render(request, "incidents/citizen_thanks.html", {"public_council": council})


urlpatterns = [
    path("r/<slug:slug>/rapportera/", citizen_report, name="citizen_report"),
    path("r/<slug:slug>/rapportera/tack/", citizen_thanks, name="citizen_thanks"),
    path("r/<slug:slug>/adresser/", address_lookup, name="address_search"),
]
