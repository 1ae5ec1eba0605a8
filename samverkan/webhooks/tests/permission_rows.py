"""Permission-matrix rows for the council's webhooks: every page is the coordinator's (and the
site administrator's), by manage_webhooks. Only they open them, so the secrecy matrix counts them
as staff pages (they show addresses and delivery states, never a record's content)."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import MANAGE_ACCESS
from samverkan.webhooks.models import Webhook, WebhookEvent

MANAGE_WEBHOOKS = MANAGE_ACCESS  # the coordinator and the site administrator
# A documentation address: a delivery to it is refused before any connection.
ADDRESS = "https://192.0.2.10/samverkan"
FORM = {
    "name": "Ärendesystemet",
    "url": "https://hooks.example.org/samverkan",
    "events": [WebhookEvent.INCIDENT_REPORTED.value],
}


def _list(i):
    return {"slug": i["slug"]}


def _hook(i):
    return {"slug": i["slug"], "pk": i["hook_webhook"]}


def _own_hook(i):
    return {"slug": i["slug"], "pk": i["hook_own_webhook"]}


PAGES = [
    ("webhooks:webhook_list", _list, "get", MANAGE_WEBHOOKS),
    ("webhooks:webhook_create", _list, "get", MANAGE_WEBHOOKS),
    ("webhooks:webhook_create", _list, "post", MANAGE_WEBHOOKS, lambda i: FORM),
    ("webhooks:webhook_detail", _hook, "get", MANAGE_WEBHOOKS),
    ("webhooks:webhook_edit", _hook, "get", MANAGE_WEBHOOKS),
    (
        "webhooks:webhook_edit",
        _hook,
        "post",
        MANAGE_WEBHOOKS,
        lambda i: {**FORM, "active": "on"},
    ),
    ("webhooks:webhook_delete", _hook, "get", MANAGE_WEBHOOKS),
    ("webhooks:webhook_delete", _own_hook, "post", MANAGE_WEBHOOKS, lambda i: {}),
    ("webhooks:webhook_test", _hook, "post", MANAGE_WEBHOOKS, lambda i: {}),
]


def _webhook(council, name):
    return Webhook.objects.create(
        council=council,
        name=name,
        url=ADDRESS,
        events=[WebhookEvent.INCIDENT_REPORTED.value],
        secret="matrisens-hemlighet-2026",  # noqa: S106
    )


def extra_ids(council, user=None):
    return {"hook_webhook": _webhook(council, "Matrisens webhook").pk}


def user_ids(council, user=None):
    """A webhook each login may remove (the removal would take the shared one from the rest)."""
    return {"hook_own_webhook": _webhook(council, "Att ta bort").pk}
