"""The commands import_incidents and import_statistics."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samverkan.incidents.models import (
    CrimeStatistic,
    ImportBatch,
    Incident,
    KeyFigure,
    Population,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The messages asserted below are the English msgids; the interface default is Swedish."""
    with translation.override("en"):
        yield


GOOD = "Nr;Datum;Typ;Plats;Belopp\n1;2018-03-01;Glaskross;Nygårdsskolan;325 000\n"


def test_import_incidents_twice_skips_the_known_ids(tmp_path, council, categories, school, kbab):
    path = tmp_path / "kbab.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_incidents", council.slug, str(path), "--organisation", kbab.name)
    call_command("import_incidents", council.slug, str(path), "--organisation", kbab.name)
    assert Incident.objects.get().cost == 325000


def test_import_incidents_with_a_bad_row_saves_nothing(tmp_path, council, categories, school):
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + "2;igår;Ufo;;-1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="problem"):
        call_command("import_incidents", council.slug, str(path), "--column", "cost=Belopp")
    assert not Incident.objects.exists()


def test_import_statistics_crimes_kolada_and_population(tmp_path, council):
    crimes = tmp_path / "bra.csv"
    crimes.write_text("Period;Brottstyp;Antal\n2018;Skadegörelse;120\n", encoding="utf-8")
    call_command("import_statistics", council.slug, "crimes", str(crimes))
    assert CrimeStatistic.objects.get().count == 120
    kolada = tmp_path / "kolada.json"
    kolada.write_text(
        json.dumps(
            {
                "values": [
                    {
                        "kpi": "N01951",
                        "municipality": "1983",
                        "period": 2018,
                        "values": [{"gender": "T", "value": 25000}],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    call_command("import_statistics", council.slug, "kolada", str(kolada))
    assert KeyFigure.objects.count() == 1
    call_command("import_statistics", council.slug, "population", "2019", "25100")
    assert set(Population.objects.values_list("year", flat=True)) == {2018, 2019}
    bad = tmp_path / "bad.json"
    bad.write_text("nej", encoding="utf-8")
    with pytest.raises(CommandError, match="not JSON"):
        call_command("import_statistics", council.slug, "kolada", str(bad))


def _workbook(**sheets: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_import_incidents_from_a_named_sheet(tmp_path, council, categories, school):
    path = tmp_path / "kbab.xlsx"
    path.write_bytes(
        _workbook(
            Om=[["Export från KBAB"]],
            Händelser=[["Nr", "Datum", "Typ", "Plats"], ["7", "2018-03-01", "Klotter", "Torget"]],
        )
    )
    call_command("import_incidents", council.slug, str(path), "--sheet", "Händelser")
    assert Incident.objects.get().address == "Torget"
    assert ImportBatch.objects.get().sheet == "Händelser"


def test_an_unknown_sheet_is_a_clear_message(tmp_path, council, categories):
    path = tmp_path / "kbab.xlsx"
    path.write_bytes(_workbook(Om=[["Export från KBAB"]]))
    with pytest.raises(CommandError, match="no sheet named “Händelser”. Its sheets: Om."):
        call_command("import_incidents", council.slug, str(path), "--sheet", "Händelser")
    with pytest.raises(CommandError, match="no sheet named"):
        call_command("import_statistics", council.slug, "crimes", str(path), "--sheet", "Brott")
    assert not Incident.objects.exists()
    assert not ImportBatch.objects.exists()


def test_import_statistics_crimes_from_a_named_sheet(tmp_path, council):
    path = tmp_path / "bra.xlsx"
    path.write_bytes(
        _workbook(
            Info=[["Källa: Brå"]],
            Brott=[["År", "Brottstyp", "Antal"], [2018, "Skadegörelse", 120]],
        )
    )
    call_command("import_statistics", council.slug, "crimes", str(path), "--sheet", "Brott")
    assert CrimeStatistic.objects.get().count == 120
