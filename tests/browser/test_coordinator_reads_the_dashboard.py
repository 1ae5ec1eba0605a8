"""The coordinator reads the situational picture in Chromium: sets a period, sees the seed's
cost table with its chart and table, opens the map (Leaflet from the platform, no tiles, the
table beside it), downloads a figure as CSV and the period report as PDF."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from samverkan.incidents.demo import load_demo_incidents
from samverkan.incidents.models import Category, Place
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations import services as org_services
from tests.browser.documents import fetch_document
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

SHOW = exactly("Show", "Visa")
MAP = exactly("Map", "Karta")
CATEGORIES_CSV = exactly("Download per category as CSV", "Ladda ner per kategori som CSV")
BACK = exactly("Back to the figures", "Tillbaka till siffrorna")
REPORT = exactly("Period report (PDF, Word)", "Periodrapport (PDF, Word)")
REPORT_PDF = exactly("Download as PDF", "Ladda ner som PDF")


def test_coordinator_reads_the_dashboard(open_visitor, users, council):
    # given the seed's KBAB table for January–May 2018 and a few reports at a school
    org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    load_demo_incidents(council)
    school = Place.objects.get(council=council, name="Nygårdsskolan")
    fire = Category.objects.get(council=council, code="arson_small")
    for day in (3, 10, 17):
        incident_report(
            actor=None,
            council=council,
            where=Where(place=school),
            what=What(
                category=fire,
                occurred_from=timezone.make_aware(
                    dt.datetime.combine(dt.date(2018, 3, day), dt.time(22, 15))
                ),
                cost=1_500,
            ),
        )

    visitor: Visitor = open_visitor()
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/lagesbild/")

    # The period January–May 2018.
    visitor.field("period_from").fill("2018-01-01")
    visitor.field("period_to").fill("2018-05-31")
    visitor.submit(SHOW)
    totals = main.locator("table", has=page.locator("#totals-caption"))
    for cost in ("325 000", "16 000", "25 000", "370 500"):  # a no-break space in thousands
        expect(totals).to_contain_text(re.compile(cost.replace(" ", r"\s")))
    # Each chart is an image with a name, and its table is beside it.
    expect(main.locator("svg#trend-chart[role=img]")).to_be_visible()
    expect(main.locator("svg#trend-chart")).to_have_accessible_name(re.compile("2018-01-01"))
    expect(main.locator("#trend-caption")).to_be_visible()
    march = main.locator("table", has=page.locator("#trend-caption")).get_by_role(
        "row", name="2018-03"
    )
    expect(march).to_contain_text("3")
    expect(main.locator("table.heat")).to_contain_text("3")

    # A figure as CSV.
    with page.expect_download() as download:
        main.get_by_role("link", name=CATEGORIES_CSV).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Glaskross", "325000"] in [[r[1], r[3]] for r in rows[1:]]

    # The map: Leaflet from the platform's static files, the cells drawn, the table beside it.
    visitor.follow(MAP, scope=main)
    leaflet = page.locator("#incident-map.leaflet-container")
    expect(leaflet).to_be_visible()
    expect(page.locator("#incident-map[data-loaded=cells]")).to_have_count(1)
    expect(page.locator("#incident-map path.leaflet-interactive").first).to_be_attached()
    expect(leaflet).to_have_attribute("tabindex", "0")  # the arrow keys and +/- work on it
    expect(main.locator("table", has=page.locator("#cells-caption"))).to_contain_text(
        "Nygårdsskolan"
    )
    visitor.check()  # axe again, with the map drawn

    # The period report, read back.
    visitor.follow(BACK, scope=main)
    visitor.follow(REPORT, scope=main)
    content = fetch_document(visitor, main.get_by_role("link", name=REPORT_PDF).click)
    pdf = PdfReader(io.BytesIO(content))
    report = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    for expected in ("325 000", "16 000", "25 000", "370 500", "Nygårdsskolan"):
        assert expected in report, expected


def test_the_public_picture_shows_totals_only(open_visitor, council):
    council.publishes = True
    council.save()
    org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    load_demo_incidents(council)
    school = Place.objects.get(council=council, name="Nygårdsskolan")
    fire = Category.objects.get(council=council, code="arson_small")
    incident_report(
        actor=None,
        council=council,
        where=Where(place=school),
        what=What(
            category=fire,
            occurred_from=timezone.make_aware(
                dt.datetime.combine(dt.date(2018, 3, 3), dt.time(22, 15))
            ),
            cost=1_500,
            description="Papperskorg i brand vid entrén.",
        ),
    )
    citizen: Visitor = open_visitor()
    citizen.visit(f"/r/{council.slug}/lagesbild/?period_from=2018-01-01&period_to=2018-05-31")
    main = citizen.page.get_by_role("main")
    expect(main.locator("table", has=citizen.page.locator("#totals-caption"))).to_contain_text("<5")
    expect(citizen.page.locator("#incident-map[data-loaded=cells]")).to_have_count(1)
    expect(main).not_to_contain_text("Papperskorg")
    expect(main).not_to_contain_text("1500")
    citizen.check()
