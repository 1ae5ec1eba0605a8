"""A coordinator plans a safety walk, adds a finding with a photo on a phone during the walk,
turns the finding into an activity of the plan after it, and finds the activity there."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import expect

from samverkan.demo.loader import DEMO_PASSWORD, load_demo
from samverkan.dialogue.models import Finding
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
# Standing at the tunnel under Scheelegatan, with the position shared with the page.
AT_THE_TUNNEL = {"geolocation": {"latitude": 59.5121, "longitude": 15.9961}}
USE_MY_POSITION = exactly("Use my position", "Använd min position")
PLAN_A_WALK = exactly("Plan a safety walk", "Planera en trygghetsvandring")
SAVE = exactly("Save", "Spara")
ADD_FINDING = exactly("Add a finding", "Lägg till en iakttagelse")
SAVE_FINDING = exactly("Save the finding", "Spara iakttagelsen")
BACK = exactly("Back to the walk", "Tillbaka till vandringen")
EDIT_FINDING = exactly("Edit the finding", "Redigera iakttagelsen")
MAKE_ACTIVITY = exactly("Make a plan activity", "Gör en aktivitet i planen")
ADD_TO_PLAN = exactly("Add to the plan", "Lägg till i planen")
BECAME = containing("became an activity of the plan", "blev en aktivitet i planen")
SUGGESTION = "Byt armaturerna i gångtunneln under Scheelegatan"


def assert_fits(visitor: Visitor) -> None:
    """No sideways scrolling of the page at 390 px."""
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"{visitor.page.url} scrolls sideways: {width} px"


def phone_photo(path: Path) -> Path:
    image = Image.new("RGB", (120, 90), (40, 40, 40))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (59.0, 30.0, 41.0), 3: "E", 4: (15.0, 59.0, 44.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    path.write_bytes(out.getvalue())
    return path


def test_safety_walk_finding_becomes_an_activity(open_visitor, tmp_path):
    load_demo()
    coordinator: Visitor = open_visitor(**PHONE, **AT_THE_TUNNEL, permissions=["geolocation"])
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in("samordnare", DEMO_PASSWORD)

    # Before the walk: the area, the day, the residents and the route as points.
    coordinator.visit("/councils/koping-bra/safety-walks/")
    coordinator.follow(PLAN_A_WALK, scope=main)
    assert_fits(coordinator)
    coordinator.field("walked_on").fill("2018-10-03")
    coordinator.field("area_text").fill("Centrum, Stora torget till stationen")
    coordinator.field("residents").fill("9")
    coordinator.field("route").fill("59.5113, 15.9912\n59.5120, 15.9950\n59.5131, 15.9990")
    coordinator.submit(SAVE)
    assert_fits(coordinator)

    # On the walk, on the phone: a dark tunnel, with a photo.
    coordinator.follow(ADD_FINDING, scope=main)
    assert_fits(coordinator)
    page.get_by_role("button", name=USE_MY_POSITION).click()
    expect(coordinator.field("latitude")).to_have_value("59.512100")
    expect(coordinator.field("longitude")).to_have_value("15.996100")
    coordinator.field("kind").select_option("lighting")
    coordinator.field("description").fill("Mörk gångtunnel")
    coordinator.field("suggestion").fill(SUGGESTION)
    coordinator.field("photo").set_input_files(str(phone_photo(tmp_path / "IMG_0101.jpg")))
    coordinator.submit(SAVE_FINDING)
    assert_fits(coordinator)
    finding = Finding.objects.get(description="Mörk gångtunnel")
    assert finding.photo

    # After the walk, a word added to the suggestion: the finding is corrected on its form,
    # with the point and the map as before, and its photo kept.
    coordinator.follow(BACK, scope=main)
    photo = finding.photo.name
    coordinator.follow(EDIT_FINDING, scope=main)
    assert_fits(coordinator)
    expect(coordinator.field("latitude")).to_have_value(re.compile(r"^59\.5121"))
    expect(page.locator("[data-map-input]")).to_be_visible()
    coordinator.field("suggestion").fill(SUGGESTION + " och klipp buskarna")
    coordinator.submit(SAVE_FINDING)
    expect(page.get_by_role("status")).to_contain_text(containing("was saved", "sparades"))
    finding.refresh_from_db()
    assert finding.suggestion.endswith("klipp buskarna")
    assert finding.photo.name == photo

    # The finding becomes an activity of the plan in one step.
    expect(main.get_by_role("img", name=re.compile(r"1"))).to_have_count(2)  # map and photo
    coordinator.follow(MAKE_ACTIVITY, scope=main)
    assert_fits(coordinator)
    coordinator.field("plan").select_option(index=1)
    coordinator.submit(ADD_TO_PLAN)
    expect(page.get_by_role("status")).to_contain_text(BECAME)
    assert_fits(coordinator)

    # The walk links to the activity, and the activity is in the plan.
    coordinator.follow(re.compile("Mörk gångtunnel"), scope=main)
    expect(main).to_contain_text(SUGGESTION)
    assert_fits(coordinator)

    # The walk report, as PDF/A and as Word, downloads from the walk.
    coordinator.visit(f"/councils/koping-bra/safety-walks/{finding.walk_id}/")
    for name in (
        exactly("Report (PDF)", "Rapport (PDF)"),
        exactly("Report (Word)", "Rapport (Word)"),
    ):
        with page.expect_download() as download:
            main.get_by_role("link", name=name).click()
        assert download.value.suggested_filename.startswith("trygghetsvandring-2018-10-03")

    # The finding counts in the year's problem picture, beside the other sources.
    coordinator.visit("/councils/koping-bra/problem-picture/2018/")
    expect(main).to_contain_text(re.compile("Centrum, Stora torget"))
    # and so does the demo's safety survey, opened that spring, with its 40 answers
    expect(main).to_contain_text("Trygghetsenkät 2018")
    expect(main).to_contain_text(re.compile("Svar: 40|Answers: 40"))
    assert_fits(coordinator)

    # The walk list, and the form that would report a finding as an incident instead.
    coordinator.visit("/councils/koping-bra/safety-walks/")
    coordinator.follow(re.compile("2018-10-03"), scope=main)
    coordinator.visit(f"/councils/koping-bra/safety-walks/{finding.walk_id}/edit/")
    assert_fits(coordinator)

    # A dialogue at the elderly home: an input heard becomes a promise draft, in a revision of
    # the signed promises (signed ones do not change).
    from samverkan.plans.models import PromiseSet, PromiseSetStatus
    from samverkan.plans.services.promises import promise_set_revise

    signed = PromiseSet.objects.get(council__slug="koping-bra", status=PromiseSetStatus.PUBLISHED)
    promise_set_revise(actor=None, promise_set=signed)
    coordinator.visit("/councils/koping-bra/dialogues/")
    coordinator.follow(exactly("New dialogue meeting", "Ny medborgardialog"), scope=main)
    assert_fits(coordinator)
    coordinator.field("held_on").fill("2018-03-14")
    coordinator.field("place_text").fill("Nygårdens äldreboende")
    page.get_by_label(containing("website", "webbplats")).check()
    coordinator.field("participants").fill("23")
    coordinator.submit(SAVE)
    assert_fits(coordinator)
    coordinator.field("text").fill("Det är mörkt vid busshållplatsen på kvällen")
    coordinator.field("theme").fill("Belysning")
    coordinator.submit(exactly("Add the input", "Lägg till synpunkten"))
    coordinator.follow(exactly("Make a promise draft", "Gör ett utkast till löfte"), scope=main)
    assert_fits(coordinator)
    coordinator.field("promise_set").select_option(index=1)
    coordinator.submit(exactly("Add the promise", "Lägg till löftet"))
    expect(main).to_contain_text(containing("Promise draft", "Utkast till löfte"))
    # and another input becomes an activity of the plan
    coordinator.field("text").fill("Buskarna vid gångvägen skymmer sikten")
    coordinator.submit(exactly("Add the input", "Lägg till synpunkten"))
    coordinator.follow(MAKE_ACTIVITY, scope=main)
    assert_fits(coordinator)
    coordinator.field("plan").select_option(index=1)
    coordinator.submit(ADD_TO_PLAN)
    expect(page.get_by_role("status")).to_contain_text(BECAME)
    expect(main).to_contain_text(containing("Plan activity", "Aktivitet i planen"))
