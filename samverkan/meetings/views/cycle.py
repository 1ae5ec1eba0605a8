"""Pages for the meeting cycle: schedule, agenda, attendance, minutes, adjustment, correction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context, masked_for
from samverkan.core.errors import ForbiddenError, ServiceError
from samverkan.core.forms import rows_formset
from samverkan.core.pages import parse_id, posted
from samverkan.meetings import selectors
from samverkan.meetings.forms import (
    CorrectionForm,
    DecisionForm,
    GuestForm,
    ItemForm,
    ItemRecordForm,
    MeetingFactsForm,
    MeetingForm,
    ScheduleRowForm,
    SignaturesForm,
)
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    AttendanceKind,
    Decision,
    ItemRecord,
    Meeting,
    MeetingStatus,
    SignatureRole,
)
from samverkan.meetings.services import adjustment, agenda, attendance, schedule
from samverkan.organisations.models import Council

SCHEDULE_ROWS = 8


def _meeting_url(council: Council, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:minutes_editor", kwargs={"slug": council.slug, "pk": meeting.pk})
    return url + (f"#{anchor}" if anchor else "")


def _done(
    request: HttpRequest, council: Council, meeting: Meeting, message: str, anchor: str = ""
) -> HttpResponse:
    messages.success(request, message)
    return redirect(_meeting_url(council, meeting, anchor))


# Schedule ---------------------------------------------------------------------------------


@login_required
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    form = MeetingForm(posted(request), council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = schedule.meeting_create(
                actor=request.user,
                body=data["body"],
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                place=data["place"],
            )
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            messages.success(request, _("The meeting was added to the calendar."))
            return redirect("meetings:minutes_editor", slug=slug, pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {**council_context(request.user, council), "form": form, "title": _("New meeting")},
        status=400 if form.is_bound else 200,
    )


@login_required
def schedule_create(request: HttpRequest, slug: str) -> HttpResponse:
    """A year's schedule at once: the council and its working committee side by side."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    formset_class = rows_formset(ScheduleRowForm, extra=SCHEDULE_ROWS, max_num=40)
    formset = formset_class(posted(request), form_kwargs={"council": council}, prefix="rows")
    error = ""
    if request.method == "POST" and formset.is_valid():
        rows = [
            schedule.ScheduleRow(
                body=form.cleaned_data["body"],
                date=form.cleaned_data["date"],
                start_time=form.cleaned_data.get("start_time"),
                end_time=form.cleaned_data.get("end_time"),
                place=form.cleaned_data.get("place") or "",
            )
            for form in formset.forms
            if form.cleaned_data.get("date")
        ]
        try:
            created = schedule.schedule_create(actor=request.user, council=council, rows=rows)
        except ServiceError as exc:
            error = str(exc.message)
        else:
            messages.success(
                request,
                _("%(count)s meetings were added to the calendar.") % {"count": len(created)},
            )
            return redirect("meetings:meeting_list", slug=slug)
    return render(
        request,
        "meetings/schedule_form.html",
        {**council_context(request.user, council), "formset": formset, "error": error},
        status=400 if formset.is_bound else 200,
    )


# The minutes editor -----------------------------------------------------------------------


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


def _editor(
    request: HttpRequest, council: Council, meeting: Meeting, *, status: int = 200, **bound: Any
) -> HttpResponse:
    meeting = selectors.meeting_in(council, meeting.pk)
    return render(
        request,
        "meetings/minutes_editor.html",
        _editor_context(request, council, meeting, bound),
        status=status,
    )


def _writable(request: HttpRequest, slug: str, pk: int) -> tuple[Council, Meeting]:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    return council, selectors.meeting_in(council, pk)


@login_required
def minutes_editor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    return _editor(request, council, meeting)


def _act(
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
        return _editor(request, council, meeting, status=400, **{key: form})
    try:
        call()
    except ServiceError as exc:
        if form is not None and exc.field in form.fields:
            form.add_error(exc.field, str(exc.message))
            return _editor(request, council, meeting, status=400, **{key: form})
        # A refusal of the whole change (adjusted minutes, whose forms are not shown) is said
        # at the top; the form keeps what was typed.
        bound = {key: form} if form is not None else {}
        return _editor(request, council, meeting, status=400, error=str(exc.message), **bound)
    return _done(request, council, meeting, message, anchor)


@login_required
@require_POST
def meeting_facts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    form = MeetingFactsForm(request.POST, prefix="facts")
    return _act(
        request, council, meeting, form, "facts",
        lambda: schedule.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data),
        _("The meeting was saved."),
    )  # fmt: skip


@login_required
@require_POST
def meeting_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    status = request.POST.get("status", "")
    return _act(
        request, council, meeting, None, "",
        lambda: schedule.meeting_set_status(actor=request.user, meeting=meeting, status=status),
        _("The meeting's status was changed."),
    )  # fmt: skip


@login_required
@require_POST
def item_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    form = ItemForm(request.POST, prefix="item")

    def call() -> object:
        data = {k: v for k, v in form.cleaned_data.items() if k != "adjusted_immediately"}
        return agenda.item_create(actor=request.user, meeting=meeting, **data)

    return _act(request, council, meeting, form, "item", call, _("The item was added."), "items")


def _item(council: Council, item_pk: int) -> AgendaItem:
    return selectors.part_in(council, AgendaItem, item_pk)


