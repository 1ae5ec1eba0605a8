"""The coordinator's pages: register a webhook (its secret shown once), refuse a bad address with a
clear message that keeps what was typed, edit, remove, send a test event and read the log."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.core.models import AuditEvent
from samverkan.webhooks.models import DeliveryStatus, Webhook, WebhookDelivery, WebhookEvent
from samverkan.webhooks.services import webhook_create
from samverkan.webhooks.tests.receiver import SECRET, Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client, users):
    client.force_login(users["coordinator"])
    return client


def _form(**changes):
    return {
        "name": "Bostadsbolagets felanmälan",
        "url": "https://felanmalan.kbab.se/samverkan",
        "events": ["incident.reported", "incident.handled"],
        "secret": "",
        **changes,
    }


def test_a_new_webhook_shows_its_made_secret_once(coordinator, council):
    # when
    response = coordinator.post(reverse("webhooks:webhook_create", args=["koping"]), _form())

    # then: its page shows the secret, once
    webhook = Webhook.objects.get(council=council)
    assert response.url == reverse("webhooks:webhook_detail", args=["koping", webhook.pk])
    assert len(webhook.secret) >= 40
    first = coordinator.get(response.url)
    assert webhook.secret in first.content.decode()
    again = coordinator.get(response.url)
    assert webhook.secret not in again.content.decode()
    assert webhook.events == ["incident.reported", "incident.handled"]
    # the history records the webhook, never its secret
    events = AuditEvent.objects.filter(model="webhooks.Webhook", object_id=str(webhook.pk))
    assert events.count() == 1
    assert webhook.secret not in str(events.get().changes)


def test_a_chosen_secret_is_kept(coordinator, council):
    coordinator.post(reverse("webhooks:webhook_create", args=["koping"]), _form(secret=SECRET))

    assert Webhook.objects.get(council=council).secret == SECRET


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"url": "http://10.0.0.1/hook"}, "url", "serverns eget nätverk"),
        ({"url": "http://localhost:8000/"}, "url", "serverns eget nätverk"),
        ({"url": "ftp://kbab.se/"}, "url", "https://"),
        ({"url": "https://kbab.se:99999/"}, "url", "https://"),
        ({"url": "https://kbab.se/två ord"}, "url", "https://"),
        ({"events": []}, "events", "minst en händelse"),
        ({"events": ["minutes.deleted"]}, "events", ""),
        ({"secret": "kort"}, "secret", "minst 16 tecken"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_keeps_what_was_typed(
    coordinator, council, changes, field, message
):
    # when
    response = coordinator.post(
        reverse("webhooks:webhook_create", args=["koping"]), _form(**changes)
    )

    # then
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert "Bostadsbolagets felanmälan" in response.content.decode()
    assert not Webhook.objects.exists()


def test_the_list_takes_a_fixed_number_of_queries(coordinator, council, django_assert_num_queries):
    for n in range(30):
        webhook_create(
            actor=None,
            council=council,
            name=f"System {n:02}",
            url=f"https://system{n}.example.org/hook",
            events=["incident.reported"],
        )
    url = reverse("webhooks:webhook_list", args=["koping"])
    with django_assert_num_queries(6):
        response = coordinator.get(url)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30
    assert "System 00" in response.content.decode()
    with django_assert_num_queries(6):
        response = coordinator.get(url, {"page": "2"})
    assert len(response.context["page"]) == 5


def test_the_delivery_log_takes_a_fixed_number_of_queries(
    coordinator, council, django_assert_num_queries
):
    webhook, _secret = webhook_create(
        actor=None,
        council=council,
        name="Loggen",
        url="https://log.example.org/hook",
        events=["incident.reported"],
    )
    for n in range(30):
        WebhookDelivery.objects.create(
            webhook=webhook,
            event="incident.reported",
            status=DeliveryStatus.FAILED if n % 2 else DeliveryStatus.DELIVERED,
            attempts=6 if n % 2 else 1,
            response_code=500 if n % 2 else 204,
            error="answer" if n % 2 else "",
        )
    url = reverse("webhooks:webhook_detail", args=["koping", webhook.pk])
    with django_assert_num_queries(7):
        response = coordinator.get(url)
    text = response.content.decode()
    assert "Gav upp" in text
    assert "svarade med ett fel" in text
    assert "204" in text
    with django_assert_num_queries(7):
        response = coordinator.get(url, {"page": "2"})
    assert len(response.context["page"]) == 5


def test_editing_keeps_the_secret_unless_a_new_one_is_typed(coordinator, council):
    webhook, secret = webhook_create(
        actor=None,
        council=council,
        name="Gammalt namn",
        url="https://old.example.org/hook",
        events=["incident.reported"],
    )
    url = reverse("webhooks:webhook_edit", args=["koping", webhook.pk])

    coordinator.post(url, _form(events=["minutes.adjusted"]))
    webhook.refresh_from_db()
    assert (webhook.name, webhook.secret, webhook.active) == (
        "Bostadsbolagets felanmälan",
        secret,
        False,
    )
    assert webhook.events == [WebhookEvent.MINUTES_ADJUSTED]

    coordinator.post(url, _form(secret=SECRET, active="on"))
    webhook.refresh_from_db()
    assert (webhook.secret, webhook.active) == (SECRET, True)


def test_removing_a_webhook_asks_first(coordinator, council):
    webhook, _secret = webhook_create(
        actor=None,
        council=council,
        name="Bort",
        url="https://gone.example.org/hook",
        events=["incident.reported"],
    )
    url = reverse("webhooks:webhook_delete", args=["koping", webhook.pk])

    assert "Bort" in coordinator.get(url).content.decode()
    assert Webhook.objects.exists()
    response = coordinator.post(url)

    assert response.url == reverse("webhooks:webhook_list", args=["koping"])
    assert not Webhook.objects.exists()


def test_another_councils_webhook_is_not_found(coordinator, other_council):
    webhook, _secret = webhook_create(
        actor=None,
        council=other_council,
        name="Deras",
        url="https://theirs.example.org/hook",
        events=["incident.reported"],
    )
    response = coordinator.get(reverse("webhooks:webhook_detail", args=["koping", webhook.pk]))
    assert response.status_code == 404


def test_a_test_event_is_sent_and_shows_in_the_log(
    coordinator, council, receiver: Receiver, django_capture_on_commit_callbacks
):
    webhook, _secret = webhook_create(
        actor=None,
        council=council,
        name="Mottagaren",
        url=receiver.url,
        events=["incident.reported"],
        secret=SECRET,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(reverse("webhooks:webhook_test", args=["koping", webhook.pk]))
    page = coordinator.get(response.url).content.decode()

    assert len(receiver.received) == 1
    assert receiver.received[0].signed
    assert "Testhändelse" in page
    assert "Levererad" in page
