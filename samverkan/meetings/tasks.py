"""The worker's tasks of the meetings' imports: the reading of one minutes file (a scan's OCR
takes long) for its preview, and an archive (a ZIP of years of minutes, notices and plan
documents) imported file by file (`core/importing/archive.py`).

The upload page only keeps the ZIP and queues the job; the task runs here in `samverkan worker`
and writes each file's report row to the `ImportJob` as it goes, so its page shows the counts,
and a job started again after its worker died continues from the files not yet done.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core.errors import ServiceError
from samverkan.core.importing import archive
from samverkan.core.importing.models import ImportJob
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import import_job_run, pending_import_delete
from samverkan.core.importing.text import ExtractedText
from samverkan.meetings.services.minutes_import import minutes_import_plan
from samverkan.organisations.models import Council

MINUTES = "minutes"


@task()
def minutes_read_run(job_id: int) -> str:
    """Read one uploaded minutes file for its preview (the worker's task)."""
    return import_job_run(job_id, _minutes)


def _minutes(job: ImportJob, progress: Progress) -> dict[str, Any]:
    pending = job.pending
    if pending is None:
        raise ServiceError(_("The upload is gone; upload the file again."))
    progress.phase(_("Reading the file"))
    try:
        plan = minutes_import_plan(
            council=Council.objects.get(pk=job.council_id),
            data=bytes(pending.data),
            filename=pending.filename,
        )
    except ServiceError:
        # The reason the file cannot be imported is the job's message; the upload is dropped.
        pending_import_delete(pending=pending)
        raise
    # The text read (by OCR for a scan) is kept for the preview and the import, until the
    # upload is imported or dropped.
    return {
        "text": plan.parsed_text,
        "ocr": plan.ocr_confidence is not None,
        "confidence": plan.ocr_confidence,
    }


def extracted_of(job: ImportJob) -> ExtractedText | None:
    """The text the worker read from a minutes file, to preview and import without reading
    it again."""
    if job.state != "done" or "text" not in job.result:
        return None
    return ExtractedText(
        job.result["text"], ocr=bool(job.result.get("ocr")), confidence=job.result.get("confidence")
    )


@task()
def archive_import_run(job_id: int) -> str:
    """Import an archive (the worker's task)."""
    return import_job_run(job_id, _archive)


def _archive(job: ImportJob, progress: Progress) -> dict[str, Any]:
    pending = job.pending
    if pending is None:
        raise ServiceError(_("The upload is gone; upload the file again."))
    progress.phase(_("Reading the archive"))
    files = archive.zip_files(bytes(pending.data))
    report = archive.archive_import(
        actor=job.started_by,
        council=Council.objects.get(pk=job.council_id),
        files=files,
        job=job,
        progress=progress,
    )
    pending_import_delete(pending=pending)
    return report
