"""Citizens' e-mail addresses on reports are blanked after INCIDENT_CONTACT_RETENTION_DAYS,
audited per council with the count, never the addresses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from samverkan.core.models import AuditEvent
from samverkan.incidents.models import Incident, IncidentSource
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.services.retention import contact_emails_purge

pytestmark = pytest.mark.django_db


def _citizen_report(council, category, email, *, made_days_ago):
    incident = incident_report(
        actor=None,
        council=council,
        where=Where(address="Torget"),
        what=What(category=category, occurred_from=timezone.now() - dt.timedelta(days=1)),
        source=IncidentSource.CITIZEN,
        contact_email=email,
    )
    made = timezone.now() - dt.timedelta(days=made_days_ago)
    Incident.objects.filter(pk=incident.pk).update(created_at=made)
    return incident


def test_old_addresses_are_blanked_and_new_ones_kept(council, categories, settings):
    settings.INCIDENT_CONTACT_RETENTION_DAYS = 730
    old = _citizen_report(council, categories["graffiti"], "anna@example.se", made_days_ago=800)
    new = _citizen_report(council, categories["graffiti"], "bo@example.se", made_days_ago=10)
    report = contact_emails_purge()
    assert report.total == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.contact_email, new.contact_email) == ("", "bo@example.se")
    assert Incident.objects.filter(pk=old.pk).exists()  # the report stays
    event = AuditEvent.objects.filter(
        model="organisations.Council", object_id=str(council.pk)
    ).latest("pk")
    assert event.changes == {"contact_emails_blanked": [None, 1]}
    # the audit trail never held the address: only that one was given
    trail = str(list(AuditEvent.objects.values_list("changes", flat=True)))
    assert "anna@example.se" not in trail
    created = AuditEvent.objects.get(model="incidents.Incident", object_id=str(old.pk))
    assert created.changes["contact_email"] == [None, "•••"]


def test_a_dry_run_changes_nothing_and_zero_keeps_everything(council, categories, settings):
    settings.INCIDENT_CONTACT_RETENTION_DAYS = 730
    old = _citizen_report(council, categories["graffiti"], "anna@example.se", made_days_ago=800)
    assert contact_emails_purge(dry_run=True).total == 1
    old.refresh_from_db()
    assert old.contact_email == "anna@example.se"
    settings.INCIDENT_CONTACT_RETENTION_DAYS = 0
    assert contact_emails_purge().cutoff is None
    old.refresh_from_db()
    assert old.contact_email == "anna@example.se"


def test_the_command(council, categories, settings, capsys):
    settings.INCIDENT_CONTACT_RETENTION_DAYS = 730
    _citizen_report(council, categories["graffiti"], "anna@example.se", made_days_ago=800)
    call_command("purge_contact_emails", "--today", timezone.localdate().isoformat())
    assert f"{council.slug}: 1" in capsys.readouterr().out
    assert not Incident.objects.exclude(contact_email="").exists()
    with pytest.raises(CommandError):
        call_command("purge_contact_emails", "--today", "igår")
