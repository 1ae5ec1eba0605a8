"""The worker's task of the plan-document import: the reading of one uploaded document (a
scan's OCR takes long) for its preview, as the minutes import does (`meetings/tasks.py`).

The upload page keeps the file and its preview queues the reading; the task runs here in
`samverkan worker`, refuses a file that cannot be imported (its upload dropped, its reason on the
job's page) and keeps the text it read on the `ImportJob`, so the preview and the import read
that text and never the file again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core.errors import ServiceError
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import import_job_run, pending_import_delete
from samverkan.core.importing.text import ExtractedText
from samverkan.organisations.models import Council
from samverkan.plans.services.importing import document_import_plan

PLAN_DOCUMENT = "plan_document"


@task()
def document_read_run(job_id: int) -> str:
    """Read one uploaded plan document for its preview (the worker's task)."""
    return import_job_run(job_id, _document)


def _document(job: ImportJob, progress: Progress) -> dict[str, Any]:
    pending = job.pending
    if pending is None:
        raise ServiceError(_("The upload is gone; upload the file again."))
    progress.phase(_("Reading the file"))
    options = job.params.get("options") or {}
    try:
        plan = document_import_plan(
            council=Council.objects.get(pk=job.council_id),
            data=bytes(pending.data),
            filename=pending.filename,
            kind=options.get("kind") or None,
            year=options.get("year"),
            default_year=options.get("default_year"),
        )
    except ServiceError:
        # The reason the file cannot be imported is the job's message; the upload is dropped.
        pending_import_delete(pending=pending)
        raise
    # The text read (by OCR for a scan) is kept for the preview and the import, until the
    # upload is imported or dropped.
    return {
        "text": plan.parsed_text,
        "ocr": plan.ocr,
        "confidence": plan.ocr_confidence,
    }


def extracted_of(job: ImportJob | None) -> ExtractedText | None:
    """The text the worker read from a plan document, to preview and import it without
    reading the file again."""
    if job is None or job.state != ImportState.DONE or "text" not in job.result:
        return None
    return ExtractedText(
        job.result["text"], ocr=bool(job.result.get("ocr")), confidence=job.result.get("confidence")
    )
