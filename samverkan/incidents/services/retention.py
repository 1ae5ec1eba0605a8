"""Retention of the personal data in incident reports: a citizen's e-mail address for feedback
is blanked INCIDENT_CONTACT_RETENTION_DAYS after the report was made (two years by default);
the report itself, which describes an event and a place, stays. One audit event per council
records how many addresses were blanked, never the addresses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samverkan.core.audit import audit_change
from samverkan.incidents.models import Incident
from samverkan.organisations.models import Council


@dataclass
class ContactPurge:
    cutoff: dt.datetime | None  # None: kept without limit (the setting is 0)
    councils: list[tuple[Council, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(count for _council, count in self.councils)


def contact_emails_purge(*, today: dt.date | None = None, dry_run: bool = False) -> ContactPurge:
    """Blank the e-mail addresses of reports made before the cutoff, per council."""
    days = settings.INCIDENT_CONTACT_RETENTION_DAYS
    if not days:
        return ContactPurge(cutoff=None)
    day = today or timezone.localdate()
    cutoff = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=days), dt.time.min))
    old = Incident.objects.filter(created_at__lt=cutoff).exclude(contact_email="")
    report = ContactPurge(cutoff=cutoff)
    for council in Council.objects.filter(pk__in=old.values("council_id")).order_by("slug"):
        with transaction.atomic():
            count = old.filter(council=council).count()
            if not dry_run:
                old.filter(council=council).update(contact_email="")
                audit_change(
                    actor=None,
                    instance=council,
                    changes={"contact_emails_blanked": [None, count]},
                    council_id=council.pk,
                )
        report.councils.append((council, count))
    return report
