"""Sending one delivery: by a task of `samverkan worker` once the change that caused it commits,
signed with the webhook's secret, only to an address the operator allows, tried again with
growing waits after a failure or an answer outside 2xx, and given up after `ATTEMPTS` tries.

The address's host name is resolved once per attempt; every address it gives must be allowed
(by default none on loopback, private, link-local, shared, multicast or reserved networks;
`WEBHOOK_ALLOWED_NETWORKS` lets the operator allow some), and the connection goes to the address
that was checked, so a name cannot change between the check and the request. No redirect is
followed. A receiver holds a worker at most `WEBHOOK_TIMEOUT` seconds: the connection is cut then,
whatever it was doing. See docs/formats/webhooks.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import ssl
import threading
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task
from django_tasks.exceptions import InvalidTaskError

from samverkan.webhooks.models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)

# Tries before a delivery is given up, and the wait before each try again.
ATTEMPTS = 6
RETRY_AFTER = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=8),
)
# At most this much of a receiver's answer is read (and then thrown away).
ANSWER_READ_BYTES = 1024
USER_AGENT = "Samverkan-Webhooks/1"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class RefusedError(Exception):
    """The delivery cannot go to this address: `code` says why (never retried)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# The failures a delivery's log names (WebhookDelivery.error).
FORBIDDEN_ADDRESS = "forbidden_address"
BAD_ADDRESS = "bad_address"
UNRESOLVED = "unresolved"
TIMEOUT = "timeout"
REFUSED = "refused"
TLS = "tls"
CONNECTION = "connection"
ANSWER = "answer"  # answered outside 2xx (the code is kept beside)


def body_of(payload: dict[str, Any]) -> bytes:
    """The bytes sent and signed: compact JSON, keys sorted, UTF-8."""
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


