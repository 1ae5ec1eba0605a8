"""That a plan document was imported: the same text is never imported twice (the app's
models, re-exported by plans/models/__init__.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Council
from samverkan.plans.models import Agreement, Plan, PromiseSet


class DocumentKind(models.TextChoices):
    PROMISES = "promises", _("citizen promises")
    AGREEMENT = "agreement", _("cooperation agreement")
    PLAN = "plan", _("implementation plan")


class DocumentImport(TimeStampedModel):
    """That a plan document was imported: the same text is never imported twice."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(_("file"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    promise_set = models.ForeignKey(
        PromiseSet, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "sha256"], name="plan_document_imported_once"
            )
        ]

    def __str__(self) -> str:
        return self.filename
