"""Every e-mail the platform sends goes through here: queued with a record in the transaction that
caused it, delivered by a task of `samverkan worker` once that transaction commits, retried when
the mail server is away, and given up after `MAIL_ATTEMPTS` tries.

A request never waits for a mail server, and a rolled-back change sends nothing. The record
(`MailSending`) keeps the kind, the recipient's login, the subject, when and the outcome; the
address, the text and the attached files are dropped once the mail is sent or given up. Log lines
name the sending's number and the kind of failure, never an address.

Nothing else in the platform talks to a mail server: `core/tests/test_mail_only_here.py` fails
on any other module that sends (`send_mail`, `EmailMessage`, `mail_admins`, a connection …).
Files travel with a mail as `MailAttachment`s (`mail_attachment_create`), stored once however
many sendings carry them, up to `MAIL_ATTACHMENTS_MAX_BYTES` per mail; a finished sending lets
go of them and the hourly job deletes the files no sending holds.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core.errors import ServiceError
from samverkan.core.models import MailAttachment, MailSending, MailStatus

logger = logging.getLogger(__name__)

# Tries before a sending is given up, and the wait before each try again.
MAIL_ATTEMPTS = 5
RETRY_AFTER = (
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=8),
)
# A sending still waiting this long after its time was missed by its task (a worker that died
# mid-way, a lost queue entry): the hourly job delivers it.
OVERDUE = dt.timedelta(minutes=10)


def mail_attachment_create(*, filename: str, content: bytes, content_type: str) -> MailAttachment:
    """Keep a file for the mails about to be queued (give it to `mail_queue`; one file may go
    with many sendings)."""
    return MailAttachment.objects.create(
        filename=filename[:255],
        content_type=content_type[:100] or "application/octet-stream",
        data=content,
        size=len(content),
    )


def mail_queue(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    recipient: User | None = None,
    reference: str = "",
    reply_to: str = "",
    attachments: Sequence[MailAttachment] = (),
) -> MailSending | None:
    """Record a mail to `to` and deliver it once the surrounding transaction commits. Nothing
    is queued for an empty address. Attachments over `MAIL_ATTACHMENTS_MAX_BYTES` together are
    refused (the caller links what does not fit)."""
    address = to.strip()
    if not address:
        return None
    if sum(attachment.size for attachment in attachments) > settings.MAIL_ATTACHMENTS_MAX_BYTES:
        raise ServiceError(_("The attachments are too large for one e-mail."))
    sending = MailSending.objects.create(
        kind=kind,
        reference=reference[:100],
        recipient=recipient,
        address=address,
        reply_to=reply_to.strip(),
        subject=subject[:200],
        body=body,
        next_attempt_at=timezone.now(),
    )
    if attachments:
        sending.attachments.add(*attachments)
    pk = sending.pk
    _after_commit(lambda: _enqueue(pk))
    return sending


def _after_commit(enqueue: Callable[[], None]) -> None:
    transaction.on_commit(enqueue, robust=True)


def _enqueue(pk: int, run_after: dt.datetime | None = None) -> None:
    if run_after is None:
        deliver_mail.enqueue(pk)
    else:
        deliver_mail.using(run_after=run_after).enqueue(pk)


@task()
def deliver_mail(sending_id: int) -> str:
    """The worker's task: deliver one sending (a retry enqueues itself again)."""
    return mail_deliver(sending_id)


