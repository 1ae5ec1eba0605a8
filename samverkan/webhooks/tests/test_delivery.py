"""Deliveries to a real receiver on 127.0.0.1: signed, tried again after a failure, given up in
the end, cut off when the receiver is slow, and never sent to an address the operator has not
allowed (the server's own network, or a name that resolves into it)."""

from __future__ import annotations

import datetime as dt
import logging
import time

import pytest
from django.db import transaction
from django.utils import timezone

from samverkan.webhooks import delivery as sending
from samverkan.webhooks.delivery import ATTEMPTS, webhook_deliver, webhook_deliver_due
from samverkan.webhooks.events import webhook_emit
from samverkan.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent
from samverkan.webhooks.services import webhook_create, webhook_send_test
from samverkan.webhooks.tests.receiver import SECRET, Receiver, verify

pytestmark = pytest.mark.django_db


def _hook(council, url, **extra):
    webhook, _secret = webhook_create(
        actor=None,
        council=council,
        name="Ärendesystemet",
        url=url,
        events=[WebhookEvent.INCIDENT_REPORTED.value],
        secret=SECRET,
        **extra,
    )
    return webhook


def _ping(webhook, capture):
    with capture(execute=True):
        webhook_send_test(webhook=webhook, path="/councils/koping/webhooks/1/")
    return WebhookDelivery.objects.filter(webhook=webhook).latest("id")


def test_a_test_event_reaches_the_receiver_signed_with_the_secret(
    council, receiver: Receiver, django_capture_on_commit_callbacks, settings
):
    # given
    webhook = _hook(council, receiver.url)

    # when: the change commits and the task runs
    found = _ping(webhook, django_capture_on_commit_callbacks)

    # then: the receiver got it once, and its check of the signature passed
    assert len(receiver.received) == 1
    got = receiver.received[0]
    assert got.signed
    assert got.path == "/samverkan/hook"
    assert got.headers["X-Samverkan-Event"] == "ping"
    assert got.headers["X-Samverkan-Delivery"] == str(found.uuid)
    assert got.headers["Content-Type"] == "application/json"
    assert got.payload == {
        "id": str(found.uuid),
        "event": "ping",
        "time": got.payload["time"],
        "council": "koping",
        "object": {
            "type": "webhook",
            "id": webhook.pk,
            "url": settings.SITE_URL + "/councils/koping/webhooks/1/",
        },
    }
    assert dt.datetime.fromisoformat(got.payload["time"]) <= timezone.now()
    # a body signed with another secret does not pass the same check
    assert not verify("en-annan-hemlighet-2026", got.body, got.headers["X-Samverkan-Signature"])
    found.refresh_from_db()
    assert (found.status, found.attempts, found.response_code) == ("delivered", 1, 200)
    assert found.delivered_at is not None


def test_a_delivery_answered_with_500_is_tried_again_later_with_the_same_body(
    council, receiver: Receiver, django_capture_on_commit_callbacks
):
    # given: a receiver that fails once, then works
    receiver.answers = [500, 200]
    webhook = _hook(council, receiver.url)

    # when: the first try
    found = _ping(webhook, django_capture_on_commit_callbacks)

    # then: it waits, with the answer in the log
    found.refresh_from_db()
    assert (found.status, found.attempts, found.response_code) == ("queued", 1, 500)
    assert found.error == "answer"
    assert found.next_attempt_at is not None
    assert found.next_attempt_at > timezone.now()
    # not before its time
    assert webhook_deliver_due(now=timezone.now()) == 0
    assert len(receiver.received) == 1

    # when: its time comes
    assert webhook_deliver_due(now=found.next_attempt_at + dt.timedelta(seconds=1)) == 1

    # then: delivered on the second try, the same bytes with the same signature and id
    found.refresh_from_db()
    assert (found.status, found.attempts, found.response_code) == ("delivered", 2, 200)
    first, second = receiver.received
    assert first.body == second.body
    assert second.signed
    assert first.headers["X-Samverkan-Delivery"] == second.headers["X-Samverkan-Delivery"]


def test_the_waits_grow_and_a_delivery_is_given_up_after_its_last_try(
    council, receiver: Receiver, caplog
):
    # given: a receiver that always fails
    receiver.answers = [503]
    webhook = _hook(council, receiver.url)
    with transaction.atomic():
        webhook_send_test(webhook=webhook, path="/")
    found = WebhookDelivery.objects.get(webhook=webhook)
    caplog.set_level(logging.WARNING, logger="samverkan.webhooks.delivery")

    # when: every try fails
    waits = []
    for _ in range(ATTEMPTS):
        assert webhook_deliver(found.pk) in {"queued", "failed"}
        found.refresh_from_db()
        if found.next_attempt_at is not None and found.last_attempt_at is not None:
            waits.append(found.next_attempt_at - found.last_attempt_at)
            # its time has come
            WebhookDelivery.objects.filter(pk=found.pk).update(next_attempt_at=timezone.now())

    # then
    assert waits == sorted(waits)
    assert waits[0] == dt.timedelta(minutes=1)
    assert found.status == DeliveryStatus.FAILED
    assert found.attempts == ATTEMPTS
    assert len(receiver.received) == ATTEMPTS
    assert webhook_deliver(found.pk) == "skipped"
    # the log names the delivery and the failure, never the address
    assert str(receiver.port) not in caplog.text
    assert "answer 503" in caplog.text


def test_a_delivery_is_not_sent_twice(council, receiver: Receiver):
    webhook = _hook(council, receiver.url)
    webhook_send_test(webhook=webhook, path="/")
    found = WebhookDelivery.objects.get(webhook=webhook)

    assert webhook_deliver(found.pk) == "delivered"
    assert webhook_deliver(found.pk) == "skipped"
    assert len(receiver.received) == 1


