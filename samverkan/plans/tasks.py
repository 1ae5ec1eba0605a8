"""The plan's tasks in `samverkan worker`.

- The follow-up (PDF or DOCX): its download link only queues it
  (`organisations.document_jobs.document_job_start`), and the user fetches the file from the
  job's page. Making it only reads, so a job whose worker died is run again.
- The plan-document import: the reading of one uploaded document (a scan's OCR takes long) for
  its preview, as the minutes import does (`meetings/tasks.py`). The upload page keeps the file
  and its preview queues the reading; the task refuses a file that cannot be imported (its upload
  dropped, its reason on the job's page) and keeps the text it read on the `ImportJob`, so the
  preview and the import read that text and never the file again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core.errors import ServiceError
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import (
    import_job_output_keep,
    import_job_run,
    pending_import_delete,
)
from samverkan.core.importing.text import ExtractedText
from samverkan.organisations.models import Council
from samverkan.plans.documents.follow_up import follow_up_docx, follow_up_filename, follow_up_pdf
from samverkan.plans.selectors.activities import plan_in
from samverkan.plans.services.follow_up import follow_up_report
from samverkan.plans.services.importing import document_import_plan

FOLLOW_UP = "follow_up"
TASK_PATH = "samverkan.plans.tasks.follow_up_run"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@task()
def follow_up_run(job_id: int) -> str:
    """Make the follow-up of a job (the worker's task)."""
    return import_job_run(job_id, _follow_up)


def _follow_up(job: ImportJob, progress: Progress) -> dict[str, Any]:
    council = Council.objects.select_related("municipality").get(pk=job.council_id)
    params = job.params
    progress.phase(_("Gathering the plan's outcomes, then writing the document"), total=2)
    # Whether it holds the internal notes was decided, by who may read them, when it was asked.
    report = follow_up_report(
        plan_in(council, params["plan"]),
        with_internal=bool(params["internal"]),
        year=params["year"],
        period=params["period"],
    )
    progress.advance(1, at_once=True)
    suffix = params["format"]
    if suffix == "docx":
        data, content_type = follow_up_docx(report, council), DOCX
    else:
        data, content_type = follow_up_pdf(report, council), "application/pdf"
    import_job_output_keep(
        job_id=job.pk,
        name=follow_up_filename(report, suffix),
        content_type=content_type,
        data=data,
    )
    progress.advance(2, at_once=True)
    return {"size": len(data)}


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
