"""Pages of the citizen promises: the set, its promises, and the activities that fulfil them."""

from __future__ import annotations

from collections.abc import Callable
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
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.pages import confirm_delete_page, form_page, posted, run_service, saved
from samverkan.organisations.models import Council
from samverkan.plans.forms.promises import (
    AnchoringCommentForm,
    PromiseActivitiesForm,
    PromiseForm,
    PromiseSetForm,
)
from samverkan.plans.masking import mask_activities
from samverkan.plans.models import ActivityStatus, PromiseSet, PromiseSetStatus, Signatory
from samverkan.plans.selectors.agreements import signatory_in
from samverkan.plans.selectors.promises import (
    combined_status,
    promise_in,
    promise_set_in,
    reads_drafts,
)
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
    promise_set = promise_set_in(council, pk, viewer=request.user)
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
            signatories=list(promise_set.signatories.all()),
            my_signatory=_my_signatory(request, promise_set),
            comment_form=(
                AnchoringCommentForm()
                if promise_set.status == PromiseSetStatus.ANCHORING
                and reads_drafts(request.user, council)
                else None
            ),
        ),
    )


def _my_signatory(request: HttpRequest, promise_set: PromiseSet) -> Signatory | None:
    """The viewer's own signature still to give, while the promises are out for signing."""
    if promise_set.status != PromiseSetStatus.SIGNING or not request.user.is_authenticated:
        return None
    for signatory in promise_set.signatories.all():
        person = signatory.person
        waiting = signatory.party and signatory.signed_at is None
        if waiting and person is not None and person.user_id == request.user.pk:
            return signatory
    return None


@login_required
def promise_set_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    form = PromiseSetForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        fields = _promise_set_fields(form.cleaned_data)
        promise_set = run_service(
            form,
            lambda: promises.promise_set_create(actor=request.user, council=council, fields=fields),
        )
        if promise_set is not None:
            messages.success(request, _("The draft citizen promises were saved."))
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
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    promise_set = promise_set_in(council, pk, viewer=request.user)
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
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    promise_set = promise_set_in(council, pk, viewer=request.user)
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
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
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
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
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
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
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


# The lifecycle (docs/design/promises.md) -----------------------------------------------------


def _step(
    request: HttpRequest,
    slug: str,
    pk: int,
    call: Callable[[PromiseSet], object],
    message: str,
) -> HttpResponse:
    """One step of a promise set's lifecycle (a POST by one who keeps the promises); a refusal
    is said on the set's page."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    promise_set = promise_set_in(council, pk, viewer=request.user)
    try:
        result = call(promise_set)
    except ServiceError as error:
        messages.error(request, str(error.message))
        return redirect(_promise_set_url(council, pk))
    messages.success(request, message)
    target = result.pk if isinstance(result, PromiseSet) else pk
    return redirect(_promise_set_url(council, target))


@login_required
@require_POST
def promise_set_anchor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda s: promises.promise_set_start_anchoring(actor=request.user, promise_set=s),
        _("The draft was sent for anchoring: the board and the police area may comment."),
    )


@login_required
@require_POST
def promise_set_to_signing(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda s: promises.promise_set_start_signing(actor=request.user, promise_set=s),
        _("The promises are out for signing; their text is fixed."),
    )


@login_required
@require_POST
def promise_set_reopen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda s: promises.promise_set_reopen(actor=request.user, promise_set=s),
        _("The promises are back in anchoring; any signatures given are void."),
    )


@login_required
@require_POST
def promise_set_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda s: promises.promise_set_publish(actor=request.user, promise_set=s),
        _("The promises were published."),
    )


@login_required
@require_POST
def promise_set_revise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _step(
        request,
        slug,
        pk,
        lambda s: promises.promise_set_revise(actor=request.user, promise_set=s),
        _("A new version was started as a draft; the published one stays until it is replaced."),
    )


@login_required
def promise_set_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Delete a draft, after a question."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PROMISES)
    promise_set = promise_set_in(council, pk, viewer=request.user)
    if request.method == "POST":
        try:
            promises.promise_set_delete(actor=request.user, promise_set=promise_set)
        except ServiceError as error:
            messages.error(request, str(error.message))
            return redirect(_promise_set_url(council, pk))
        messages.success(request, _("The draft was deleted."))
        return redirect("plans:index", slug=slug)
    return confirm_delete_page(
        request,
        _context(request, council),
        heading=_("Delete the draft %(title)s?") % {"title": promise_set.title},
        text=_("The draft and its promises are removed; the history keeps that they were."),
        back=_promise_set_url(council, pk),
        back_label=promise_set.title,
    )


@login_required
@require_POST
def promise_set_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A comment while the promises are anchored, by a member of the council."""
    council = access_council(request.user, slug, need=Capability.VIEW_RESTRICTED)
    promise_set = promise_set_in(council, pk, viewer=request.user)
    form = AnchoringCommentForm(request.POST)
    if form.is_valid():
        comment = run_service(
            form,
            lambda: promises.promise_set_comment(
                actor=request.user, promise_set=promise_set, text=form.cleaned_data["text"]
            ),
        )
        if comment is not None:
            messages.success(request, _("Your comment was saved."))
            return redirect(_promise_set_url(council, pk) + "#comments")
    return form_page(
        request,
        "plans/agreement_part_form.html",
        _context(
            request,
            council,
            title=_("Comment on %(title)s") % {"title": promise_set.title},
            back=_promise_set_url(council, pk),
            back_label=promise_set.title,
        ),
        form=form,
    )


@login_required
@require_POST
def promise_set_sign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The signatory confirms their signature, signed in as themselves."""
    council = access_council(request.user, slug)
    signatory = signatory_in(council, pk)
    if signatory.promise_set_id is None:
        raise NotFoundError
    # Only one who may read the set signs it (a member, or the signatory named on it).
    promise_set_in(council, signatory.promise_set_id, viewer=request.user)
    try:
        promises.promise_set_sign(actor=request.user, signatory=signatory)
    except ServiceError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You signed the citizen promises."))
    return redirect(_promise_set_url(council, signatory.promise_set_id))


ps = "councils/<slug:slug>/plans/promises/"
urlpatterns: list[URLPattern] = [
    path(ps + "new/", promise_set_create, name="promise_set_create"),
    path(ps + "<int:pk>/", promise_set_detail, name="promise_set_detail"),
    path(ps + "<int:pk>/edit/", promise_set_edit, name="promise_set_edit"),
    path(ps + "<int:pk>/promises/new/", promise_add, name="promise_add"),
    path(ps + "promise/<int:pk>/edit/", promise_edit, name="promise_edit"),
    path(ps + "promise/<int:pk>/delete/", promise_delete, name="promise_delete"),
    path(ps + "promise/<int:pk>/activities/", promise_activities, name="promise_activities"),
    path(ps + "<int:pk>/anchor/", promise_set_anchor, name="promise_set_anchor"),
    path(ps + "<int:pk>/comments/new/", promise_set_comment, name="promise_set_comment"),
    path(ps + "<int:pk>/to-signing/", promise_set_to_signing, name="promise_set_to_signing"),
    path(ps + "<int:pk>/reopen/", promise_set_reopen, name="promise_set_reopen"),
    path(ps + "<int:pk>/publish/", promise_set_publish, name="promise_set_publish"),
    path(ps + "<int:pk>/revise/", promise_set_revise, name="promise_set_revise"),
    path(ps + "<int:pk>/delete/", promise_set_delete, name="promise_set_delete"),
    path(ps + "signatories/<int:pk>/sign/", promise_set_sign, name="promise_set_sign"),
]
