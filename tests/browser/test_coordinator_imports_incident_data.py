"""The coordinator brings in data from others in Chromium: a housing company's incident table
(upload → choose the columns → check the rows → import), a workbook whose incidents are on its
second sheet, Brå's reported crimes, Kolada's key figures and the population, and reads them on
the statistics page. An imported report's history says who imported it and from which file."""

from __future__ import annotations

import io
import json
import re

import openpyxl
from playwright.sync_api import expect

from samverkan.incidents.models import CrimeStatistic, Incident, KeyFigure, Population
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.organisations.models import Municipality
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

STATISTICS = exactly("Reported crimes and key figures", "Anmälda brott och nyckeltal")
IMPORT_INCIDENTS = exactly("Import incidents from a table", "Importera händelser från en tabell")
IMPORT_CRIMES = exactly(
    "Import reported crimes (CSV or XLSX)", "Importera anmälda brott (CSV eller XLSX)"
)
IMPORT_KOLADA = exactly("Import key figures from Kolada", "Importera nyckeltal från Kolada")
POPULATION = exactly("Enter the population", "Ange folkmängden")
CHECK = exactly("Check the rows", "Kontrollera raderna")
IMPORT = exactly("Import all rows", "Importera alla rader")
SHOW_SHEET = exactly("Show the sheet", "Visa bladet")
CONTINUE = exactly("Continue", "Fortsätt")

INCIDENTS_CSV = (
    "Ärendenummer;Datum;Kategori;Adress;Lat;Lon;Kostnad\n"
    "A1;2018-03-01;Glaskross;Torggatan 3;;;325 000\n"
    "A2;2018-03-02 21:30;Klotter;;59.5195;15.979;16000\n"
    "A3;den första;Ufo;Torget;;;-5\n"
)
CRIMES_CSV = "År;Brottstyp;Antal\n2018;Skadegörelse;120\n2018-03;Skadegörelse;9\n"
KOLADA = {
    "count": 1,
    "values": [
        {
            "kpi": "N07403",
            "municipality": "1983",
            "period": 2018,
            "values": [{"gender": "T", "count": 1, "status": "", "value": 12.3}],
        }
    ],
    "next_page": None,
}


def _workbook() -> bytes:
    """A housing company's workbook: a summary first, the incidents on the second sheet."""
    book = openpyxl.Workbook()
    book.worksheets[0].title = "Sammanfattning"
    book.worksheets[0].append(["Export från KBAB"])
    sheet = book.create_sheet("Händelser")
    sheet.append(["Nr", "Datum", "Kategori", "Plats", "Kostnad"])
    sheet.append(["K1", "2018-04-01", "Klotter", "Centrumgången", 1200])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload(visitor: Visitor, name: str, data: bytes, mime: str) -> None:
    visitor.field("file").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").click()
    visitor.check()


def test_coordinator_imports_incident_data(open_visitor, users, council):
    # given the default categories and a council in Köping (municipality code 1983)
    categories_ensure_defaults(actor=None, council=council)
    Municipality.objects.filter(pk=council.municipality_id).update(code="1983")
    c = f"/councils/{council.slug}/incidents"

    visitor: Visitor = open_visitor()
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/lagesbild/")
    visitor.follow(STATISTICS, scope=main)

    # The incident table: a bad row holds the whole file back until it is taken out.
    visitor.follow(IMPORT_INCIDENTS, scope=main)
    _upload(visitor, "export.csv", INCIDENTS_CSV.encode(), "text/csv")
    expect(main).to_contain_text("Torggatan 3")  # the preview of the first rows
    visitor.submit(CHECK)
    expect(main.get_by_role("alert").first).to_be_visible()
    expect(main).to_contain_text("Ufo")
    # the report of a file with a bad row offers no import, only other columns
    expect(main.get_by_role("button", name=IMPORT)).to_have_count(0)
    assert not Incident.objects.filter(council=council).exists()

    visitor.visit(f"{c}/import/")
    good = INCIDENTS_CSV.rsplit("A3;", 1)[0]
    _upload(visitor, "export.csv", good.encode(), "text/csv")
    visitor.submit(CHECK)
    visitor.submit(IMPORT)
    expect(main).to_contain_text("2")
    assert Incident.objects.filter(council=council).count() == 2

    # A workbook: the incidents are on its second sheet, chosen before the columns.
    visitor.visit(f"{c}/import/")
    _upload(visitor, "kbab.xlsx", _workbook(), "application/octet-stream")
    visitor.field("sheet").select_option("Händelser")
    visitor.submit(SHOW_SHEET)
    expect(main).to_contain_text("Centrumgången")
    visitor.submit(CHECK)
    visitor.submit(IMPORT)
    imported = Incident.objects.get(council=council, imported__source_id="K1")
    visitor.visit(f"{c}/{imported.pk}/")
    expect(main.locator(".history")).to_contain_text(
        re.compile(r"(Imported by|Importerad av) coordinator .*kbab\.xlsx")
    )

    # Brå's reported crimes, through the same column choice.
    visitor.visit(f"{c}/statistics/")
    visitor.follow(IMPORT_CRIMES, scope=main)
    _upload(visitor, "bra.csv", CRIMES_CSV.encode(), "text/csv")
    visitor.submit(CHECK)
    visitor.submit(IMPORT)
    assert CrimeStatistic.objects.filter(council=council).count() == 2
    visitor.follow(CONTINUE, scope=main)
    expect(main.get_by_role("row", name=re.compile("^2018 120"))).to_be_visible()

    # Kolada's key figures as saved from its API.
    visitor.follow(IMPORT_KOLADA, scope=main)
    _upload(visitor, "kolada.json", json.dumps(KOLADA).encode(), "application/json")
    assert KeyFigure.objects.filter(council=council, kpi="N07403").exists()
    expect(main).to_contain_text("N07403")

    # The population, for the rates per 100,000 inhabitants.
    visitor.follow(POPULATION, scope=main)
    visitor.field("year").fill("2018")
    visitor.field("count").fill("26000")
    with page.expect_navigation():
        main.locator("form button[type=submit]").click()
    visitor.check()
    assert Population.objects.get(council=council, year=2018).count == 26000
