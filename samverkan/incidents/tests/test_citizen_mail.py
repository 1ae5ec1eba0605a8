"""A citizen who leaves an address gets a receipt and a word once a coordinator has read the
report; coordinators hear of reports waiting for moderation at once, daily, or never, as they
choose on their account page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samverkan.accounts.services import mail_choices_change
from samverkan.incidents.models import Incident
from samverkan.incidents.services.citizen_mail import moderation_digest
from samverkan.incidents.services.incidents import incident_moderate

DESCRIPTION = "Belysningen i tunneln är trasig sedan en vecka."


@pytest.fixture
def publishing(council):
    council.publishes = True
    council.save()
    return council


@pytest.fixture
def coordinator(users):
    user = users["coordinator"]
    user.email = "samordnare@koping.se"
    user.save()
    return user


def _report(client, council, categories, django_capture_on_commit_callbacks, **extra):
    data = {
        "category": categories["unsafe_place"].pk,
        "address": "Gångtunneln under Östra Långgatan",
        "description": DESCRIPTION,
        **extra,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("incidents:citizen_report", args=[council.slug]), data)
    assert response.status_code == 302
    return Incident.objects.latest("pk")


def test_the_citizen_gets_a_receipt_and_the_coordinator_a_word_at_once(
    client, publishing, categories, coordinator, django_capture_on_commit_callbacks
):
    # when
    incident = _report(
        client,
        publishing,
        categories,
        django_capture_on_commit_callbacks,
        email="medborgare@example.se",
    )

    # then
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {"medborgare@example.se", "samordnare@koping.se"}
    receipt = to["medborgare@example.se"]
    assert f"nr {incident.pk}" in receipt.subject
    assert "112" in receipt.body
    # the receipt and the coordinator's word hold no text of the report and no address
    word = to["samordnare@koping.se"]
    assert f"/incidents/{incident.pk}/" in word.body
    for message in (receipt, word):
        assert DESCRIPTION not in message.body
    assert "medborgare@example.se" not in word.body


def test_a_citizen_without_an_address_gets_nothing(
    client, publishing, categories, coordinator, django_capture_on_commit_callbacks
):
    _report(client, publishing, categories, django_capture_on_commit_callbacks, email="")

    assert [m.to for m in mail.outbox] == [["samordnare@koping.se"]]


def test_a_coordinator_who_chose_a_daily_summary_gets_one_mail_a_day(
    client, publishing, categories, coordinator, django_capture_on_commit_callbacks
):
    # given
    mail_choices_change(
        actor=coordinator, user=coordinator, minutes_approval=True, moderation="daily"
    )
    for _ in range(3):
        _report(client, publishing, categories, django_capture_on_commit_callbacks, email="")
    assert mail.outbox == []

    # when
    with django_capture_on_commit_callbacks(execute=True):
        queued = moderation_digest(now=timezone.now())

    # then
    assert queued == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("3 medborgaranmälningar väntar")
    assert "?status=pending" in mail.outbox[0].body


def test_the_daily_summary_run_twice_on_a_day_goes_once(
    client, publishing, categories, coordinator, django_capture_on_commit_callbacks
):
    # given: a coordinator who wants the daily summary, and a report waiting
    mail_choices_change(
        actor=coordinator, user=coordinator, minutes_approval=True, moderation="daily"
    )
    _report(client, publishing, categories, django_capture_on_commit_callbacks, email="")
    now = timezone.now()

    # when: the job runs twice on the same day (a restart, a second worker), then the next day
    with django_capture_on_commit_callbacks(execute=True):
        first = moderation_digest(now=now)
        again = moderation_digest(now=now + dt.timedelta(minutes=5))
        next_day = moderation_digest(now=now + dt.timedelta(days=1))

    # then: one summary that day, and one the next while the report still waits
    assert (first, again, next_day) == (1, 0, 1)
    assert len(mail.outbox) == 2


def test_a_coordinator_who_chose_never_hears_nothing(
    client, publishing, categories, coordinator, django_capture_on_commit_callbacks
):
    mail_choices_change(
        actor=coordinator, user=coordinator, minutes_approval=True, moderation="never"
    )
    _report(client, publishing, categories, django_capture_on_commit_callbacks, email="")
    with django_capture_on_commit_callbacks(execute=True):
        moderation_digest(now=timezone.now() + dt.timedelta(days=1))

    assert mail.outbox == []


@pytest.mark.parametrize(("publish", "words"), [(True, "visas nu"), (False, "visas inte öppet")])
def test_the_citizen_hears_once_when_the_report_is_read(
    client, publishing, categories, users, django_capture_on_commit_callbacks, publish, words
):
    # given
    incident = _report(
        client, publishing, categories, django_capture_on_commit_callbacks, email="m@example.se"
    )
    mail.outbox.clear()

    # when: moderated, then changed again
    with django_capture_on_commit_callbacks(execute=True):
        incident_moderate(actor=users["coordinator"], incident=incident, publish=publish)
        incident_moderate(actor=users["coordinator"], incident=incident, publish=not publish)

    # then: one word, about the first decision
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["m@example.se"]
    assert words in mail.outbox[0].body
