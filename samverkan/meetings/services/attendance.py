"""Writes for attendance and the signature block of the minutes."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import Attendance, AttendanceKind, Meeting, Signature, SignatureRole
from samverkan.meetings.services.adjustment import ensure_editable
from samverkan.organisations.models import Membership, MembershipRole, Person

# Seats that show in the minutes' attendance role column.
ROLE_IN_MINUTES = {
    MembershipRole.CHAIR: "chair",
    MembershipRole.SECRETARY: "secretary",
    MembershipRole.COORDINATOR: "coordinator",
    MembershipRole.DEPUTY: "deputy",
}


@transaction.atomic
def attendance_from_members(*, actor: Actor, meeting: Meeting) -> int:
    """List every member seated on the meeting's day, with the affiliation they had that day.

    The co-opted (adjungerade) are listed too, as guests: they take part without a seat, as
    the minutes' import reads them. Members already listed are left as they are. Returns how
    many were added.
    """
    ensure_editable(meeting)
    day = meeting.date
    seats = (
        Membership.objects.filter(body=meeting.body)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=day))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("person", "organisation")
        .order_by("person__name")
    )
    listed = set(meeting.attendance.exclude(person=None).values_list("person_id", flat=True))
    position = meeting.attendance.aggregate(last=Max("position"))["last"] or 0
    added = 0
    for seat in seats:
        if seat.person_id in listed:
            continue
        listed.add(seat.person_id)
        position += 1
        co_opted = seat.role == MembershipRole.ADJUNCT
        row = Attendance.objects.create(
            meeting=meeting,
            person=seat.person,
            position=position,
            name=seat.person.name,
            affiliation=seat.affiliation(),  # a snapshot: later changes leave the minutes alone
            kind=AttendanceKind.GUEST if co_opted else AttendanceKind.PRESENT,
            role=(
                MembershipRole.ADJUNCT.value
                if co_opted
                else ROLE_IN_MINUTES.get(seat.role, "member")  # type: ignore[call-overload]
            ),
        )
        audit_create(actor=actor, instance=row, council_id=meeting.body.council_id)
        added += 1
    return added


@transaction.atomic
def attendance_mark(
    *,
    actor: Actor,
    meeting: Meeting,
    marks: dict[int, str],
    details: dict[int, tuple[str, str]] | None = None,
) -> None:
    """Tick each listed person present or absent: {attendance id: "present" | "absent"}.

    `details` gives, for bodies with formal rules, {attendance id: (serving for, partial
    attendance)}: "tjg för Eva Sjö", "t.o.m. § 5" or "t.o.m. kl. 11.00".
    """
    ensure_editable(meeting)
    details = details or {}
    for serving_for, partial in details.values():
        if len(serving_for) > 200 or len(partial) > 100:
            raise ServiceError(_("A name or note in the attendance is too long."))
    rows = {row.pk: row for row in meeting.attendance.exclude(kind=AttendanceKind.GUEST)}
    for pk, kind in marks.items():
        if pk not in rows:
            raise ServiceError(_("Someone in the list is not on this meeting's attendance."))
        if kind not in (AttendanceKind.PRESENT, AttendanceKind.ABSENT):
            raise ServiceError(_("Mark each person present or absent."))
    for pk in details:
        if pk not in rows:
            raise ServiceError(_("Someone in the list is not on this meeting's attendance."))
    for pk, row in rows.items():
        kind = marks.get(pk, row.kind)
        serving_for, partial = details.get(pk, (row.serving_for, row.partial_note))
        serving_for, partial = serving_for.strip(), partial.strip()
        if (row.kind, row.serving_for, row.partial_note) == (kind, serving_for, partial):
            continue
        before = snapshot(row)
        row.kind, row.serving_for, row.partial_note = kind, serving_for, partial
        row.save()
        audit_update(actor=actor, instance=row, before=before, council_id=meeting.body.council_id)


@transaction.atomic
def guest_add(*, actor: Actor, meeting: Meeting, name: str, affiliation: str = "") -> Attendance:
    ensure_editable(meeting)
    if not name.strip():
        raise ServiceError(_("Give the guest's name."), field="name")
    position = meeting.attendance.aggregate(last=Max("position"))["last"] or 0
    guest = Attendance.objects.create(
        meeting=meeting,
        position=position + 1,
        name=name.strip(),
        affiliation=affiliation.strip(),
        kind=AttendanceKind.GUEST,
    )
    audit_create(actor=actor, instance=guest, council_id=meeting.body.council_id)
    return guest


@transaction.atomic
def attendance_remove(*, actor: Actor, attendance: Attendance) -> None:
    ensure_editable(attendance.meeting)
    audit_delete(actor=actor, instance=attendance, council_id=attendance.meeting.body.council_id)
    attendance.delete()


def person_named(council_id: int, name: str) -> Person | None:
    """The council's one registered person of that name; None if there is none, or several."""
    found = list(Person.objects.filter(councils=council_id, name__iexact=name.strip())[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def signatures_set(
    *, actor: Actor, meeting: Meeting, secretary: str, chair: str, adjusters: list[str]
) -> list[Signature]:
    """Set the signature block: secretary, chair and the adjusters chosen at the meeting."""
    ensure_editable(meeting)
    adjusters = [name.strip() for name in adjusters if name.strip()]
    if meeting.body.adjusts_minutes and not adjusters:
        raise ServiceError(_("Name at least one adjuster."), field="adjusters")
    wanted = [
        *([(SignatureRole.SECRETARY, secretary.strip())] if secretary.strip() else []),
        *([(SignatureRole.CHAIR, chair.strip())] if chair.strip() else []),
        *((SignatureRole.ADJUSTER, name) for name in adjusters),
    ]
    council_id = meeting.body.council_id
    for old in meeting.signatures.all():
        audit_delete(actor=actor, instance=old, council_id=council_id)
        old.delete()
    created = []
    for position, (role, name) in enumerate(wanted):
        signature = Signature.objects.create(
            meeting=meeting,
            role=role,
            name=name,
            position=position,
            person=person_named(meeting.body.council_id, name),
        )
        audit_create(actor=actor, instance=signature, council_id=council_id)
        created.append(signature)
    return created
