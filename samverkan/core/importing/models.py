"""The upload buffer (a file kept between its upload and the confirmed preview) and the imports
the worker runs (`ImportJob`: their progress and outcome)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from samverkan.core.models import TimeStampedModel


class PendingImport(TimeStampedModel):
    """An uploaded file waiting for the user to confirm its preview. Deleted when imported."""

    # A model name in a string: core stands below the app that holds councils.
    council = models.ForeignKey("organisations.Council", on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        app_label = "core"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class ImportState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("an import", "waiting for the worker")
    RUNNING = "running", pgettext_lazy("an import", "running")
    DONE = "done", pgettext_lazy("an import", "done")
    FAILED = "failed", pgettext_lazy("an import", "failed")
    CANCELLED = "cancelled", pgettext_lazy("an import", "cancelled")


class ImportJob(TimeStampedModel):
    """One import (or check of one) run by `samverkan worker`: its progress for the page that
    waits on it, then its outcome. The work itself is all-or-nothing; this row is not."""

    council = models.ForeignKey("organisations.Council", on_delete=models.CASCADE, related_name="+")
    # What is imported ("incidents", "statistics", …) and which step ("check" or "import").
    kind = models.CharField(max_length=30)
    step = models.CharField(max_length=20, default="import")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pending = models.ForeignKey(
        PendingImport, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    # The page this job's progress and outcome are shown on.
    page = models.CharField(max_length=300)
    state = models.CharField(max_length=20, choices=ImportState.choices, default=ImportState.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True)
    message = models.CharField(max_length=300, blank=True)
    cancel_requested = models.BooleanField(default=False)
    can_cancel = models.BooleanField(default=True)  # false once it saves: too late to stop
    started_at = models.DateTimeField(null=True)
    phase_started_at = models.DateTimeField(null=True)  # of the part now running, for the estimate
    finished_at = models.DateTimeField(null=True)
    # What the user chose (columns, sheet, …) and what came out (counts, problems).
    params = models.JSONField(default=dict)
    result = models.JSONField(default=dict)
    # The worker process running it (host:pid, as its heartbeat names it), so that a job whose
    # worker died is found (`import_jobs_orphans_handle`).
    worker = models.CharField(max_length=128, blank=True)
    # The task that runs it, named when running it again is safe (a step that only reads): a
    # job whose worker died is then taken up again instead of failed.
    resume_with = models.CharField(max_length=200, blank=True)
    # The file a document job made (a period report, a follow-up), for its download: only the
    # user who started it fetches it, and the daily purge clears it after `OUTPUT_LIFETIME`.
    output = models.BinaryField(null=True, editable=False)
    output_name = models.CharField(max_length=255, blank=True)
    output_type = models.CharField(max_length=100, blank=True)

    class Meta:
        app_label = "core"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["council", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"

    @property
    def finished(self) -> bool:
        return self.state in (ImportState.DONE, ImportState.FAILED, ImportState.CANCELLED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    @property
    def seconds_left(self) -> int | None:
        """About how long the running part has left, from its pace so far."""
        if self.finished or not self.total or not self.done or self.phase_started_at is None:
            return None
        spent = (timezone.now() - self.phase_started_at) / dt.timedelta(seconds=1)
        return max(1, round(spent * (self.total - self.done) / self.done))
