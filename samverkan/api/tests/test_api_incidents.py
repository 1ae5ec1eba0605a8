"""API v1: the incidents' totals of a period per category, as the dashboard counts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from samverkan.accounts.services import api_token_create
from samverkan.incidents.models import Category
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.organisations.services import organisation_create

URL = "/api/v1/councils/koping/incidents/totals"


def get(client: Any, user: Any, query: str = "", **headers: str) -> Any:
    _token, key = api_token_create(user=user, name="test")
    return client.get(URL + query, headers={"Authorization": f"Bearer {key}", **headers})


@pytest.fixture
def kbab_table(council: Any) -> Any:
    categories_ensure_defaults(actor=None, council=council)
    glass = Category.objects.get(council=council, code="broken_glass")
    kbab = organisation_create(actor=None, council=council, name="Köpings Bostads AB")
    return aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=dt.date(2018, 1, 1),
        period_to=dt.date(2018, 5, 31),
        totals=[Total(category=glass, cost=325_000)],
    )


def test_a_partner_reads_the_period_totals_per_category(client, users, kbab_table):
    response = get(client, users["reporter"], "?start=2018-01-01&end=2018-12-31")
    assert response.status_code == 200
    glass = next(t for t in response.json() if t["code"] == "broken_glass")
    assert glass["cost"] == 325_000
    assert glass["count_incomplete"] is True


def test_a_period_that_ends_before_it_starts_is_refused_in_the_users_language(
    client, users, kbab_table
):
    response = get(client, users["viewer"], "?start=2018-05-01&end=2018-01-01")
    assert response.status_code == 400
    assert "Perioden" in response.json()["detail"]
    english = get(
        client, users["viewer"], "?start=2018-05-01&end=2018-01-01", **{"Accept-Language": "en"}
    )
    assert "period" in english.json()["detail"]
    assert get(client, users["viewer"], "?start=2010-01-01&end=2018-01-01").status_code == 400
    assert get(client, users["viewer"], "?start=igår").status_code == 422


def test_an_outsider_and_a_caller_without_a_token_are_refused(client, users, kbab_table):
    assert get(client, users["outsider"]).status_code == 404
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("count", [1, 3])
def test_the_totals_read_a_fixed_number_of_queries(
    client, users, council, django_assert_num_queries, count
):
    categories_ensure_defaults(actor=None, council=council)
    kbab = organisation_create(actor=None, council=council, name="Köpings Bostads AB")
    for month in range(1, count + 1):
        aggregates_report(
            actor=None,
            council=council,
            organisation=kbab,
            period_from=dt.date(2018, month, 1),
            period_to=dt.date(2018, month, 28),
            totals=[
                Total(category=Category.objects.get(council=council, code="graffiti"), cost=100)
            ],
        )
    _token, key = api_token_create(user=users["viewer"], name="test")
    # the same number however many period totals: token, its rate limit (six for its first
    # count), council and role, then the totals
    with django_assert_num_queries(13):
        response = client.get(
            URL + "?start=2018-01-01&end=2018-12-31", headers={"Authorization": f"Bearer {key}"}
        )
    graffiti = next(t for t in response.json() if t["code"] == "graffiti")
    assert graffiti["cost"] == 100 * count
