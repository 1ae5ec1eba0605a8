"""Safety walks: planning with a route, findings with stripped photos added on the way, each
finding taken up as a plan activity or an incident, and the report with its map."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.dialogue.documents.walk_report import walk_report_docx, walk_report_pdf
from samverkan.dialogue.models import Finding, SafetyWalk
from samverkan.dialogue.services.walks import (
    FindingFields,
    WalkFields,
    finding_add,
    finding_to_activity,
    finding_to_incident,
    finding_update,
    route_from_text,
    walk_create,
    walk_update,
)
from samverkan.dialogue.walk_map import walk_map
from samverkan.incidents.models import Incident
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.plans.models import Activity, Plan
from samverkan.plans.services.activities import plan_create

DAY = dt.date(2018, 10, 3)
ROUTE = "59.5113, 15.9912\n59.5120, 15.9950\n59.5131 15.9990"


def photo_bytes(kind: str = "JPEG") -> bytes:
    """A small photo with camera and GPS data in its EXIF, as a phone takes it."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkare AB"
    exif[0x8825] = {1: "N", 2: (59.0, 31.0, 10.0), 3: "E", 4: (15.0, 59.0, 24.0)}
    out = io.BytesIO()
    image.save(out, format=kind, exif=exif.tobytes())
    return out.getvalue()


def upload(name: str = "lampa.jpg", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes() if data is None else data, "image/jpeg")


@pytest.fixture
def walk(council) -> SafetyWalk:
    return walk_create(
        actor=None,
        council=council,
        fields=WalkFields(
            walked_on=DAY,
            area_text="Centrum",
            organisations=list(council.organisations.all()),
            residents=12,
            route_text=ROUTE,
        ),
    )


@pytest.fixture
def plan(council) -> Plan:
    return plan_create(actor=None, council=council, title="Genomförandeplan 2018", year=2018)


def _finding(walk: SafetyWalk, **kwargs: Any) -> Finding:
    values: dict[str, Any] = {"latitude": 59.512, "longitude": 15.993, "kind": "lighting"}
    return finding_add(actor=None, walk=walk, fields=FindingFields(**{**values, **kwargs}))


def _url(name: str, walk: SafetyWalk, **kwargs: object) -> str:
    return reverse(f"dialogue:{name}", kwargs={"slug": walk.council.slug, "pk": walk.pk, **kwargs})


# Services ---------------------------------------------------------------------------------


def test_the_route_is_kept_as_a_geojson_linestring_longitude_first(walk):
    assert walk.route == {
        "type": "LineString",
        "coordinates": [[15.9912, 59.5113], [15.995, 59.512], [15.999, 59.5131]],
    }
    assert walk.route_points()[0] == (59.5113, 15.9912)


@pytest.mark.parametrize(
    "text",
    ["59.5113, 15.9912", "59.5, 15.9\n48.85, 2.35", "north, east\n59.5, 15.9", "59,5 15,9\n1 2"],
)
def test_a_bad_route_is_refused(text):
    with pytest.raises(ServiceError):
        route_from_text(text)


def test_a_photo_is_stored_without_exif_or_gps(walk):
    finding = _finding(walk, photo=upload())
    with finding.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert not image.getexif()
        assert "exif" not in image.info
    assert finding.photo_type == "image/jpeg"


def test_a_point_outside_sweden_or_an_unknown_kind_is_refused(walk):
    with pytest.raises(ServiceError):
        _finding(walk, latitude=48.85, longitude=2.35)
    with pytest.raises(ServiceError):
        _finding(walk, kind="noise")
    with pytest.raises(ServiceError):
        _finding(walk, photo=upload("fake.jpg", b"not an image"))
    assert not Finding.objects.exists()