def test_an_event_of_a_change_rolled_back_is_never_sent(
    council, receiver: Receiver, django_capture_on_commit_callbacks
):
    _hook(council, receiver.url)

    def change_that_fails():
        with transaction.atomic():
            webhook_emit(
                council_id=council.pk,
                event=WebhookEvent.INCIDENT_REPORTED,
                object_id=1,
                page="incidents:incident_detail",
            )
            raise RuntimeError("the change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        change_that_fails()

    assert not WebhookDelivery.objects.exists()
    assert receiver.received == []


def test_nothing_is_sent_to_the_servers_own_network_unless_the_operator_allows_it(
    council, receiver: Receiver, settings
):
    # given: a webhook to the receiver, and then the operator's allowance taken away
    webhook = _hook(council, receiver.url)
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    webhook_send_test(webhook=webhook, path="/")
    found = WebhookDelivery.objects.get(webhook=webhook)

    # when
    assert webhook_deliver(found.pk) == "failed"

    # then: nothing reached it, and the log says why; an address never allowed is not retried
    assert receiver.received == []
    found.refresh_from_db()
    assert (found.error, found.attempts, found.next_attempt_at) == ("forbidden_address", 1, None)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/hook",
        "http://[::ffff:10.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://100.64.0.1/hook",
        "http://224.0.0.1/hook",
    ],
)
def test_no_connection_is_even_tried_to_a_forbidden_address(council, settings, monkeypatch, url):
    # given: an address the form would refuse, written straight into the database
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    webhook = Webhook.objects.create(
        council=council, name="Intern", url=url, events=["incident.reported"], secret=SECRET
    )
    webhook_send_test(webhook=webhook, path="/")

    def no_connection(*args, **kwargs):
        raise AssertionError(f"a connection was tried to {args}")

    monkeypatch.setattr(sending.socket, "create_connection", no_connection)

    # when
    webhook_deliver(WebhookDelivery.objects.get(webhook=webhook).pk)

    # then
    assert WebhookDelivery.objects.get(webhook=webhook).error == "forbidden_address"


def test_a_name_that_resolves_into_the_servers_own_network_is_refused(
    council, receiver: Receiver, settings, monkeypatch
):
    # given: a name server that answers 127.0.0.1, which the operator does not allow
    webhook = _hook(council, f"http://hooks.example.test:{receiver.port}/hook")
    settings.WEBHOOK_ALLOWED_NETWORKS = []
    monkeypatch.setattr(sending, "_resolve", lambda host, port: ["127.0.0.1"])
    webhook_send_test(webhook=webhook, path="/")

    # when
    webhook_deliver(WebhookDelivery.objects.get(webhook=webhook).pk)

    # then
    assert receiver.received == []
    assert WebhookDelivery.objects.get(webhook=webhook).error == "forbidden_address"


def test_every_address_of_a_name_must_be_allowed(council, receiver: Receiver, monkeypatch):
    # given: a name with the allowed 127.0.0.1 and a private address beside it
    webhook = _hook(council, f"http://hooks.example.test:{receiver.port}/hook")
    monkeypatch.setattr(sending, "_resolve", lambda host, port: ["127.0.0.1", "10.0.0.1"])
    webhook_send_test(webhook=webhook, path="/")

    # when
    webhook_deliver(WebhookDelivery.objects.get(webhook=webhook).pk)

    # then
    assert receiver.received == []
    assert WebhookDelivery.objects.get(webhook=webhook).error == "forbidden_address"


def test_the_request_goes_to_the_address_checked_without_asking_the_name_again(
    council, receiver: Receiver, monkeypatch
):
    # given: a name server asked once per attempt; a second answer would be another address
    answers = [["127.0.0.1"], ["10.0.0.1"]]
    asked = []

    def name_server(host, port):
        asked.append(host)
        return answers[len(asked) - 1]

    monkeypatch.setattr(sending, "_resolve", name_server)
    webhook = _hook(council, f"http://hooks.example.test:{receiver.port}/hook")
    webhook_send_test(webhook=webhook, path="/")

    # when
    status = webhook_deliver(WebhookDelivery.objects.get(webhook=webhook).pk)

    # then: sent to the address checked, with the name in the Host header
    assert status == "delivered"
    assert asked == ["hooks.example.test"]
    assert receiver.received[0].headers["Host"] == f"hooks.example.test:{receiver.port}"
    assert receiver.received[0].signed


@pytest.mark.parametrize("slow", ["answer", "drip"])
def test_a_slow_receiver_holds_the_worker_no_longer_than_the_timeout(
    council, receiver: Receiver, settings, slow
):
    # given: a receiver that waits before answering, or sends its answer a line at a time
    settings.WEBHOOK_TIMEOUT = 1
    if slow == "answer":
        receiver.delay = 4
    else:
        receiver.drip = 0.3
    webhook = _hook(council, receiver.url)
    webhook_send_test(webhook=webhook, path="/")
    found = WebhookDelivery.objects.get(webhook=webhook)

    # when
    started = time.monotonic()
    status = webhook_deliver(found.pk)
    took = time.monotonic() - started

    # then: given up on within the timeout (and a little), to be tried again
    assert took < 2.5
    assert status == "queued"
    found.refresh_from_db()
    assert found.error == "timeout"
    assert found.response_code is None


def test_a_receiver_that_is_not_there_is_tried_again(council, settings):
    # given: a port nobody listens at
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    closed = Receiver()
    closed.close()
    webhook = _hook(council, closed.url)
    webhook_send_test(webhook=webhook, path="/")
    found = WebhookDelivery.objects.get(webhook=webhook)

    # when
    assert webhook_deliver(found.pk) == "queued"

    # then
    found.refresh_from_db()
    assert found.error == "refused"
