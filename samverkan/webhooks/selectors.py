"""A council's webhooks and a webhook's delivery log."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from samverkan.core.pages import one_or_not_found
from samverkan.organisations.models import Council
from samverkan.webhooks.models import Webhook, WebhookDelivery


def webhooks_of(council: Council) -> QuerySet[Webhook]:
    """The council's webhooks with the number of deliveries each has, by name."""
    return (
        Webhook.objects.filter(council=council)
        .annotate(delivery_count=Count("deliveries"))
        .order_by("name", "id")
    )


def webhook_of(council: Council, pk: int) -> Webhook:
    """One webhook of the council (NotFoundError for another council's)."""
    return one_or_not_found(
        Webhook.objects.filter(council=council).select_related("council"), pk=pk
    )


def deliveries_of(webhook: Webhook) -> QuerySet[WebhookDelivery]:
    """The webhook's deliveries, newest first."""
    return WebhookDelivery.objects.filter(webhook=webhook).order_by("-created_at", "-id")
