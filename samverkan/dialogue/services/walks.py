"""Writes for safety walks: the walk and its route, the findings made on it (photos stripped of
camera and location data), and turning a finding into a plan activity or an incident in one
step (the link is kept on the finding). Every write is audited."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.dialogue.models import Finding, FindingKind, SafetyWalk
from samverkan.incidents import geo
from samverkan.incidents.models import Category, Incident, Place
from samverkan.incidents.photos import CleanPhoto, clean_photos
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations.models import Council, Organisation
from samverkan.plans.models import Activity, Plan
from samverkan.plans.services.activities import ActivityFields, activity_create

MAX_RESIDENTS = 100_000
MAX_ROUTE_POINTS = 500
TEXT_MAX = 2000
STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
# An incident reported from a finding of a walk without a start time happened at noon.
DEFAULT_START = dt.time(12)
_NUMBER = re.compile(r"-?[0-9]{1,3}(?:[.][0-9]{1,10})?")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def route_from_text(text: str) -> dict[str, object] | None:
    """A GeoJSON LineString from lines of "latitude, longitude" (decimal degrees, north and east).

    None for an empty text; a route needs at least two points, all in Sweden.
    """
    points: list[list[float]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        values = [part for part in re.split(r"[,;\s]+", line) if part]
        if len(values) != 2 or not all(_NUMBER.fullmatch(v) for v in values):
            raise ServiceError(
                _("Line %(line)s of the route is not “latitude, longitude”.") % {"line": number},
                field="route",
            )
        lat, lon = (float(v) for v in values)
        if not geo.in_sweden(lat, lon):
            raise ServiceError(
                _("Point %(line)s of the route is outside Sweden.") % {"line": number},
                field="route",
            )
        points.append([round(lon, 6), round(lat, 6)])
    if not points:
        return None
    if len(points) < 2:
        raise ServiceError(_("A route needs at least two points."), field="route")
    if len(points) > MAX_ROUTE_POINTS:
        raise ServiceError(
            _("A route has at most %(max)s points.") % {"max": MAX_ROUTE_POINTS}, field="route"
        )
    return {"type": "LineString", "coordinates": points}


def route_as_text(route: object) -> str:
    if not isinstance(route, dict):
        return ""
    # Six decimals (about 0.1 m), as the map writes a point it is given (core/map_input.js).
    return "\n".join(f"{lat:.6f}, {lon:.6f}" for lon, lat in route.get("coordinates", []))


@dataclass
class WalkFields:
    walked_on: dt.date
    area_text: str = ""
    starts_at: dt.time | None = None
    place: Place | None = None
    organisations: list[Organisation] = field(default_factory=list)
    residents: int = 0
    route_text: str = ""
    notes: str = ""


@dataclass
class FindingFields:
    latitude: float | None
    longitude: float | None
    kind: str
    description: str = ""
    suggestion: str = ""
    # A new photo; when editing, None keeps the current one unless `remove_photo`.
    photo: UploadedFile | None = None
    remove_photo: bool = False


def _apply(walk: SafetyWalk, fields: WalkFields) -> None:
    council_id = walk.council_id
    if fields.place is not None and fields.place.council_id != council_id:
        raise ServiceError(_("Choose one of the council's places."), field="place")
    if not _one_line(fields.area_text) and fields.place is None:
        raise ServiceError(_("Say which area the walk covers."), field="area_text")
    if any(o.council_id != council_id for o in fields.organisations):
        raise ServiceError(_("The organisations must be the council's own."), field="organisations")
    if not 0 <= fields.residents <= MAX_RESIDENTS:
        raise ServiceError(
            _("The number of residents must be between 0 and %(max)s.") % {"max": MAX_RESIDENTS},
            field="residents",
        )
    if walk.pk is not None and fields.walked_on > timezone.localdate() and walk.findings.exists():
        raise ServiceError(_not_walked_yet(fields.walked_on), field="walked_on")
    walk.route = route_from_text(fields.route_text)
    walk.walked_on = fields.walked_on
    walk.starts_at = fields.starts_at
    walk.area_text = _one_line(fields.area_text)[:200]
    walk.place = fields.place
    walk.residents = fields.residents
    walk.notes = fields.notes.strip()[:4000]


def _not_walked_yet(walked_on: dt.date) -> str:
    return _("The walk has not been walked yet: findings are recorded from its day, %(date)s.") % {
        "date": walked_on.isoformat()
    }


def walk_starts(walk: SafetyWalk) -> dt.datetime:
    """When the walk set off: its day at its start time, or at noon without one."""
    return dt.datetime.combine(walk.walked_on, walk.starts_at or DEFAULT_START, tzinfo=STOCKHOLM)


def _set_organisations(actor: Actor, walk: SafetyWalk, organisations: list[Organisation]) -> None:
    through = SafetyWalk.organisations.through
    chosen = {o.pk for o in organisations}
    links = through.objects.filter(safetywalk=walk)
    current = set(links.values_list("organisation_id", flat=True))
    for link in links.exclude(organisation_id__in=chosen):
        audit_delete(actor=actor, instance=link, council_id=walk.council_id)
        link.delete()
    for pk in sorted(chosen - current):
        link = through.objects.create(safetywalk=walk, organisation_id=pk)
        audit_create(actor=actor, instance=link, council_id=walk.council_id)


@transaction.atomic
def walk_create(*, actor: Actor, council: Council, fields: WalkFields) -> SafetyWalk:
    walk = SafetyWalk(council=council)
    _apply(walk, fields)
    walk.save()
    audit_create(actor=actor, instance=walk, council_id=council.pk)
    _set_organisations(actor, walk, fields.organisations)
    return walk


@transaction.atomic
def walk_update(*, actor: Actor, walk: SafetyWalk, fields: WalkFields) -> SafetyWalk:
    walk = SafetyWalk.objects.select_for_update().get(pk=walk.pk)
    before = snapshot(walk)
    _apply(walk, fields)
    walk.save()
    audit_update(actor=actor, instance=walk, before=before, council_id=walk.council_id)
    _set_organisations(actor, walk, fields.organisations)
    return walk


@transaction.atomic
def walk_delete(*, actor: Actor, walk: SafetyWalk) -> None:
    """Remove the walk with its findings and their photos; activities and incidents stay."""
    findings = list(walk.findings.all())
    for finding in findings:
        audit_delete(actor=actor, instance=finding, council_id=walk.council_id)
    audit_delete(actor=actor, instance=walk, council_id=walk.council_id)
    walk.delete()
    names = [finding.photo.name for finding in findings if finding.photo]
    transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


@dataclass
class _CheckedFinding:
    latitude: float
    longitude: float
    description: str
    suggestion: str
    photo: CleanPhoto | None


def _check_finding(actor: Actor, fields: FindingFields) -> _CheckedFinding:
    """Validate a finding's fields; a photo is re-encoded without EXIF or GPS data."""
    if fields.latitude is None or fields.longitude is None:
        raise ServiceError(_("Give the point: latitude and longitude."), field="latitude")
    geo.check_point(fields.latitude, fields.longitude)
    if fields.kind not in FindingKind.values:
        raise ServiceError(_("Choose what is wrong from the list."), field="kind")
    description, suggestion = fields.description.strip(), fields.suggestion.strip()
    if len(description) > TEXT_MAX or len(suggestion) > TEXT_MAX:
        raise ServiceError(
            _("Write at most %(max)s characters.") % {"max": f"{TEXT_MAX:,}"}, field="description"
        )
    cleaned = None
    if fields.photo is not None:
        cleaned = clean_photos([fields.photo], actor=actor, field="photo")[0]
    return _CheckedFinding(fields.latitude, fields.longitude, description, suggestion, cleaned)


