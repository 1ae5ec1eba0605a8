"""The worker's task of the meetings' imports: an archive (a ZIP of years of minutes, notices
and plan documents) imported file by file (`core/importing/archive.py`).

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
from samverkan.organisations.models import Council


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
