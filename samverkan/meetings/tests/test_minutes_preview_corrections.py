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
    page = client.get(
        reverse("meetings:minutes_preview", args=[council.slug, pending.pk]), follow=True
    )

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


@pytest.mark.django_db
def test_the_worker_reads_the_file_and_its_page_leads_to_the_preview(
    client, council, users, pending
):
    from samverkan.core.importing.models import ImportJob

    client.force_login(users["secretary"])
    preview_url = reverse("meetings:minutes_preview", args=[council.slug, pending.pk])

    first = client.get(preview_url)

    job = ImportJob.objects.get(kind="minutes", pending=pending)
    assert first.url == job.page  # the reading is queued; its page shows the progress
    assert job.state == "done"  # the test's task backend runs it at once
    assert client.get(job.page).url == preview_url  # done: its result is the preview
    assert "gissat" in client.get(preview_url).content.decode()
    assert ImportJob.objects.filter(kind="minutes").count() == 1  # not read again


@pytest.mark.django_db
def test_a_file_the_worker_refuses_shows_why_and_keeps_nothing(client, council, users):
    from samverkan.core.importing.models import PendingImport

    refused = pending_import_create(
        council_id=council.pk,
        user=users["secretary"],
        filename="lista.txt",
        data="Inköpslista: mjölk och bröd.".encode(),
    )
    client.force_login(users["secretary"])

    page = client.get(
        reverse("meetings:minutes_preview", args=[council.slug, refused.pk]), follow=True
    )

    assert page.status_code == 400
    assert "ser inte ut som ett protokoll" in page.content.decode()
    assert not PendingImport.objects.exists()
    assert Meeting.objects.count() == 0
