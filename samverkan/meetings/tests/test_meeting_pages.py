"""The meeting pages: the calendar, a meeting's minutes, downloads and the import flow."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverkan.core.importing.models import PendingImport
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import Meeting, MinutesImport
from samverkan.meetings.services.minutes_import import minutes_import

SEED = seed_text().encode()


@pytest.fixture
def secretary(client, users):
    client.force_login(users["secretary"])
    return client


def _upload(client, data, name="protokoll.txt"):
    return client.post(
        "/councils/koping/meetings/import/", {"file": SimpleUploadedFile(name, data)}
    )


def test_a_secretary_imports_minutes_after_seeing_a_preview(secretary, council):
    # given an upload
    response = _upload(secretary, SEED)
    assert response.status_code == 302
    # when the preview is shown (the worker reads the file; its page leads to the preview)
    preview = secretary.get(response.url, follow=True)
    html = preview.content.decode()
    # then nothing is saved yet, and the preview shows what will be
    assert preview.status_code == 200
    assert not Meeting.objects.exists()
    assert "2018-05-24" in html
    assert "§ 11 Medborgarlöften 2018" in html
    assert "Arbetsutskottet 2018-08-27" in html
    # when confirmed
    done = secretary.post(response.url + "confirm/")
    meeting = Meeting.objects.get(status="held")
    assert done.url == f"/councils/koping/meetings/{meeting.pk}/"
    assert not PendingImport.objects.exists()
    page = secretary.get(done.url).content.decode()
    assert "Brottsförebyggande rådet beslutar" in page
    assert "att godkänna slutrapporten om cykelprojektet." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "är tom"),
        ("Inköpslista: mjölk och bröd.".encode(), "ser inte ut som ett protokoll"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_saves_nothing(secretary, council, data, message):
    response = _upload(secretary, data)
    if response.status_code == 302:
        response = secretary.get(response.url, follow=True)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
    assert not PendingImport.objects.exists()


def test_an_upload_without_a_file_is_refused(secretary, council):
    response = secretary.post("/councils/koping/meetings/import/", {})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()


def test_the_same_file_twice_is_reported_as_already_imported(secretary, council):
    minutes_import(actor=None, council=council, data=SEED, filename="seed.txt")
    preview = secretary.get(_upload(secretary, SEED).url, follow=True)
    assert preview.status_code == 400
    assert "redan importerad" in preview.content.decode()
    assert MinutesImport.objects.count() == 1


def test_someone_elses_pending_upload_is_not_found(client, users, council):
    client.force_login(users["secretary"])
    url = _upload(client, SEED).url
    client.force_login(users["coordinator"])
    assert client.get(url).status_code == 404
    assert client.post(url + "confirm/").status_code == 404


def test_the_downloads_are_named_and_typed(secretary, council):
    meeting, _plan = minutes_import(actor=None, council=council, data=SEED, filename="s.txt")
    base = f"/councils/koping/meetings/{meeting.pk}/"
    pdf = secretary.get(base + "protokoll.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "protokoll-brottsf" in pdf["Content-Disposition"]
    assert secretary.get(base + "protokoll.docx").content[:2] == b"PK"
    assert secretary.get(base + "sammantrade.ics").content.startswith(b"BEGIN:VCALENDAR")


def test_the_calendar_lists_meetings_by_year(secretary, council):
    minutes_import(actor=None, council=council, data=SEED, filename="s.txt")
    html = secretary.get("/councils/koping/meetings/?year=2018").content.decode()
    assert "2018-11-22" in html
    assert "2018-05-24" in html
    assert secretary.get("/councils/koping/meetings/?year=tjugo").status_code == 200


@pytest.mark.parametrize("page", ["list", "detail"])
def test_meeting_pages_use_a_fixed_number_of_queries(secretary, council, page):
    first, _ = minutes_import(actor=None, council=council, data=SEED, filename="s.txt")
    path = "/councils/koping/meetings/" + ("" if page == "list" else f"{first.pk}/")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert secretary.get(path).status_code == 200
        return len(captured)

    few = queries()
    other = SEED.replace(b"2018-05-24", b"2019-05-23").replace(b"2018", b"2019")
    minutes_import(actor=None, council=council, data=other, filename="s2.txt")
    assert queries() == few


def test_an_abandoned_upload_is_not_kept(secretary, council, users):
    import datetime as dt

    from django.utils import timezone

    _upload(secretary, SEED)
    _upload(secretary, SEED)
    assert PendingImport.objects.count() == 1  # the earlier one was dropped
    PendingImport.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    from django.test import Client

    other = Client()
    other.force_login(users["coordinator"])
    _upload(other, SEED)
    assert PendingImport.objects.count() == 1  # the stale one is gone too