def finding_add(*, actor: Actor, walk: SafetyWalk, fields: FindingFields) -> Finding:
    """Add a finding at a point in Sweden; a photo is re-encoded without EXIF or GPS data.

    A walk dated in the future takes no findings: nothing has been seen on it yet, and its
    findings could not be reported as incidents.
    """
    if walk.walked_on > timezone.localdate():
        raise ServiceError(_not_walked_yet(walk.walked_on))
    checked = _check_finding(actor, fields)
    cleaned = checked.photo
    description, suggestion = checked.description, checked.suggestion
    with transaction.atomic():
        last = walk.findings.aggregate(last=Max("position"))["last"]
        finding = Finding(
            walk=walk,
            position=0 if last is None else last + 1,
            latitude=checked.latitude,
            longitude=checked.longitude,
            kind=fields.kind,
            description=description,
            suggestion=suggestion,
        )
        if cleaned is not None:
            finding.photo.save(cleaned.filename, ContentFile(cleaned.data), save=False)
            finding.photo_type = cleaned.content_type
        finding.save()
        audit_create(actor=actor, instance=finding, council_id=walk.council_id)
    return finding


def finding_update(*, actor: Actor, finding: Finding, fields: FindingFields) -> Finding:
    """Change a finding: what is wrong, the texts, the point, and the photo.

    The photo stays unless a new one is given (re-encoded without EXIF or GPS data, like on
    adding) or `remove_photo`; the replaced file is deleted once the change is committed. A
    finding already taken up may be corrected too: the activity or incident keeps its own text.
    """
    checked = _check_finding(actor, fields)
    with transaction.atomic():
        finding = Finding.objects.select_for_update().select_related("walk").get(pk=finding.pk)
        before = snapshot(finding)
        old_photo = finding.photo.name if finding.photo else ""
        finding.latitude, finding.longitude = checked.latitude, checked.longitude
        finding.kind = fields.kind
        finding.description, finding.suggestion = checked.description, checked.suggestion
        if checked.photo is not None:
            finding.photo.save(checked.photo.filename, ContentFile(checked.photo.data), save=False)
            finding.photo_type = checked.photo.content_type
        elif fields.remove_photo:
            finding.photo = ""
            finding.photo_type = ""
        finding.save()
        audit_update(
            actor=actor, instance=finding, before=before, council_id=finding.walk.council_id
        )
        new_photo = finding.photo.name if finding.photo else ""
        if old_photo and old_photo != new_photo:
            transaction.on_commit(lambda: _delete_files([old_photo]))
    return finding


