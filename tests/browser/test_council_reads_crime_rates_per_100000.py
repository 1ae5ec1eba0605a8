"""The council reads its statistics in Chromium: Brå's reported crimes beside its own incidents,
per 100,000 inhabitants once the coordinator has entered the population (after a typing
mistake and a broken Kolada file, each refused with a message and nothing saved), Kolada's key
figures; a police member reads the same page without the import links and may not enter
figures. Every page is checked with axe."""

from __future__ import annotations

import datetime as dt
import json
import re

from django.utils import timezone
from playwright.sync_api import Locator, expect

from samverkan.core.importing.tables import guess_mapping, read_table
from samverkan.incidents.models import Category, KeyFigure, Population
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.services.statistics import (
    CRIME_FIELDS,
    crime_statistics_import,
    key_figures_import,
)
from samverkan.organisations.models import Municipality
from tests.browser.ui import ERROR_SUMMARY, exactly
from tests.browser.visitor import Visitor

STATISTICS = exactly("Reported crimes and key figures", "Anmälda brott och nyckeltal")
POPULATION = exactly("Enter the population", "Ange folkmängden")
IMPORT_KOLADA = exactly("Import key figures from Kolada", "Importera nyckeltal från Kolada")
IMPORT_CRIMES = exactly(
    "Import reported crimes (CSV or XLSX)", "Importera anmälda brott (CSV eller XLSX)"
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


def _row(main: Locator, period: str) -> Locator:
    """The row of a period in the table of reported crimes beside the council's incidents
    (the one per period; the offence types have a table of their own above it)."""
    table = main.locator("table").filter(
        has=main.page.locator("caption", has_text=re.compile("100[ ,.\u00a0]?000"))
    )
    header = main.page.get_by_role("rowheader", name=period, exact=True)
    return table.locator("tbody tr").filter(has=header)


def _submit_form(visitor: Visitor) -> None:
    with visitor.page.expect_navigation():
        visitor.page.get_by_role("main").locator("form button[type=submit]").click()
    visitor.check()


def test_council_reads_crime_rates_per_100000(open_visitor, users, council):
    # given Brå's reported crimes for 2018 and March 2018, two of the council's own reports in
    # March, and Kolada's key figures, for Köping (municipality code 1983)
    categories_ensure_defaults(actor=None, council=council)
    Municipality.objects.filter(pk=council.municipality_id).update(code="1983")
    table = read_table("bra.csv", CRIMES_CSV.encode())
    crime_statistics_import(
        actor=None,
        council=council,
        table=table,
        mapping=guess_mapping(table.headers, CRIME_FIELDS),
        source="Brå",
    )
    glass = Category.objects.get(council=council, code="broken_glass")
    for day in (3, 17):
        incident_report(
            actor=None,
            council=council,
            where=Where(address="Stora torget"),
            what=What(
                category=glass,
                occurred_from=timezone.make_aware(
                    dt.datetime.combine(dt.date(2018, 3, day), dt.time(22, 15))
                ),
            ),
        )
    key_figures_import(actor=None, council=council, data=json.dumps(KOLADA).encode())
    statistics = f"/councils/{council.slug}/incidents/statistics/"

    # The coordinator sees the counts, but no rate while the population is unknown.
    coordinator = open_visitor()
    main = coordinator.page.get_by_role("main")
    coordinator.log_in(users["coordinator"].username)
    coordinator.visit(f"/councils/{council.slug}/lagesbild/")
    coordinator.follow(STATISTICS, scope=main)
    year = _row(main, "2018")
    expect(year).to_have_text(re.compile(r"2018\s*120\s*–\s*2\s*–\s*–"))
    expect(_row(main, "2018-03")).to_contain_text("9")
    expect(main).to_contain_text("N07403")

    # A population of nobody is refused, with what was typed kept.
    coordinator.follow(POPULATION, scope=main)
    coordinator.field("year").fill("2018")
    coordinator.field("count").fill("0")
    _submit_form(coordinator)
    expect(main.get_by_role("alert")).to_contain_text(ERROR_SUMMARY)
    expect(coordinator.field("year")).to_have_value("2018")
    expect(coordinator.field("count")).to_have_value("0")
    # So is a year before the statistics begin.
    coordinator.field("year").fill("1850")
    coordinator.field("count").fill("26000")
    _submit_form(coordinator)
    expect(main.get_by_role("alert")).to_contain_text(ERROR_SUMMARY)
    assert not Population.objects.filter(council=council).exists()

    # With the population, the rates per 100,000 inhabitants appear.
    coordinator.field("year").fill("2018")
    _submit_form(coordinator)
    assert Population.objects.get(council=council, year=2018).count == 26000
    # 120 / 26,000 × 100,000 = 461.5 reported crimes; 2 / 26,000 × 100,000 = 7.7 reports
    expect(_row(main, "2018")).to_have_text(
        re.compile(r"2018\s*120\s*461[,.]5\s*2\s*7[,.]7\s*26\s?000")
    )
    expect(_row(main, "2018-03")).to_contain_text(re.compile(r"34[,.]6"))

    # A file that is not Kolada's JSON is refused, and nothing is added.
    coordinator.follow(IMPORT_KOLADA, scope=main)
    coordinator.field("file").set_input_files(
        {"name": "kolada.json", "mimeType": "application/json", "buffer": b"inte json"}
    )
    _submit_form(coordinator)
    expect(main.get_by_role("alert")).to_contain_text(ERROR_SUMMARY)
    assert KeyFigure.objects.filter(council=council).count() == 1

    # The police member reads the same figures, without the links to change them.
    member = open_visitor()
    main = member.page.get_by_role("main")
    member.log_in(users["member"].username)
    member.visit(statistics)
    expect(_row(main, "2018")).to_contain_text(re.compile(r"461[,.]5"))
    expect(main).to_contain_text("N07403")
    expect(main.get_by_role("link", name=POPULATION)).to_have_count(0)
    expect(main.get_by_role("link", name=IMPORT_KOLADA)).to_have_count(0)
    expect(main.get_by_role("link", name=IMPORT_CRIMES)).to_have_count(0)
    # and may not enter the population by its address either
    response = member.visit(f"{statistics}population/")
    assert response is not None
    assert response.status == 403
