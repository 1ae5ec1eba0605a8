"""Pages of the citizen promises: the set, its promises, and the activities that fulfil them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context, masked_for
from samverkan.core.audit import history_of
from samverkan.core.pages import form_page, posted, run_service, saved
from samverkan.organisations.models import Council
from samverkan.plans.forms.promises import PromiseActivitiesForm, PromiseForm, PromiseSetForm
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import (
    ActivityStatus,
)
from samverkan.plans.selectors.promises import combined_status, promise_in, promise_set_in
from samverkan.plans.services import promises
from samverkan.plans.views.agreements import part_deleted, part_form, part_page


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


# Citizen promises -------------------------------------------------------------------------


def _promise_set_fields(data: dict[str, Any]) -> promises.PromiseSetFields:
    return promises.PromiseSetFields(**{n: data[n] for n in PromiseSetForm.base_fields})


def _promise_set_url(council: Council, pk: int) -> str:
    return reverse("plans:promise_set_detail", kwargs={"slug": council.slug, "pk": pk})


@login_required
def promise_set_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    promise_set = promise_set_in(council, pk)
    labels = dict(ActivityStatus.choices)
    rows = []
    public = masked_for(request.user, council)
    for promise in promise_set.promises.all():
        activities = list(promise.activities.all())
        mask_activities(activities, public=public)
        status = combined_status([a.status for a in activities])
        rows.append(
            {
                "promise": promise,
                "activities": activities,
                "status": status,
                "status_label": labels.get(status, ""),
            }
        )
    return render(
        request,
        "plans/promise_set_detail.html",
        _context(
            request,
            council,
            promise_set=promise_set,
            promises=rows,
            status_labels=labels,
            history=history_of(promise_set)[:20],
        ),
    )


@login_required
def promise_set_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    form = PromiseSetForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        fields = _promise_set_fields(form.cleaned_data)
        promise_set = run_service(
            form,
            lambda: promises.promise_set_create(actor=request.user, council=council, fields=fields),
        )
        if promise_set is not None:
            messages.success(request, _("The citizen promises were saved."))
            return redirect("plans:promise_set_detail", slug=slug, pk=promise_set.pk)
    return part_page(
        request,
        council,
        form,
        title=_("New citizen promises"),
        back=reverse("plans:index", kwargs={"slug": slug}),
        back_label=_("Plans"),
    )


@login_required
def promise_set_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise_set = promise_set_in(council, pk)
    initial = {name: getattr(promise_set, name) for name in PromiseSetForm.base_fields}
    initial["agreement"] = promise_set.agreement_id
    form = PromiseSetForm(posted(request), council=council, initial=initial)
    return part_form(
        request,
        council,
        form,
        lambda: promises.promise_set_update(
            actor=request.user,
            promise_set=promise_set,
            fields=_promise_set_fields(form.cleaned_data),
        ),
        saved_message=_("The citizen promises were saved."),
        title=_("Edit the citizen promises"),
        back=_promise_set_url(council, pk),
        back_label=promise_set.title,
    )


@login_required
def promise_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise_set = promise_set_in(council, pk)
    form = PromiseForm(posted(request))
    return part_form(
        request,
        council,
        form,
        lambda: promises.promise_add(
            actor=request.user,
            promise_set=promise_set,
            text=form.cleaned_data["text"],
            parties=form.cleaned_data["parties"],
            joint=form.cleaned_data["joint"],
            number=form.cleaned_data["number"],
        ),
        saved_message=_("The promise was saved."),
        title=_("New promise"),
        back=_promise_set_url(council, pk),
        back_label=promise_set.title,
    )


@login_required
def promise_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise = promise_in(council, pk)
    form = PromiseForm(
        posted(request),
        initial={
            "number": promise.position + 1,
            "text": promise.text,
            "parties": promise.parties,
            "joint": promise.joint,
        },
    )
    return part_form(
        request,
        council,
        form,
        lambda: promises.promise_update(
            actor=request.user,
            promise=promise,
            text=form.cleaned_data["text"],
            parties=form.cleaned_data["parties"],
            joint=form.cleaned_data["joint"],
            number=form.cleaned_data["number"] or promise.position + 1,
        ),
        saved_message=_("The promise was saved."),
        title=_("Edit promise %(number)s") % {"number": promise.position + 1},
        back=_promise_set_url(council, promise.promise_set_id),
        back_label=promise.promise_set.title,
    )


@login_required
@require_POST
def promise_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise = promise_in(council, pk)
    return part_deleted(
        request,
        lambda: promises.promise_delete(actor=request.user, promise=promise),
        _("The promise was removed."),
        _promise_set_url(council, promise.promise_set_id),
    )


@login_required
def promise_activities(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Choose the activities of the year's plan that fulfil the promise."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    promise = promise_in(council, pk)
    choices = promises.activities_for_promise(promise)
    form = PromiseActivitiesForm(
        posted(request),
        choices=choices,
        initial={"activities": list(promise.activities.values_list("pk", flat=True))},
    )
    if saved(
        request,
        form,
        lambda: promises.promise_link_activities(
            actor=request.user,
            promise=promise,
            activities=list(form.cleaned_data["activities"]),
        ),
        _("The activities of the promise were saved."),
    ):
        return redirect("plans:promise_set_detail", slug=slug, pk=promise.promise_set_id)
    return form_page(
        request,
        "plans/promise_activities.html",
        _context(request, council, promise=promise, has_choices=choices.exists()),
        form=form,
    )


ps = "councils/<slug:slug>/plans/promises/"
urlpatterns: list[URLPattern] = [
    path(ps + "new/", promise_set_create, name="promise_set_create"),
    path(ps + "<int:pk>/", promise_set_detail, name="promise_set_detail"),
    path(ps + "<int:pk>/edit/", promise_set_edit, name="promise_set_edit"),
    path(ps + "<int:pk>/promises/new/", promise_add, name="promise_add"),
    path(ps + "promise/<int:pk>/edit/", promise_edit, name="promise_edit"),
    path(ps + "promise/<int:pk>/delete/", promise_delete, name="promise_delete"),
    path(ps + "promise/<int:pk>/activities/", promise_activities, name="promise_activities"),
]