@transaction.atomic
def finding_delete(*, actor: Actor, finding: Finding) -> None:
    audit_delete(actor=actor, instance=finding, council_id=finding.walk.council_id)
    name = finding.photo.name if finding.photo else ""
    finding.delete()
    if name:
        transaction.on_commit(lambda: _delete_files([name]))


def _locked(finding: Finding, *, taken_up_as: str) -> Finding:
    """The finding, locked, unless already taken up this way ("activity" or "incident").

    A finding is taken up each way once: a broken lamp is reported as an incident to be
    mended and may still become a measure of the plan (lighting along the route).
    """
    locked = Finding.objects.select_for_update().select_related("walk").get(pk=finding.pk)
    if getattr(locked, f"{taken_up_as}_id") is not None:
        raise ServiceError(_("This finding has already been taken up."))
    return locked


def finding_text(finding: Finding) -> str:
    """The finding as the text of an activity or incident: in Swedish, as every record is."""
    with translation.override("sv"):
        return _finding_text(finding)


def _finding_text(finding: Finding) -> str:
    parts = [f"{finding.get_kind_display().capitalize()}: {finding.description}".rstrip(": ")]
    if finding.suggestion:
        parts.append(_("Suggestion: %(text)s") % {"text": finding.suggestion})
    return "\n".join(parts)


@transaction.atomic
def finding_to_activity(*, actor: Actor, finding: Finding, plan: Plan) -> Activity:
    """Add a plan activity from the finding and keep the link."""
    finding = _locked(finding, taken_up_as="activity")
    walk = finding.walk
    if plan.council_id != walk.council_id:
        raise ServiceError(_("Choose one of the council's plans."), field="plan")
    with translation.override("sv"):
        cause = _("Found on the safety walk of %(date)s in %(area)s.") % {
            "date": walk.walked_on.isoformat(),
            "area": walk.area_name,
        }
    activity = activity_create(
        actor=actor, plan=plan, fields=ActivityFields(text=finding_text(finding), cause=cause)
    )
    before = snapshot(finding)
    finding.activity = activity
    finding.save(update_fields=["activity", "updated_at"])
    audit_update(actor=actor, instance=finding, before=before, council_id=walk.council_id)
    return activity


@transaction.atomic
def finding_to_incident(*, actor: Actor, finding: Finding, category: Category) -> Incident:
    """Report an incident at the finding's point, when the walk set off, with its photo.

    A walk of today that sets off later than now (or at noon, without a start time) was seen
    now at the latest: an incident is never reported in the future.
    """
    finding = _locked(finding, taken_up_as="incident")
    walk = finding.walk
    photos = []
    if finding.photo:
        with finding.photo.open("rb") as stored:
            photos.append(
                SimpleUploadedFile(
                    finding.photo.name.rsplit("/", 1)[-1], stored.read(), finding.photo_type
                )
            )
    incident = incident_report(
        actor=actor,
        council=walk.council,
        where=Where(latitude=finding.latitude, longitude=finding.longitude),
        what=What(
            category=category,
            occurred_from=min(walk_starts(walk), timezone.now()),
            description=finding_text(finding),
        ),
        photos=photos,
    )
    before = snapshot(finding)
    finding.incident = incident
    finding.save(update_fields=["incident", "updated_at"])
    audit_update(actor=actor, instance=finding, before=before, council_id=walk.council_id)
    return incident
