"""The one call the writing services make when something a council's other systems listen for
happens: `webhook_emit(...)` inside the service's transaction. A delivery is recorded for every
active webhook of the council that wants the event, and sent by `samverkan worker` once the
transaction commits; a change rolled back sends nothing.

The payload holds ids and links, never free text or personal data: the receiver follows the link
with its own API token to read what it may (docs/formats/webhooks.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samverkan.webhooks.delivery import delivery_enqueue
from samverkan.webhooks.models import PING, Webhook, WebhookDelivery, WebhookEvent

# What kind of record each event's `object` is.
OBJECT_TYPES: dict[str, str] = {
    WebhookEvent.MINUTES_ADJUSTED: "meeting",
    WebhookEvent.ACTIVITY_STATUS_CHANGED: "activity",
    WebhookEvent.INCIDENT_REPORTED: "incident",
    WebhookEvent.INCIDENT_HANDLED: "incident",
    PING: "webhook",
}


def _record(webhook: Webhook, *, slug: str, event: str, object_id: int, path: str) -> int:
    """Record one delivery and send it after commit; answers its id."""
    key = uuid.uuid4()
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        uuid=key,
        event=event,
        payload={
            "id": str(key),
            "event": event,
            "time": now.isoformat(),
            "council": slug,
            "object": {
                "type": OBJECT_TYPES[event],
                "id": object_id,
                "url": settings.SITE_URL + path,
            },
        },
        next_attempt_at=now,
    )
    pk = delivery.pk
    transaction.on_commit(lambda: delivery_enqueue(pk), robust=True)
    return pk


def webhook_emit(*, council_id: int, event: WebhookEvent, object_id: int, page: str) -> int:
    """Record `event` about the record `object_id` for every active webhook of the council that
    wants it; `page` names the record's page (a url name taking the council's slug and the
    record's pk), whose address the payload links to. Answers how many deliveries were recorded.

    One query when the council has no webhook for the event."""
    hooks = Webhook.objects.filter(council_id=council_id, active=True).select_related("council")
    count = 0
    for hook in hooks:
        if event in hook.events:
            slug = hook.council.slug
            path = reverse(page, kwargs={"slug": slug, "pk": object_id})
            _record(hook, slug=slug, event=event, object_id=object_id, path=path)
            count += 1
    return count


def webhook_ping(*, webhook: Webhook, path: str) -> int:
    """Record a test event for one webhook (active or not); answers the delivery's id."""
    return _record(webhook, slug=webhook.council.slug, event=PING, object_id=webhook.pk, path=path)
