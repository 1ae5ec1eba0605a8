"""A council's webhooks, kept by its coordinator: created (with a secret chosen or made and shown
once), changed, removed, and sent a test event. Every change is audited; the secret never shows in
the history."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Sequence
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.organisations.models import Council
from samverkan.webhooks.delivery import address_allowed
from samverkan.webhooks.events import webhook_ping
from samverkan.webhooks.models import Webhook, WebhookEvent

SECRET_MIN_LENGTH = 16
SECRET_MAX_LENGTH = 200


def _checked_url(url: str) -> str:
    url = url.strip()
    if any(character <= " " or character == "\x7f" for character in url):
        raise ServiceError(_("Enter a web address starting with https://."), field="url")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a port that is no number)
    except ValueError as exc:
        raise ServiceError(_("Enter a web address starting with https://."), field="url") from exc
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ServiceError(_("Enter a web address starting with https://."), field="url")
    if parts.username or parts.password:
        raise ServiceError(_("Leave the user name and password out of the address."), field="url")
    host = parts.hostname
    literal: ipaddress.IPv4Address | ipaddress.IPv6Address | None
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = ipaddress.ip_address("127.0.0.1") if host.lower() == "localhost" else None
    if literal is not None and not address_allowed(literal):
        raise ServiceError(
            _("Webhooks are not sent to this address: it is in the server's own network."),
            field="url",
        )
    if len(url) > 500:
        raise ServiceError(_("The address is longer than 500 characters."), field="url")
    return url


def _checked_events(events: Sequence[str]) -> list[str]:
    chosen = [value for value, _label in WebhookEvent.choices if value in set(events)]
    if not chosen or len(chosen) != len(set(events)):
        raise ServiceError(_("Choose at least one event."), field="events")
    return chosen


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ServiceError(_("Give the webhook a name."), field="name")
    return name[:100]


def _checked_secret(secret: str) -> str:
    secret = secret.strip()
    if len(secret) < SECRET_MIN_LENGTH:
        raise ServiceError(
            _("A secret has at least %(count)d characters.") % {"count": SECRET_MIN_LENGTH},
            field="secret",
        )
    if len(secret) > SECRET_MAX_LENGTH:
        raise ServiceError(
            _("A secret has at most %(count)d characters.") % {"count": SECRET_MAX_LENGTH},
            field="secret",
        )
    return secret


def webhook_create(
    *,
    actor: Actor,
    council: Council,
    name: str,
    url: str,
    events: Sequence[str],
    secret: str = "",
) -> tuple[Webhook, str]:
    """Register a webhook; answers it with its secret (the one chosen, or a new one)."""
    chosen = _checked_secret(secret) if secret.strip() else secrets.token_urlsafe(32)
    with transaction.atomic():
        webhook = Webhook.objects.create(
            council=council,
            name=_checked_name(name),
            url=_checked_url(url),
            events=_checked_events(events),
            secret=chosen,
        )
        audit_create(actor=actor, instance=webhook, council_id=council.pk)
    return webhook, chosen


def webhook_update(
    *,
    actor: Actor,
    webhook: Webhook,
    name: str,
    url: str,
    events: Sequence[str],
    active: bool,
    secret: str = "",
) -> Webhook:
    """Change a webhook; a secret typed replaces the old one, none keeps it."""
    checked = (
        _checked_name(name),
        _checked_url(url),
        _checked_events(events),
        _checked_secret(secret) if secret.strip() else webhook.secret,
    )
    with transaction.atomic():
        before = snapshot(webhook)
        webhook.name, webhook.url, webhook.events, webhook.secret = checked
        webhook.active = active
        webhook.save()
        audit_update(actor=actor, instance=webhook, before=before, council_id=webhook.council_id)
    return webhook


def webhook_delete(*, actor: Actor, webhook: Webhook) -> None:
    """Remove a webhook with its delivery log."""
    with transaction.atomic():
        audit_delete(actor=actor, instance=webhook, council_id=webhook.council_id)
        webhook.delete()


def webhook_send_test(*, webhook: Webhook, path: str) -> int:
    """Send the webhook a test event ("ping") now; answers the delivery's id."""
    with transaction.atomic():
        return webhook_ping(webhook=webhook, path=path)
