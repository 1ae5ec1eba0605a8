"""The minutes editor of one meeting: the page every part of the meeting cycle is written on
(facts, status, agenda, attendance, signatures, adjustment), and how its forms are run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import ServiceError
from samverkan.meetings.forms import (
    CorrectionForm,
    DecisionForm,
    GuestForm,
    ItemForm,
    ItemRecordForm,
    MeetingFactsForm,
    SignaturesForm,
)
from samverkan.meetings.models import (
    AttendanceKind,
    Meeting,
    MeetingStatus,
    SignatureRole,
)
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment, schedule
from samverkan.organisations.models import Council


def meeting_url(council: Council, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:minutes_editor", kwargs={"slug": council.slug, "pk": meeting.pk})
    return url + (f"#{anchor}" if anchor else "")


def done(
    request: HttpRequest, council: Council, meeting: Meeting, message: str, anchor: str = ""
) -> HttpResponse:
    messages.success(request, message)
    return redirect(meeting_url(council, meeting, anchor))


def _editor_context(
    request: HttpRequest, council: Council, meeting: Meeting, bound: dict[str, Any]
) -> dict[str, Any]:
    state = adjustment.minutes_state(meeting)
    latest = adjustment.latest_revision(meeting)
    signatures = list(meeting.signatures.all())
    items = []
    for item in meeting.items.all():
        items.append(
            {
                "item": item,
                "decision_form": bound.get(f"decision-{item.pk}")
                or DecisionForm(prefix=f"decision-{item.pk}"),
                "record_form": bound.get(f"record-{item.pk}")
                or ItemRecordForm(prefix=f"record-{item.pk}"),
            }
        )
    rows = list(meeting.attendance.all())
    return {
        **council_context(request.user, council),
        "meeting": meeting,
        "state": state,
        "editable": state == adjustment.MinutesState.WRITING,
        "status_choices": MeetingStatus.choices,
        "revision": latest,
        "revisions": list(meeting.revisions.order_by("-number")),
        "approvers": adjustment.with_links(
            adjustment.approvers(meeting, latest if latest and latest.content_hash else None)
        ),
        "members": [r for r in rows if r.kind != AttendanceKind.GUEST],
        "guests": [r for r in rows if r.kind == AttendanceKind.GUEST],
        "items": items,
        "facts_form": bound.get("facts")
        or MeetingFactsForm(
            initial={
                "date": meeting.date,
                "start_time": meeting.start_time,
                "end_time": meeting.end_time,
                "place": meeting.place,
            },
            prefix="facts",
        ),
        "item_form": bound.get("item") or ItemForm(prefix="item"),
        "guest_form": bound.get("guest") or GuestForm(prefix="guest"),
        "signatures_form": bound.get("signatures")
        or SignaturesForm(
            prefix="signatures",
            initial={
                "secretary": next(
                    (s.name for s in signatures if s.role == SignatureRole.SECRETARY), ""
                ),
                "chair": next((s.name for s in signatures if s.role == SignatureRole.CHAIR), ""),
                "adjusters": "\n".join(
                    s.name for s in signatures if s.role == SignatureRole.ADJUSTER
                ),
            },
        ),
        "correction_form": bound.get("correction") or CorrectionForm(prefix="correction"),
        "present_names": [r.name for r in rows if r.kind == AttendanceKind.PRESENT],
        "error": bound.get("error", ""),
    }


def editor_page(
    request: HttpRequest, council: Council, meeting: Meeting, *, status: int = 200, **bound: Any
) -> HttpResponse:
    meeting = meeting_in(council, meeting.pk)
    return render(
        request,
        "meetings/minutes_editor.html",
        _editor_context(request, council, meeting, bound),
        status=status,
    )


def writable_meeting(request: HttpRequest, slug: str, pk: int) -> tuple[Council, Meeting]:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    return council, meeting_in(council, pk)


@login_required
def minutes_editor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    return editor_page(request, council, meeting)


def act(
    request: HttpRequest,
    council: Council,
    meeting: Meeting,
    form: forms.Form | None,
    key: str,
    call: Callable[[], object],
    message: str,
    anchor: str = "",
) -> HttpResponse:
    """Run a service for a posted editor form: redirect on success, show the form on refusal."""
    if form is not None and not form.is_valid():
        return editor_page(request, council, meeting, status=400, **{key: form})
    try:
        call()
    except ServiceError as exc:
        if form is not None and exc.field in form.fields:
            form.add_error(exc.field, str(exc.message))
            return editor_page(request, council, meeting, status=400, **{key: form})
        # A refusal of the whole change (adjusted minutes, whose forms are not shown) is said
        # at the top; the form keeps what was typed.
        bound = {key: form} if form is not None else {}
        return editor_page(request, council, meeting, status=400, error=str(exc.message), **bound)
    return done(request, council, meeting, message, anchor)


@login_required
@require_POST
def meeting_facts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    form = MeetingFactsForm(request.POST, prefix="facts")
    return act(
        request, council, meeting, form, "facts",
        lambda: schedule.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data),
        _("The meeting was saved."),
    )  # fmt: skip


@login_required
@require_POST
def meeting_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    status = request.POST.get("status", "")
    return act(
        request, council, meeting, None, "",
        lambda: schedule.meeting_set_status(actor=request.user, meeting=meeting, status=status),
        _("The meeting's status was changed."),
    )  # fmt: skip
