"""The statistics page: reported crimes beside the council's own incidents per 100,000
inhabitants, with the key figures and the population (imported in incidents)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.core.importing import tables
from samverkan.incidents.demo_statistics import load_demo_statistics
from samverkan.incidents.models import CrimeStatistic, Incident, KeyFigure, Population
from samverkan.incidents.services import statistics
from samverkan.incidents.services.tallies import incidents_insert
from samverkan.incidents.tests.test_statistics import BRA, _table
from samverkan.insights.selectors.statistics import crime_by_offence_type, statistics_by_period

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
    # the page: 10, and the offence types with the years, the figures, the population and the
    # names of the areas compared
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200


BRA_AREAS = (
    "Region;År;Brottstyp;Antal anmälda brott;Antal per 100 000 inv\n"
    "Köpings kommun;2023;Skadegörelse;300;1200\n"
    "Köpings kommun;2023;Misshandel;50;200\n"
    "Köpings kommun;2022;Skadegörelse;250;1000\n"
    "Arboga kommun;2023;Skadegörelse;120;890\n"
    "Västmanlands län;2023;Skadegörelse;3000;1100\n"
    "Västmanlands län;2023;Misshandel;800;290\n"
    "Kommungrupp: Pendlingskommun nära större stad;2023;Skadegörelse;9000;1050\n"
    "Riket;2023;Skadegörelse;100000;980\n"
)


def _import_areas(council):
    table = _table(BRA_AREAS)
    statistics.crime_statistics_import(
        actor=None,
        council=council,
        table=table,
        mapping=statistics.crime_guess_mapping(table.headers),
    )


def test_crime_per_offence_type_against_the_county_group_and_country(council):
    # given Brå's file of the municipality, its county, its group, the country and a neighbour
    council.municipality.code = "1983"
    council.municipality.save()
    _import_areas(council)
    # when the council reads 2023 per offence type
    rows = crime_by_offence_type(council, 2023)
    # then each offence type has the municipality's count and rate, the areas' rates and the
    # change from 2022; the neighbour's figures are in none of them
    assert [row.category for row in rows] == ["Skadegörelse", "Misshandel"]
    damage, assault = rows
    assert (damage.count, damage.per_1000, damage.previous_count, damage.change) == (
        300,
        12.0,
        250,
        50,
    )
    assert damage.change_percent == 20.0
    assert (damage.county_per_1000, damage.group_per_1000, damage.country_per_1000) == (
        11.0,
        10.5,
        9.8,
    )
    assert (assault.county_per_1000, assault.group_per_1000, assault.change) == (2.9, None, None)
    assert not CrimeStatistic.objects.filter(count=120).exists()
    # and the periods beside the council's incidents count the municipality's rows alone
    assert [(row.year, row.crimes) for row in statistics_by_period(council)] == [
        (2022, 250),
        (2023, 350),
    ]


def test_the_municipality_rate_comes_from_its_population_when_the_file_gives_none(council):
    table = _table("År;Brottstyp;Antal\n2023;Stöld;50\n")
    statistics.crime_statistics_import(
        actor=None,
        council=council,
        table=table,
        mapping=statistics.crime_guess_mapping(table.headers),
    )
    assert crime_by_offence_type(council, 2023)[0].per_1000 is None
    statistics.population_set(actor=None, council=council, year=2023, count=25000)
    assert crime_by_offence_type(council, 2023)[0].per_1000 == 2.0


def test_the_page_shows_crime_per_offence_type_in_a_table_and_a_chart(client, council, coordinator):
    council.municipality.code = "1983"
    council.municipality.save()
    _import_areas(council)
    client.force_login(coordinator)
    page = client.get(reverse("insights:statistics", args=[council.slug]) + "?year=2023")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'id="offence-type-chart"' in text
    assert "Västmanlands län" in text
    assert "+50 (+20 %)" in text
    assert "11.0" in text  # the county's rate per 1,000
    # a year that is not there falls back on the latest
    assert (
        client.get(reverse("insights:statistics", args=[council.slug]) + "?year=abc").status_code
        == 200
    )


def test_the_demo_has_crime_per_offence_type_against_the_county_for_last_year(council):
    load_demo_statistics(council)
    last_year = timezone.localdate().year - 1
    rows = crime_by_offence_type(council, last_year)
    assert len(rows) == 6
    assert all(row.count and row.per_1000 and row.county_per_1000 for row in rows)
    assert all(row.previous_count is not None for row in rows)
    assert crime_by_offence_type(council, 2018)
