"""Uploaded files on S3-compatible object storage (S3_BUCKET, settings.s3_storage): tested against
moto's S3 server started here on 127.0.0.1. A citizen's photo and an agenda item's file are
stored in the bucket, nothing under MEDIA_ROOT, and read back only through their access-checked
views, never by an address of the bucket; an import's upload waits in the database, whatever
the storage."""

from __future__ import annotations

import datetime as dt
import urllib.request

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from moto.server import ThreadedMotoServer

from samverkan import settings as project_settings
from samverkan.core.importing.models import PendingImport
from samverkan.incidents.models import Category
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.tests.conftest import upload
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.meetings.services.item_files import item_file_add
from samverkan.organisations.models import Body

BUCKET = "samverkan-filer"
KEY_ID, SECRET = "testnyckel", "testhemlighet"  # moto takes any


@pytest.fixture
def s3_server(free_tcp_port):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=free_tcp_port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{free_tcp_port}"
    # moto keeps its buckets in the process: each test starts from none
    urllib.request.urlopen(urllib.request.Request(endpoint + "/moto-api/reset", method="POST"))  # noqa: S310
    yield endpoint
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, monkeypatch, tmp_path):
    """The operator's settings (read as settings.py reads them) pointing at the test's server."""
    monkeypatch.setenv("S3_BUCKET", BUCKET)
    monkeypatch.setenv("S3_ENDPOINT_URL", s3_server)
    monkeypatch.setenv("S3_REGION", "eu-north-1")
    monkeypatch.setenv("S3_ACCESS_KEY_ID", KEY_ID)
    monkeypatch.setenv("S3_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("S3_PREFIX", "koping")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    storage = project_settings.s3_storage()
    assert storage is not None
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_ROOT = tmp_path / "media"
    return client


def _keys(client) -> list[str]:
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_without_a_bucket_files_stay_on_the_filesystem(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert project_settings.s3_storage() is None
    assert project_settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def test_a_photo_lives_in_the_bucket_and_is_served_only_through_its_view(
    bucket, client, council, users, s3_server, tmp_path
):
    # given: a reporter's incident with a photo
    categories_ensure_defaults(actor=None, council=council)
    incident = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(address="Torget"),
        what=What(
            category=Category.objects.get(council=council, code="graffiti"),
            occurred_from=timezone.now(),
        ),
        photos=[upload()],
    )
    photo = incident.photos.get()

    # then: the photo is an object of the bucket under the operator's prefix, not a local file
    [key] = _keys(bucket)
    assert key.startswith("koping/incidents/photos/")
    assert not (tmp_path / "media").exists()
    stored = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    # and the coordinator gets those very bytes from the access-checked view, not a redirect
    client.force_login(users["coordinator"])
    response = client.get(reverse("incidents:photo", args=[council.slug, photo.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert stored[:2] == b"\xff\xd8"
    # a member of the council may not, and the incident's page never names the bucket
    client.force_login(users["member"])
    assert client.get(reverse("incidents:photo", args=[council.slug, photo.pk])).status_code == 403
    client.force_login(users["coordinator"])
    page = client.get(reverse("incidents:incident_detail", args=[council.slug, incident.pk]))
    assert s3_server not in page.content.decode()
    assert BUCKET not in page.content.decode()


def test_an_agenda_items_file_lives_in_the_bucket_and_is_served_through_its_view(
    bucket, client, council, users, tmp_path
):
    body = Body.objects.get(council=council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 3, 5), place="Rådhuset")
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    content = b"%PDF-1.4\n% handling om lagesbild\n"
    item_file = item_file_add(
        actor=None,
        item=item,
        upload=SimpleUploadedFile("lagesbild.pdf", content, content_type="application/pdf"),
    )

    [key] = _keys(bucket)
    assert key.startswith("koping/meetings/")
    assert not (tmp_path / "media").exists()
    url = reverse("meetings:item_file_download", args=[council.slug, item_file.pk])
    client.force_login(users["secretary"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    client.force_login(users["outsider"])
    assert client.get(url).status_code == 404


def test_an_import_upload_waits_in_the_database_and_leaves_the_bucket_alone(
    bucket, client, council, users
):
    client.force_login(users["coordinator"])
    csv = "Datum;Kategori\n2026-10-01;Skadegörelse\n".encode()

    client.post(
        reverse("incidents:import_upload", args=[council.slug]),
        {"file": SimpleUploadedFile("brott.csv", csv, content_type="text/csv")},
    )

    assert bytes(PendingImport.objects.get().data) == csv
    assert _keys(bucket) == []
