"""A large document is made by the worker: its link queues the job and leads to a page that
shows its progress (htmx, or a reload without JavaScript) and, once made, offers the file; the
page and the file are the asker's alone, and the file goes after 24 hours."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.services import import_jobs_orphans_handle, import_jobs_purge

PERIOD = {"period_from": "2018-01-01", "period_to": "2018-05-31"}


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def _ask(client, council):
    url = reverse("insights:period_report_pdf", args=[council.slug])
    return client.get(url, PERIOD)


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_period_report_and_its_page_offers_the_file(
    client, council, users, settings
):
    # given the real queue in the database
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(users["coordinator"])
    # when the PDF is asked for, its page waits for the worker
    asked = _ask(client, council)
    page = client.get(asked["Location"])
    html = page.content.decode()
    assert 'id="import-progress"' in html
    assert "Waiting for the worker to start making the document." in html
    assert '<meta http-equiv="refresh"' in html  # a reload without JavaScript
    job = ImportJob.objects.get()
    assert job.state == ImportState.QUEUED
    # htmx polls the bar alone
    bar = client.get(asked["Location"], headers={"HX-Request": "true"})
    assert bar.content.decode().lstrip().startswith('<div id="import-progress"')
    call_command("worker", "--once", verbosity=0)
    # then the page offers the file, and htmx is told to show the whole page
    assert client.get(asked["Location"], headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    done = client.get(asked["Location"]).content.decode()
    assert "The document is ready." in done
    file_url = reverse("organisations:document_job_file", args=[council.slug, job.pk])
    assert file_url in done
    pdf = client.get(file_url)
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"].endswith('-2018-01-01-2018-05-31.pdf"')


def test_the_page_and_the_file_are_the_askers_alone(client, council, users):
    client.force_login(users["coordinator"])
    page = _ask(client, council)["Location"]
    job = ImportJob.objects.get()
    file_url = reverse("organisations:document_job_file", args=[council.slug, job.pk])
    assert client.get(file_url).status_code == 200
    # another login of the same council finds neither
    client.force_login(users["secretary"])
    assert client.get(page).status_code == 404
    assert client.get(file_url).status_code == 404


def test_the_file_goes_after_a_day(client, council, users):
    client.force_login(users["coordinator"])
    page = _ask(client, council)["Location"]
    job = ImportJob.objects.get()
    file_url = reverse("organisations:document_job_file", args=[council.slug, job.pk])
    import_jobs_purge(now=timezone.now() + dt.timedelta(hours=23))
    assert client.get(file_url).status_code == 200
    # when the daily purge runs a day later
    import_jobs_purge(now=timezone.now() + dt.timedelta(hours=25))
    # then the file is gone and the page says so
    assert client.get(file_url).status_code == 404
    assert "is gone" in client.get(page).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_document_whose_worker_died_is_made_again(client, council, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(users["coordinator"])
    _ask(client, council)
    # given a job its worker took up and then died with
    ImportJob.objects.update(
        state=ImportState.RUNNING,
        started_at=timezone.now() - dt.timedelta(hours=1),
        worker="gone:1",
    )
    # when a worker's round finds it, it is queued again and made
    assert import_jobs_orphans_handle() == (1, 0)
    call_command("worker", "--once", verbosity=0)
    job = ImportJob.objects.get()
    assert job.state == ImportState.DONE
    assert bytes(job.output).startswith(b"%PDF")


@pytest.mark.django_db(transaction=True)
def test_a_document_stopped_while_it_waits_is_not_made(client, council, users, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(users["coordinator"])
    page = _ask(client, council)["Location"]
    assert "Stop making the document" in client.get(page).content.decode()
    job = ImportJob.objects.get()
    # when the user stops it before the worker takes it
    cancel = reverse("organisations:document_job_cancel", args=[council.slug, job.pk])
    assert client.post(cancel)["Location"] == page
    call_command("worker", "--once", verbosity=0)
    # then nothing is made and the page says so
    job.refresh_from_db()
    assert job.state == ImportState.CANCELLED
    assert job.output is None
    assert "The document was not made." in client.get(page).content.decode()
