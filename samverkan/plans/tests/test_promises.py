"""The citizen promises as pages: what they show, what those who manage plans change on them,
the activities that fulfil a promise, and their number of queries."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from samverkan.core.models import AuditEvent
from samverkan.plans.models import (
    Activity,
    Plan,
    Promise,
    PromiseSet,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages in English, the language of the msgids the tests look for."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _url(name: str, council, **kwargs: object) -> str:
    return reverse(f"plans:{name}", kwargs={"slug": council.slug, **kwargs})


# The citizen promises -----------------------------------------------------------------------


def test_the_promises_page_shows_each_promise_with_its_activities_and_status(
    client, users, council, promise_set
):
    # A draft (the fixture's set) is read by the council's members: a member, not a viewer.
    client.force_login(users["member"])
    page = client.get(_url("promise_set_detail", council, pk=promise_set.pk)).content.decode()
    assert "Polisen lovar fotpatrull." in page
    assert "Joint promise" in page
    assert "Insats 0" in page
    assert "Insats 1" in page
    # done + delayed: the promise is delayed
    assert "<strong>Delayed</strong>" in page
    assert "No activity fulfils this promise yet." in page


def test_the_promises_page_uses_a_fixed_number_of_queries(
    client, users, council, promise_set, django_assert_num_queries
):
    client.force_login(users["coordinator"])
    url = _url("promise_set_detail", council, pk=promise_set.pk)
    client.get(url)
    for i in range(3):
        Promise.objects.create(promise_set=promise_set, position=5 + i, text="Mer", parties=[])
    # With the set's anchoring comments and revisions, each one query whatever their number.
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_coordinator_creates_promises_for_two_years(client, users, council):
    client.force_login(users["coordinator"])
    response = client.post(
        _url("promise_set_create", council),
        {
            "title": "Medborgarlöften 2018–2020",
            "valid_from": "2018-07-01",
            "valid_to": "2020-06-30",
        },
    )
    promise_set = PromiseSet.objects.get()
    assert response.status_code == 302
    assert (promise_set.year, str(promise_set.valid_to)) == (2018, "2020-06-30")


def test_promises_are_added_edited_and_removed(client, users, council, promise_set):
    # given
    client.force_login(users["coordinator"])
    # when
    client.post(
        _url("promise_add", council, pk=promise_set.pk),
        {"text": "Kommunen lovar belysning.", "parties": ["municipality"]},
    )
    added = Promise.objects.get(text="Kommunen lovar belysning.")
    client.post(
        _url("promise_edit", council, pk=added.pk),
        {
            "number": "3",
            "text": "Kommunen och polisen lovar belysning.",
            "parties": ["police", "municipality"],
        },
    )
    # then
    added.refresh_from_db()
    assert (added.position, added.parties, added.joint) == (2, ["municipality", "police"], False)
    client.post(_url("promise_delete", council, pk=added.pk))
    assert not Promise.objects.filter(pk=added.pk).exists()


def test_a_promise_without_a_party_is_refused(client, users, council, promise_set):
    client.force_login(users["coordinator"])
    response = client.post(_url("promise_add", council, pk=promise_set.pk), {"text": "Något."})
    assert response.status_code == 400
    assert promise_set.promises.count() == 2


def test_activities_of_the_years_plan_are_linked_to_a_promise(client, users, council, promise_set):
    # given
    client.force_login(users["coordinator"])
    joint = promise_set.promises.get(joint=True)
    belysning = Activity.objects.get(text="Belysning i parken")
    url = _url("promise_activities", council, pk=joint.pk)
    assert "Belysning i parken" in client.get(url).content.decode()
    # when
    response = client.post(url, {"activities": [belysning.pk]})
    # then
    assert response.status_code == 302
    assert list(joint.activities.all()) == [belysning]
    event = AuditEvent.objects.get(model="plans.Activity", object_id=str(belysning.pk))
    assert event.changes["promises"][0] is None


def test_an_activity_of_another_year_cannot_be_linked(client, users, council, promise_set):
    client.force_login(users["coordinator"])
    later = Plan.objects.create(council=council, title="Plan 2019", year=2019)
    other = Activity.objects.create(plan=later, text="Nästa år")
    promise = promise_set.promises.first()
    response = client.post(
        _url("promise_activities", council, pk=promise.pk),
        {"activities": [other.pk]},
    )
    assert response.status_code == 400
    assert not other.promises.exists()
