"""Reporting, correcting, handling, merging and moderating incidents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.incidents import geo
from samverkan.incidents.models import (
    Category,
    Incident,
    IncidentSource,
    IncidentStatus,
    Photo,
    Place,
    TargetGroup,
)
from samverkan.incidents.photos import CleanPhoto, clean_photos
from samverkan.incidents.services.citizen_mail import (
    citizen_report_decided,
    citizen_report_received,
)
from samverkan.incidents.services.tallies import local_parts_fill, tallies_add, tallies_kept
from samverkan.organisations.models import Council, Organisation
from samverkan.webhooks.events import webhook_emit
from samverkan.webhooks.models import WebhookEvent

# A phone's clock may run a little ahead of the server's.
CLOCK_SLACK = dt.timedelta(minutes=10)
# Older events are typing mistakes (year 18 for 2018), and year 1 cannot even be stored in UTC.
EARLIEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Where:
    """Where it happened: a named place, a point, an address text, or several of them."""

    place: Place | None = None
    latitude: float | None = None
    longitude: float | None = None
    address: str = ""


@dataclass(frozen=True)
class What:
    """What happened, when, and what it cost."""

    category: Category
    occurred_from: dt.datetime
    occurred_to: dt.datetime | None = None
    cost: int | None = None
    description: str = ""
    # Who is affected (`TargetGroup`), or "" when not said.
    target_group: str = ""


def _check(council: Council, where: Where, what: What) -> None:
    if what.category.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's categories."), field="category")
    if where.place is not None and where.place.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's places."), field="place")
    geo.check_point(where.latitude, where.longitude)
    if what.target_group and what.target_group not in TargetGroup.values:
        raise ServiceError(_("Choose who is affected from the list."), field="target_group")
    if where.place is None and where.latitude is None and not where.address.strip():
        raise ServiceError(
            _("Say where it happened: choose a place, give a point or write an address."),
            field="place",
        )
    if what.cost is not None and what.cost < 0:
        raise ServiceError(_("The cost cannot be negative."), field="cost")
    if timezone.is_naive(what.occurred_from):
        raise ServiceError(_("Give the time with its time zone."), field="occurred_from")
    if what.occurred_from < EARLIEST or (what.occurred_to and what.occurred_to < EARLIEST):
        raise ServiceError(_("The time is too far back."), field="occurred_from")
    if what.occurred_from > timezone.now() + CLOCK_SLACK:
        raise ServiceError(_("The time is in the future."), field="occurred_from")
    if what.occurred_to is not None and what.occurred_to < what.occurred_from:
        raise ServiceError(
            _("The end of the span must not be before its start."), field="occurred_to"
        )


def _locate(council: Council, where: Where) -> tuple[Place | None, str]:
    """The place (given, or the polygon holding the point) and the map cell."""
    place = where.place
    if where.latitude is not None and where.longitude is not None:
        if place is None:
            place = geo.place_containing(
                Place.objects.filter(council=council), where.latitude, where.longitude
            )
        return place, geo.h3_cell(where.latitude, where.longitude)
    if place is not None:
        return place, geo.place_cell(place.geometry)
    return None, ""


def _store_photos(actor: Actor, incident: Incident, cleaned: list[CleanPhoto]) -> None:
    for item in cleaned:
        photo = Photo(
            incident=incident,
            content_type=item.content_type,
            size=len(item.data),
            width=item.width,
            height=item.height,
        )
        photo.image.save(item.filename, ContentFile(item.data), save=False)
        photo.save()
        audit_create(actor=actor, instance=photo, council_id=incident.council_id)


def incident_report(
    *,
    actor: Actor,
    council: Council,
    where: Where,
    what: What,
    organisation: Organisation | None = None,
    photos: Sequence[UploadedFile] = (),
    source: str = IncidentSource.PARTNER,
    contact_email: str = "",
) -> Incident:
    """Save a report with its photos. A citizen's report waits for moderation."""
    _check(council, where, what)
    if organisation is not None and organisation.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's organisations."), field="organisation")
    cleaned = clean_photos(photos, actor=actor)
    place, cell = _locate(council, where)
    reporter = actor if actor is not None and actor.is_authenticated else None
    with transaction.atomic():
        incident = Incident(
            council=council,
            category=what.category,
            place=place,
            latitude=where.latitude,
            longitude=where.longitude,
            address=where.address.strip(),
            h3_cell=cell,
            occurred_from=what.occurred_from,
            occurred_to=what.occurred_to,
            cost=what.cost,
            description=what.description.strip(),
            target_group=what.target_group,
            source=source,
            organisation=organisation,
            reported_by=None if source == IncidentSource.CITIZEN else reporter,
            contact_email=contact_email.strip(),
            status=IncidentStatus.PENDING
            if source == IncidentSource.CITIZEN
            else IncidentStatus.NEW,
        )
        local_parts_fill([incident])
        incident.save(force_insert=True)
        tallies_add([incident])
        audit_create(actor=actor, instance=incident, council_id=council.pk)
        _store_photos(actor, incident, cleaned)
        citizen_report_received(incident=incident)
        webhook_emit(
            council_id=council.pk,
            event=WebhookEvent.INCIDENT_REPORTED,
            object_id=incident.pk,
            page="incidents:incident_detail",
        )
    return incident