def test_a_finding_becomes_a_plan_activity_with_the_link(walk, plan):
    finding = _finding(walk, description="Mörk gångtunnel", suggestion="Ny belysning")
    activity = finding_to_activity(actor=None, finding=finding, plan=plan)
    finding.refresh_from_db()
    assert finding.activity == activity
    assert "Mörk gångtunnel" in activity.text
    assert "Ny belysning" in activity.text
    with pytest.raises(ServiceError):
        finding_to_activity(actor=None, finding=finding, plan=plan)
    assert Activity.objects.count() == 1


def test_a_finding_becomes_an_incident_with_its_photo(walk, council):
    category = categories_ensure_defaults(council=council)[0]
    finding = _finding(walk, kind="damage", description="Krossad ruta", photo=upload())
    incident = finding_to_incident(actor=None, finding=finding, category=category)
    finding.refresh_from_db()
    assert finding.incident == incident
    assert incident.latitude == pytest.approx(59.512)
    assert incident.occurred_from.date() == DAY
    assert incident.photos.count() == 1


def test_the_map_numbers_the_findings_inside_the_box(walk):
    findings = [_finding(walk), _finding(walk, latitude=59.5131, longitude=15.999)]
    drawing = walk_map(walk, findings)
    assert [p.number for p in drawing.points] == [1, 2]
    for point in drawing.points:
        assert 0 <= point.x <= drawing.width
        assert 0 <= point.y <= drawing.height
    # north is up
    assert drawing.points[1].y < drawing.points[0].y


def test_the_report_is_a_pdf_and_a_docx(walk, plan):
    finding = _finding(walk, description="Mörk gångtunnel")
    finding_to_activity(actor=None, finding=finding, plan=plan)
    findings = list(walk.findings.select_related("activity"))
    pdf = walk_report_pdf(walk, findings)
    assert pdf.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(pdf)).pages
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "Mörk gångtunnel" in pdf_text
    assert "Åtgärd" in pdf_text
    docx = walk_report_docx(walk, findings)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        body = archive.read("word/document.xml").decode()
        assert "Mörk gångtunnel" in body
        pictures = [name for name in archive.namelist() if name.endswith(".png")]
        assert pictures
        # The map is drawn on the base map of every map (core/map_image.py), with the
        # finding's numbered marker in its colour.
        picture = Image.open(io.BytesIO(archive.read(pictures[0]))).convert("RGB")
        assert (176, 0, 32) in {colour for _n, colour in picture.getcolors(2_000_000) or []}


# Pages ------------------------------------------------------------------------------------


def test_a_coordinator_plans_a_walk_through_the_page(coordinator_client, council):
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {"walked_on": "2018-10-03", "area_text": "Centrum", "residents": "8", "route": ROUTE},
    )
    assert response.status_code == 302
    walk = SafetyWalk.objects.get()
    assert len(walk.route_points()) == 3
    page = coordinator_client.get(_url("walk_detail", walk)).content.decode()
    assert "<polyline" in page


def test_a_route_outside_sweden_answers_400(coordinator_client, council):
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    response = coordinator_client.post(
        url,
        {
            "walked_on": "2018-10-03",
            "area_text": "Paris",
            "residents": "0",
            "route": "48.8, 2.3\n48.9, 2.4",
        },
    )
    assert response.status_code == 400
    assert "48.8, 2.3" in response.content.decode()
    assert not SafetyWalk.objects.exists()


def test_a_finding_with_a_photo_is_added_on_the_page(coordinator_client, walk):
    url = _url("walk_finding_add", walk)
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        {
            "latitude": "59.5118",
            "longitude": "15.9931",
            "kind": "vegetation",
            "suggestion": "Klipp buskarna",
            "photo": upload(),
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    photo = coordinator_client.get(_url("walk_finding_photo", walk, finding_pk=finding.pk))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(b"".join(photo.streaming_content)))
    assert not image.getexif()


