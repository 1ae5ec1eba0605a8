"""Reads for meetings, scoped to one council (already access-checked)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from samverkan.core.errors import NotFoundError
from samverkan.meetings.models import AgendaItem, Meeting, PendingImport
from samverkan.organisations.models import Council


def meetings_of(council: Council, *, year: int | None = None) -> QuerySet[Meeting]:
    qs = (
        Meeting.objects.filter(body__council=council)
        .select_related("body")
        .annotate(item_count=Count("items"))
        .order_by("-date", "-start_time", "-id")
    )
    return qs.filter(date__year=year) if year else qs


def meeting_years(council: Council) -> list[int]:
    dates = Meeting.objects.filter(body__council=council).dates("date", "year", order="DESC")
    return [d.year for d in dates]


def meeting_in(council: Council, pk: int) -> Meeting:
    """The meeting with everything its minutes show, in a fixed number of queries."""
    meeting = (
        Meeting.objects.filter(body__council=council, pk=pk)
        .select_related("body", "body__council__municipality")
        .prefetch_related(
            Prefetch("items", queryset=AgendaItem.objects.prefetch_related("decisions")),
            "attendance",
            "signatures",
            "attachments",
        )
        .first()
    )
    if meeting is None:
        raise NotFoundError
    return meeting


def pending_import_in(council: Council, pk: int, user_id: int) -> PendingImport:
    pending = PendingImport.objects.filter(council=council, pk=pk, uploaded_by_id=user_id).first()
    if pending is None:
        raise NotFoundError
    return pending
