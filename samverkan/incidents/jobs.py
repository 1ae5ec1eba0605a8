"""The incidents' scheduled jobs (`core.schedule`): the hourly police feed, the daily purge
of citizens' e-mail addresses, and the daily summary of reports waiting for moderation."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.core.errors import ServiceError
from samverkan.core.schedule import Every, scheduled
from samverkan.incidents.police.services import police_events_fetch_enabled
from samverkan.incidents.services.citizen_mail import moderation_digest
from samverkan.incidents.services.retention import contact_emails_purge


@scheduled("fetch-police-events", every=Every.HOUR)
def fetch_police_events(now: dt.datetime) -> str:
    fetches = police_events_fetch_enabled(now=now)
    failed = sum(fetch.failed for fetch in fetches)
    if failed:
        # Each council's reason is kept on its feed, shown to its coordinator.
        raise ServiceError(f"{failed} of {len(fetches)} councils failed")
    return f"{len(fetches)} councils fetched"


@scheduled("purge-contact-emails", every=Every.DAY)
def purge_contact_emails(now: dt.datetime) -> str:
    report = contact_emails_purge(today=timezone.localdate(now))
    if report.cutoff is None:
        return "kept without limit"
    return f"{report.total} addresses blanked"


@scheduled("moderation-digest", every=Every.DAY)
def send_moderation_digest(now: dt.datetime) -> str:
    return f"{moderation_digest(now=now)} summaries queued"