def incident_update(
    *,
    actor: Actor,
    incident: Incident,
    where: Where,
    what: What,
    organisation: Organisation | None,
) -> Incident:
    """Correct a report (a late invoice's cost, a better place). The photos stay as they are."""
    council = incident.council
    _check(council, where, what)
    if organisation is not None and organisation.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's organisations."), field="organisation")
    place, cell = _locate(council, where)
    with transaction.atomic(), tallies_kept([incident.pk]):
        before = snapshot(incident)
        incident.category = what.category
        incident.place = place
        incident.latitude, incident.longitude = where.latitude, where.longitude
        incident.address = where.address.strip()
        incident.h3_cell = cell
        incident.occurred_from, incident.occurred_to = what.occurred_from, what.occurred_to
        incident.cost = what.cost
        incident.description = what.description.strip()
        incident.target_group = what.target_group
        incident.organisation = organisation
        local_parts_fill([incident])
        incident.save()
        audit_update(actor=actor, instance=incident, before=before, council_id=council.pk)
    return incident


def _set_status(actor: Actor, incident: Incident, status: str) -> Incident:
    with transaction.atomic(), tallies_kept([incident.pk]):
        before = snapshot(incident)
        incident.status = status
        incident.save(update_fields=["status", "updated_at"])
        audit_update(actor=actor, instance=incident, before=before, council_id=incident.council_id)
    return incident


def incident_mark_handled(*, actor: Actor, incident: Incident) -> Incident:
    """Mark a partner's or imported report as handled; a citizen's is published or rejected."""
    if incident.status != IncidentStatus.NEW:
        raise ServiceError(_("Only a new report can be marked as handled."))
    with transaction.atomic():
        _set_status(actor, incident, IncidentStatus.HANDLED)
        webhook_emit(
            council_id=incident.council_id,
            event=WebhookEvent.INCIDENT_HANDLED,
            object_id=incident.pk,
            page="incidents:incident_detail",
        )
    return incident


def incident_moderate(*, actor: Actor, incident: Incident, publish: bool) -> Incident:
    """Publish or reject a citizen's report; a published one can still be withdrawn."""
    if incident.source != IncidentSource.CITIZEN:
        raise ServiceError(_("Only citizens' reports are moderated."))
    allowed = {IncidentStatus.PENDING, IncidentStatus.PUBLISHED, IncidentStatus.REJECTED}
    if incident.status not in allowed:
        raise ServiceError(_("This report cannot be moderated."))
    first_decision = incident.status == IncidentStatus.PENDING
    with transaction.atomic():
        incident = _set_status(
            actor, incident, IncidentStatus.PUBLISHED if publish else IncidentStatus.REJECTED
        )
        if first_decision:
            citizen_report_decided(incident=incident)
    return incident


def incident_merge(*, actor: Actor, incident: Incident, into: Incident) -> Incident:
    """Merge a duplicate into another report: it leaves the figures but keeps its link."""
    if into.council_id != incident.council_id:
        raise ServiceError(_("Choose a report of the same council."), field="into")
    if into.pk == incident.pk:
        raise ServiceError(_("A report cannot be merged into itself."), field="into")
    if incident.merged_into_id is not None:
        raise ServiceError(_("This report is already merged."), field="into")
    if into.merged_into_id is not None:
        raise ServiceError(
            _("That report is itself merged; merge into the one it was merged into."),
            field="into",
        )
    # Its duplicates are merged already and out of the tallies; only it leaves them here.
    with transaction.atomic(), tallies_kept([incident.pk]):
        # Duplicates of this one follow it, so that no chain of merges forms.
        for duplicate in Incident.objects.select_for_update().filter(merged_into=incident):
            before = snapshot(duplicate)
            duplicate.merged_into = into
            duplicate.save(update_fields=["merged_into", "updated_at"])
            audit_update(
                actor=actor, instance=duplicate, before=before, council_id=incident.council_id
            )
        before = snapshot(incident)
        incident.merged_into = into
        incident.save(update_fields=["merged_into", "updated_at"])
        audit_update(actor=actor, instance=incident, before=before, council_id=incident.council_id)
    return incident
