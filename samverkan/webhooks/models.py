"""A council's webhooks (an address its other systems listen at, the events it wants, the secret
that signs them) and each delivery of an event to one of them, kept as its log."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import TimeStampedModel


class WebhookEvent(models.TextChoices):
    MINUTES_ADJUSTED = "minutes.adjusted", _("Minutes adjusted")
    ACTIVITY_STATUS_CHANGED = "activity.status_changed", _("Activity status changed")
    INCIDENT_REPORTED = "incident.reported", _("Incident reported")
    INCIDENT_HANDLED = "incident.handled", _("Incident handled")


# The event of "send a test event": sent to one webhook on request, never chosen.
PING = "ping"


class Webhook(TimeStampedModel):
    council = models.ForeignKey(
        "organisations.Council", on_delete=models.CASCADE, related_name="webhooks"
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    secret = models.CharField(_("secret"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    # The secret signs every delivery: no history shows it.
    audit_masked = frozenset({"secret"})
    audit_choices = {"events": WebhookEvent.choices}

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def event_labels(self) -> list[str]:
        labels = dict(WebhookEvent.choices)
        return [str(labels[event]) for event in self.events if event in labels]


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    SENDING = "sending", _("Sending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")


class WebhookDelivery(models.Model):
    """One event for one webhook: its body is fixed when the event happens, so every attempt
    sends the same bytes with the same signature."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event} {self.uuid}"

    @property
    def error_text(self) -> str:
        return error_label(self.error) if self.error else ""

    @property
    def event_label(self) -> str:
        if self.event == PING:
            return str(_("Test event"))
        return str(dict(WebhookEvent.choices).get(self.event, self.event))


# What a delivery's log says of each failure (delivery.py names them).
ERROR_LABELS = {
    "forbidden_address": _("address not allowed (the server's own network)"),
    "bad_address": _("not a web address"),
    "unresolved": _("host name not found"),
    "timeout": _("no answer in time"),
    "refused": _("connection refused"),
    "tls": _("certificate or encryption failed"),
    "connection": _("connection failed"),
    "answer": _("answered with an error"),
}


def error_label(code: str) -> str:
    return str(ERROR_LABELS.get(code, code))