def mail_deliver(sending_id: int) -> str:
    """Send one queued mail. Answers its status afterwards; a sending another worker holds or
    has delivered is left alone."""
    claimed = MailSending.objects.filter(pk=sending_id, status=MailStatus.QUEUED).update(
        status=MailStatus.SENDING
    )
    if not claimed:
        return "skipped"
    sending = MailSending.objects.get(pk=sending_id)
    now = timezone.now()
    try:
        message = EmailMessage(
            subject=sending.subject,
            body=sending.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[sending.address],
            reply_to=[sending.reply_to] if sending.reply_to else None,
        )
        for attachment in sending.attachments.all():
            message.attach(attachment.filename, bytes(attachment.data), attachment.content_type)
        message.send()
    except Exception as exc:  # a mail server's every failure is a reason to try later
        sending.attempts += 1
        sending.error = type(exc).__name__[:100]
        if sending.attempts >= MAIL_ATTEMPTS:
            sending.status = MailStatus.FAILED
            sending.address = ""
            sending.reply_to = ""
            sending.body = ""
            sending.next_attempt_at = None
            _drop_attachments(sending)
        else:
            sending.status = MailStatus.QUEUED
            sending.next_attempt_at = now + RETRY_AFTER[sending.attempts - 1]
        sending.save()
        logger.warning(
            "Mail %s (%s) not sent, attempt %d: %s",
            sending.pk,
            sending.kind,
            sending.attempts,
            sending.error,
        )
        if sending.status == MailStatus.QUEUED and sending.next_attempt_at is not None:
            _enqueue(sending.pk, run_after=sending.next_attempt_at)
        return str(sending.status)
    sending.attempts += 1
    sending.status = MailStatus.SENT
    sending.sent_at = now
    sending.address = ""
    sending.reply_to = ""
    sending.body = ""
    sending.error = ""
    sending.next_attempt_at = None
    sending.save()
    _drop_attachments(sending)
    return str(sending.status)


def _drop_attachments(sending: MailSending) -> None:
    """Let go of a finished sending's files (the hourly job deletes those no sending holds)."""
    sending.attachments.clear()


def mail_attachments_purge(*, now: dt.datetime) -> int:
    """Delete the files no waiting sending carries any longer (the hourly job; a file younger
    than an hour may be about to be given to its mails). Answers how many went."""
    loose = MailAttachment.objects.filter(sendings=None, created_at__lt=now - dt.timedelta(hours=1))
    return loose.delete()[0]


def mail_deliver_overdue(*, now: dt.datetime) -> int:
    """Deliver the sendings whose task never came (the hourly job); a sending stuck half-sent
    for an hour is tried again. Answers how many were tried."""
    stuck = now - dt.timedelta(hours=1)
    MailSending.objects.filter(status=MailStatus.SENDING, next_attempt_at__lt=stuck).update(
        status=MailStatus.QUEUED
    )
    due = MailSending.objects.filter(
        status=MailStatus.QUEUED, next_attempt_at__lte=now - OVERDUE
    ).values_list("pk", flat=True)
    tried = 0
    for pk in list(due[:1000]):
        mail_deliver(pk)
        tried += 1
    return tried


def mail_sent_before(reference: str) -> bool:
    """Whether a mail about `reference` was queued already (a reminder goes once)."""
    return MailSending.objects.filter(reference=reference[:100]).exists()


def mail_references_sent(references: list[str]) -> set[str]:
    """Which of `references` a mail was queued about already, in one query (for daily jobs
    that look at many at once)."""
    wanted = {reference[:100] for reference in references}
    if not wanted:
        return set()
    return set(MailSending.objects.filter(reference__in=wanted).values_list("reference", flat=True))


@dataclass(frozen=True)
class MailSummary:
    queued: int
    sent: int
    failed: int


def mail_summary(*, since: dt.datetime) -> MailSummary:
    """The sendings queued since `since`, by outcome, for the operator's page (one query)."""
    counts = dict(
        MailSending.objects.filter(created_at__gte=since)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return MailSummary(
        queued=counts.get(MailStatus.QUEUED, 0) + counts.get(MailStatus.SENDING, 0),
        sent=counts.get(MailStatus.SENT, 0),
        failed=counts.get(MailStatus.FAILED, 0),
    )


def mail_failures() -> QuerySet[MailSending]:
    """The sendings given up, newest first (the operator's page shows the latest)."""
    return MailSending.objects.filter(status=MailStatus.FAILED).order_by("-created_at", "-id")


def site_link(path: str) -> str:
    """An address on this site for a mail (`SITE_URL` and the path)."""
    return settings.SITE_URL + path
