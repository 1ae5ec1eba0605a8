"""Pages of a measure's indicators: add and edit an indicator (those who keep the plan), and
record an outcome for a tertial or the year (those who may report on the measure)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from samverkan.accounts.access import Capability, access_council, council_context, masked_for
from samverkan.core.errors import ForbiddenError
from samverkan.core.pages import confirm_delete_page, form_page, posted, saved
from samverkan.organisations.models import Council
from samverkan.plans.access import can_report_on
from samverkan.plans.forms.indicators import IndicatorForm, OutcomeForm
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import Activity
from samverkan.plans.selectors.activities import activity_in
from samverkan.plans.selectors.indicators import indicator_in
from samverkan.plans.services import indicators

TEMPLATE = "plans/indicator_form.html"


def _context(request: HttpRequest, council: Council, activity: Activity, **extra: Any) -> Any:
    mask_activities([activity], public=masked_for(request.user, council))
    return {**council_context(request.user, council), "activity": activity, **extra}


@login_required
def indicator_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    activity = activity_in(council, pk)
    form = IndicatorForm(posted(request))
    if saved(
        request,
        form,
        lambda: indicators.indicator_create(
            actor=request.user, activity=activity, fields=form.indicator_fields()
        ),
        _("The indicator was added."),
    ):
        return redirect("plans:activity_detail", slug=slug, pk=activity.pk)
    title = _("New indicator")
    return form_page(
        request, TEMPLATE, _context(request, council, activity, title=title), form=form
    )


@login_required
def indicator_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    indicator = indicator_in(council, pk)
    initial = {
        name: getattr(indicator, name)
        for name in ("name", "unit", "baseline_value", "baseline_year", "target_value")
    } | {"target_year": indicator.target_year}
    form = IndicatorForm(posted(request), initial=initial)
    if saved(
        request,
        form,
        lambda: indicators.indicator_update(
            actor=request.user, indicator=indicator, fields=form.indicator_fields()
        ),
        _("The indicator was saved."),
    ):
        return redirect("plans:activity_detail", slug=slug, pk=indicator.activity_id)
    context = _context(
        request, council, indicator.activity, title=_("Edit indicator"), indicator=indicator
    )
    return form_page(request, TEMPLATE, context, form=form)


@login_required
def indicator_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    indicator = indicator_in(council, pk)
    if request.method == "POST":
        indicators.indicator_delete(actor=request.user, indicator=indicator)
        return redirect("plans:activity_detail", slug=slug, pk=indicator.activity_id)
    return confirm_delete_page(
        request,
        _context(request, council, indicator.activity),
        heading=_("Delete the indicator?"),
        text=_("“%(name)s” and every outcome reported on it are removed.")
        % {"name": indicator.name},
        back=reverse("plans:activity_detail", kwargs={"slug": slug, "pk": indicator.activity_id}),
        back_label=_("Back to the activity"),
    )


@login_required
def outcome_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record an outcome: for those who keep the plan and members of a responsible party."""
    council = access_council(request.user, slug)
    indicator = indicator_in(council, pk)
    activity = indicator.activity
    if not can_report_on(request.user, council, activity):
        raise ForbiddenError
    plan = activity.plan
    form = OutcomeForm(posted(request), plan=plan)
    if saved(
        request,
        form,
        lambda: indicators.indicator_outcome_record(
            actor=request.user, indicator=indicator, **form.outcome()
        ),
        _("The outcome was recorded."),
    ):
        return redirect("plans:activity_detail", slug=slug, pk=activity.pk)
    context = _context(
        request,
        council,
        activity,
        title=_("Record an outcome: %(name)s") % {"name": indicator.name},
        indicator=indicator,
    )
    return form_page(request, TEMPLATE, context, form=form)


p = "councils/<slug:slug>/plans/"
i = p + "indicators/<int:pk>/"
urlpatterns: list[URLPattern] = [
    path(p + "activities/<int:pk>/indicators/new/", indicator_create, name="indicator_create"),
    path(i + "edit/", indicator_edit, name="indicator_edit"),
    path(i + "delete/", indicator_delete, name="indicator_delete"),
    path(i + "outcome/", outcome_record, name="indicator_outcome"),
]
