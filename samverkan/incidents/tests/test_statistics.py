"""Reported-crime figures from a table with a column mapping, Kolada key figures from its JSON,
the population, and the statistics page with rates per 100,000 inhabitants."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.importing import tables
from samverkan.core.importing.models import PendingImport
from samverkan.incidents.models import CrimeStatistic, KeyFigure, Population
from samverkan.incidents.services import statistics
from samverkan.organisations.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The messages asserted below are the English msgids; the interface default is Swedish."""
    with translation.override("en"):
        yield


BRA = "År;Brottstyp;Antal\n2018;Skadegörelse;120\n2018;Klotter;40\n2018-03;Skadegörelse;9\n"
KOLADA = {
    "count": 3,
    "values": [
        {
            "kpi": "N07403",
            "municipality": "1983",
            "period": 2018,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 12.3}],
        },
        {
            "kpi": "N01951",
            "municipality": "1983",
            "period": 2018,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 25000}],
        },
        {
            "kpi": "N07403",
            "municipality": "1984",
            "period": 2018,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 99.0}],
        },
    ],
    "next_page": None,
}


@pytest.fixture
def coordinator(users):
    return users["coordinator"]


@pytest.fixture
def koping(council):
    Municipality.objects.filter(pk=council.municipality_id).update(code="1983")
    council.refresh_from_db()
    return council


def _table(text: str) -> tables.Table:
    return tables.read_table("bra.csv", text.encode())


def test_periods_are_years_or_months():
    assert statistics.parse_period("2018") == (2018, 0)
    assert statistics.parse_period("2018-05") == (2018, 5)
    assert statistics.parse_period("2018M05") == (2018, 5)
    assert statistics.parse_period(2018.0) == (2018, 0)
    assert statistics.parse_period("maj") is None
    assert statistics.parse_period("2018-13") is None


def test_crime_figures_are_imported_and_replaced_on_a_second_import(council, coordinator):
    table = _table(BRA)
    mapping = tables.guess_mapping(table.headers, statistics.CRIME_FIELDS)
    assert mapping == {
        "period": 0,
        "category": 1,
        "count": 2,
        "month": None,
        "region": None,
        "rate": None,
    }
    result = statistics.crime_statistics_import(
        actor=coordinator, council=council, table=table, mapping=mapping, source="Brå"
    )
    assert (result.created, result.updated) == (3, 0)
    again = _table(BRA.replace("120", "121"))
    result = statistics.crime_statistics_import(
        actor=coordinator, council=council, table=again, mapping=mapping, source="Brå"
    )
    assert (result.created, result.updated) == (0, 1)
    assert CrimeStatistic.objects.get(month=0, category="Skadegörelse").count == 121


def test_a_bad_row_is_named_and_nothing_is_saved(council):
    table = _table(BRA + "maj;Stöld;-3\n")
    mapping = tables.guess_mapping(table.headers, statistics.CRIME_FIELDS)
    checked = statistics.crime_statistics_check(council=council, table=table, mapping=mapping)
    assert {p.row for p in checked.problems} == {5}
    with pytest.raises(ServiceError, match="problems in the file"):
        statistics.crime_statistics_import(
            actor=None, council=council, table=table, mapping=mapping
        )
    assert not CrimeStatistic.objects.exists()


def test_a_count_beyond_the_database_integer_is_a_problem_not_a_crash(council):
    table = _table(BRA + "2019;Stöld;3000000000\n")
    mapping = tables.guess_mapping(table.headers, statistics.CRIME_FIELDS)
    checked = statistics.crime_statistics_check(council=council, table=table, mapping=mapping)
    assert {p.row for p in checked.problems} == {5}


def test_a_month_in_a_column_of_its_own_is_read_with_the_year(council, coordinator):
    # given a table of Brå's kind with the year and the month in columns of their own
    table = _table(
        "År;Månad;Brottstyp;Antal\n"
        "2018;1;Skadegörelse;9\n"
        "2018;februari;Skadegörelse;7\n"
        "2018;Mar;Skadegörelse;11\n"
        "2018;;Skadegörelse;120\n"
    )
    mapping = tables.guess_mapping(table.headers, statistics.CRIME_FIELDS)
    assert (mapping["period"], mapping["month"]) == (0, 1)
    # when it is imported
    statistics.crime_statistics_import(
        actor=coordinator, council=council, table=table, mapping=mapping
    )
    # then each month is its own figure, and a row without a month is the year's
    figures = dict(CrimeStatistic.objects.values_list("month", "count"))
    assert figures == {1: 9, 2: 7, 3: 11, 0: 120}


def test_a_month_that_is_not_one_is_a_problem(council):
    table = _table("År;Månad;Brottstyp;Antal\n2018;13;Stöld;1\n2018-05;maj;Stöld;2\n")
    mapping = tables.guess_mapping(table.headers, statistics.CRIME_FIELDS)
    checked = statistics.crime_statistics_check(council=council, table=table, mapping=mapping)
    assert {p.row for p in checked.problems} == {2, 3}


