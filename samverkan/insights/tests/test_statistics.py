"""The statistics page: reported crimes beside the council's own incidents per 100,000
inhabitants, with the key figures and the population (imported in incidents)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from samverkan.core.importing import tables
from samverkan.incidents.models import CrimeStatistic, Incident, KeyFigure, Population
from samverkan.incidents.services import statistics
from samverkan.incidents.services.tallies import incidents_insert
from samverkan.incidents.tests.test_statistics import BRA, _table
from samverkan.insights.selectors.statistics import statistics_by_period

pytestmark = pytest.mark.usefixtures("english_pages")


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


def _incident(council, category, when):
    return incidents_insert(
        [
            Incident(
                council=council,
                category=category,
                address="Torget",
                occurred_from=when,
                source="partner",
            )
        ]
    )[0]


def test_the_page_shows_crimes_beside_incidents_per_100k(client, council, categories, coordinator):
    zone = dt.timezone(dt.timedelta(hours=1))
    _incident(council, categories["graffiti"], dt.datetime(2018, 3, 5, 12, tzinfo=zone))
    _incident(council, categories["graffiti"], dt.datetime(2018, 7, 5, 12, tzinfo=zone))
    table = _table(BRA)
    statistics.crime_statistics_import(
        actor=None,
        council=council,
        table=table,
        mapping=tables.guess_mapping(table.headers, statistics.CRIME_FIELDS),
    )
    statistics.population_set(actor=None, council=council, year=2018, count=25000)
    rows = statistics_by_period(council)
    assert [(r.year, r.month, r.crimes, r.incidents) for r in rows] == [
        (2018, 0, 160, 2),
        (2018, 3, 9, 1),
    ]
    assert rows[0].crimes_per_100k == 640.0
    client.force_login(coordinator)
    page = client.get(reverse("insights:statistics", args=[council.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "640.0" in text
    assert "2018-03" in text
    assert "36.0" in text


def test_the_statistics_page_has_a_fixed_number_of_queries(
    client, council, coordinator, django_assert_num_queries
):
    for year in range(2000, 2030):
        KeyFigure.objects.create(council=council, municipality_code="1983", kpi="N1", year=year)
        Population.objects.create(council=council, year=year, count=1000 + year)
        CrimeStatistic.objects.create(council=council, year=year, category="Stöld", count=3)
    client.force_login(coordinator)
    url = reverse("insights:statistics", args=[council.slug])
    client.get(url)
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
