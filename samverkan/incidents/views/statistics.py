"""Key figures fetched from Kolada for the council's municipality: chosen from a short list
(incidents/kolada.py), fetched from the configured address (KOLADA_URL). The saved-file import,
for closed networks, is the Kolada page of views/imports.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.pages import posted, run_service
from samverkan.incidents.kolada import DEFAULT_KEY_FIGURES, KEY_FIGURES
from samverkan.incidents.services import statistics


class KoladaFetchForm(forms.Form):
    kpis = forms.MultipleChoiceField(
        label=gettext_lazy("Key figures"),
        choices=[(kpi, f"{name} ({kpi})") for kpi, name in KEY_FIGURES.items()],
        widget=forms.CheckboxSelectMultiple,
        initial=list(DEFAULT_KEY_FIGURES),
    )
    year_from = forms.IntegerField(label=gettext_lazy("From year"), min_value=1900, max_value=2200)
    year_to = forms.IntegerField(label=gettext_lazy("To year"), min_value=1900, max_value=2200)

    def __init__(self, data: Any, *, today: dt.date) -> None:
        super().__init__(data, initial={"year_from": today.year - 5, "year_to": today.year - 1})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start is not None and end is not None and not 0 <= end - start < 30:
            self.add_error(
                "year_to", _("Give a period of 1 to 30 years, the last not before the first.")
            )
        return cleaned


@login_required
def statistics_kolada_fetch(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.IMPORT_STATISTICS)
    form = KoladaFetchForm(posted(request), today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = run_service(
            form,
            lambda: statistics.key_figures_fetch(
                actor=request.user,
                council=council,
                kpis=list(data["kpis"]),
                years=list(range(data["year_from"], data["year_to"] + 1)),
            ),
        )
        if result is not None:
            messages.success(
                request,
                _("%(created)d figures added, %(updated)d updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("insights:statistics", slug=slug)
    return render(
        request,
        "incidents/kolada_fetch.html",
        {**council_context(request.user, council), "form": form},
        status=400 if form.is_bound else 200,
    )


urlpatterns = [
    path(
        "councils/<slug:slug>/incidents/statistics/kolada/fetch/",
        statistics_kolada_fetch,
        name="statistics_kolada_fetch",
    ),
]
