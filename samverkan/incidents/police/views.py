"""The police's events of the council's municipality: the page with counts per type and the
list, the CSV of the counts, the upload of a feed file and the council's feed setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core import charts, exports
from samverkan.core.importing.services import pending_import_create
from samverkan.core.pages import paginate, posted, run_service
from samverkan.incidents import tasks
from samverkan.incidents.forms import DateInput
from samverkan.incidents.police import selectors, services
from samverkan.incidents.police.parse import MAX_BYTES
from samverkan.incidents.selectors import default_period
from samverkan.incidents.views import imports

EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2100, 12, 31)


class PeriodForm(forms.Form):
    period_from = forms.DateField(label=gettext_lazy("From"), required=False, widget=DateInput())
    period_to = forms.DateField(label=gettext_lazy("To"), required=False, widget=DateInput())
    type = forms.ChoiceField(label=gettext_lazy("Type"), required=False)

    def __init__(self, data: Any, *, types: list[str], initial: dict[str, Any]) -> None:
        super().__init__(data, initial=initial)
        type_field = self.fields["type"]
        assert isinstance(type_field, forms.ChoiceField)  # noqa: S101 (declared above)
        type_field.choices = [("", _("All types")), *[(t, t) for t in types]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("period_from", "period_to"):
            day = data.get(name)
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Choose a date between 1990 and 2100."))
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period must not end before it starts."))
        return data


class FeedFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The police's events (JSON)"),
        help_text=gettext_lazy(
            "The answer of the police's events API (polisen.se/api/events), saved as a file."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload


class FeedSettingForm(forms.Form):
    enabled = forms.BooleanField(
        label=gettext_lazy("Fetch the police's events every hour"), required=False
    )
    location_names = forms.CharField(
        label=gettext_lazy("Location names in the feed"),
        required=False,
        max_length=300,
        help_text=gettext_lazy(
            "Separated by commas, as the police write them (Köping). Empty: the municipality's "
            "name."
        ),
    )


def _period(form: PeriodForm) -> tuple[dt.date, dt.date, str]:
    start, end = default_period()
    data = form.cleaned_data if form.is_valid() else {}
    return data.get("period_from") or start, data.get("period_to") or end, data.get("type") or ""


@login_required
def police_events(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    types = selectors.types_of(council)
    start, end = default_period()
    form = PeriodForm(
        request.GET or None, types=types, initial={"period_from": start, "period_to": end}
    )
    start, end, kind = _period(form)
    events = selectors.police_events_of(council, start, end, kind)
    counts = selectors.counts_by_type(events)
    if request.GET.get("format") == "csv":
        table = exports.Table(
            header=[_("Type"), _("Number of events")],
            rows=[[row.type, row.count] for row in counts],
        )
        name = f"polisens-handelser-{start:%Y%m%d}-{end:%Y%m%d}.csv"
        return exports.csv_response(table, filename=name)
    chart = charts.hbar_chart(
        chart_id="police-types-chart",
        title=_("The police's events per type, %(start)s to %(end)s")
        % {"start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}"},
        rows=[(row.type, row.count) for row in counts[:15]],
    )
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return render(
        request,
        "incidents/police_events.html",
        {
            **council_context(request.user, council),
            "form": form,
            "start": start,
            "end": end,
            "counts": counts,
            "total": sum(row.count for row in counts),
            "chart": chart,
            "csv_query": query.urlencode(),
            "page": paginate(request, events),
            "feed": services.feed_of(council),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def police_events_upload(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    form = FeedFileForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid() and isinstance(request.user, User):
        upload = form.cleaned_data["file"]
        # The worker imports the file; the page shows its progress and outcome.
        pending = pending_import_create(
            council_id=council.pk, user=request.user, filename=upload.name, data=upload.read()
        )
        return imports.queue_import(
            request, council, kind=tasks.POLICE, step=tasks.IMPORT, pending=pending, params={}
        )
    return render(
        request,
        "incidents/import_upload.html",
        {
            **council_context(request.user, council),
            "form": form,
            "title": _("Import the police's events from a file"),
            "back": "incidents:police_events",
        },
        status=400 if form.is_bound else 200,
    )


@login_required
def police_feed_edit(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.CHANGE_RECORDS)
    feed = services.feed_of(council)
    form = FeedSettingForm(
        posted(request),
        initial={"enabled": feed.enabled, "location_names": feed.location_names},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.police_feed_update(
                actor=request.user,
                council=council,
                enabled=data["enabled"],
                location_names=data["location_names"],
            ),
        ):
            messages.success(request, _("The feed setting was saved."))
            return redirect("incidents:police_events", slug=slug)
    return render(
        request,
        "incidents/police_feed_form.html",
        {
            **council_context(request.user, council),
            "form": form,
            "feed": feed,
            "names": services.names_of(council, feed),
        },
        status=400 if form.is_bound else 200,
    )


c = "councils/<slug:slug>/incidents/police/"
urlpatterns: list[URLPattern] = [
    path(c, police_events, name="police_events"),
    path(c + "import/", police_events_upload, name="police_events_upload"),
    path(c + "feed/", police_feed_edit, name="police_feed_edit"),
]
