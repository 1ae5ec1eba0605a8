"""Adjusting the minutes: freeze for approval, take back, approve, correct, and a revision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import access_council, council_context, masked_for
from samverkan.core.errors import ForbiddenError, ServiceError
from samverkan.meetings.forms import (
    CorrectionForm,
)
from samverkan.meetings.selectors.meetings import meeting_in, revision_in
from samverkan.meetings.services import adjustment
from samverkan.meetings.views.editor import act, writable_meeting


@login_required
@require_POST
def minutes_freeze(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    return act(
        request, council, meeting, None, "",
        lambda: adjustment.minutes_freeze(actor=request.user, meeting=meeting),
        _("The minutes were sent for approval."), "adjustment",
    )  # fmt: skip


@login_required
@require_POST
def minutes_take_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    return act(
        request, council, meeting, None, "",
        lambda: adjustment.minutes_take_back(actor=request.user, meeting=meeting),
        _("The minutes were taken back and can be changed."), "adjustment",
    )  # fmt: skip


@login_required
@require_POST
def minutes_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    form = CorrectionForm(request.POST, prefix="correction")
    return act(
        request, council, meeting, form, "correction",
        lambda: adjustment.minutes_correct(
            actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
        ),
        _("A correction was opened. The adjusted minutes stay as they were."), "adjustment",
    )  # fmt: skip


@login_required
@require_POST
def minutes_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The adjuster (or chair) approves: any role that sees the council, if it is that person."""
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    user = request.user
    if not isinstance(user, User):
        raise ForbiddenError
    role = request.POST.get("role", "")
    shown = request.POST.get("content_hash", "")
    try:
        adjustment.minutes_approve(actor=user, meeting=meeting, role=role, content_hash=shown)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return redirect("meetings:meeting_detail", slug=slug, pk=pk)
    messages.success(request, _("Your approval was recorded."))
    return redirect("meetings:meeting_detail", slug=slug, pk=pk)


@login_required
def revision_detail(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    """A frozen revision as it was approved, also after it has been corrected."""
    council = access_council(request.user, slug)
    revision = revision_in(council, pk, number)
    from samverkan.meetings.documents.minutes import minutes_context

    return render(
        request,
        "meetings/revision_detail.html",
        {
            **council_context(request.user, council),
            **minutes_context(
                revision.content,
                public=masked_for(request.user, council),
            ),
            "meeting": revision.meeting,
            "revision": revision,
            "stamp": adjustment.adjustment_stamp(revision),
        },
    )