def signature_of(secret: str, body: bytes) -> str:
    """The X-Samverkan-Signature header: HMAC-SHA256 of the body with the webhook's secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def allowed_networks() -> list[IPNetwork]:
    return [
        ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "WEBHOOK_ALLOWED_NETWORKS", [])
    ]


def address_allowed(address: IPAddress, networks: list[IPNetwork] | None = None) -> bool:
    """Whether a delivery may go to this address: a public one, or one the operator allows."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for network in allowed_networks() if networks is None else networks:
        if network.version == address.version and address in network:
            return True
    return address.is_global and not (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve(host: str, port: int) -> list[str]:
    """Every address the host name gives (tests replace this to play a name server)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


def checked_address(url: str) -> tuple[str, str, int, str, str]:
    """(scheme, host, port, path, address) for a request to `url`, with the address to connect
    to: every address of the host is allowed, or RefusedError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedError(BAD_ADDRESS) from exc
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not host:
        raise RefusedError(BAD_ADDRESS)
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [str(literal)]
    else:
        try:
            addresses = _resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise RefusedError(UNRESOLVED) from exc
        if not addresses:
            raise RefusedError(UNRESOLVED)
    networks = allowed_networks()
    if not all(address_allowed(ipaddress.ip_address(a), networks) for a in addresses):
        raise RefusedError(FORBIDDEN_ADDRESS)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return parts.scheme, host, port, path, addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to the checked address, with the host's name in the Host header."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked address; the certificate is checked against the host's name."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(sock, server_hostname=self.host)


class _Deadline:
    """Ends the connection after `seconds`, whatever it waits for; `passed` says it did (a
    reply cut short may look whole to http.client, which takes the end of input for the end
    of the headers)."""

    def __init__(self, connection: http.client.HTTPConnection, seconds: float) -> None:
        self.connection = connection
        self.passed = False
        self.timer = threading.Timer(seconds, self._cut)
        self.timer.daemon = True

    def _cut(self) -> None:
        self.passed = True
        sock = self.connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST the body to the checked address and answer the response's status code. Raises
    RefusedError for an address not allowed, OSError (with ssl's and socket's kinds) otherwise."""
    scheme, host, port, path, address = checked_address(url)
    timeout = float(settings.WEBHOOK_TIMEOUT)
    kind = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = kind(host, port, address=address, timeout=timeout)
    deadline = _Deadline(connection, timeout)
    deadline.timer.start()
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(ANSWER_READ_BYTES)
        status = int(response.status)
    except (http.client.HTTPException, OSError) as exc:
        if deadline.passed:
            raise TimeoutError("deadline") from exc
        if isinstance(exc, OSError):
            raise
        raise ConnectionError(str(exc)) from exc
    finally:
        deadline.timer.cancel()
        connection.close()
    if deadline.passed:
        raise TimeoutError("deadline")
    return status


def _failure(exc: BaseException) -> str:
    if isinstance(exc, RefusedError):
        return exc.code
    if isinstance(exc, TimeoutError | socket.timeout):
        return TIMEOUT
    if isinstance(exc, ConnectionRefusedError):
        return REFUSED
    if isinstance(exc, ssl.SSLError | ssl.CertificateError):
        return TLS
    return CONNECTION


def delivery_enqueue(pk: int, run_after: dt.datetime | None = None) -> None:
    if run_after is None:
        deliver_webhook.enqueue(pk)
        return
    # A backend that runs tasks at once (the tests') cannot wait: the hourly job sends it.
    with contextlib.suppress(InvalidTaskError):
        deliver_webhook.using(run_after=run_after).enqueue(pk)


@task()
def deliver_webhook(delivery_id: int) -> str:
    """The worker's task: one attempt at one delivery (a retry enqueues itself again)."""
    return webhook_deliver(delivery_id)


def webhook_deliver(delivery_id: int) -> str:
    """Try one delivery once. Answers its status afterwards; a delivery another worker holds,
    or one already delivered or given up, is left alone ("skipped")."""
    claimed = WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.QUEUED).update(
        status=DeliveryStatus.SENDING, last_attempt_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    webhook = delivery.webhook
    body = body_of(delivery.payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Samverkan-Event": delivery.event,
        "X-Samverkan-Delivery": str(delivery.uuid),
        "X-Samverkan-Signature": signature_of(webhook.secret, body),
    }
    delivery.attempts += 1
    delivery.last_attempt_at = timezone.now()
    delivery.response_code = None
    retry = True
    try:
        code = post(webhook.url, body, headers)
    except RefusedError as exc:
        delivery.error = exc.code
        retry = exc.code == UNRESOLVED
    except OSError as exc:
        delivery.error = _failure(exc)
    else:
        delivery.response_code = code
        if 200 <= code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = delivery.last_attempt_at
            delivery.error = ""
            delivery.next_attempt_at = None
            delivery.save()
            return str(delivery.status)
        delivery.error = ANSWER
    if retry and delivery.attempts < ATTEMPTS:
        delivery.status = DeliveryStatus.QUEUED
        delivery.next_attempt_at = delivery.last_attempt_at + RETRY_AFTER[delivery.attempts - 1]
    else:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    delivery.save()
    # The delivery's number, the event and the kind of failure: never the address or a payload.
    logger.warning(
        "Webhook delivery %s (%s) failed, attempt %d: %s %s",
        delivery.pk,
        delivery.event,
        delivery.attempts,
        delivery.error,
        delivery.response_code or "",
    )
    if delivery.status == DeliveryStatus.QUEUED and delivery.next_attempt_at is not None:
        delivery_enqueue(delivery.pk, run_after=delivery.next_attempt_at)
    return str(delivery.status)


def webhook_deliver_due(*, now: dt.datetime) -> int:
    """Try the deliveries whose time has come and whose task never did (the hourly job; a
    delivery stuck half-sent for an hour is tried again). Answers how many were tried."""
    stuck = now - dt.timedelta(hours=1)
    WebhookDelivery.objects.filter(status=DeliveryStatus.SENDING, last_attempt_at__lt=stuck).update(
        status=DeliveryStatus.QUEUED
    )
    due: QuerySet[WebhookDelivery] = WebhookDelivery.objects.filter(
        status=DeliveryStatus.QUEUED, next_attempt_at__lte=now
    )
    tried = 0
    for pk in list(due.values_list("pk", flat=True)[:200]):
        webhook_deliver(pk)
        tried += 1
    return tried
