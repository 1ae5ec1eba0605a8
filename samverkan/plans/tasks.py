"""The worker's task that makes a plan's follow-up (PDF or DOCX): its download link only queues
it (`organisations.document_jobs.document_job_start`), and the user fetches the file from the
job's page. Making it only reads, so a job whose worker died is run again."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core.importing.models import ImportJob
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import import_job_output_keep, import_job_run
from samverkan.organisations.models import Council
from samverkan.plans.documents.follow_up import follow_up_docx, follow_up_filename, follow_up_pdf
from samverkan.plans.selectors.activities import plan_in
from samverkan.plans.services.follow_up import follow_up_report

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
