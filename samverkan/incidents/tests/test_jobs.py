"""The incidents' scheduled jobs do their work when the worker runs them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from samverkan.core.models import JobOutcome, JobRun
from samverkan.core.schedule import schedule_run_due
from samverkan.incidents.models import Incident, IncidentSource
from samverkan.incidents.police.models import PoliceFeed
from samverkan.incidents.services.incidents import What, Where, incident_report

pytestmark = pytest.mark.django_db


def test_the_daily_purge_blanks_old_addresses(council, categories, settings):
    # given a citizen's report made three years ago, with an address
    settings.INCIDENT_CONTACT_RETENTION_DAYS = 730
    incident = incident_report(
        actor=None,
        council=council,
        where=Where(address="Torget"),
        what=What(
            category=categories["graffiti"], occurred_from=timezone.now() - dt.timedelta(days=1)
        ),
        source=IncidentSource.CITIZEN,
        contact_email="anna@example.se",
    )
    Incident.objects.filter(pk=incident.pk).update(
        created_at=timezone.now() - dt.timedelta(days=3 * 365)
    )

    schedule_run_due(worker="w:1", now=timezone.now())

    incident.refresh_from_db()
    assert incident.contact_email == ""
    run = JobRun.objects.get(job="purge-contact-emails")
    assert (run.outcome, run.summary) == (JobOutcome.SUCCEEDED, "1 addresses blanked")


def test_the_hourly_police_feed_records_a_failing_council(council, monkeypatch):
    # given a council whose feed is on while the police's site is unreachable
    PoliceFeed.objects.update_or_create(council=council, defaults={"enabled": True})

    def unreachable(url):
        from samverkan.core.errors import ServiceError

        raise ServiceError("unreachable")

    monkeypatch.setattr("samverkan.incidents.police.services.download", unreachable)

    schedule_run_due(worker="w:1", now=timezone.now())

    run = JobRun.objects.get(job="fetch-police-events")
    assert (run.outcome, run.summary) == (JobOutcome.FAILED, "1 of 1 councils failed")
    feed = PoliceFeed.objects.get(council=council)
    assert "unreachable" in feed.last_result
