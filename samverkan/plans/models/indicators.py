"""A measure's indicators: how its effect is measured, with a baseline, a target and the
outcomes per tertial or year (the åtgärdsplan's follow-up, docs/design/action-plan.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.plans.models import Activity


class Indicator(TimeStampedModel):
    """How a measure's effect is measured: a baseline, a target, and outcomes per period."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="indicators"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveIntegerField(_("baseline year"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveIntegerField(_("target year"), null=True, blank=True)

    class Meta:
        ordering = ["activity", "position", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class OutcomePeriod(models.TextChoices):
    """A tertial (four months) or the whole year."""

    T1 = "t1", _("T1 (January–April)")
    T2 = "t2", _("T2 (May–August)")
    T3 = "t3", _("T3 (September–December)")
    YEAR = "year", _("whole year")


class IndicatorOutcome(models.Model):
    """An indicator's outcome for a tertial or a year. Never changed: a correction is a new
    row, and the latest row of a period is its outcome, so every change is kept."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="outcomes")
    year = models.PositiveIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=4, choices=OutcomePeriod.choices)
    value = models.DecimalField(_("outcome"), max_digits=14, decimal_places=2)
    note = models.TextField(_("note"), blank=True, max_length=4000)
    # Internal notes are for the council only: never in a public page or a publication copy.
    internal = models.BooleanField(_("internal note"), default=False)
    at = models.DateTimeField(_("when"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["indicator", "year", "period", "-at", "-id"]
        verbose_name = _("indicator outcome")
        verbose_name_plural = _("indicator outcomes")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} {self.period}: {self.value}"
