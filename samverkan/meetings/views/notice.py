"""The notice (kallelse) of a meeting: as PDF and DOCX, and sent to the members."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import ngettext

from samverkan.accounts.access import (
    Capability,
    access_council,
    council_context,
    masked_for,
)
from samverkan.core.errors import ServiceError
from samverkan.meetings.documents.notice import notice_docx, notice_filename, notice_pdf
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import notice
from samverkan.organisations.models import Council

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    return response


@login_required
def notice_pdf_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    pdf = notice_pdf(meeting, public=masked_for(request.user, council))
    return _attachment(pdf, "application/pdf", notice_filename(meeting, "pdf"))


@login_required
def notice_docx_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug)
    meeting = meeting_in(council, pk)
    docx = notice_docx(meeting, public=masked_for(request.user, council))
    return _attachment(docx, DOCX_TYPE, notice_filename(meeting, "docx"))


def _sent_message(count: int) -> str:
    return ngettext(
        "The notice was sent to %(count)d address.",
        "The notice was sent to %(count)d addresses.",
        count,
    ) % {"count": count}


@login_required
def notice_send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The notice's page: who will get it, what is missing, and when it was sent before.
    Sending is a POST of the same page."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    meeting = meeting_in(council, pk)
    error = ""
    if request.method == "POST":
        try:
            dispatch = notice.notice_send(actor=request.user, meeting=meeting)
        except ServiceError as exc:
            error = str(exc.message)
        else:
            messages.success(request, _sent_message(dispatch.recipient_count))
            return redirect("meetings:notice_send", slug=slug, pk=meeting.pk)
    recipients = notice.notice_recipients(meeting)
    return render(
        request,
        "meetings/notice_send.html",
        _context(
            request,
            council,
            meeting=meeting,
            items=_agenda(meeting),
            recipients=recipients,
            problem=notice.notice_problem(meeting, recipients),
            dispatches=[
                {"dispatch": d, "without_email": d.without_email.splitlines()}
                for d in meeting.dispatches.select_related("sent_by")
            ],
            error=error,
        ),
        status=400 if error else 200,
    )


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .annotate(file_count=Count("files"))
        .order_by("number")
    )
