"""The public page of the citizen promises: for anyone, only when the council publishes, and
nothing internal on it (no internal notes or figures, no names of people)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.organisations.models import Organisation, Person
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet
from samverkan.plans.services.activities import activity_update_status
from samverkan.plans.services.follow_up import activities_carry_over

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(council, users):
    """A publishing council with its 2026 promises, one activity led by a named person."""
    council.publishes = True
    council.save()
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften för Köping", year=2026, status="published"
    )
    promise = Promise.objects.create(
        promise_set=promise_set,
        text="Polisen och kommunen lovar en trygghetsvandring.",
        parties=["municipality", "police"],
        joint=True,
    )
    Promise.objects.create(promise_set=promise_set, position=1, text="Kommunen lovar belysning.")
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan 2026", year=2026, promise_set=promise_set
    )
    activity = Activity.objects.create(
        plan=plan, text="Trygghetsvandring på Nygård", lead=Person.objects.get(name="Roger Eklund")
    )
    activity.organisations.add(Organisation.objects.get(council=council, name="Köpings kommun"))
    activity.promises.add(promise)
    activity_update_status(
        actor=users["secretary"],
        activity=activity,
        status="in_progress",
        note="Vandringen är bokad till maj.",
        figure_label="deltagare",
        figure=40,
    )
    activity_update_status(
        actor=users["secretary"],
        activity=activity,
        status="in_progress",
        note="Ordningsvakten Nils Nilsson följer med.",
        internal=True,
        figure_label="ordningsvakter",
        figure=2,
    )
    return council


def _url(year: int = 2026, slug: str = "koping") -> str:
    return reverse("plans:public_plan", kwargs={"slug": slug, "year": year})


def test_anyone_reads_the_promises_and_how_far_they_have_come(client, published):
    response = client.get(_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Polisen och kommunen lovar en trygghetsvandring." in page
    assert "Kommunen lovar belysning." in page
    assert "Trygghetsvandring på Nygård" in page
    assert "Vandringen är bokad till maj." in page
    assert "Köpings kommun" in page
    assert "deltagare: 40" in page
    assert "plans/print.css" in page


def test_nothing_internal_is_shown(client, published):
    page = client.get(_url()).content.decode()
    assert "Nils Nilsson" not in page
    assert "ordningsvakter" not in page
    assert "Roger Eklund" not in page  # the lead person
    assert "secretary" not in page  # the author of the updates


def test_a_council_that_does_not_publish_has_no_public_page(client, published):
    published.publishes = False
    published.save()
    assert client.get(_url()).status_code == 404
    assert client.get(reverse("plans:public_index", args=["koping"])).status_code == 404


@pytest.mark.parametrize("year", [2025, 0, 99999, 2**70])
def test_a_year_without_promises_is_not_found(client, published, year):
    assert client.get(_url(year)).status_code == 404


def test_an_unknown_council_is_not_found(client, published):
    assert client.get(_url(slug="finns-inte")).status_code == 404


def test_the_index_lists_the_years(client, published):
    PromiseSet.objects.create(
        council=published, title="Medborgarlöften 2025", year=2025, status="published"
    )
    PromiseSet.objects.create(council=published, title="Utan år", status="published")
    page = client.get(reverse("plans:public_index", args=["koping"])).content.decode()
    assert _url(2026) in page
    assert _url(2025) in page
    assert page.index(_url(2026)) < page.index(_url(2025))
    assert "Utan år" not in page


def test_the_pages_take_a_fixed_number_of_queries(client, published, django_assert_num_queries):
    promise_set = PromiseSet.objects.get(council=published, year=2026)
    plan = Plan.objects.get(council=published, year=2026)
    for i in range(10):
        activity = Activity.objects.create(plan=plan, position=i + 1, text=f"Insats {i}")
        activity.promises.set(promise_set.promises.all())
        activity_update_status(
            actor=None, activity=activity, status="done", figure_label="pass", figure=i
        )
    # One more than before the review of partners' reports: each activity's public reports.
    with django_assert_num_queries(7):
        assert client.get(_url()).status_code == 200
    for year in range(2000, 2030):
        PromiseSet.objects.create(
            council=published, title=f"Löften {year}", year=year, status="published"
        )
    with django_assert_num_queries(3):
        assert client.get(reverse("plans:public_index", args=["koping"])).status_code == 200


def test_a_carried_over_activity_says_which_plan_it_is_in(client, published):
    activities_carry_over(actor=None, plan=Plan.objects.get(council=published, year=2026))
    page = client.get(_url()).content.decode()
    assert page.count("Trygghetsvandring på Nygård") == 2
    assert "2027" in page
