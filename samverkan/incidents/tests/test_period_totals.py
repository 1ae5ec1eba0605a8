"""Period totals: a partner's aggregate counts once against its single reports (the seed's KBAB
table for January–May 2018)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.core.errors import ServiceError
from samverkan.incidents.models import AggregateReport
from samverkan.incidents.selectors import period_totals
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.incidents import (
    What,
    Where,
    incident_merge,
    incident_report,
)

JAN, MAY = dt.date(2018, 1, 1), dt.date(2018, 5, 31)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


@pytest.fixture
def kbab_table(council, kbab, categories):
    return aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=JAN,
        period_to=MAY,
        totals=[
            Total(category=categories["broken_glass"], cost=325_000),
            Total(category=categories["graffiti"], cost=16_000),
            Total(category=categories["other_damage"], cost=25_000),
        ],
    )


def _report(council, category, organisation, day, cost):
    return incident_report(
        actor=None,
        council=council,
        where=Where(address="Nygårdsskolan"),
        what=What(category=category, occurred_from=_at(day), cost=cost),
        organisation=organisation,
    )


def _by_code(totals):
    return {t.category.code: (t.count, t.cost, t.count_incomplete) for t in totals}


def test_the_seeds_kbab_table_is_reproduced(council, kbab_table):
    totals = _by_code(period_totals(council, JAN, MAY))
    assert totals == {
        "broken_glass": (0, 325_000, True),
        "graffiti": (0, 16_000, True),
        "other_damage": (0, 25_000, True),
    }


def test_single_reports_of_the_same_partner_and_period_are_not_added_again(
    council, kbab, categories, kbab_table
):
    # given KBAB's own single report of broken glass in March, already in its total
    _report(council, categories["broken_glass"], kbab, dt.date(2018, 3, 4), 12_000)
    # and the school's two large incidents "not included" in KBAB's table
    kommun = kbab.council.organisations.get(name="Köpings kommun")
    _report(council, categories["broken_glass"], kommun, dt.date(2018, 2, 10), 80_000)
    # and a KBAB report of another category, which its table does not cover
    _report(council, categories["littering"], kbab, dt.date(2018, 4, 1), 500)
    # when the period is counted
    with_ids = period_totals(council, JAN, MAY)
    # then KBAB's glass counts once (its total), the school's incident adds to it
    totals = _by_code(with_ids)
    assert totals["broken_glass"] == (1, 325_000 + 80_000, True)
    assert totals["littering"] == (1, 500, False)
    assert totals["graffiti"] == (0, 16_000, True)


def test_a_total_outside_the_asked_period_does_not_count(council, kbab_table, kbab, categories):
    _report(council, categories["broken_glass"], kbab, dt.date(2018, 3, 4), 12_000)
    # Only March: KBAB's January–May total does not fit, so its single report counts.
    totals = _by_code(period_totals(council, dt.date(2018, 3, 1), dt.date(2018, 3, 31)))
    assert totals == {"broken_glass": (1, 12_000, False)}


def test_merged_pending_and_rejected_reports_do_not_count(council, categories, users):
    first = _report(council, categories["graffiti"], None, dt.date(2018, 3, 4), 1000)
    duplicate = _report(council, categories["graffiti"], None, dt.date(2018, 3, 4), 1000)
    incident_merge(actor=users["coordinator"], incident=duplicate, into=first)
    incident_report(
        actor=None,
        council=council,
        where=Where(address="Torget"),
        what=What(category=categories["graffiti"], occurred_from=_at(dt.date(2018, 3, 5))),
        source="citizen",
    )
    totals = _by_code(period_totals(council, JAN, MAY))
    assert totals == {"graffiti": (1, 1000, False)}


def test_counting_takes_a_fixed_number_of_queries(
    council, kbab_table, kbab, categories, django_assert_num_queries
):
    for day in range(1, 20):
        _report(council, categories["graffiti"], kbab, dt.date(2018, 6, day), 100)
    with django_assert_num_queries(3):
        period_totals(council, JAN, dt.date(2018, 12, 31))


def test_a_total_reported_again_replaces_the_first(council, kbab, categories, kbab_table):
    aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=JAN,
        period_to=MAY,
        totals=[Total(category=categories["graffiti"], count=7, cost=17_000)],
    )
    assert AggregateReport.objects.count() == 3
    assert _by_code(period_totals(council, JAN, MAY))["graffiti"] == (7, 17_000, False)


def test_it_refuses_a_reversed_period_and_empty_or_negative_rows(council, kbab, categories):
    cases = [
        dict(period_from=MAY, period_to=JAN, totals=[Total(categories["graffiti"], cost=1)]),
        dict(period_from=JAN, period_to=MAY, totals=[Total(categories["graffiti"])]),
        dict(period_from=JAN, period_to=MAY, totals=[Total(categories["graffiti"], cost=-5)]),
    ]
    for case in cases:
        with pytest.raises(ServiceError):
            aggregates_report(actor=None, council=council, organisation=kbab, **case)
    assert not AggregateReport.objects.exists()


def test_the_aggregate_form_saves_the_seeds_table(client, users, council, kbab, categories):
    client.force_login(users["coordinator"])
    url = reverse("incidents:aggregate_create", args=[council.slug])
    assert client.get(url).status_code == 200
    data = {
        "organisation": kbab.pk,
        "period_from": "2018-01-01",
        "period_to": "2018-05-31",
        "rows-TOTAL_FORMS": "6",
        "rows-INITIAL_FORMS": "0",
        "rows-0-category": categories["broken_glass"].pk,
        "rows-0-cost": "325000",
        "rows-1-category": categories["graffiti"].pk,
        "rows-1-cost": "16000",
        "rows-2-category": categories["other_damage"].pk,
        "rows-2-cost": "25000",
    }
    assert client.post(url, data).status_code == 302
    assert _by_code(period_totals(council, JAN, MAY))["broken_glass"] == (0, 325_000, True)
    # A negative cost and a figure without a category are refused, and nothing changes.
    bad = {**data, "rows-0-cost": "-1", "rows-3-cost": "10"}
    response = client.post(url, bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "The cost cannot be negative." in page
    assert "Choose the category of these figures." in page
    assert AggregateReport.objects.get(category=categories["broken_glass"]).cost == 325_000


def test_a_partner_reports_only_for_its_own_organisation(client, users, council, kbab, categories):
    # The reporter sits for no organisation here, so it cannot report KBAB's totals.
    client.force_login(users["reporter"])
    url = reverse("incidents:aggregate_create", args=[council.slug])
    data = {
        "organisation": kbab.pk,
        "period_from": "2018-01-01",
        "period_to": "2018-05-31",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-category": categories["graffiti"].pk,
        "rows-0-cost": "16000",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert not AggregateReport.objects.exists()


# Overlaps, repeats and removal -------------------------------------------------------------


def test_an_overlapping_period_of_the_same_partner_and_category_is_refused(
    council, kbab, categories, kbab_table
):
    # when KBAB reports March–April, inside its January–May total
    with pytest.raises(ServiceError, match="överlappar"):
        aggregates_report(
            actor=None,
            council=council,
            organisation=kbab,
            period_from=dt.date(2018, 3, 1),
            period_to=dt.date(2018, 4, 30),
            totals=[Total(category=categories["broken_glass"], cost=1_000)],
        )
    # then nothing is saved and the seed's figure stands
    assert AggregateReport.objects.count() == 3
    assert _by_code(period_totals(council, JAN, MAY))["broken_glass"][1] == 325_000


def test_the_same_period_again_replaces_and_another_category_is_allowed(
    council, kbab, categories, kbab_table
):
    aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=JAN,
        period_to=MAY,
        totals=[Total(category=categories["broken_glass"], cost=300_000)],
    )
    aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=dt.date(2018, 3, 1),
        period_to=dt.date(2018, 4, 30),
        totals=[Total(category=categories["litter"], cost=500)],
    )
    totals = _by_code(period_totals(council, JAN, MAY))
    assert totals["broken_glass"][1] == 300_000
    assert totals["litter"][1] == 500


def test_a_category_given_twice_is_refused_not_silently_halved(council, kbab, categories):
    with pytest.raises(ServiceError, match="två gånger"):
        aggregates_report(
            actor=None,
            council=council,
            organisation=kbab,
            period_from=JAN,
            period_to=MAY,
            totals=[
                Total(category=categories["broken_glass"], cost=100),
                Total(category=categories["broken_glass"], cost=200),
            ],
        )
    assert not AggregateReport.objects.exists()


def test_the_coordinator_removes_a_total_after_a_question(client, users, council, kbab_table):
    from samverkan.core.models import AuditEvent

    client.force_login(users["coordinator"])
    glass = kbab_table[0]
    url = reverse("incidents:aggregate_remove", args=[council.slug, glass.pk])
    question = client.get(url)
    assert question.status_code == 200
    assert "2018-01-01" in question.content.decode()
    assert AggregateReport.objects.filter(pk=glass.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not AggregateReport.objects.filter(pk=glass.pk).exists()
    assert AuditEvent.objects.filter(
        model="incidents.AggregateReport", object_id=str(glass.pk), action="delete"
    ).exists()


def test_another_councils_total_cannot_be_removed(client, users, council, kbab_table):
    client.force_login(users["outsider"])
    url = reverse("incidents:aggregate_remove", args=[council.slug, kbab_table[0].pk])
    assert client.post(url).status_code == 404
    assert AggregateReport.objects.count() == 3


def test_the_form_says_why_an_overlap_is_refused(
    client, users, council, kbab, categories, kbab_table
):
    client.force_login(users["coordinator"])
    response = client.post(
        reverse("incidents:aggregate_create", args=[council.slug]),
        {
            "organisation": kbab.pk,
            "period_from": "2018-03-01",
            "period_to": "2018-04-30",
            "rows-TOTAL_FORMS": "1",
            "rows-INITIAL_FORMS": "0",
            "rows-0-category": categories["broken_glass"].pk,
            "rows-0-cost": "1000",
        },
    )
    assert response.status_code == 400
    assert "2018-01-01" in response.content.decode()
    assert AggregateReport.objects.count() == 3
