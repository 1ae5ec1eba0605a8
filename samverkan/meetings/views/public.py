"""Public pages, without login: the notice board (anslag) and published minutes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverkan.core.pages import paginate
from samverkan.meetings.documents.minutes import minutes_context, minutes_pdf
from samverkan.meetings.selectors.meetings import postings_of, public_revision
from samverkan.meetings.services.adjustment import adjustment_stamp
from samverkan.organisations.selectors import access_public_council, council_look


def notice_board(request: HttpRequest, slug: str) -> HttpResponse:
    """The digital notice board: adjusted minutes, with the dates of the appeal period."""
    council = access_public_council(slug, publishing=False)
    show_all = request.GET.get("all") == "1"
    page = paginate(request, postings_of(council, current_only=not show_all))
    return render(
        request,
        "meetings/public_board.html",
        {"public_council": council, "page": page, "show_all": show_all},
    )


def public_minutes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_public_council(slug, publishing=False)
    revision = public_revision(council, pk)
    return render(
        request,
        "meetings/public_minutes.html",
        {
            **minutes_context(revision.content, public=True),
            "public_council": council,
            "revision": revision,
            "stamp": adjustment_stamp(revision),
        },
    )


def public_minutes_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_public_council(slug, publishing=False)
    revision = public_revision(council, pk)
    pdf = minutes_pdf(
        revision.content,
        public=True,
        stamp=adjustment_stamp(revision),
        look=council_look(council),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"protokoll-{revision.meeting.date:%Y-%m-%d}-{revision.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
