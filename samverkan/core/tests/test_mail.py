"""Every mail goes through the worker's queue (core/mail.py): sent once its transaction commits,
tried again while the mail server is away, given up after five tries, shown to the operator."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samverkan.core.errors import ServiceError
from samverkan.core.mail import (
    MAIL_ATTEMPTS,
    mail_attachment_create,
    mail_attachments_purge,
    mail_deliver,
    mail_deliver_overdue,
    mail_queue,
)
from samverkan.core.models import MailAttachment, MailSending, MailStatus

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


class BrokenServer(BaseEmailBackend):
    """A mail server that does not answer."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("smtp.kommun.se:587 refused anna@example.se")


def _queue(**kwargs):
    values = {"kind": "test", "to": "anna@example.se", "subject": "Hej", "body": "Text"}
    return mail_queue(**{**values, **kwargs})


# The worker closes stale connections between rounds, as outside a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_a_queued_mail_waits_for_the_worker_and_is_sent_by_it(settings):
    # given: the real queue in the database
    settings.TASKS = DATABASE_QUEUE

    # when: a mail is queued in a transaction
    with transaction.atomic():
        sending = _queue()

    # then: nothing is sent until the worker runs
    assert mail.outbox == []
    assert MailSending.objects.get().status == MailStatus.QUEUED

    call_command("worker", "--once", verbosity=0)

    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    assert mail.outbox[0].subject == "Hej"
    assert mail.outbox[0].from_email == settings.DEFAULT_FROM_EMAIL
    sending.refresh_from_db()
    assert sending.status == MailStatus.SENT
    assert sending.sent_at is not None
    assert (sending.address, sending.body) == ("", "")


@pytest.mark.django_db
def test_a_mail_queued_in_a_transaction_rolled_back_is_never_sent(
    django_capture_on_commit_callbacks,
):
    def change_that_fails():
        with transaction.atomic():
            _queue()
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        change_that_fails()

    assert callbacks == []
    assert mail.outbox == []
    assert not MailSending.objects.exists()


@pytest.mark.django_db
def test_no_mail_is_queued_for_an_empty_address():
    assert _queue(to="  ") is None
    assert not MailSending.objects.exists()


@pytest.mark.django_db
def test_a_mail_server_that_is_away_is_tried_again_and_given_up_after_five_tries(settings, caplog):
    # given: a server that refuses, and a mail queued
    settings.EMAIL_BACKEND = f"{__name__}.BrokenServer"
    settings.TASKS = DATABASE_QUEUE
    sending = _queue()
    caplog.set_level(logging.WARNING, logger="samverkan.core.mail")

    # when: the first try fails
    assert mail_deliver(sending.pk) == MailStatus.QUEUED

    # then: it waits to be tried again, with the kind of failure kept
    sending.refresh_from_db()
    assert sending.attempts == 1
    assert sending.error == "ConnectionRefusedError"
    assert sending.next_attempt_at > timezone.now()
    assert sending.address == "anna@example.se"

    # when: every try fails
    for _ in range(MAIL_ATTEMPTS - 1):
        mail_deliver(sending.pk)

    # then: given up, and the address and text forgotten
    sending.refresh_from_db()
    assert sending.status == MailStatus.FAILED
    assert sending.attempts == MAIL_ATTEMPTS
    assert (sending.address, sending.body) == ("", "")
    # the log names the sending and the kind of failure, never the address or the server's text
    assert "anna@example.se" not in caplog.text
    assert "ConnectionRefusedError" in caplog.text


@pytest.mark.django_db
def test_a_sending_already_sent_is_not_sent_twice():
    sending = _queue()
    assert mail_deliver(sending.pk) == MailStatus.SENT

    assert mail_deliver(sending.pk) == "skipped"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_hourly_job_sends_a_mail_whose_task_never_came(settings):
    # given: a mail queued long ago, its task lost with the database queue's worker
    settings.TASKS = DATABASE_QUEUE
    sending = _queue()
    now = timezone.now() + dt.timedelta(minutes=30)

    # when
    tried = mail_deliver_overdue(now=now)

    # then
    assert tried == 1
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    sending.refresh_from_db()
    assert sending.status == MailStatus.SENT


@pytest.mark.django_db
def test_the_hourly_job_leaves_a_fresh_mail_to_its_task(settings):
    settings.TASKS = DATABASE_QUEUE
    _queue()

    assert mail_deliver_overdue(now=timezone.now()) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_operator_sees_the_weeks_mails_and_those_given_up(client, users, settings):
    # given: one mail sent, one given up
    mail_deliver(_queue(kind="invitation", subject="Inbjudan till Samverkan").pk)
    settings.EMAIL_BACKEND = f"{__name__}.BrokenServer"
    settings.TASKS = DATABASE_QUEUE
    failing = _queue(kind="minutes_approval", subject="Protokollet väntar på din justering")
    for _ in range(MAIL_ATTEMPTS):
        mail_deliver(failing.pk)
    client.force_login(users["site_admin"])

    # when
    page = client.get(reverse("core:operations")).content.decode()

    # then
    assert "De senaste sju dagarna: 1 skickade, 0 väntar, 1 gick inte fram." in page
    assert "Protokollet väntar på din justering" in page
    assert "ConnectionRefusedError" in page
    assert "anna@example.se" not in page


# Attachments -------------------------------------------------------------------------------


def test_a_queued_mail_carries_its_files_and_lets_go_of_them_once_sent(db):
    # given: one file for two mails (as a notice's PDF goes to every member)
    pdf = mail_attachment_create(filename="kallelse.pdf", content=b"%PDF-1.7", content_type="")
    first = _queue(to="anna@example.se", attachments=[pdf], reply_to="sekreterare@koping.se")
    second = _queue(to="bo@example.se", attachments=[pdf])

    # when
    mail_deliver(first.pk)

    # then: the mail has the file and the reply address; the other mail still holds the file
    [message] = mail.outbox
    assert message.attachments[0][:2] == ("kallelse.pdf", b"%PDF-1.7")
    assert message.reply_to == ["sekreterare@koping.se"]
    first.refresh_from_db()
    assert (first.reply_to, list(first.attachments.all())) == ("", [])
    later = timezone.now() + dt.timedelta(hours=2)
    assert mail_attachments_purge(now=later) == 0

    mail_deliver(second.pk)
    assert mail.outbox[1].attachments[0][1] == b"%PDF-1.7"
    # an hour on, the hourly job deletes the file nobody holds
    assert mail_attachments_purge(now=timezone.now()) == 0
    assert mail_attachments_purge(now=later) == 1
    assert not MailAttachment.objects.exists()


def test_files_too_large_for_one_mail_are_refused_and_nothing_is_queued(db, settings):
    settings.MAIL_ATTACHMENTS_MAX_BYTES = 10
    big = mail_attachment_create(filename="bilaga.pdf", content=b"x" * 11, content_type="")

    with pytest.raises(ServiceError):
        _queue(attachments=[big])

    assert not MailSending.objects.exists()


def test_allauths_mails_go_through_the_queue(client, users, mails_leave_at_once):
    users["coordinator"].email = "samordnare@koping.se"
    users["coordinator"].save()

    client.post(reverse("account_reset_password"), {"email": "samordnare@koping.se"})

    sending = MailSending.objects.get()
    assert sending.kind == "account-password_reset_key"
    assert sending.recipient == users["coordinator"]
    assert sending.status == MailStatus.SENT
    assert mail.outbox[0].to == ["samordnare@koping.se"]
