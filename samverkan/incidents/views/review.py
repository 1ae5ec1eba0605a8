"""Coordinators review reports: a filtered list, correction, handling, merging, moderation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.audit import history_of
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.pages import paginate, posted, run_service
from samverkan.incidents import selectors
from samverkan.incidents.access import access_incident
from samverkan.incidents.forms import IncidentFilterForm, IncidentForm, MergeForm
from samverkan.incidents.models import Incident, Photo
from samverkan.incidents.selectors import places_geojson
from samverkan.incidents.services.aggregates import aggregate_remove
from samverkan.incidents.services.incidents import (
    incident_mark_handled,
    incident_merge,
    incident_moderate,
    incident_update,
)
from samverkan.incidents.views.reporting import reporting_organisations, where_and_what
from samverkan.organisations.models import Council


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


@login_required
def incident_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.VIEW_INCIDENTS)
    form = IncidentFilterForm(request.GET or None, council=council)
    filters = selectors.IncidentFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.IncidentFilter(
            category=data["category"],
            category_ids=form.category_ids(),
            status=data["status"],
            source=data["source"],
            period_from=data["period_from"],
            period_to=data["period_to"],
        )
    page = paginate(request, selectors.incidents_of(council, filters))
    totals = None
    if filters.period_from and filters.period_to:
        totals = selectors.period_totals(council, filters.period_from, filters.period_to)
    return render(
        request,
        "incidents/incident_list.html",
        _context(request, council, page=page, filter_form=form, totals=totals, filters=filters),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def incident_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    incident = access_incident(request.user, council, pk)
    return render(
        request,
        "incidents/incident_detail.html",
        _context(
            request,
            council,
            incident=incident,
            photos=list(incident.photos.all()),
            duplicates=list(incident.duplicates.all()),
            history=history_of(incident),
            merge_form=MergeForm(),
        ),
    )


@login_required
def incident_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    incident = access_incident(request.user, council, pk, for_change=True)
    initial = {
        "category": incident.category_id,
        "place": incident.place_id,
        "address": incident.address,
        "latitude": incident.latitude,
        "longitude": incident.longitude,
        "occurred_from": incident.occurred_from,
        "occurred_to": incident.occurred_to,
        "cost": incident.cost,
        "description": incident.description,
        "target_group": incident.target_group,
        "organisation": incident.organisation_id,
    }
    form = IncidentForm(
        posted(request),
        council=council,
        organisations=reporting_organisations(request.user, council),
        with_photos=False,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        where, what = where_and_what(data)
        saved = run_service(
            form,
            lambda: incident_update(
                actor=request.user,
                incident=incident,
                where=where,
                what=what,
                organisation=data["organisation"],
            ),
        )
        if saved:
            messages.success(request, _("The report was saved."))
            return redirect("incidents:incident_detail", slug=slug, pk=pk)
    return render(
        request,
        "incidents/incident_edit.html",
        _context(
            request, council, form=form, incident=incident, map_places=places_geojson(council)
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


def _refused(request: HttpRequest, exc: ServiceError, slug: str, pk: int) -> HttpResponse:
    messages.error(request, str(exc.message))
    return redirect("incidents:incident_detail", slug=slug, pk=pk)


@login_required
@require_POST
def incident_handle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    incident = selectors.incident_in(council, pk)
    try:
        incident_mark_handled(actor=request.user, incident=incident)
    except ServiceError as exc:
        return _refused(request, exc, slug, pk)
    messages.success(request, _("The report was marked as handled."))
    return redirect("incidents:incident_detail", slug=slug, pk=pk)


@login_required
@require_POST
def incident_moderate_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    incident = selectors.incident_in(council, pk)
    publish = request.POST.get("decision") == "publish"
    try:
        incident_moderate(actor=request.user, incident=incident, publish=publish)
    except ServiceError as exc:
        return _refused(request, exc, slug, pk)
    messages.success(
        request, _("The report was published.") if publish else _("The report was rejected.")
    )
    return redirect("incidents:incident_detail", slug=slug, pk=pk)


@login_required
def incident_merge_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    incident = selectors.incident_in(council, pk)
    form = MergeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        into = Incident.objects.filter(council=council, pk=form.cleaned_data["into"]).first()
        if into is None:
            form.add_error("into", _("There is no report with this number."))
        elif run_service(
            form, lambda: incident_merge(actor=request.user, incident=incident, into=into)
        ):
            messages.success(request, _("The report was merged."))
            return redirect("incidents:incident_detail", slug=slug, pk=pk)
    return render(
        request,
        "incidents/incident_merge.html",
        _context(
            request,
            council,
            form=form,
            incident=incident,
            candidates=selectors.likely_duplicates(incident),
        ),
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    council = access_council(request.user, slug)
    item = Photo.objects.filter(pk=pk, incident__council=council).first()
    if item is None:
        raise NotFoundError
    access_incident(request.user, council, item.incident_id)
    response = FileResponse(item.image.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def my_reports(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    page = paginate(request, selectors.incidents_of(council).filter(reported_by_id=request.user.pk))
    return render(request, "incidents/my_reports.html", _context(request, council, page=page))


@login_required
def aggregate_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    page = paginate(request, selectors.aggregates_of(council))
    return render(request, "incidents/aggregate_list.html", _context(request, council, page=page))


@login_required
def aggregate_remove_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    aggregate = selectors.aggregate_in(council, pk)
    if request.method == "POST":
        aggregate_remove(actor=request.user, aggregate=aggregate)
        messages.success(request, _("The period total was removed."))
        return redirect("incidents:aggregate_list", slug=slug)
    return render(
        request,
        "core/confirm_delete.html",
        {
            **council_context(request.user, council),
            "heading": _("Remove the period total?"),
            "text": _(
                "%(organisation)s, %(category)s, %(start)s to %(end)s: it no longer counts in "
                "the situational picture. The removal is kept in the audit trail."
            )
            % {
                "organisation": aggregate.organisation.name,
                "category": aggregate.category.name,
                "start": f"{aggregate.period_from:%Y-%m-%d}",
                "end": f"{aggregate.period_to:%Y-%m-%d}",
            },
            "back": reverse("incidents:aggregate_list", args=[slug]),
            "back_label": _("Period totals"),
        },
    )


c = "councils/<slug:slug>/incidents/"
urlpatterns = [
    path(c, incident_list, name="incident_list"),
    path(c + "mine/", my_reports, name="my_reports"),
    path(c + "<int:pk>/", incident_detail, name="incident_detail"),
    path(c + "<int:pk>/edit/", incident_edit, name="incident_edit"),
    path(c + "<int:pk>/handled/", incident_handle, name="incident_handle"),
    path(c + "<int:pk>/moderation/", incident_moderate_view, name="incident_moderate"),
    path(c + "<int:pk>/merge/", incident_merge_view, name="incident_merge"),
    path(c + "photos/<int:pk>/", photo, name="photo"),
    path(c + "period-totals/", aggregate_list, name="aggregate_list"),
    path(c + "period-totals/<int:pk>/remove/", aggregate_remove_view, name="aggregate_remove"),
]
