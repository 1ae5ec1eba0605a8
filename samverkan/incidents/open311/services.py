"""Creating a report over Open311: it becomes a citizen's report waiting for moderation."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from samverkan.core.audit import audit_create
from samverkan.incidents.models import (
    Category,
    Incident,
    IncidentSource,
    Open311Key,
    Open311Request,
)
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations.models import Council


def open311_request_create(
    *,
    key: Open311Key,
    council: Council,
    category: Category,
    where: Where,
    description: str,
    contact_email: str,
    media_url: str = "",
) -> Incident:
    """Save the report like the citizens' form does (same checks), marked as sent by the app,
    with a token the app may trade for the id and the app's media URL (never fetched)."""
    with transaction.atomic():
        incident = incident_report(
            actor=None,
            council=council,
            where=where,
            what=What(category=category, occurred_from=timezone.now(), description=description),
            source=IncidentSource.CITIZEN,
            contact_email=contact_email,
        )
        link = Open311Request.objects.create(
            incident=incident, key=key, token=secrets.token_hex(16), media_url=media_url
        )
        audit_create(actor=None, instance=link, council_id=council.pk)
    return incident