@pytest.mark.parametrize(
    ("data", "files"),
    [
        ({"latitude": "48.85", "longitude": "2.35", "kind": "lighting"}, {}),
        ({"latitude": "59.51", "longitude": "15.99", "kind": "noise"}, {}),
        ({"latitude": "", "longitude": "15.99", "kind": "lighting"}, {}),
        (
            {"latitude": "59.51", "longitude": "15.99", "kind": "lighting"},
            {"photo": upload("fake.jpg", b"not an image at all")},
        ),
        (
            {"latitude": "59.51", "longitude": "15.99", "kind": "lighting"},
            {"photo": upload("big.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024))},
        ),
    ],
)
def test_a_bad_finding_answers_400_and_saves_nothing(coordinator_client, walk, data, files):
    response = coordinator_client.post(_url("walk_finding_add", walk), {**data, **files})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Finding.objects.exists()


def test_a_finding_becomes_a_plan_activity_shown_on_the_walk(coordinator_client, walk, plan):
    finding = _finding(walk, description="Mörk gångtunnel")
    url = _url("walk_finding_to_activity", walk, finding_pk=finding.pk)
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.post(url, {"plan": plan.pk}).status_code == 302
    activity = Activity.objects.get()
    page = coordinator_client.get(_url("walk_detail", walk)).content.decode()
    assert reverse("plans:activity_detail", args=[walk.council.slug, activity.pk]) in page


def test_a_finding_becomes_an_incident_through_the_page(coordinator_client, walk, council):
    category = categories_ensure_defaults(council=council)[0]
    finding = _finding(walk, kind="graffiti")
    url = _url("walk_finding_to_incident", walk, finding_pk=finding.pk)
    assert coordinator_client.get(url).status_code == 200
    assert coordinator_client.post(url, {"category": "x"}).status_code == 400
    assert not Incident.objects.exists()
    assert coordinator_client.post(url, {"category": category.pk}).status_code == 302
    assert Finding.objects.get().incident == Incident.objects.get()


def test_the_report_downloads(coordinator_client, walk):
    _finding(walk)
    pdf = coordinator_client.get(_url("walk_report_pdf", walk))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    docx = coordinator_client.get(_url("walk_report_docx", walk))
    assert docx.status_code == 200


def test_the_list_takes_a_fixed_number_of_queries(
    coordinator_client, council, django_assert_num_queries
):
    for number in range(30):
        walk_create(
            actor=None,
            council=council,
            fields=WalkFields(walked_on=DAY, area_text=f"Område {number}"),
        )
    url = reverse("dialogue:walk_list", kwargs={"slug": council.slug})
    coordinator_client.get(url)
    # session, user, council, role, count, page
    with django_assert_num_queries(6):
        page = coordinator_client.get(url)
    assert page.status_code == 200
    assert coordinator_client.get(url + "?page=2").status_code == 200


def test_the_detail_page_takes_a_fixed_number_of_queries(
    coordinator_client, walk, plan, django_assert_num_queries
):
    for number in range(10):
        finding = _finding(walk, description=f"Fynd {number}")
        if number % 2:
            finding_to_activity(actor=None, finding=finding, plan=plan)
    url = _url("walk_detail", walk)
    coordinator_client.get(url)
    with django_assert_num_queries(8):
        page = coordinator_client.get(url)
    assert page.status_code == 200


def test_removing_a_walk_asks_first_then_keeps_what_was_made_of_it(coordinator_client, walk, plan):
    # given: a finding taken up as an activity
    finding_to_activity(actor=None, finding=_finding(walk), plan=plan)
    url = _url("walk_delete", walk)
    # when: asked
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = coordinator_client.get(url)
    # then: the question, with the way back to the walk
    assert page.status_code == 200
    html = page.content.decode()
    assert "Remove the safety walk?" in html
    assert _url("walk_detail", walk) in html
    # when: confirmed, the walk goes and the activity stays
    assert coordinator_client.post(url).status_code == 302
    assert not SafetyWalk.objects.exists()
    assert Activity.objects.count() == 1


# The map over the route and the finding's point ----------------------------------------------


def test_the_walk_form_draws_the_route_on_a_map_of_the_named_places(coordinator_client, council):
    place_create(
        actor=None,
        council=council,
        name="Stora torget",
        kind="centre",
        geometry={"type": "Point", "coordinates": [15.995, 59.512]},
    )
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    page = coordinator_client.get(url).content.decode()
    assert 'data-mode="route"' in page
    assert 'data-route="id_route"' in page
    assert '<script id="route-map-places" type="application/json">' in page
    assert "Stora torget" in page


def test_a_route_written_by_the_map_is_saved_as_a_linestring(coordinator_client, council):
    # The map writes one "latitude, longitude" line a click, with six decimals.
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    route = "59.511300, 15.991200\n59.512012, 15.995034\n59.513100, 15.999000"
    response = coordinator_client.post(
        url, {"walked_on": "2018-10-03", "area_text": "Centrum", "residents": "0", "route": route}
    )
    assert response.status_code == 302
    assert SafetyWalk.objects.get().route == {
        "type": "LineString",
        "coordinates": [[15.9912, 59.5113], [15.995034, 59.512012], [15.999, 59.5131]],
    }


def test_a_route_of_one_point_is_refused_in_swedish(coordinator_client, council):
    coordinator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    response = coordinator_client.post(
        url,
        {"walked_on": "2018-10-03", "area_text": "Centrum", "residents": "0", "route": "59.5, 16"},
    )
    assert response.status_code == 400
    assert "En sträckning behöver minst två punkter." in response.content.decode()
    assert not SafetyWalk.objects.exists()


def test_the_finding_form_picks_the_point_with_the_shared_map(coordinator_client, walk):
    page = coordinator_client.get(_url("walk_finding_add", walk)).content.decode()
    assert "/static/core/map_input.js" in page
    assert "locate.js" not in page
    assert 'data-latitude="id_latitude"' in page
    assert "data-map-locate" in page
    # The walk's route is drawn under the map, to find the spot by, and opens the map there.
    assert '<script id="finding-map-backdrop" type="application/json">' in page
    assert "[15.9912, 59.5113]" in page


# Editing a finding ------------------------------------------------------------------------


def _edit(finding: Finding, **kwargs: Any) -> Finding:
    values: dict[str, Any] = {
        "latitude": finding.latitude,
        "longitude": finding.longitude,
        "kind": finding.kind,
        "description": finding.description,
        "suggestion": finding.suggestion,
    }
    return finding_update(actor=None, finding=finding, fields=FindingFields(**{**values, **kwargs}))


def test_a_finding_is_corrected_audited_and_keeps_its_photo(walk):
    # given
    finding = _finding(walk, description="Mörkt", photo=upload())
    photo = finding.photo.name
    # when
    _edit(
        finding,
        kind="vegetation",
        description="Buskarna skymmer",
        suggestion="Klipp dem",
        latitude=59.5125,
        longitude=15.9941,
    )
    # then
    finding.refresh_from_db()
    assert (finding.kind, finding.description, finding.suggestion) == (
        "vegetation",
        "Buskarna skymmer",
        "Klipp dem",
    )
    assert (finding.latitude, finding.longitude) == (59.5125, 15.9941)
    assert finding.photo.name == photo
    event = AuditEvent.objects.filter(model="dialogue.Finding", action="update").get()
    assert event.changes["description"] == ["Mörkt", "Buskarna skymmer"]
    assert "photo" not in event.changes


def test_a_new_photo_of_a_finding_is_stripped_and_replaces_the_old(
    walk, django_capture_on_commit_callbacks
):
    finding = _finding(walk, photo=upload())
    old = finding.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        _edit(finding, photo=upload("ny.jpg"))
    finding.refresh_from_db()
    assert finding.photo.name != old
    assert not finding.photo.storage.exists(old)
    with finding.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert not image.getexif()
    # and removing it
    with django_capture_on_commit_callbacks(execute=True):
        _edit(finding, remove_photo=True)
    finding.refresh_from_db()
    assert not finding.photo
    assert finding.photo_type == ""


@pytest.mark.parametrize(
    "bad",
    [
        {"latitude": 48.85, "longitude": 2.35},
        {"kind": "noise"},
        {"latitude": None},
        {"description": "x" * 2001},
        {"photo": upload("fake.jpg", b"not an image")},
    ],
)
def test_a_bad_correction_of_a_finding_changes_nothing(walk, bad):
    finding = _finding(walk, description="Mörkt")
    with pytest.raises(ServiceError):
        _edit(finding, **{"kind": "graffiti", **bad})
    finding.refresh_from_db()
    assert (finding.kind, finding.description, finding.latitude) == ("lighting", "Mörkt", 59.512)
    assert not AuditEvent.objects.filter(model="dialogue.Finding", action="update").exists()


def test_a_finding_is_edited_on_its_page(coordinator_client, walk):
    # given
    finding = _finding(walk, description="Mörkt", photo=upload())
    url = _url("walk_finding_edit", walk, finding_pk=finding.pk)
    detail = coordinator_client.get(_url("walk_detail", walk)).content.decode()
    assert url in detail
    # the form opens with the finding, on the map input
    page = coordinator_client.get(url).content.decode()
    assert 'value="59.512"' in page
    assert "Mörkt</textarea>" in page
    assert "data-map-input" in page
    assert "Redigera iakttagelse 1" in page
    # when: a bad point is refused, keeping what was typed
    bad = coordinator_client.post(
        url,
        {"latitude": "48.85", "longitude": "2.35", "kind": "graffiti", "description": "Klotter"},
    )
    assert bad.status_code == 400
    assert "Klotter</textarea>" in bad.content.decode()
    finding.refresh_from_db()
    assert finding.kind == "lighting"
    # when: corrected without a new photo
    sent = coordinator_client.post(
        url,
        {
            "latitude": "59.5119",
            "longitude": "15.9932",
            "kind": "graffiti",
            "description": "Klotter",
        },
    )
    # then
    assert sent.status_code == 302
    finding.refresh_from_db()
    assert (finding.kind, finding.description, finding.latitude) == ("graffiti", "Klotter", 59.5119)
    assert finding.photo


# Dates and times of a walk -----------------------------------------------------------------


def test_a_finding_on_a_walk_dated_in_the_future_is_refused_when_entered(council):
    # given: a walk planned for tomorrow
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    walk = walk_create(
        actor=None, council=council, fields=WalkFields(walked_on=tomorrow, area_text="Centrum")
    )
    # when / then
    with pytest.raises(ServiceError, match="has not been walked yet"):
        _finding(walk)
    assert not Finding.objects.exists()


def test_the_finding_page_says_in_swedish_why_a_future_walk_takes_no_findings(
    coordinator_client, council
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    walk = walk_create(
        actor=None, council=council, fields=WalkFields(walked_on=tomorrow, area_text="Centrum")
    )
    response = coordinator_client.post(
        _url("walk_finding_add", walk),
        {"latitude": "59.512", "longitude": "15.993", "kind": "other"},
    )
    assert response.status_code == 400
    assert "Vandringen har inte gått ännu" in response.content.decode()
    assert not Finding.objects.exists()
    # and the walk's page offers no finding form until the day, saying so
    page = coordinator_client.get(_url("walk_detail", walk)).content.decode()
    assert _url("walk_finding_add", walk) not in page
    said = "Vandringen har inte gått ännu: iakttagelser förs in från och med dess dag"
    assert f"{said}, {tomorrow:%Y-%m-%d}." in page


def test_a_walk_with_findings_is_not_moved_into_the_future(walk):
    _finding(walk)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ServiceError, match="has not been walked yet"):
        walk_update(
            actor=None, walk=walk, fields=WalkFields(walked_on=tomorrow, area_text="Centrum")
        )
    walk.refresh_from_db()
    assert walk.walked_on == DAY


def test_the_incident_starts_at_the_walks_start_time_which_is_audited(walk, council):
    # given
    walk = walk_update(
        actor=None,
        walk=walk,
        fields=WalkFields(walked_on=DAY, area_text="Centrum", starts_at=dt.time(18, 30)),
    )
    event = AuditEvent.objects.filter(model="dialogue.SafetyWalk", action="update").get()
    assert event.changes["starts_at"] == [None, "18:30:00"]
    finding = _finding(walk)
    # when
    category = categories_ensure_defaults(council=council)[0]
    incident = finding_to_incident(actor=None, finding=finding, category=category)
    # then
    local = timezone.localtime(incident.occurred_from)
    assert (local.date(), local.time()) == (DAY, dt.time(18, 30))


def test_a_finding_of_a_walk_today_is_reported_even_before_its_start_time(council):
    # given: today's walk, starting later than any test runs; its finding is seen already
    walk = walk_create(
        actor=None,
        council=council,
        fields=WalkFields(
            walked_on=timezone.localdate(), area_text="Centrum", starts_at=dt.time(23, 59, 59)
        ),
    )
    finding = _finding(walk)
    category = categories_ensure_defaults(council=council)[0]
    # when
    incident = finding_to_incident(actor=None, finding=finding, category=category)
    # then: the time is now at the latest
    assert incident.occurred_from <= timezone.now()


def test_the_walk_form_takes_a_start_time(coordinator_client, council):
    response = coordinator_client.post(
        reverse("dialogue:walk_create", kwargs={"slug": council.slug}),
        {"walked_on": "2018-10-03", "starts_at": "18:30", "area_text": "Centrum", "residents": "4"},
    )
    assert response.status_code == 302
    assert SafetyWalk.objects.get().starts_at == dt.time(18, 30)


def test_the_incident_page_says_the_time_is_noon_without_a_start_time(coordinator_client, walk):
    finding = _finding(walk)
    page = coordinator_client.get(_url("walk_finding_to_incident", walk, finding_pk=finding.pk))
    text = page.content.decode()
    assert "2018-10-03 kl. 12:00" in text
    assert "kan rättas" in text


def test_the_activity_made_from_a_finding_is_written_in_swedish(walk, plan):
    # given: a coordinator using the English interface (the fixture's language)
    finding = _finding(walk, kind="lighting", description="Mörk gångtunnel", suggestion="Lampor")
    # when
    activity = finding_to_activity(actor=None, finding=finding, plan=plan)
    # then
    assert activity.text.startswith("Belysning: Mörk gångtunnel")
    assert "Förslag: Lampor" in activity.text
    assert activity.cause.startswith("Iakttaget vid trygghetsvandringen")
    assert "Lighting" not in activity.text


def test_a_finding_reported_as_an_incident_still_becomes_a_plan_activity(
    coordinator_client, walk, plan, council
):
    # given: a broken lamp reported as an incident, to be mended
    category = categories_ensure_defaults(council=council)[0]
    finding = _finding(walk, kind="lighting", description="Trasig lampa")
    finding_to_incident(actor=None, finding=finding, category=category)
    to_activity = _url("walk_finding_to_activity", walk, finding_pk=finding.pk)
    to_incident = _url("walk_finding_to_incident", walk, finding_pk=finding.pk)
    page = coordinator_client.get(_url("walk_detail", walk)).content.decode()
    assert to_activity in page
    assert to_incident not in page
    # when: it becomes a measure of the plan too
    assert coordinator_client.post(to_activity, {"plan": plan.pk}).status_code == 302
    # then: both links stay on the walk, and neither is made twice
    finding.refresh_from_db()
    assert finding.activity is not None
    assert finding.incident is not None
    page = coordinator_client.get(_url("walk_detail", walk)).content.decode()
    assert reverse("plans:activity_detail", args=[council.slug, finding.activity_id]) in page
    assert reverse("incidents:incident_detail", args=[council.slug, finding.incident_id]) in page
    assert to_activity not in page
    with pytest.raises(ServiceError):
        finding_to_incident(actor=None, finding=finding, category=category)
