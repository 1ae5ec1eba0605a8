"""The partner's report form over HTTP: phone-first, no JavaScript, the GDPR warning, bad input."""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from samverkan.incidents.models import Incident, Photo
from samverkan.incidents.tests.conftest import upload
from samverkan.organisations import services as org_services
from samverkan.organisations.models import Body


@pytest.fixture
def reporter_client(client, users, kbab):
    # The reporter sits for the housing company, so the form offers that organisation.
    person = org_services.person_create(actor=None, council=kbab.council, name="Peter Landin")
    org_services.person_link_user(actor=None, person=person, user=users["reporter"])
    body = Body.objects.get(council=kbab.council)
    org_services.membership_create(
        actor=None, body=body, person=person, role="member", organisation=kbab
    )
    client.force_login(users["reporter"])
    return client


def _url(council):
    return reverse("incidents:report", args=[council.slug])


def _data(categories, **extra):
    data = {
        "category": categories["broken_glass"].pk,
        "occurred_from": "2026-11-20T07:30",
        "address": "",
        "description": "Två rutor krossade vid entrén.",
    }
    data.update(extra)
    return data


def test_the_form_offers_the_reporters_own_organisation(reporter_client, council, categories):
    response = reporter_client.get(_url(council))
    assert response.status_code == 200
    form = response.context["form"]
    assert [o.name for o in form.fields["organisation"].queryset] == ["Köpings Bostads AB"]
    assert form.initial["organisation"] == form.fields["organisation"].queryset[0].pk
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_a_reporter_sends_a_report_with_a_photo(
    reporter_client, council, users, categories, school, kbab
):
    response = reporter_client.post(
        _url(council),
        _data(categories, place=school.pk, cost="4500", organisation=kbab.pk, photos=[upload()]),
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.place, incident.cost, incident.organisation) == (school, 4500, kbab)
    assert incident.reported_by == users["reporter"]
    assert incident.photos.count() == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"category": "999999"}, "Choose one of the categories in the list."),
        ({"latitude": "52.52", "longitude": "13.40"}, "The point is outside Sweden"),
        ({"cost": "-100"}, "The cost cannot be negative."),
        ({"place": "", "address": ""}, "Say where it happened"),
    ],
)
def test_bad_input_answers_400_keeps_the_input_and_saves_nothing(
    reporter_client, council, categories, extra, message
):
    data = _data(categories, address="Glasgatan 3")
    data.update(extra)
    response = reporter_client.post(_url(council), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Två rutor krossade vid entrén." in response.content.decode()
    assert not Incident.objects.exists()


def test_an_oversized_or_fake_photo_answers_400(reporter_client, council, categories):
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (10 * 1024 * 1024), "image/jpeg")
    for bad, message in [
        (big, "larger than 10 MB"),
        (upload("fake.jpg", b"not an image at all"), "is not a JPEG, PNG or WebP photo"),
    ]:
        response = reporter_client.post(
            _url(council), _data(categories, address="Torget", photos=[bad])
        )
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Incident.objects.exists()
    assert not Photo.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Pojken med personnummer 811218-9876 slog sönder rutan.",
        "Ring grannen på 070-123 45 67 om mer.",
        "Anmälare: kalle.anka@example.se",
    ],
)
def test_personal_data_is_warned_about_until_confirmed(reporter_client, council, categories, text):
    # given a description that seems to identify a person
    data = _data(categories, address="Glasgatan 3", description=text)
    # when it is sent the first time
    response = reporter_client.post(_url(council), data)
    # then nothing is saved, the warning explains article 10 and offers the confirmation
    assert response.status_code == 400
    page = response.content.decode()
    assert "article 10 of the GDPR" in page
    assert 'name="confirm_personal_data"' in page
    assert not Incident.objects.exists()
    # and when the reporter confirms, the report is saved
    response = reporter_client.post(_url(council), {**data, "confirm_personal_data": "on"})
    assert response.status_code == 302
    assert Incident.objects.get().description == text


def test_an_ordinary_description_gets_no_confirmation_box(reporter_client, council, categories):
    response = reporter_client.get(_url(council))
    assert 'name="confirm_personal_data"' not in response.content.decode()
    response = reporter_client.post(
        _url(council), _data(categories, address="Glasgatan 3", description="Kostnad 325 000 kr")
    )
    assert response.status_code == 302


def test_a_council_without_categories_says_so(client, users, council):
    client.force_login(users["reporter"])
    response = client.get(_url(council))
    assert response.status_code == 200
    assert "no incident categories yet" in response.content.decode()


# The map over the point fields ---------------------------------------------------------------


def test_the_form_carries_a_map_of_the_named_places_as_data(reporter_client, council, school):
    page = reporter_client.get(_url(council)).content.decode()
    # The map is built by the shared script from data, never from an inline script.
    assert "data-map-input hidden" in page
    assert 'data-place-select="id_place"' in page
    assert '<script id="report-map-places" type="application/json">' in page
    assert "Nygårdsskolan" in page
    assert "/static/core/map_input.js" in page
    assert "/static/leaflet/leaflet.js" in page
    assert "<script>" not in page


