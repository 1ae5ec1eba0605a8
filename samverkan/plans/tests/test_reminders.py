"""The coordinators are reminded 60 and 30 days before a cooperation agreement ends, once each,
and a missed day is caught up (`samverkan remind-agreements`)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from conftest import make_user
from samverkan.accounts.models import Role
from samverkan.core.models import MailSending
from samverkan.plans.models import Agreement, AgreementReminder
from samverkan.plans.services.agreements import (
    AgreementFields,
    agreement_create,
    agreement_reminders_send,
)

# The mails are queued (core/mail.py); here they leave as they are queued, to be read at once.
pytestmark = pytest.mark.usefixtures("mails_leave_at_once")

END = dt.date(2026, 12, 31)


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def agreement(council) -> Agreement:
    return agreement_create(
        actor=None,
        council=council,
        fields=AgreementFields(title="Samverkansöverenskommelse 3", valid_to=END),
    )


@pytest.fixture
def coordinators(council):
    with_email = make_user("samordnare", council, Role.COORDINATOR)
    with_email.email = "samordnare@koping.se"
    with_email.save()
    make_user("utan-epost", council, Role.COORDINATOR)  # no address: not e-mailed
    secretary = make_user("sekreterare", council, Role.SECRETARY)  # not a coordinator
    secretary.email = "sekreterare@koping.se"
    secretary.save()
    return [with_email]


def _days_before(days: int) -> dt.date:
    return END - dt.timedelta(days=days)


def test_nothing_is_sent_more_than_60_days_before(agreement, coordinators):
    report = agreement_reminders_send(today=_days_before(61))
    assert not report.sent
    assert mail.outbox == []


def test_the_coordinators_are_reminded_60_days_before(agreement, coordinators):
    # when
    with translation.override("en"):
        report = agreement_reminders_send(today=_days_before(60))
    # then
    assert [r.days_before for r in report.sent] == [60]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["samordnare@koping.se"]
    assert MailSending.objects.get().kind == "agreement-reminder"
    assert "Samverkansöverenskommelse 3" in message.subject
    assert "2026-12-31" in message.body


def test_each_reminder_is_sent_once(agreement, coordinators):
    # given
    agreement_reminders_send(today=_days_before(60))
    # when: the next days, run again and again
    for days in (60, 59, 45, 31):
        agreement_reminders_send(today=_days_before(days))
    # then
    assert len(mail.outbox) == 1
    assert AgreementReminder.objects.filter(agreement=agreement).count() == 1


def test_the_30_day_reminder_follows(agreement, coordinators):
    agreement_reminders_send(today=_days_before(60))
    agreement_reminders_send(today=_days_before(30))
    agreement_reminders_send(today=_days_before(10))
    assert sorted(agreement.reminders.values_list("days_before", flat=True)) == [30, 60]
    assert len(mail.outbox) == 2


def test_a_missed_day_is_caught_up_with_the_most_urgent_reminder_only(agreement, coordinators):
    # given: the job did not run for two months
    # when
    report = agreement_reminders_send(today=_days_before(25))
    # then: the 30-day reminder, not a late 60-day one as well
    assert [r.days_before for r in report.sent] == [30]
    assert len(mail.outbox) == 1
    agreement_reminders_send(today=_days_before(24))
    assert len(mail.outbox) == 1


def test_an_ended_agreement_gets_no_reminder(agreement, coordinators):
    assert not agreement_reminders_send(today=END + dt.timedelta(days=1)).sent
    assert mail.outbox == []


def test_without_a_coordinators_address_nothing_is_recorded(agreement, council):
    # given: no coordinator with an e-mail address
    make_user("utan-epost", council, Role.COORDINATOR)
    # when
    report = agreement_reminders_send(today=_days_before(30))
    # then: reported, and sent once someone can get it
    assert report.nobody == [agreement]
    assert not AgreementReminder.objects.exists()


def test_the_command_sends_due_reminders_once(agreement, coordinators):
    # given
    out = io.StringIO()
    today = _days_before(30).isoformat()
    # when
    call_command("remind_agreements", "--today", today, stdout=out)
    call_command("remind_agreements", "--today", today, stdout=out)
    # then
    assert len(mail.outbox) == 1
    assert "Samverkansöverenskommelse 3" in out.getvalue()
    assert "No reminders due" in out.getvalue()


def test_the_command_refuses_a_date_that_does_not_exist(agreement):
    with pytest.raises(CommandError, match="invalid date"):
        call_command("remind_agreements", "--today", "2026-02-30")
