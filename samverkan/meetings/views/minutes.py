"""Pages for meetings: the calendar, a meeting with its minutes, documents, and the import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.access import (
    Capability,
    access_council,
    council_context,
    masked_for,
)
from samverkan.core.errors import ForbiddenError, ServiceError
from samverkan.core.importing.archive import is_archive
from samverkan.core.importing.models import ImportState
from samverkan.core.importing.selectors import import_job_reading, pending_import_in
from samverkan.core.importing.services import pending_import_create, pending_import_delete
from samverkan.core.pages import paginate, parse_id, posted
from samverkan.meetings import tasks
from samverkan.meetings.calendar import calendar
from samverkan.meetings.documents.minutes import minutes_context, minutes_docx, minutes_pdf
from samverkan.meetings.forms import MinutesCorrectionsForm, MinutesUploadForm
from samverkan.meetings.minutes_content import Content, minutes_content
from samverkan.meetings.models import Meeting
from samverkan.meetings.selectors.meetings import (
    adjusted_revision,
    meeting_in,
    meeting_years,
    meetings_of,
)
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.minutes_import import (
    Corrections,
    ImportPlan,
    minutes_import,
    minutes_import_plan,
    warning_text,
)
from samverkan.meetings.views.archive_import import archive_queue, minutes_read_queue
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import council_look


def _login(request: HttpRequest) -> User:
    """The logged-in user of a login_required view."""
    if not isinstance(request.user, User):
        raise ForbiddenError
    return request.user


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


@login_required
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug)
    raw_year = request.GET.get("year", "")
    year = parse_id(raw_year) if len(raw_year) == 4 else None
    page = paginate(request, meetings_of(council, year=year))
    return render(
        request,
        "meetings/meeting_list.html",
        _context(request, council, page=page, year=year, years=meeting_years(council)),
    )


def _official(meeting: Meeting) -> tuple[Content, str]:
    """The content to show and print: the adjusted revision if any, else the working copy."""
    revision = adjusted_revision(meeting)
    if revision is not None:
        return revision.content, adjustment.adjustment_stamp(revision)
    return minutes_content(meeting), ""


@login_required
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    content, stamp = _official(meeting)
    latest = adjustment.latest_revision(meeting)
    state = adjustment.minutes_state(meeting)
    approvers: list[adjustment.Approver] = []
    if state == adjustment.MinutesState.AWAITING_APPROVAL and latest is not None:
        # What waits for approval is what the page shows: the frozen content, no other.
        content, stamp = latest.content, ""
        approvers = adjustment.approvers(meeting, latest)
    person_id = adjustment.person_id_of(request.user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            **minutes_context(content, public=masked_for(request.user, council)),
            **council_context(request.user, council),
            "meeting": meeting,
            "state": state,
            "stamp": stamp,
            "revisions": [r for r in meeting.revisions.all() if r.content_hash],
            "approvers": approvers,
            "waiting_revision": latest if approvers else None,
            "my_approvals": [
                a
                for a in approvers
                if person_id is not None and a.person_id == person_id and a.approval is None
            ],
        },
    )


def _filename(meeting_date: Any, body: str, suffix: str) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in body.lower()).strip("-")
    return f"protokoll-{safe}-{meeting_date:%Y-%m-%d}.{suffix}"


@login_required
def minutes_pdf_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    content, stamp = _official(meeting)
    pdf = minutes_pdf(
        content, stamp=stamp, public=masked_for(request.user, council), look=council_look(council)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = _filename(meeting.date, meeting.body.name, "pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def minutes_docx_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    content, stamp = _official(meeting)
    response = HttpResponse(
        minutes_docx(
            content,
            stamp=stamp,
            public=masked_for(request.user, council),
            look=council_look(council),
        ),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = _filename(meeting.date, meeting.body.name, "docx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    body = calendar([meeting], name=meeting.body.name, host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sammantrade-{meeting.pk}.ics"'
    return response


@login_required
def minutes_upload(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    user = _login(request)
    form = MinutesUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        if is_archive(data):  # a ZIP of many documents: a background job
            return _archive_import(request, council, user, data, upload.name, form)
        pending = pending_import_create(
            council_id=council.pk, user=user, filename=upload.name, data=data
        )
        return redirect("meetings:minutes_preview", slug=slug, pk=pending.pk)
    return render(
        request,
        "meetings/minutes_upload.html",
        _context(request, council, form=form),
        status=400 if form.is_bound else 200,
    )


def _archive_import(
    request: HttpRequest,
    council: Council,
    user: User,
    data: bytes,
    filename: str,
    form: MinutesUploadForm,
) -> HttpResponse:
    """A ZIP of many documents: imported by the worker, its progress and report on its page."""
    try:
        return archive_queue(request, council, user, data, filename)
    except ServiceError as exc:
        context = _context(request, council, form=form, rejected=str(exc.message))
        return render(request, "meetings/minutes_upload.html", context, status=400)


@login_required
def minutes_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Show what the import would save; importing is a POST of the same page."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    user = _login(request)
    pending = pending_import_in(council.pk, pk, user.pk)
    # The worker reads the file (a scan's OCR takes long); its page shows the progress and
    # comes back here when done.
    reading = import_job_reading(pending_id=pending.pk, kind=tasks.MINUTES)
    if reading is None:
        return redirect(minutes_read_queue(council, user, pending).page)
    if reading.state != ImportState.DONE:
        return redirect(reading.page)
    data = bytes(pending.data)
    try:
        plan = minutes_import_plan(
            council=council,
            data=data,
            filename=pending.filename,
            extracted=tasks.extracted_of(reading),
        )
    except ServiceError as exc:
        pending_import_delete(pending=pending)
        messages.error(request, str(exc.message))
        return render(
            request,
            "meetings/minutes_upload.html",
            _context(request, council, form=MinutesUploadForm(), rejected=str(exc.message)),
            status=400,
        )
    form = MinutesCorrectionsForm(
        initial={
            "date": plan.date,
            "start": plan.start,
            "end": plan.end,
            "place": plan.parsed.place,
        },
        guessed=plan.parsed.guessed,
    )
    return _preview_page(request, council, pending, plan, form)


def _preview_page(
    request: HttpRequest,
    council: Council,
    pending: Any,
    plan: ImportPlan,
    form: MinutesCorrectionsForm,
    status: int = 200,
) -> HttpResponse:
    warnings = [(w.line, warning_text(w)) for w in plan.parsed.warnings]
    return render(
        request,
        "meetings/minutes_preview.html",
        _context(request, council, plan=plan, pending=pending, warnings=warnings, form=form),
        status=status,
    )


@login_required
@require_POST
def minutes_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    pending = pending_import_in(council.pk, pk, _login(request).pk)
    reading = import_job_reading(pending_id=pending.pk, kind=tasks.MINUTES)
    extracted = tasks.extracted_of(reading) if reading is not None else None
    corrections = None
    if "date" in request.POST:  # the preview's form of the front page, as corrected
        try:
            plan = minutes_import_plan(
                council=council,
                data=bytes(pending.data),
                filename=pending.filename,
                extracted=extracted,
            )
        except ServiceError as exc:
            messages.error(request, str(exc.message))
            return redirect("meetings:minutes_upload", slug=slug)
        corrected = MinutesCorrectionsForm(request.POST, guessed=plan.parsed.guessed)
        if not corrected.is_valid():
            return _preview_page(request, council, pending, plan, corrected, status=400)
        data = corrected.cleaned_data
        corrections = Corrections(
            date=data["date"], start=data["start"], end=data["end"], place=data["place"]
        )
    try:
        with transaction.atomic():
            meeting, _plan = minutes_import(
                actor=request.user,
                council=council,
                data=bytes(pending.data),
                filename=pending.filename,
                corrections=corrections,
                extracted=extracted,
            )
            pending_import_delete(pending=pending)
    except ServiceError as exc:
        messages.error(request, str(exc.message))
        return redirect("meetings:minutes_upload", slug=slug)
    messages.success(request, _("The minutes were imported."))
    return redirect("meetings:meeting_detail", slug=slug, pk=meeting.pk)