def test_kolada_figures_of_the_municipality_and_the_population(koping, coordinator):
    data = json.dumps(KOLADA).encode()
    result = statistics.key_figures_import(actor=coordinator, council=koping, data=data)
    assert result.created == 2  # the other municipality's figure is left out
    assert KeyFigure.objects.get(kpi="N07403").value == 12.3
    assert Population.objects.get(year=2018).count == 25000
    again = statistics.key_figures_import(actor=coordinator, council=koping, data=data)
    assert (again.created, again.updated) == (0, 0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json at all", "not JSON"),
        (b"[" * 100_000, "not JSON"),  # deeper than the JSON parser goes
        (b"[1, 2]", "not in Kolada's format"),
        (json.dumps({"values": [{"kpi": "N1", "municipality": "1983"}]}).encode(), "format"),
        (
            json.dumps(
                {
                    "values": [
                        {
                            "kpi": "N1",
                            "municipality": "1983",
                            "period": 2018,
                            "values": [{"gender": "T", "value": "tolv"}],
                        }
                    ]
                }
            ).encode(),
            "format",
        ),
        (json.dumps({"values": []}).encode(), "no figures"),
    ],
)
def test_bad_kolada_input_gets_a_clear_message_and_saves_nothing(koping, data, message):
    with pytest.raises(ServiceError, match=message):
        statistics.key_figures_import(actor=None, council=koping, data=data)
    assert not KeyFigure.objects.exists()
    assert not Population.objects.exists()


def test_the_population_must_be_positive(council):
    with pytest.raises(ServiceError):
        statistics.population_set(actor=None, council=council, year=2018, count=0)
    statistics.population_set(actor=None, council=council, year=2018, count=25000)
    statistics.population_set(actor=None, council=council, year=2018, count=26000)
    assert Population.objects.get().count == 26000


def test_crime_figures_through_the_pages(client, council, coordinator):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("bra.csv", BRA.encode(), "text/csv")
    response = client.post(
        reverse("incidents:statistics_import", args=[council.slug]), {"file": upload}
    )
    assert response.status_code == 302
    pending = PendingImport.objects.get()
    url = reverse("incidents:statistics_map", args=[council.slug, pending.pk])
    assert client.get(url).status_code == 200
    post = {"period": "0", "category": "1", "count": "", "source": "Brå", "action": "import"}
    # the worker checks and imports; its page answers
    missing = client.post(url, post, follow=True)
    assert missing.status_code == 400
    assert not CrimeStatistic.objects.exists()
    done = client.post(url, post | {"count": "2"}, follow=True)
    assert done.status_code == 200
    assert CrimeStatistic.objects.count() == 3


def test_crime_figures_from_a_chosen_sheet_through_the_pages(client, council, coordinator):
    # given Brå's workbook, with notes on its first sheet and the figures on its second
    book = openpyxl.Workbook()
    book.worksheets[0].title = "Om statistiken"
    book.worksheets[0].append(["Anmälda brott, Köping"])
    figures = book.create_sheet("Tabell")
    figures.append(["År", "Brottstyp", "Antal"])
    figures.append([2018, "Skadegörelse", 120])
    out = io.BytesIO()
    book.save(out)
    client.force_login(coordinator)
    upload = SimpleUploadedFile("bra.xlsx", out.getvalue(), "application/octet-stream")
    client.post(reverse("incidents:statistics_import", args=[council.slug]), {"file": upload})
    url = reverse("incidents:statistics_map", args=[council.slug, PendingImport.objects.get().pk])
    # when the second sheet is chosen, then its columns are offered and its figures imported
    page = client.get(url, {"sheet": "Tabell"}, follow=True)
    assert '<option value="Tabell" selected>Tabell</option>' in page.content.decode()
    post = {"period": "0", "category": "1", "count": "2", "source": "Brå", "action": "import"}
    assert client.post(f"{url}?sheet=Tabell", post, follow=True).status_code == 200
    assert CrimeStatistic.objects.get().count == 120


def test_kolada_and_population_through_the_pages(client, koping, coordinator):
    client.force_login(coordinator)
    url = reverse("incidents:statistics_kolada", args=[koping.slug])
    bad = client.post(url, {"file": SimpleUploadedFile("k.json", b"<html>", "application/json")})
    assert bad.status_code == 400
    assert "not JSON" in bad.content.decode()
    good = SimpleUploadedFile("k.json", json.dumps(KOLADA).encode(), "application/json")
    assert client.post(url, {"file": good}).status_code == 302
    assert KeyFigure.objects.count() == 2
    url = reverse("incidents:statistics_population", args=[koping.slug])
    assert client.post(url, {"year": "2019", "count": "0"}).status_code == 400
    assert client.post(url, {"year": "2019", "count": "25100"}).status_code == 302
    assert Population.objects.filter(year=2019).exists()
