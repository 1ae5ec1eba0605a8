"""Writes for meetings. The import of minutes is one pipeline: extract → parse → plan →
save all or nothing → report."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import (
    Actor,
    audit_create,
    audit_create_many,
    audit_delete,
    audit_update,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.core.importing.limits import MAX_IMPORT_BYTES
from samverkan.core.importing.parse_warnings import ParseWarning
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import ExtractedText, extract_document
from samverkan.meetings.decision_kinds import decision_kind
from samverkan.meetings.importers.minutes import (
    ParsedMinutes,
    parse_minutes,
)
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    AttendanceKind,
    Decision,
    Meeting,
    MeetingStatus,
    MinutesImport,
    Signature,
    SignatureRole,
)
from samverkan.meetings.services.adjustment import ensure_editable
from samverkan.organisations.models import Body, BodyKind, Council, Person

SIGNATURE_ROLES = {
    "sekreterare": SignatureRole.SECRETARY,
    "ordförande": SignatureRole.CHAIR,
    "justerare": SignatureRole.ADJUSTER,
    "justerande": SignatureRole.ADJUSTER,
    "protokolljusterare": SignatureRole.ADJUSTER,
}
# How minutes name a council's bodies in a schedule: "Rådet", "Arbetsutskottet", "AU".
BODY_SYNONYMS = {
    "rådet": BodyKind.COUNCIL,
    "brå": BodyKind.COUNCIL,
    "trygghetsrådet": BodyKind.COUNCIL,
    "arbetsutskottet": BodyKind.WORKING_COMMITTEE,
    "au": BodyKind.WORKING_COMMITTEE,
    "brå au": BodyKind.WORKING_COMMITTEE,
    "styrgruppen": BodyKind.STEERING_GROUP,
    "projektgruppen": BodyKind.PROJECT_GROUP,
}


@dataclass
class BodyChoice:
    name: str
    body: Body | None  # None: the import creates it
    kind: str


@dataclass
class PlannedMeeting:
    body: BodyChoice
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    exists: bool


@dataclass
class ImportPlan:
    """What an import would do: shown as the preview, then carried out by minutes_import."""

    council: Council
    filename: str
    sha256: str
    parsed: ParsedMinutes
    body: BodyChoice
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    fills: Meeting | None  # a planned meeting of the same body and day, filled in
    schedule: list[PlannedMeeting] = field(default_factory=list)
    # A scan read by OCR: Tesseract's mean word confidence (0–100); None for a text file.
    ocr_confidence: float | None = None
    parsed_text: str = ""  # the text that was read, for the preview to use without reading again

    @property
    def is_notice(self) -> bool:
        return self.parsed.kind == "notice"


@dataclass(frozen=True)
class Corrections:
    """The front page as the secretary corrected it in the preview: saved instead of what the
    parser read (or guessed)."""

    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str


def warning_text(warning: ParseWarning) -> str:
    """The parser's warning in the user's language."""
    return _(warning.template).format(**warning.params)


def _time(value: str | None) -> dt.time | None:
    """ "HH:MM" from the parser; a time no clock shows ("24:00", "kl 99") is left out."""
    if not value:
        return None
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        return None


def _guess_kind(name: str) -> str:
    lowered = name.lower()
    if "utskott" in lowered:
        return BodyKind.WORKING_COMMITTEE
    if "styrgrupp" in lowered:
        return BodyKind.STEERING_GROUP
    if "projektgrupp" in lowered:
        return BodyKind.PROJECT_GROUP
    if "råd" in lowered:
        return BodyKind.COUNCIL
    return BodyKind.WORKING_GROUP


def _choose_body(council: Council, name: str | None) -> BodyChoice:
    bodies = list(Body.objects.filter(council=council))
    if not name:
        main = [b for b in bodies if b.kind == BodyKind.COUNCIL]
        if len(main) == 1:
            return BodyChoice(main[0].name, main[0], main[0].kind)
        raise ServiceError(_("The minutes do not name the council or body that met."))
    for body in bodies:
        if body.name.lower() == name.lower():
            return BodyChoice(body.name, body, body.kind)
    kind = BODY_SYNONYMS.get(name.lower())
    if kind:
        of_kind = [b for b in bodies if b.kind == kind]
        if len(of_kind) == 1:
            return BodyChoice(of_kind[0].name, of_kind[0], kind)
    return BodyChoice(name, None, kind or _guess_kind(name))


def _same_day_meeting(body: Body | None, day: dt.date) -> Meeting | None:
    if body is None:
        return None
    return Meeting.objects.filter(body=body, date=day).first()


def minutes_import_plan(
    *,
    council: Council,
    data: bytes,
    filename: str,
    corrections: Corrections | None = None,
    extracted: ExtractedText | None = None,
) -> ImportPlan:
    """Read the file and say what importing it would do, with the secretary's `corrections`
    of the front page if any. Saves nothing.

    Raises ServiceError with a translated message for every file that cannot be imported.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ServiceError(_("The file is larger than 20 MB."))
    sha256 = hashlib.sha256(data).hexdigest()
    earlier = MinutesImport.objects.filter(council=council, sha256=sha256).first()
    if earlier is not None:
        raise ServiceError(
            _("This file was already imported on %(date)s (%(file)s).")
            % {"date": f"{earlier.created_at:%Y-%m-%d}", "file": earlier.filename}
        )
    try:
        # The worker's reading of the file (a scan's OCR), else read here.
        extracted = extracted or extract_document(data, filename)
        parsed = parse_minutes(extracted.text)
    except ImportRejected as exc:
        raise ServiceError(_(exc.message)) from exc
    if corrections is not None:
        parsed.date = corrections.date.isoformat()
        parsed.start = corrections.start.strftime("%H:%M") if corrections.start else None
        parsed.end = corrections.end.strftime("%H:%M") if corrections.end else None
        parsed.place = corrections.place.strip() or None
    if not parsed.date:
        raise ServiceError(_("No meeting date was found, so the minutes cannot be placed."))
    body = _choose_body(council, parsed.body)
    day = dt.date.fromisoformat(parsed.date)
    existing = _same_day_meeting(body.body, day)
    if existing is not None and existing.status != MeetingStatus.PLANNED:
        raise ServiceError(
            _("%(body)s already has minutes for %(date)s.") % {"body": body.name, "date": day}
        )
    if existing is not None and parsed.kind == "notice" and existing.items.exists():
        raise ServiceError(
            _("%(body)s already has an agenda for %(date)s.") % {"body": body.name, "date": day}
        )
    plan = ImportPlan(
        council=council,
        filename=filename[:255],
        sha256=sha256,
        parsed=parsed,
        body=body,
        date=day,
        start=_time(parsed.start),
        end=_time(parsed.end),
        fills=existing,
        ocr_confidence=extracted.confidence if extracted.ocr else None,
        parsed_text=extracted.text,
    )
    for entry in parsed.schedule:
        choice = _choose_body(council, entry.body) if entry.body else body
        entry_day = dt.date.fromisoformat(entry.date)
        plan.schedule.append(
            PlannedMeeting(
                body=choice,
                date=entry_day,
                start=_time(entry.start),
                end=_time(entry.end),
                exists=_same_day_meeting(choice.body, entry_day) is not None,
            )
        )
    return plan


