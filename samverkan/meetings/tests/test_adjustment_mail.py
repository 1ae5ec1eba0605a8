"""The adjusters are told when minutes wait for their approval, and reminded once after three
days; the mails go through the worker's queue (core/mail.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from samverkan.accounts.services import mail_choices_change
from samverkan.core.models import MailSending, MailStatus
from samverkan.demo.loader import seed_text
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.adjustment_mail import approvers_remind
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.services import person_create, person_link_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(council):
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    return meeting_in(council, meeting.pk)


@pytest.fixture
def adjuster(council):
    """Andreas Trygg, chosen adjuster in § 2 of the seed, with a login and an address."""
    from conftest import make_user

    user = make_user("andreas", council, "member")
    user.email = "andreas.trygg@koping.se"
    user.save()
    person = person_create(actor=None, council=council, name="Andreas Trygg")
    person_link_user(actor=None, person=person, user=user)
    user.refresh_from_db()
    return user


def _freeze(meeting, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)


def test_the_adjuster_is_told_when_the_minutes_wait_for_approval(
    meeting, users, adjuster, django_capture_on_commit_callbacks
):
    # when
    _freeze(meeting, users, django_capture_on_commit_callbacks)

    # then
    assert [m.to for m in mail.outbox] == [["andreas.trygg@koping.se"]]
    message = mail.outbox[0]
    assert "väntar på din justering" in message.subject
    assert "2018-05-24" in message.subject
    assert "http://127.0.0.1:8000/" in message.body
    assert "justerare" in message.body
    sending = MailSending.objects.get()
    assert sending.status == MailStatus.SENT
    assert sending.recipient == adjuster
    # the record keeps neither the address nor the text once sent
    assert sending.address == ""
    assert sending.body == ""


def test_an_adjuster_who_turned_the_mails_off_gets_none(
    meeting, users, adjuster, django_capture_on_commit_callbacks
):
    mail_choices_change(actor=adjuster, user=adjuster, minutes_approval=False, moderation="never")

    _freeze(meeting, users, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_an_adjuster_without_a_login_is_reached_at_the_address_the_council_keeps(
    meeting, users, council, django_capture_on_commit_callbacks
):
    person_create(actor=None, council=council, name="Andreas Trygg", email="andreas@example.se")

    _freeze(meeting, users, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [["andreas@example.se"]]


def test_a_freeze_rolled_back_sends_nothing(
    meeting, users, adjuster, django_capture_on_commit_callbacks
):
    # when: the freeze's transaction fails after the mail was queued
    def freeze_that_fails():
        with transaction.atomic():
            adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
            raise RuntimeError("the disk is full")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        freeze_that_fails()

    # then
    assert callbacks == []
    assert mail.outbox == []
    assert not MailSending.objects.exists()


def test_an_adjuster_who_has_not_approved_is_reminded_once_after_three_days(
    meeting, users, adjuster, django_capture_on_commit_callbacks
):
    # given: the minutes sent for approval, and the first mail read
    revision = _freeze(meeting, users, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    sent = revision.updated_at

    # when: two days later nothing; three days later a reminder; the day after nothing more
    with django_capture_on_commit_callbacks(execute=True):
        assert approvers_remind(now=sent + dt.timedelta(days=2)) == 0
        assert approvers_remind(now=sent + dt.timedelta(days=3, minutes=1)) == 1
        assert approvers_remind(now=sent + dt.timedelta(days=4)) == 0

    # then
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Påminnelse")
    assert mail.outbox[0].to == ["andreas.trygg@koping.se"]


def test_an_adjuster_who_approved_is_not_reminded(
    meeting, users, adjuster, django_capture_on_commit_callbacks
):
    revision = _freeze(meeting, users, django_capture_on_commit_callbacks)
    adjustment.minutes_approve(
        actor=adjuster, meeting=meeting, role="adjuster", content_hash=revision.content_hash
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        reminded = approvers_remind(now=timezone.now() + dt.timedelta(days=5))

    assert reminded == 0
    assert mail.outbox == []


def test_the_reminders_are_read_in_the_same_queries_however_many_minutes_wait(
    meeting, users, adjuster, council, django_capture_on_commit_callbacks, django_assert_num_queries
):
    # given: one set of minutes waiting for the adjuster, reminded already
    revision = _freeze(meeting, users, django_capture_on_commit_callbacks)
    later = revision.updated_at + dt.timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        assert approvers_remind(now=later) == 1
    mail.outbox.clear()

    # when: the daily job looks again, with nothing new to send
    # then: four reads (the waiting minutes, their approvals, the reminders sent before, the
    # people with their logins and mail choices), however many approvers wait
    with django_assert_num_queries(4):
        assert approvers_remind(now=later + dt.timedelta(days=1)) == 0
    assert mail.outbox == []
