"""A table import runs in the worker: queued by the page, shown with its progress, cancelled
without a trace, and run by `samverkan worker` from the database queue."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.incidents.models import Incident

GOOD = (
    "Ärendenummer;Datum;Kategori;Adress\n"
    "A1;2018-03-01;Glaskross;Torggatan 3\nA2;2018-03-02;Klotter;Torggatan 5\n"
)
MAPPING = {
    "source_id": "0",
    "date": "1",
    "category": "2",
    "place": "3",
    "organisation": "",
    "action": "import",
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _upload(client, council):
    upload = SimpleUploadedFile("export.csv", GOOD.encode(), "text/csv")
    return client.post(reverse("incidents:import_upload", args=[council.slug]), {"file": upload})


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_import_and_its_page_shows_the_outcome(
    client, council, categories, users, settings
):
    # given the real queue in the database
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(users["coordinator"])
    # when a file is uploaded, the page waits for the worker
    page = client.get(_upload(client, council)["Location"])
    assert 'id="import-progress"' in page.content.decode()
    assert ImportJob.objects.get().state == ImportState.QUEUED
    call_command("worker", "--once", verbosity=0)
    mapped = client.get(page.request["PATH_INFO"], follow=True)
    assert 'value="1" selected' in mapped.content.decode()
    # when the import is asked for, nothing is saved until the worker runs it
    queued = client.post(mapped.redirect_chain[-1][0], MAPPING)
    assert not Incident.objects.exists()
    call_command("worker", "--once", verbosity=0)
    # then its page shows the outcome
    done = client.get(queued["Location"])
    result = ImportJob.objects.get(step="import").result
    assert "outcome" in result, result
    outcome = result["outcome"]
    assert outcome.startswith("2 ")
    assert outcome in done.content.decode()
    assert Incident.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_cancelled_import_imports_nothing(client, council, categories, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(users["coordinator"])
    _upload(client, council)
    call_command("worker", "--once", verbosity=0)
    read = ImportJob.objects.get()
    queued = client.post(
        reverse("incidents:import_map", args=[council.slug, read.pending_id]), MAPPING
    )
    job = ImportJob.objects.get(step="import")
    # when the user cancels before the worker gets to it
    client.post(reverse("incidents:import_job_cancel", args=[council.slug, job.pk]))
    call_command("worker", "--once", verbosity=0)
    # then nothing was imported and the page says so
    job.refresh_from_db()
    assert job.state == ImportState.CANCELLED
    assert not Incident.objects.exists()
    assert client.get(queued["Location"]).status_code == 200


@pytest.mark.django_db
def test_the_list_of_imports_pages_in_a_fixed_number_of_queries(
    client, council, users, django_assert_num_queries
):
    for number in range(30):
        ImportJob.objects.create(
            council=council,
            kind="incidents",
            step="import",
            started_by=users["secretary"],
            filename=f"fil-{number}.csv",
            page="/",
        )
    client.force_login(users["coordinator"])
    url = reverse("incidents:import_jobs", args=[council.slug])
    client.get(url)  # the session and the council warm up
    with django_assert_num_queries(6):
        page = client.get(url)
    assert page.content.decode().count(".csv</a>") == 25
    assert "fil-29.csv" in page.content.decode()
