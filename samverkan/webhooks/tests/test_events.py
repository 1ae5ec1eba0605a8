"""Each event is emitted by the service that does the thing, in its transaction, and reaches the
receiver once it commits: ids and links, never a report's text or a person's address."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from samverkan.incidents.models import Category
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import (
    What,
    Where,
    incident_mark_handled,
    incident_report,
)
from samverkan.meetings.services.adjustment import minutes_freeze
from samverkan.opendata.tests.published import held_meeting
from samverkan.organisations.models import Body
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    activity_update_status,
    plan_create,
)
from samverkan.webhooks.models import Webhook, WebhookDelivery, WebhookEvent
from samverkan.webhooks.services import webhook_create, webhook_update
from samverkan.webhooks.tests.receiver import SECRET, Receiver

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = "Xqhookprivate klotter på Annas dörr"
PRIVATE_EMAIL = "anna.andersson@example.se"


def _hook(council, receiver, *events):
    webhook, _secret = webhook_create(
        actor=None,
        council=council,
        name="Partnerns system",
        url=receiver.url,
        events=[event.value for event in events],
        secret=SECRET,
    )
    return webhook


def _category(council) -> Category:
    categories_ensure_defaults(actor=None, council=council)
    return Category.objects.filter(council=council).earliest("id")


def _report(council, **extra):
    return incident_report(
        actor=None,
        council=council,
        where=Where(place=None, address="Torget 1"),
        what=What(
            category=_category(council),
            occurred_from=timezone.now() - dt.timedelta(days=1),
            description=PRIVATE_TEXT,
        ),
        **extra,
    )


def _only(receiver: Receiver, event: str) -> dict[str, Any]:
    assert [got.headers["X-Samverkan-Event"] for got in receiver.received] == [event]
    got = receiver.received[0]
    assert got.signed
    assert PRIVATE_TEXT.encode() not in got.body
    assert PRIVATE_EMAIL.encode() not in got.body
    return got.payload


def test_an_incident_reported_is_sent_with_its_id_and_link_only(
    council, receiver: Receiver, django_capture_on_commit_callbacks, settings
):
    # given
    _hook(council, receiver, WebhookEvent.INCIDENT_REPORTED)

    # when: a citizen's report with a description and an address for replies
    with django_capture_on_commit_callbacks(execute=True):
        incident = _report(council, source="citizen", contact_email=PRIVATE_EMAIL)

    # then
    payload = _only(receiver, "incident.reported")
    assert payload["council"] == "koping"
    assert payload["object"] == {
        "type": "incident",
        "id": incident.pk,
        "url": f"{settings.SITE_URL}/councils/koping/incidents/{incident.pk}/",
    }


def test_an_incident_handled_is_sent(
    council, receiver: Receiver, django_capture_on_commit_callbacks
):
    # given: a partner's report, and a webhook that wants only the handling
    incident = _report(council)
    _hook(council, receiver, WebhookEvent.INCIDENT_HANDLED)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        incident_mark_handled(actor=None, incident=incident)

    # then
    assert _only(receiver, "incident.handled")["object"]["id"] == incident.pk


def test_an_activitys_status_changed_is_sent_and_a_report_without_a_change_is_not(
    council, receiver: Receiver, django_capture_on_commit_callbacks
):
    # given
    plan = plan_create(actor=None, council=council, title="Plan 2031", year=2031)
    activity = activity_create(
        actor=None, plan=plan, fields=ActivityFields(text="Trygghetsvandring i Gläntan")
    )
    _hook(council, receiver, WebhookEvent.ACTIVITY_STATUS_CHANGED)

    # when: the status changes, then a note comes with the same status
    with django_capture_on_commit_callbacks(execute=True):
        activity_update_status(
            actor=None, activity=activity, status="in_progress", note=PRIVATE_TEXT
        )
    with django_capture_on_commit_callbacks(execute=True):
        activity_update_status(actor=None, activity=activity, status="in_progress", note="Mer")

    # then
    payload = _only(receiver, "activity.status_changed")
    assert payload["object"]["type"] == "activity"
    assert payload["object"]["url"].endswith(f"/councils/koping/plans/activities/{activity.pk}/")


def test_minutes_adjusted_are_sent_when_they_become_final(
    council, receiver: Receiver, django_capture_on_commit_callbacks
):
    # given: a held meeting of a body whose minutes are final without an adjuster
    body = Body.objects.get(council=council)
    Body.objects.filter(pk=body.pk).update(adjusts_minutes=False)
    body.refresh_from_db()
    meeting = held_meeting(body, dt.date(2031, 3, 4))
    _hook(council, receiver, WebhookEvent.MINUTES_ADJUSTED)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        minutes_freeze(actor=None, meeting=meeting)

    # then
    payload = _only(receiver, "minutes.adjusted")
    assert payload["object"]["type"] == "meeting"
    assert payload["object"]["url"].endswith(f"/councils/koping/meetings/{meeting.pk}/")


def test_only_the_councils_active_webhooks_that_want_the_event_get_it(
    council, other_council, receiver: Receiver, django_capture_on_commit_callbacks
):
    # given: one that wants it, one that wants another event, one switched off, and one of
    # another council
    wanted = _hook(council, receiver, WebhookEvent.INCIDENT_REPORTED)
    _hook(council, receiver, WebhookEvent.INCIDENT_HANDLED)
    off = _hook(council, receiver, WebhookEvent.INCIDENT_REPORTED)
    webhook_update(
        actor=None,
        webhook=off,
        name=off.name,
        url=off.url,
        events=off.events,
        active=False,
    )
    _hook(other_council, receiver, WebhookEvent.INCIDENT_REPORTED)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        _report(council)

    # then
    assert len(receiver.received) == 1
    assert list(WebhookDelivery.objects.values_list("webhook", flat=True)) == [wanted.pk]
    assert Webhook.objects.count() == 4


def test_a_council_without_webhooks_pays_one_query_per_event(council, django_assert_num_queries):
    from samverkan.webhooks.events import webhook_emit

    with django_assert_num_queries(1):
        webhook_emit(
            council_id=council.pk,
            event=WebhookEvent.INCIDENT_REPORTED,
            object_id=1,
            page="incidents:incident_detail",
        )
