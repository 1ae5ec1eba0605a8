"""A job whose worker stopped (core/importing: `import_jobs_orphans_handle`, run by every
worker's round): with no heartbeat from its worker for `HEARTBEAT_STALE`, a step that only
reads is taken up again and finishes, any other is failed with a word to the user's page.
Time is moved by the test: each round is given its moment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.services import (
    RESUME_AT_MOST,
    import_job_create,
    import_job_run,
    import_jobs_orphans_handle,
    pending_import_create,
)
from samverkan.core.schedule import HEARTBEAT_STALE, worker_heartbeat, worker_name

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)


def _running(council, user, *, worker, step="import", resume_with="", pending=None):
    job = import_job_create(
        council_id=council.pk,
        user=user,
        kind="incidents",
        step=step,
        pending=pending,
        filename="brott.csv",
        page=lambda pk: reverse("incidents:import_job", args=[council.slug, pk]),
        params={"language": "sv"},
        resume_with=resume_with,
    )
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportState.RUNNING, worker=worker, started_at=START, done=40, total=100
    )
    return job


def test_a_saving_job_of_a_worker_that_stopped_is_failed_with_a_word_to_the_user(
    client, council, users
):
    # given: a worker that said it was alive at nine, and took an import then
    worker_heartbeat(worker="node-2:4711", now=START)
    job = _running(council, users["coordinator"], worker="node-2:4711")

    # when: a round of another worker a minute on, and then once the heartbeat is stale
    soon = import_jobs_orphans_handle(now=START + dt.timedelta(minutes=1))
    later = import_jobs_orphans_handle(now=START + HEARTBEAT_STALE + dt.timedelta(seconds=1))

    # then: alive at first, failed at last, and its page says why, in the user's language
    assert soon == (0, 0)
    assert later == (0, 1)
    job.refresh_from_db()
    assert job.state == ImportState.FAILED
    assert job.finished_at is not None
    client.force_login(users["coordinator"])
    page = client.get(job.page).content.decode()
    assert "Arbetaren som körde jobbet stannade" in page


def test_the_job_of_a_worker_still_beating_is_left_running(council, users):
    job = _running(council, users["coordinator"], worker="node-1:99")
    later = START + dt.timedelta(hours=3)
    worker_heartbeat(worker="node-1:99", now=later - dt.timedelta(seconds=30))

    assert import_jobs_orphans_handle(now=later) == (0, 0)
    job.refresh_from_db()
    assert job.state == ImportState.RUNNING


def test_a_reading_step_of_a_worker_that_stopped_is_taken_up_again_and_finishes(
    council, users, monkeypatch
):
    # given: the reading of an upload, taken by a worker that died without a heartbeat left
    pending = pending_import_create(
        council_id=council.pk,
        user=users["coordinator"],
        filename="brott.csv",
        data="Datum;Kategori\n2026-10-01;Skadegörelse\n".encode(),
    )
    job = _running(
        council,
        users["coordinator"],
        worker="node-3:1",
        step="read",
        resume_with="samverkan.incidents.tasks.table_import_run",
        pending=pending,
    )

    # when: a later round finds it (the test's task backend runs the task at once)
    resumed = import_jobs_orphans_handle(now=START + dt.timedelta(minutes=10))

    # then: it ran again in this process and finished with the file's columns
    assert resumed == (1, 0)
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert job.result["headers"] == ["Datum", "Kategori"]
    assert job.worker == worker_name()
    assert job.params["resumed"] == 1


def test_a_job_that_keeps_killing_its_worker_is_failed_after_its_tries(council, users):
    job = _running(
        council,
        users["coordinator"],
        worker="node-3:1",
        step="read",
        resume_with="samverkan.incidents.tasks.table_import_run",
    )
    ImportJob.objects.filter(pk=job.pk).update(params={"resumed": RESUME_AT_MOST})

    assert import_jobs_orphans_handle(now=START + dt.timedelta(minutes=10)) == (0, 1)
    job.refresh_from_db()
    assert job.state == ImportState.FAILED


def test_a_job_run_here_is_marked_with_this_workers_name(council, users):
    job = import_job_create(
        council_id=council.pk,
        user=users["coordinator"],
        kind="incidents",
        step="import",
        pending=None,
        filename="brott.csv",
        page=lambda pk: f"/imports/{pk}/",
        params={},
    )
    seen = {}

    def work(running, progress):
        seen["worker"] = ImportJob.objects.get(pk=running.pk).worker
        return {}

    import_job_run(job.pk, work)

    assert seen["worker"] == worker_name()
