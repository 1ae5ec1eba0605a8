"""A housing caretaker on a phone (390 px) reports broken glass at a school with a photo; the
stored photo keeps no camera or location data, and the coordinator finds the report."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from samverkan.incidents.models import Category, Incident, Place
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.incidents.services.tallies import incidents_insert
from samverkan.organisations import services as org_services
from samverkan.organisations.models import Body
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
SEND_REPORT = exactly("Send report", "Skicka rapporten")
SCHOOL = {
    "type": "Polygon",
    "coordinates": [
        [
            [15.977, 59.5185],
            [15.981, 59.5185],
            [15.981, 59.5205],
            [15.977, 59.5205],
            [15.977, 59.5185],
        ]
    ],
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def phone_photo() -> bytes:
    """A photo as a phone takes it: camera make and a GPS position in its EXIF."""
    image = Image.new("RGB", (800, 600), (90, 120, 160))
    exif = Image.Exif()
    exif[0x010F] = "Telefontillverkare"
    exif[0x8825] = {1: "N", 2: (59.0, 31.0, 10.0), 3: "E", 4: (15.0, 58.0, 44.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def assert_fits(visitor: Visitor, width: int = 390) -> None:
    scroll = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width + 1, f"{visitor.page.url} scrolls sideways: {scroll} px"


def test_caretaker_reports_broken_glass_at_a_school(open_visitor, users, council, tmp_path):
    # given the caretaker's login, linked to a person who sits for the housing company
    categories_ensure_defaults(council=council)
    school = place_create(
        actor=None, council=council, name="Nygårdsskolan", kind="school", geometry=SCHOOL
    )
    kbab = org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    person = org_services.person_create(actor=None, council=council, name="Peter Landin")
    org_services.person_link_user(actor=None, person=person, user=users["reporter"])
    org_services.membership_create(
        actor=None,
        body=Body.objects.get(council=council),
        person=person,
        role="member",
        organisation=kbab,
    )
    glass = Category.objects.get(council=council, code="broken_glass")
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(phone_photo())

    caretaker = open_visitor(**PHONE)
    page = caretaker.page
    caretaker.log_in(users["reporter"].username)
    caretaker.visit(f"/councils/{council.slug}/incidents/report/")
    assert_fits(caretaker)

    # The time is now by default and the organisation is the caretaker's own.
    expect(caretaker.field("occurred_from")).not_to_have_value("")
    expect(caretaker.field("organisation")).to_have_value(str(kbab.pk))

    # A first try names a person's phone number: the form warns and saves nothing.
    caretaker.field("category").select_option(str(glass.pk))
    caretaker.field("place").select_option(str(school.pk))
    caretaker.field("cost").fill("4500")
    caretaker.field("target_group").select_option("school")
    caretaker.field("description").fill("Två rutor krossade vid entrén. Vaktmästare 070-123 45 67.")
    page.locator("#id_photos").set_input_files(str(photo))
    caretaker.submit(SEND_REPORT)
    expect(page.get_by_role("alert")).to_contain_text(re.compile("GDPR|dataskydds", re.I))
    assert not Incident.objects.exists()
    assert_fits(caretaker)

    # The caretaker takes the number out; the photo must be chosen again after a refusal.
    caretaker.field("description").fill("Två rutor krossade vid entrén.")
    expect(caretaker.field("cost")).to_have_value("4500")
    expect(caretaker.field("target_group")).to_have_value("school")
    page.locator("#id_photos").set_input_files(str(photo))
    caretaker.submit(SEND_REPORT)
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\b\d+\b"))

    incident = Incident.objects.get()
    assert (incident.category, incident.place, incident.cost) == (glass, school, 4500)
    assert incident.target_group == "school"

    # The caretaker finds the report among its own, on the phone too.
    caretaker.follow(exactly("My reports", "Mina rapporter"))
    assert_fits(caretaker)
    caretaker.follow(re.compile(rf"^(Report|Rapport) {incident.pk}$"))
    expect(page.get_by_role("main")).to_contain_text("Nygårdsskolan")
    expect(page.get_by_role("main")).to_contain_text(re.compile("a school|en skola"))
    assert incident.organisation == kbab
    stored = incident.photos.get()
    with stored.image.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert image.format == "JPEG"
    assert not dict(image.getexif())
    assert "exif" not in image.info
    assert (image.width, image.height) == (800, 600)

    # The coordinator finds it in the list and sees the photo's link and the history.
    coordinator = open_visitor()
    coordinator.log_in(users["coordinator"].username)
    coordinator.visit(f"/councils/{council.slug}/incidents/")
    coordinator.follow(re.compile(rf"^(Report|Rapport) {incident.pk}$"))
    main = coordinator.page.get_by_role("main")
    expect(main).to_contain_text("Nygårdsskolan")
    expect(main).to_contain_text("4500")
    assert Place.objects.count() == 1


def test_every_incident_page_passes_the_checks(open_visitor, users, council):
    """The coordinator's pages of the area, with errors shown, all pass axe."""
    categories_ensure_defaults(council=council)
    school = place_create(
        actor=None, council=council, name="Nygårdsskolan", kind="school", geometry=SCHOOL
    )
    kbab = org_services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )
    glass = Category.objects.get(council=council, code="broken_glass")
    first, second = (
        incidents_insert(
            [
                Incident(
                    council=council,
                    category=glass,
                    place=school,
                    occurred_from=when,
                    source="partner",
                    organisation=kbab,
                    cost=1000,
                )
            ]
        )[0]
        for when in [dt.datetime.fromisoformat(f"2018-03-0{d}T10:00:00+01:00") for d in (4, 5)]
    )
    coordinator = open_visitor()
    page = coordinator.page
    coordinator.log_in(users["coordinator"].username)
    c = f"/councils/{council.slug}/incidents"
    for path in [
        f"{c}/?period_from=2018-01-01&period_to=2018-05-31",
        f"{c}/?status=nonsense",
        f"{c}/{first.pk}/",
        f"{c}/{first.pk}/edit/",
        f"{c}/{first.pk}/merge/",
        f"{c}/period-totals/",
        f"{c}/period-totals/new/",
        f"{c}/categories/",
        f"{c}/categories/new/",
        f"{c}/categories/{glass.pk}/",
        f"{c}/places/",
        f"{c}/places/new/",
        f"{c}/places/{school.pk}/",
    ]:
        coordinator.visit(path)

    # Forms with their errors: a merge into a missing report, totals with a negative cost,
    # a place outside Sweden, a correction with a negative cost.
    coordinator.visit(f"{c}/{second.pk}/merge/")
    coordinator.field("into").fill("999999")
    coordinator.submit(exactly("Merge", "Slå ihop"))
    expect(page.get_by_role("alert")).to_be_visible()
    coordinator.field("into").fill(str(first.pk))
    coordinator.submit(exactly("Merge", "Slå ihop"))
    expect(page.get_by_role("main")).to_contain_text(str(first.pk))

    coordinator.visit(f"{c}/period-totals/new/")
    coordinator.field("organisation").select_option(str(kbab.pk))
    coordinator.field("period_from").fill("2018-01-01")
    coordinator.field("period_to").fill("2018-05-31")
    coordinator.field("category", prefix="rows-0").select_option(str(glass.pk))
    coordinator.field("cost", prefix="rows-0").fill("-325000")
    coordinator.submit(exactly("Save the totals", "Spara summorna"))
    expect(page.get_by_role("alert")).to_be_visible()
    coordinator.field("cost", prefix="rows-0").fill("325000")
    coordinator.submit(exactly("Save the totals", "Spara summorna"))
    coordinator.visit(f"{c}/?period_from=2018-01-01&period_to=2018-05-31")
    totals = page.get_by_role("table", name=re.compile("2018-01-01"))
    # KBAB's total wins over its single reports of the same category and period.
    expect(totals).to_contain_text(re.compile(r"325\s000"))  # 325 000, thousands apart
    expect(totals).not_to_contain_text(re.compile(r"326\s000"))

    coordinator.visit(f"{c}/places/new/")
    coordinator.field("name").fill("Berlin")
    coordinator.field("kind").select_option("area")
    coordinator.field("geometry").fill('{"type": "Point", "coordinates": [13.4, 52.5]}')
    coordinator.submit(exactly("Save", "Spara"))
    expect(page.get_by_role("alert")).to_be_visible()

    coordinator.visit(f"{c}/{first.pk}/edit/")
    coordinator.field("cost").fill("-1")
    coordinator.submit(exactly("Save", "Spara"))
    expect(page.get_by_role("alert")).to_be_visible()
