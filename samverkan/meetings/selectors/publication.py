"""What a council publishes of its meetings: adjusted minutes of the bodies that publish them.

The same rule as the public minutes page (`public_revision`): the council publishes
(`Council.publishes`), the body publishes its minutes (`Body.publishes_minutes`) and the
revision is adjusted. What is published is the frozen content of the revision, never the working
copy, which a correction may have opened again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from samverkan.meetings.models import (
    Attendance,
    Meeting,
    MinutesRevision,
    NoticeDispatch,
    Signature,
)
from samverkan.organisations.models import Council


def _adjusted() -> QuerySet[MinutesRevision]:
    return MinutesRevision.objects.filter(adjusted_at__isnull=False).order_by("-number")


@dataclass(frozen=True)
class PublishedMeeting:
    """A meeting with published minutes: `revisions` adjusted, newest first (the first is what
    the minutes say now); `attendance` and `signatures` are the rows linked to a registered
    person, to be matched by name against the published content."""

    meeting: Meeting
    revisions: list[MinutesRevision]
    first_published_at: dt.datetime
    published_at: dt.datetime
    attendance: list[Attendance]
    signatures: list[Signature]
    # When the notice was last sent, while the adjusted minutes stand (a correction being
    # written may change the agenda the notice is read from): the notice is then published too.
    notice_sent_at: dt.datetime | None = None

    @property
    def revision(self) -> MinutesRevision:
        return self.revisions[0]


@dataclass(frozen=True)
class WithdrawnMeeting:
    """A meeting whose adjusted minutes are no longer published: `withdrawn_at` is when its
    body last changed."""

    meeting: Meeting
    first_published_at: dt.datetime
    withdrawn_at: dt.datetime


def published_meetings(council: Council) -> list[PublishedMeeting]:
    """The council's meetings with published minutes, oldest record first (a stable order), in
    four queries however many there are."""
    if not council.publishes:
        return []
    meetings = (
        Meeting.objects.filter(
            body__council=council,
            body__publishes_minutes=True,
            revisions__adjusted_at__isnull=False,
        )
        .distinct()
        .select_related("body")
        .prefetch_related(
            Prefetch("revisions", queryset=MinutesRevision.objects.order_by("-number")),
            Prefetch("dispatches", queryset=NoticeDispatch.objects.order_by("-created_at")),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.filter(person__isnull=False).order_by("id"),
            ),
            Prefetch(
                "signatures", queryset=Signature.objects.filter(person__isnull=False).order_by("id")
            ),
        )
        .order_by("id")
    )
    found = []
    for meeting in meetings:
        every = list(meeting.revisions.all())
        revisions = [r for r in every if r.adjusted_at is not None]
        dispatches = list(meeting.dispatches.all())
        standing = every[0].adjusted_at is not None
        found.append(
            PublishedMeeting(
                meeting=meeting,
                revisions=revisions,
                first_published_at=_adjusted_at(revisions[-1]),
                published_at=_adjusted_at(revisions[0]),
                attendance=list(meeting.attendance.all()),
                signatures=list(meeting.signatures.all()),
                notice_sent_at=dispatches[0].created_at if dispatches and standing else None,
            )
        )
    return found


def _adjusted_at(revision: MinutesRevision) -> dt.datetime:
    assert revision.adjusted_at is not None  # noqa: S101 (only adjusted revisions are read)
    return revision.adjusted_at


def withdrawn_meetings(council: Council) -> list[WithdrawnMeeting]:
    """Meetings whose minutes were adjusted but whose body no longer publishes them: what a
    mirror must delete. Nothing of their content is read."""
    if not council.publishes:
        return []
    meetings = (
        Meeting.objects.filter(
            body__council=council,
            body__publishes_minutes=False,
            revisions__adjusted_at__isnull=False,
        )
        .distinct()
        .select_related("body")
        .prefetch_related(
            Prefetch("revisions", queryset=_adjusted().only("id", "meeting_id", "adjusted_at"))
        )
        .order_by("id")
    )
    found = []
    for meeting in meetings:
        revisions = list(meeting.revisions.all())
        found.append(
            WithdrawnMeeting(
                meeting=meeting,
                first_published_at=_adjusted_at(revisions[-1]),
                withdrawn_at=max(meeting.body.updated_at, _adjusted_at(revisions[0])),
            )
        )
    return found
