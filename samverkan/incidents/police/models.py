"""The police's published events of the council's municipality, and the council's feed setting."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel
from samverkan.organisations.models import Council


class PoliceFeed(TimeStampedModel):
    """Whether the council fetches the feed on a schedule, and for which location names."""

    council = models.OneToOneField(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    enabled = models.BooleanField(_("fetch the police's events on a schedule"), default=False)
    # Comma-separated names as the feed writes them ("Köping"); empty: from the municipality.
    location_names = models.CharField(_("location names in the feed"), max_length=300, blank=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_result = models.CharField(_("result of the last fetch"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("police events feed")
        verbose_name_plural = _("police events feeds")

    def __str__(self) -> str:
        return str(_("Police events feed"))


class PoliceEvent(TimeStampedModel):
    """One notice of the police's events feed: public data about an event in the municipality.

    Its point is the municipality's centre in the feed, so none is kept: the events count for
    the municipality and never appear on the map.
    """

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="+"
    )
    event_id = models.BigIntegerField(_("the police's id"))
    occurred_at = models.DateTimeField(_("happened"))
    # False when the notice gave the day but not the time of day (then occurred_at is midnight).
    time_known = models.BooleanField(_("time of day known"), default=True)
    published_at = models.DateTimeField(_("published"))
    type = models.CharField(_("type"), max_length=100)
    name = models.CharField(_("heading"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("address at the police"), max_length=500, blank=True)
    location_name = models.CharField(_("location"), max_length=100, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-event_id"]
        verbose_name = _("police event")
        verbose_name_plural = _("police events")
        indexes = [models.Index(fields=["council", "occurred_at"], name="police_event_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "event_id"],
                name="police_event_unique_id",
                violation_error_message=_("The council already has this police event."),
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.type} {self.occurred_at:%Y-%m-%d}"

    @property
    def link(self) -> str:
        """The notice's page at the police (the feed's address was absolute once, relative now)."""
        if self.url.startswith(("https://", "http://")):
            return self.url
        return f"https://polisen.se{self.url}" if self.url.startswith("/") else ""
