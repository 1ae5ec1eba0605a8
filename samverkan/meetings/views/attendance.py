"""Who attended a meeting and who signs its minutes, in the minutes editor."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council
from samverkan.core.pages import parse_id
from samverkan.meetings.forms import (
    GuestForm,
    SignaturesForm,
)
from samverkan.meetings.models import (
    Attendance,
)
from samverkan.meetings.selectors.meetings import part_in
from samverkan.meetings.services import attendance
from samverkan.meetings.views.editor import act, editor_page, writable_meeting


@login_required
@require_POST
def attendance_prefill(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    return act(
        request, council, meeting, None, "",
        lambda: attendance.attendance_from_members(actor=request.user, meeting=meeting),
        _("The members of the body were listed."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def attendance_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    marks: dict[int, str] = {}
    details: dict[int, tuple[str, str]] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        prefix, _sep, raw = key.partition("-")
        if prefix not in ("mark", "serving", "partial"):
            continue
        row_id = parse_id(raw)
        if row_id is None:
            return editor_page(request, council, meeting, status=400, error=_("Unknown person."))
        if prefix == "mark":
            marks[row_id] = value
        elif meeting.body.formal_rules:
            serving, partial = details.get(row_id, ("", ""))
            details[row_id] = (value, partial) if prefix == "serving" else (serving, value)
    return act(
        request, council, meeting, None, "",
        lambda: attendance.attendance_mark(
            actor=request.user, meeting=meeting, marks=marks, details=details
        ),
        _("The attendance was saved."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def guest_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    form = GuestForm(request.POST, prefix="guest")
    return act(
        request, council, meeting, form, "guest",
        lambda: attendance.guest_add(actor=request.user, meeting=meeting, **form.cleaned_data),
        _("The guest was added."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def attendance_remove(request: HttpRequest, slug: str, attendance_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    row = part_in(council, Attendance, attendance_pk)
    return act(
        request, council, row.meeting, None, "",
        lambda: attendance.attendance_remove(actor=request.user, attendance=row),
        _("The person was removed from the attendance."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def signatures_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = writable_meeting(request, slug, pk)
    form = SignaturesForm(request.POST, prefix="signatures")

    def call() -> object:
        data = form.cleaned_data
        return attendance.signatures_set(
            actor=request.user,
            meeting=meeting,
            secretary=data["secretary"],
            chair=data["chair"],
            adjusters=data["adjusters"].splitlines(),
        )

    return act(
        request, council, meeting, form, "signatures", call, _("The signatures were saved."),
        "signatures",
    )  # fmt: skip