@login_required
def item_edit(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    initial = {
        "title": item.title,
        "presenter": item.presenter,
        "planned_time": item.planned_time,
        "reference": item.reference,
        "text": item.text,
        "not_for_publication": item.not_for_publication,
        "adjusted_immediately": item.adjusted_immediately,
    }
    form = ItemForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agenda.item_update(actor=request.user, item=item, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return _done(
                request, council, item.meeting, _("The item was saved."), f"item-{item.pk}"
            )
    return render(
        request,
        "meetings/item_form.html",
        {**council_context(request.user, council), "form": form, "item": item},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    return _act(
        request, council, item.meeting, None, "",
        lambda: agenda.item_delete(actor=request.user, item=item),
        _("The item was removed."), "items",
    )  # fmt: skip


@login_required
@require_POST
def item_move(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    up = request.POST.get("direction") == "up"
    return _act(
        request, council, item.meeting, None, "",
        lambda: agenda.item_move(actor=request.user, item=item, up=up),
        _("The item was moved."), f"item-{item.pk}",
    )  # fmt: skip


@login_required
@require_POST
def decision_add(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    key = f"decision-{item.pk}"
    form = DecisionForm(request.POST, prefix=key)
    return _act(
        request, council, item.meeting, form, key,
        lambda: agenda.decision_add(actor=request.user, item=item, **form.cleaned_data),
        _("The decision was added."), f"item-{item.pk}",
    )  # fmt: skip


@login_required
@require_POST
def decision_delete(request: HttpRequest, slug: str, decision_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    decision = selectors.part_in(council, Decision, decision_pk)
    return _act(
        request, council, decision.item.meeting, None, "",
        lambda: agenda.decision_delete(actor=request.user, decision=decision),
        _("The decision was removed."), f"item-{decision.item_id}",
    )  # fmt: skip


@login_required
@require_POST
def record_add(request: HttpRequest, slug: str, item_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    item = _item(council, item_pk)
    key = f"record-{item.pk}"
    form = ItemRecordForm(request.POST, prefix=key)
    return _act(
        request, council, item.meeting, form, key,
        lambda: agenda.item_record_add(actor=request.user, item=item, **form.cleaned_data),
        _("It was added to the item."), f"item-{item.pk}",
    )  # fmt: skip


@login_required
@require_POST
def record_delete(request: HttpRequest, slug: str, record_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    record = selectors.part_in(council, ItemRecord, record_pk)
    return _act(
        request, council, record.item.meeting, None, "",
        lambda: agenda.item_record_delete(actor=request.user, record=record),
        _("It was removed from the item."), f"item-{record.item_id}",
    )  # fmt: skip


@login_required
@require_POST
def attachment_publication(request: HttpRequest, slug: str, attachment_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    attachment = selectors.part_in(council, Attachment, attachment_pk)
    secret = request.POST.get("not_for_publication") == "1"
    return _act(
        request, council, attachment.meeting, None, "",
        lambda: agenda.attachment_set_publication(
            actor=request.user, attachment=attachment, not_for_publication=secret
        ),
        _("The attachment was saved."), "attachments",
    )  # fmt: skip


@login_required
@require_POST
def attendance_prefill(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    return _act(
        request, council, meeting, None, "",
        lambda: attendance.attendance_from_members(actor=request.user, meeting=meeting),
        _("The members of the body were listed."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def attendance_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    marks: dict[int, str] = {}
    details: dict[int, tuple[str, str]] = {}
    for key in request.POST:
        value = request.POST.get(key, "")
        prefix, _sep, raw = key.partition("-")
        if prefix not in ("mark", "serving", "partial"):
            continue
        row_id = parse_id(raw)
        if row_id is None:
            return _editor(request, council, meeting, status=400, error=_("Unknown person."))
        if prefix == "mark":
            marks[row_id] = value
        elif meeting.body.formal_rules:
            serving, partial = details.get(row_id, ("", ""))
            details[row_id] = (value, partial) if prefix == "serving" else (serving, value)
    return _act(
        request, council, meeting, None, "",
        lambda: attendance.attendance_mark(
            actor=request.user, meeting=meeting, marks=marks, details=details
        ),
        _("The attendance was saved."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def guest_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    form = GuestForm(request.POST, prefix="guest")
    return _act(
        request, council, meeting, form, "guest",
        lambda: attendance.guest_add(actor=request.user, meeting=meeting, **form.cleaned_data),
        _("The guest was added."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def attendance_remove(request: HttpRequest, slug: str, attendance_pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    row = selectors.part_in(council, Attendance, attendance_pk)
    return _act(
        request, council, row.meeting, None, "",
        lambda: attendance.attendance_remove(actor=request.user, attendance=row),
        _("The person was removed from the attendance."), "attendance",
    )  # fmt: skip


@login_required
@require_POST
def signatures_save(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
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

    return _act(
        request, council, meeting, form, "signatures", call, _("The signatures were saved."),
        "signatures",
    )  # fmt: skip


# Adjustment -------------------------------------------------------------------------------


@login_required
@require_POST
def minutes_freeze(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    return _act(
        request, council, meeting, None, "",
        lambda: adjustment.minutes_freeze(actor=request.user, meeting=meeting),
        _("The minutes were sent for approval."), "adjustment",
    )  # fmt: skip


@login_required
@require_POST
def minutes_take_back(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    return _act(
        request, council, meeting, None, "",
        lambda: adjustment.minutes_take_back(actor=request.user, meeting=meeting),
        _("The minutes were taken back and can be changed."), "adjustment",
    )  # fmt: skip


@login_required
@require_POST
def minutes_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council, meeting = _writable(request, slug, pk)
    form = CorrectionForm(request.POST, prefix="correction")
    return _act(
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
    meeting = selectors.meeting_in(council, pk)
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
    revision = selectors.revision_in(council, pk, number)
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
