"""The preview of imported minutes shows the front page as a form: the fields the parser
guessed are marked, the secretary corrects them, and what was typed is what is saved; a wrong
correction is refused with a message, keeps what was typed and saves nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from samverkan.core.importing.services import pending_import_create
from samverkan.meetings.models import Meeting

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "import_corpus" / "documents"
GUESSED = (CORPUS / "pdf-text-3.txt").read_bytes()


@pytest.fixture
def pending(council, users):
    return pending_import_create(
        council_id=council.pk, user=users["secretary"], filename="gissad.txt", data=GUESSED
    )


@pytest.mark.django_db
def test_the_preview_marks_the_guessed_fields_of_its_form(client, council, users, pending):
    client.force_login(users["secretary"])
    page = client.get(reverse("meetings:minutes_preview", args=[council.slug, pending.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert 'name="place"' in text
    assert 'name="start"' in text
    assert "Gissat utifrån layouten: kontrollera." in text


@pytest.mark.django_db
def test_the_corrected_front_page_is_what_is_saved(client, council, users, pending):
    client.force_login(users["secretary"])
    url = reverse("meetings:minutes_confirm", args=[council.slug, pending.pk])

    response = client.post(
        url, {"date": "2019-04-02", "start": "13:15", "end": "15:45", "place": "Rådhuset, sal 2"}
    )

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.date == dt.date(2019, 4, 2)
    assert meeting.start_time == dt.time(13, 15)
    assert meeting.end_time == dt.time(15, 45)
    assert meeting.place == "Rådhuset, sal 2"


@pytest.mark.django_db
def test_a_wrong_correction_is_refused_keeps_what_was_typed_and_saves_nothing(
    client, council, users, pending
):
    client.force_login(users["secretary"])
    url = reverse("meetings:minutes_confirm", args=[council.slug, pending.pk])

    response = client.post(
        url, {"date": "2019-04-02", "start": "15:00", "end": "13:00", "place": "Sal Ett"}
    )

    text = response.content.decode()
    assert response.status_code == 400
    assert "Sammanträdet kan inte sluta innan det börjar." in text
    assert 'value="Sal Ett"' in text
    assert Meeting.objects.count() == 0
