"""Reads for meetings, scoped to one council (already access-checked)."""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from samverkan.core.errors import NotFoundError
from samverkan.core.pages import one_or_not_found
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    ItemRecord,
    Meeting,
    MinutesRevision,
    Posting,
)
from samverkan.organisations.models import Council


def meetings_of(council: Council, *, year: int | None = None) -> QuerySet[Meeting]:
    qs = (
        Meeting.objects.filter(body__council=council)
        .select_related("body")
        .annotate(item_count=Count("items"), month=TruncMonth("date"))
        .order_by("-date", "-start_time", "-id")
    )
    return qs.filter(date__year=year) if year else qs


def meeting_years(council: Council) -> list[int]:
    dates = Meeting.objects.filter(body__council=council).dates("date", "year", order="DESC")
    return [d.year for d in dates]


def meeting_in(council: Council, pk: int) -> Meeting:
    """The meeting with everything its minutes show, in a fixed number of queries."""
    return one_or_not_found(
        Meeting.objects.filter(body__council=council, pk=pk)
        .select_related("body", "body__council__municipality")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.prefetch_related("decisions", "records", "files"),
            ),
            "attendance",
            "signatures",
            "attachments",
            "revisions",
        )
    )


# How each part of a meeting reaches its meeting.
_MEETING_OF: dict[type[models.Model], str] = {
    AgendaItem: "meeting",
    Attachment: "meeting",
    Attendance: "meeting",
    Decision: "item__meeting",
    ItemRecord: "item__meeting",
}
PartT = TypeVar("PartT", AgendaItem, Attachment, Attendance, Decision, ItemRecord)


def part_in(council: Council, model: type[PartT], pk: int) -> PartT:
    """A part (item, decision, record, attendance row, attachment) of one of the council's
    meetings, with its meeting and body; NotFoundError for any other."""
    meeting = _MEETING_OF[model]
    return one_or_not_found(
        model.objects.filter(**{f"{meeting}__body__council": council}, pk=pk).select_related(
            f"{meeting}__body"
        )
    )


def revision_in(council: Council, meeting_pk: int, number: int) -> MinutesRevision:
    """A frozen revision (with content) of a meeting of the council."""
    return one_or_not_found(
        MinutesRevision.objects.filter(
            meeting__body__council=council, meeting_id=meeting_pk, number=number
        )
        .exclude(content_hash="")
        .select_related("meeting__body__council")
        .prefetch_related("approvals")
    )


def adjusted_revision(meeting: Meeting) -> MinutesRevision | None:
    """The newest adjusted revision: what the minutes officially say now."""
    return (
        meeting.revisions.filter(adjusted_at__isnull=False)
        .prefetch_related("approvals")
        .order_by("-number")
        .first()
    )


def postings_of(council: Council, *, current_only: bool) -> QuerySet[Posting]:
    """The council's notice board postings, newest first."""
    qs = Posting.objects.filter(revision__meeting__body__council=council).select_related(
        "revision__meeting__body"
    )
    if current_only:
        qs = qs.filter(removed_on__gte=timezone.localdate())
    return qs.order_by("-posted_on", "-id")


def public_revision(council: Council, revision_pk: int) -> MinutesRevision:
    """An adjusted revision that the council publishes, or NotFoundError."""
    revision = (
        MinutesRevision.objects.filter(
            pk=revision_pk,
            adjusted_at__isnull=False,
            meeting__body__council=council,
            meeting__body__publishes_minutes=True,
        )
        .select_related("meeting__body__council", "posting")
        .prefetch_related("approvals")
        .first()
    )
    if revision is None or not council.publishes:
        raise NotFoundError
    return revision
