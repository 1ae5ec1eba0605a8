from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")


class AuditEvent(models.Model):
    """One create, update or delete of a domain record. Append-only."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    model = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    council_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id", "-at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The trail is evidence: an event once written is never rewritten.
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit events are append-only.")


class Feedback(TimeStampedModel):
    """Feedback sent through the accessibility statement's form."""

    page_url = models.CharField(_("page"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    # Optional: only if the sender wants an answer.
    email = models.EmailField(_("e-mail (optional)"), blank=True)
    # Set in the operator's console (`feedback_mark_handled`): the statement promises an answer
    # within two working days.
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.message[:40]}"


class RateCount(models.Model):
    """Attempts counted in one scope for one key (`core.ratelimit`), until its window ends.

    A row of the database rather than a cache entry: a cache evicts entries when it is full,
    and a flood of other keys would then forget a lockout. The key is kept only as a hash.
    """

    scope = models.CharField(max_length=64)
    key_hash = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField(db_index=True)
    last_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash"], name="one_count_per_scope_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key_hash[:8]}: {self.count}"


class JobOutcome(models.TextChoices):
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class JobRun(models.Model):
    """One run of a scheduled job for one period (`core.schedule`).

    Inserting the row is the claim: the unique (job, period) lets one worker of any number run
    the period, on SQLite and PostgreSQL alike. The summary holds counts, never personal data.
    """

    job = models.CharField(_("job"), max_length=64)
    period_start = models.DateTimeField(_("period"))
    worker = models.CharField(_("worker"), max_length=128)
    started_at = models.DateTimeField(_("started"))
    duration = models.DurationField(_("duration"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=JobOutcome.choices, default=JobOutcome.RUNNING
    )
    summary = models.CharField(_("summary"), max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "period_start"], name="one_run_per_job_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.period_start:%Y-%m-%d %H:%M} {self.outcome}"


class WorkerHeartbeat(models.Model):
    """When a worker process (`samverkan worker`) last said it was alive; /healthz reads it."""

    worker = models.CharField(max_length=128, unique=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.worker} {self.seen_at:%Y-%m-%d %H:%M:%S}"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("could not be sent")


class MailAttachment(models.Model):
    """A file a queued mail carries (`core/mail.py`): stored once however many sendings carry it,
    and deleted once none of them waits any longer."""

    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.filename


class MailSending(models.Model):
    """One e-mail the platform sends (`core/mail.py`): queued in the transaction that caused it,
    delivered by a task of `samverkan worker`, retried when the mail server is away.

    The record of a sending stays (kind, recipient login, subject, when, outcome); the address
    and the text are blanked once the mail is sent or given up, so that no copy of a citizen's
    address or of a message outlives its delivery.
    """

    kind = models.CharField(_("kind"), max_length=40)
    # What the mail is about, so that a reminder is sent once ("minutes:12:person:7").
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.EmailField(_("address"), blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the hourly retry may try again (a task delivers at once; this catches what it missed).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The kind of the last failure (an exception's name), never the server's text.
    error = models.CharField(_("error"), max_length=100, blank=True)
    # Where answers go (the sender of a notice), blanked with the address.
    reply_to = models.EmailField(blank=True)
    attachments = models.ManyToManyField(MailAttachment, blank=True, related_name="sendings")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = _("e-mail sending")
        verbose_name_plural = _("e-mail sendings")

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M} {self.status}"


# The upload buffer lives with the rest of the import machinery (core/importing/); importing it
# here is what registers it with the app, as Django looks for models in models.py.
from samverkan.core.importing.models import PendingImport  # noqa: E402

__all__ = [
    "AuditAction",
    "AuditEvent",
    "Feedback",
    "JobOutcome",
    "JobRun",
    "MailAttachment",
    "MailSending",
    "MailStatus",
    "PendingImport",
    "RateCount",
    "TimeStampedModel",
    "WorkerHeartbeat",
]
