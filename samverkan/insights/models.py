"""What the situational and problem picture store: only the coordinator's analysis of a year;
every figure is computed from the areas below."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Council


class ProblemPicture(TimeStampedModel):
    """The coordinator's analysis beside a year's figures; the figures themselves are computed."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"))
    analysis = models.TextField(_("analysis"), blank=True, max_length=20000)

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("problem picture")
        verbose_name_plural = _("problem pictures")
        # Made in dialogue; moved here without re-creating the table.
        db_table = "dialogue_problempicture"
        constraints = [
            models.UniqueConstraint(
                fields=["council", "year"], name="problem_picture_one_per_council_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}"
