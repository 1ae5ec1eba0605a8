"""The upload buffer: a file kept between its upload and the confirmed preview."""

from __future__ import annotations

from django.conf import settings
from django.db import models

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