def _body_for(actor: Actor, council: Council, choice: BodyChoice, made: dict[str, Body]) -> Body:
    if choice.body is not None:
        return choice.body
    if choice.name.lower() not in made:
        body = Body.objects.create(council=council, name=choice.name, kind=choice.kind)
        audit_create(actor=actor, instance=body, council_id=council.pk)
        made[choice.name.lower()] = body
    return made[choice.name.lower()]


@transaction.atomic
def minutes_import(
    *,
    actor: Actor,
    council: Council,
    data: bytes,
    filename: str,
    corrections: Corrections | None = None,
    extracted: ExtractedText | None = None,
) -> tuple[Meeting, ImportPlan]:
    """Import minutes or a notice, all or nothing (with the front page as corrected in the
    preview). Returns the meeting and the plan carried out."""
    plan = minutes_import_plan(
        council=council, data=data, filename=filename, corrections=corrections, extracted=extracted
    )
    parsed = plan.parsed
    made: dict[str, Body] = {}
    body = _body_for(actor, council, plan.body, made)
    status = MeetingStatus.PLANNED if plan.is_notice else MeetingStatus.HELD
    if plan.fills is not None:
        # The planned meeting is filled by its minutes: what was prepared gives way to them.
        meeting = plan.fills
        ensure_editable(meeting)
        for old in [
            *meeting.items.all(),
            *meeting.attendance.all(),
            *meeting.signatures.all(),
            *meeting.attachments.all(),
        ]:
            audit_delete(actor=actor, instance=old, council_id=council.pk)
            old.delete()
        before = snapshot(meeting)
        meeting.start_time, meeting.end_time = plan.start, plan.end
        meeting.place = parsed.place or meeting.place
        meeting.status = status
        meeting.save()
        audit_update(actor=actor, instance=meeting, before=before, council_id=council.pk)
    else:
        meeting = Meeting.objects.create(
            body=body,
            date=plan.date,
            start_time=plan.start,
            end_time=plan.end,
            place=parsed.place or "",
            status=status,
        )
        audit_create(actor=actor, instance=meeting, council_id=council.pk)

    people = {p.name.lower(): p for p in Person.objects.filter(councils=council)}
    rows = [
        *((AttendanceKind.PRESENT, a) for a in parsed.attendance.present),
        *((AttendanceKind.GUEST, a) for a in parsed.attendance.guests),
        *((AttendanceKind.ABSENT, a) for a in parsed.attendance.absent),
    ]
    created: list[models.Model] = []
    created += Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person=people.get(attendee.name.lower()),
            position=position,
            name=attendee.name[:200],
            affiliation=(attendee.affiliation or "")[:300],
            kind=kind,
            role=attendee.role if kind == AttendanceKind.PRESENT else "",
            serving_for=(attendee.serving_for or "")[:200],
            partial_note=(attendee.partial_note or "")[:100],
        )
        for position, (kind, attendee) in enumerate(rows)
    )
    for parsed_item in parsed.items:
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=parsed_item.number,
            title=parsed_item.title[:300],
            presenter=(parsed_item.presenter or "")[:200],
            planned_time=_time(parsed_item.time),
            reference=(parsed_item.reference or "")[:60],
            text=parsed_item.text,
        )
        created.append(item)
        created += Decision.objects.bulk_create(
            Decision(item=item, position=i, text=d.text, kind=decision_kind(d.text))
            for i, d in enumerate(parsed_item.decisions, start=1)
        )
    signatures = [
        (SIGNATURE_ROLES.get(s.role.lower(), SignatureRole.ADJUSTER), s.name)
        for s in parsed.signatures
    ]
    for adjuster in parsed.adjusters:
        if (SignatureRole.ADJUSTER, adjuster) not in signatures:
            signatures.append((SignatureRole.ADJUSTER, adjuster))
    created += Signature.objects.bulk_create(
        Signature(
            meeting=meeting,
            role=role,
            name=name[:200],
            position=i,
            person=people.get(name.lower()),
        )
        for i, (role, name) in enumerate(signatures)
    )
    created += Attachment.objects.bulk_create(
        Attachment(meeting=meeting, position=i, title=a.title[:300], text=a.text)
        for i, a in enumerate(parsed.attachments)
    )
    audit_create_many(actor=actor, instances=created, council_id=council.pk)
    for planned in plan.schedule:
        if planned.exists:
            continue
        later = Meeting.objects.create(
            body=_body_for(actor, council, planned.body, made),
            date=planned.date,
            start_time=planned.start,
            end_time=planned.end,
            place=meeting.place,
            status=MeetingStatus.PLANNED,
        )
        audit_create(actor=actor, instance=later, council_id=council.pk)
    try:
        with transaction.atomic():
            record = MinutesImport.objects.create(
                council=council,
                sha256=plan.sha256,
                filename=plan.filename,
                meeting=meeting,
                imported_by=actor if isinstance(actor, User) else None,
            )
    except IntegrityError as exc:  # the same file, imported at the same moment elsewhere
        raise ServiceError(_("This file was already imported.")) from exc
    audit_create(actor=actor, instance=record, council_id=council.pk)
    return meeting, plan
