"""The webhooks' scheduled job: deliveries whose task never came, or whose next try is due on a
queue that cannot wait."""

from __future__ import annotations

import datetime as dt

from samverkan.core.schedule import Every, scheduled
from samverkan.webhooks.delivery import webhook_deliver_due


@scheduled("deliver-due-webhooks", every=Every.HOUR)
def deliver_due_webhooks(now: dt.datetime) -> str:
    return f"{webhook_deliver_due(now=now)} webhook deliveries tried"
