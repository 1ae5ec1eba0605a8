"""Writes for the schedule: meetings one by one, or a year's schedule at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import Meeting, MeetingStatus
from samverkan.meetings.services.adjustment import ensure_editable
from samverkan.organisations.models import Body, Council


@dataclass
class ScheduleRow:
    body: Body
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if start and end and end <= start:
        raise ServiceError(_("The meeting must end after it starts."), field="end_time")


def meeting_create(
    *,
    actor: Actor,
    body: Body,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    place: str = "",
) -> Meeting:
    _check_times(start_time, end_time)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body, date=date, start_time=start_time, end_time=end_time, place=place.strip()
        )
        audit_create(actor=actor, instance=meeting, council_id=body.council_id)
    return meeting


@transaction.atomic
def schedule_create(*, actor: Actor, council: Council, rows: list[ScheduleRow]) -> list[Meeting]:
    """Enter many meetings at once (a year's schedule), all or nothing."""
    if not rows:
        raise ServiceError(_("Fill in at least one meeting."))
    meetings = []
    for row in rows:
        if row.body.council_id != council.pk:
            raise ServiceError(_("The body must belong to the council."), field="body")
        meetings.append(
            meeting_create(
                actor=actor,
                body=row.body,
                date=row.date,
                start_time=row.start_time,
                end_time=row.end_time,
                place=row.place,
            )
        )
    return meetings


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    date: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None,
    place: str,
) -> Meeting:
    ensure_editable(meeting)
    _check_times(start_time, end_time)
    before = snapshot(meeting)
    meeting.date, meeting.start_time, meeting.end_time = date, start_time, end_time
    meeting.place = place.strip()
    meeting.save()
    audit_update(actor=actor, instance=meeting, before=before, council_id=meeting.body.council_id)
    return meeting


@transaction.atomic
def meeting_set_status(*, actor: Actor, meeting: Meeting, status: str) -> Meeting:
    """Mark the meeting held (its minutes can then be written) or cancelled, or planned again."""
    if status not in MeetingStatus.values:
        raise ServiceError(_("Choose a valid status."), field="status")
    ensure_editable(meeting)
    before = snapshot(meeting)
    meeting.status = status
    meeting.save()
    audit_update(actor=actor, instance=meeting, before=before, council_id=meeting.body.council_id)
    return meeting