def test_a_point_outside_sweden_is_refused_in_swedish(reporter_client, council, categories):
    reporter_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = reporter_client.post(
        _url(council), _data(categories, latitude="52.52", longitude="13.40")
    )
    assert response.status_code == 400
    assert "Punkten ligger utanför Sverige" in response.content.decode()
    assert not Incident.objects.exists()


def test_a_point_set_on_the_map_is_saved_with_the_place_it_lies_in(
    reporter_client, council, categories, school
):
    # The map writes six decimals into the fields, as a typed point would be.
    response = reporter_client.post(
        _url(council), _data(categories, latitude="59.519500", longitude="15.979000")
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.latitude, incident.longitude, incident.place) == (59.5195, 15.979, school)


def test_every_problem_of_the_form_shows_at_once_and_photos_are_asked_for_again(
    council, categories, client, users
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["coordinator"])
    data = _data(categories, address="Glasgatan 3")
    # a negative cost (the form's check) and a point in Helsinki (the map's check), and a photo
    data.update({"cost": "-5", "latitude": "60.17", "longitude": "24.94"})
    data["photos"] = SimpleUploadedFile("ruta.jpg", b"not really", content_type="image/jpeg")
    response = client.post(_url(council), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"cost", "latitude", "photos"}
    assert "Choose the photos again" in response.content.decode()  # this module reads English
    assert not Incident.objects.exists()


@pytest.mark.parametrize("filler", ["a", "0", "a.", "+46"])
def test_a_description_of_60000_characters_is_refused_within_a_second(
    reporter_client, council, categories, filler
):
    # given a description far over the limit, of the characters the personal-data check repeats
    text = (filler * 60_000)[:60_000]
    # when it is sent (the client's language is English)
    started = time.process_time()
    response = reporter_client.post(
        _url(council), _data(categories, address="Glasgatan 3", description=text)
    )
    # then the worker answers at once, with the length limit, and saves nothing
    assert time.process_time() - started < 1.0
    assert response.status_code == 400
    assert "Ensure this value has at most 4000 characters" in response.content.decode()
    assert not Incident.objects.exists()


@override_settings(UPLOAD_MAX_IMAGE_PIXELS=1000)
def test_a_photo_of_more_pixels_than_the_limit_is_refused_with_the_reason(
    reporter_client, council, categories
):
    # given a photo of 64 × 48 = 3,072 pixels, above a limit of 1,000 (the client reads English)
    response = reporter_client.post(
        _url(council), _data(categories, address="Torget", photos=[upload()])
    )
    # then it is refused for its size, not called a fake, and nothing is saved
    assert response.status_code == 400
    assert "has more pixels than a photo needs" in response.content.decode()
    assert not Incident.objects.exists()
    assert not Photo.objects.exists()


@override_settings(UPLOAD_MAX_PHOTOS_PER_HOUR=3)
def test_a_reporter_sends_at_most_the_hours_photos(reporter_client, council, categories):
    # given a reporter who has sent two photos and then one in the last hour
    for photos in ([upload(), upload()], [upload()]):
        response = reporter_client.post(
            _url(council), _data(categories, address="Torget", photos=photos)
        )
        assert response.status_code == 302
    # when they send one more
    response = reporter_client.post(
        _url(council), _data(categories, address="Torget", photos=[upload()])
    )
    # then it is refused with the limit, and that report is not saved
    assert response.status_code == 400
    assert "You have sent 3 photos in the last hour" in response.content.decode()
    assert Incident.objects.count() == 2
    assert Photo.objects.count() == 3


def test_a_reporter_says_who_is_affected_and_a_coordinator_corrects_it(
    reporter_client, client, council, users, categories, school, kbab
):
    # when: the caretaker reports broken glass at the school
    response = reporter_client.post(
        _url(council), _data(categories, place=school.pk, target_group="school")
    )

    # then: saved with the group, shown on the report
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.target_group == "school"
    detail = reverse("incidents:incident_detail", args=[council.slug, incident.pk])
    assert "<dd>a school</dd>" in reporter_client.get(detail).content.decode()

    # when: a coordinator corrects it; the form offers what was saved
    client.force_login(users["coordinator"])
    edit = reverse("incidents:incident_edit", args=[council.slug, incident.pk])
    assert client.get(edit).context["form"].initial["target_group"] == "school"
    client.post(edit, _data(categories, place=school.pk, target_group="staff"))

    # then: corrected, and the history says so
    incident.refresh_from_db()
    assert incident.target_group == "staff"
    from samverkan.core.models import AuditEvent

    change = AuditEvent.objects.filter(model="incidents.Incident", action="update").get()
    assert change.changes["target_group"] == ["school", "staff"]
    assert change.actor == users["coordinator"]


def test_an_unknown_group_is_refused_and_the_input_kept(reporter_client, council, categories):
    response = reporter_client.post(_url(council), _data(categories, target_group="neighbour Anna"))

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert response.context["form"]["description"].value() == "Två rutor krossade vid entrén."
    assert not Incident.objects.exists()
