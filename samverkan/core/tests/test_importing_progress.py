"""An import the worker runs (core/importing: ImportJob, Progress, import_job_run): its counts
reach the page, a cancel stops it at its next count with nothing saved, a failure is kept
with its message, and a hostile workbook ends a child process, not the worker."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.importing import progress as progress_module
from samverkan.core.importing import tables
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.services import (
    import_job_cancel,
    import_job_create,
    import_job_run,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _every_count_written(monkeypatch):
    """A count is written at most twice a second; here every one is."""
    monkeypatch.setattr(progress_module, "WRITE_EVERY", 0)


def _job(council, user) -> ImportJob:
    return import_job_create(
        council_id=council.pk,
        user=user,
        kind="incidents",
        step="import",
        pending=None,
        filename="export.csv",
        page=lambda pk: f"/imports/{pk}/",
        params={},
    )


def test_the_counts_of_a_running_import_reach_its_row(council, users):
    job = _job(council, users["coordinator"])
    seen = []

    def work(running, progress):
        progress.phase("Checking the rows", total=10)
        progress.advance(4)
        row = ImportJob.objects.get(pk=running.pk)
        seen.append((row.state, row.message, row.done, row.total, row.percent))
        return {"outcome": "4 imported"}

    assert import_job_run(job.pk, work) == "done"
    assert seen == [(ImportState.RUNNING, "Checking the rows", 4, 10, 40)]
    job.refresh_from_db()
    assert (job.state, job.result, job.page) == (
        "done",
        {"outcome": "4 imported"},
        f"/imports/{job.pk}/",
    )


def test_a_cancel_stops_the_work_at_its_next_count(council, users):
    job = _job(council, users["coordinator"])
    counted = []

    def work(running, progress):
        progress.phase("Checking the rows", total=10)
        import_job_cancel(job=ImportJob.objects.get(pk=running.pk))  # the user, meanwhile
        for done in range(10):
            progress.advance(done)
            counted.append(done)
        return {"outcome": "should not be reached"}

    assert import_job_run(job.pk, work) == "cancelled"
    assert counted == []
    job.refresh_from_db()
    assert job.result == {}


def test_an_import_cannot_be_cancelled_once_it_saves(council, users):
    job = _job(council, users["coordinator"])

    def work(running, progress):
        progress.last_chance()
        with pytest.raises(ServiceError, match="can no longer be cancelled"):
            import_job_cancel(job=ImportJob.objects.get(pk=running.pk))
        return {}

    assert import_job_run(job.pk, work) == "done"


def test_a_refusal_is_kept_with_its_message_and_a_crash_says_nothing_was_imported(council, users):
    def refused(running, progress):
        raise ServiceError("The file holds no rows.")

    def crashed(running, progress):
        raise RuntimeError("a bug")

    first, second = _job(council, users["coordinator"]), _job(council, users["coordinator"])
    assert import_job_run(first.pk, refused) == "failed"
    assert import_job_run(second.pk, crashed) == "failed"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.message == "The file holds no rows."
    assert second.message == "The import failed; nothing was imported."


def test_a_job_cancelled_before_the_worker_took_it_never_runs(council, users):
    job = _job(council, users["coordinator"])
    import_job_cancel(job=job)
    assert job.state == ImportState.CANCELLED
    assert import_job_run(job.pk, lambda running, progress: {}) == "skipped"


def test_a_workbook_with_two_far_apart_cells_is_refused_without_ending_the_process():
    # given a tiny workbook whose two cells span a million rows and two thousand columns:
    # calamine would ask for 64 GB for it at once
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active.cell(row=1_000_000, column=2000, value="y")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ServiceError, match="too many rows or columns"):
        tables.read_table("bomb.xlsx", out.getvalue())


def test_the_daily_job_deletes_the_records_of_imports_older_than_30_days(council, users):
    import datetime as dt

    from django.utils import timezone

    from samverkan.core.jobs import purge_import_records

    old, recent = _job(council, users["coordinator"]), _job(council, users["coordinator"])
    ImportJob.objects.filter(pk=old.pk).update(
        state=ImportState.DONE, created_at=timezone.now() - dt.timedelta(days=31)
    )
    assert purge_import_records(timezone.now()) == "1 import records deleted"
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [recent.pk]
