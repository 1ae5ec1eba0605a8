"""The coordinator builds the åtgärdsplan over the mandate period 2027–2030: a plan adopted by
a decision of the minutes, a measure with its target group and resources, linked to the
lägesbild's prioritised problem and the place it works at (its incidents before and after), an
indicator with baseline and target, the first tertial's outcome, and the tertial's follow-up
downloaded as a PDF that shows the goal beside the outcome."""

from __future__ import annotations

import io
import re
from pathlib import Path

from playwright.sync_api import expect
from pypdf import PdfReader

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.plans.models import IndicatorOutcome, Plan
from tests.browser import ui
from tests.browser.documents import fetch_download
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

NEW_PLAN = exactly("New plan", "Ny plan")
CREATE_PLAN = exactly("Create the plan", "Skapa planen")
NEW_ACTIVITY = exactly("New activity", "Ny aktivitet")
NEW_INDICATOR = exactly("New indicator", "Ny indikator")
RECORD_OUTCOME = exactly("Record an outcome", "Rapportera utfall")
FOLLOW_UP = exactly("Follow-up", "Uppföljning")
SHOW_PERIOD = exactly("Show the period", "Visa perioden")
FOLLOW_UP_PDF = exactly("Follow-up as PDF", "Uppföljning som PDF")
ONE_TO_FOUR = containing("A plan runs one to four years", "En plan gäller ett till fyra år")
RESPONSIBLE = re.compile(r"^(?:Responsible organisations|Ansvariga organisationer)")
TITLE = "Åtgärdsplan för Köping 2027–2030"
MEASURE = "Trygghetsvärdar vid resecentrum kvällstid"
INDICATOR = "Anmälda rån vid resecentrum"
PROBLEM = "Otrygghet vid resecentrum kvällstid"  # prioritised in the demo's lägesbild
EFFECT = exactly("Incidents there before and after", "Händelser där före och efter")
EFFECT_TITLE = exactly("Effect at the measures' places", "Effekt på åtgärdernas platser")


def test_coordinator_builds_an_action_plan(open_visitor):
    load_demo()
    coordinator: Visitor = open_visitor()
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in("samordnare", DEMO_PASSWORD)

    # A plan over the mandate period; five years are refused with a reason.
    coordinator.visit("/councils/koping-bra/plans/")
    coordinator.follow(NEW_PLAN)
    coordinator.field("title").fill(TITLE)
    coordinator.field("year").fill("2027")
    coordinator.field("end_year").fill("2031")
    coordinator.submit(CREATE_PLAN)
    expect(page.get_by_role("alert")).to_contain_text(ONE_TO_FOUR)
    expect(coordinator.field("title")).to_have_value(TITLE)
    coordinator.field("end_year").fill("2030")
    coordinator.field("decision").select_option(index=1)
    coordinator.submit(CREATE_PLAN)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(main).to_contain_text("2027–2030")
    plan = Plan.objects.get(title=TITLE)
    assert plan.decision is not None

    # A measure with its responsible organisation, target group and resources.
    coordinator.follow(NEW_ACTIVITY)
    coordinator.field("text").fill(MEASURE)
    page.get_by_role("group", name=RESPONSIBLE).get_by_label("Köpings kommun", exact=True).check()
    coordinator.field("target_group").select_option("public_place")
    coordinator.field("resource_hours").fill("400")
    coordinator.field("resource_kronor").fill("180000")
    # linked to the problem the lägesbild prioritised, at the place it works at
    page.get_by_label(PROBLEM, exact=True).check()
    coordinator.field("place").select_option(label="Resecentrum")
    coordinator.submit(ui.SAVE)
    expect(main).to_contain_text(MEASURE)
    expect(main).to_contain_text("180000 kr")
    expect(main).to_contain_text(PROBLEM)
    expect(main).to_contain_text("Resecentrum")
    # the incidents at the place before and after the start are one link away
    measure_url = page.url.split("//", 1)[1].split("/", 1)[1]
    coordinator.follow(EFFECT)
    expect(page.get_by_role("heading", level=1)).to_have_text(EFFECT_TITLE)
    expect(main).to_contain_text(MEASURE)
    coordinator.visit(f"/{measure_url}")

    # An indicator: from 12 robberies in 2026 to 6 in 2030.
    coordinator.follow(NEW_INDICATOR)
    coordinator.field("name").fill(INDICATOR)
    coordinator.field("unit").fill("st")
    coordinator.field("baseline_value").fill("12")
    coordinator.field("baseline_year").fill("2026")
    coordinator.field("target_value").fill("6")
    coordinator.submit(ui.SAVE)
    expect(page.get_by_role("alert")).to_be_visible()
    coordinator.field("target_year").fill("2030")
    coordinator.submit(ui.SAVE)
    indicator = page.get_by_role("article").filter(has_text=INDICATOR)
    expect(indicator).to_contain_text("12 (2026)")
    expect(indicator).to_contain_text("6 (2030)")

    # The first tertial's outcome.
    coordinator.follow(RECORD_OUTCOME, scope=indicator)
    coordinator.field("year").select_option("2027")
    coordinator.field("period").select_option("t1")
    coordinator.field("value").fill("9")
    coordinator.field("note").fill("Värdarna började i mars.")
    coordinator.submit(ui.SAVE)
    expect(indicator).to_contain_text("2027 T1")
    expect(indicator).to_contain_text("Värdarna började i mars.")
    assert IndicatorOutcome.objects.get(indicator__name=INDICATOR).value == 9

    # The tertial's follow-up: the goal beside the outcome, on the page and in the PDF.
    coordinator.visit(f"/councils/koping-bra/plans/{plan.pk}/")
    coordinator.follow(FOLLOW_UP, scope=main)
    coordinator.field("year").select_option("2027")
    coordinator.field("period").select_option("t1")
    coordinator.submit(SHOW_PERIOD)
    row = page.get_by_role("row").filter(has_text=INDICATOR)
    expect(row).to_contain_text("12 st (2026)")
    expect(row).to_contain_text("6 st (2030)")
    expect(row).to_contain_text("9 st")
    download = fetch_download(coordinator, page.get_by_role("button", name=FOLLOW_UP_PDF).click)
    assert download.suggested_filename == f"uppfoljning-2027-t1-{plan.pk}.pdf"
    pdf = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "2027 T1" in text
    assert "Anmälda rån vid" in text
    assert "12 st (2026)" in text
    assert "9 st" in text
