"""The worker's task that makes the period report (PDF or DOCX): its download link only queues
it (`organisations.document_jobs.document_job_start`), and the user fetches the file from the
job's page. Making it only reads, so a job whose worker died is run again."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.core.importing.models import ImportJob
from samverkan.core.importing.progress import Progress
from samverkan.core.importing.services import import_job_output_keep, import_job_run
from samverkan.insights.documents.period_report import (
    period_report_docx,
    period_report_filename,
    period_report_pdf,
)
from samverkan.insights.forms.dashboard import DashboardFilterForm
from samverkan.organisations.models import Council

PERIOD_REPORT = "period_report"
TASK_PATH = "samverkan.insights.tasks.period_report_run"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@task()
def period_report_run(job_id: int) -> str:
    """Make the period report of a job (the worker's task)."""
    return import_job_run(job_id, _period_report)


def _period_report(job: ImportJob, progress: Progress) -> dict[str, Any]:
    # A view imports from the floor's own views: the report's figures and charts.
    from samverkan.insights.views.period_report import report_context

    council = Council.objects.get(pk=job.council_id)
    form = DashboardFilterForm(QueryDict(job.params["query"]), council=council, public=False)
    f = form.filters()
    suffix = job.params["format"]
    progress.phase(_("Counting the incidents, then writing the document"), total=2)
    context = report_context(council, f)
    progress.advance(1, at_once=True)
    if suffix == "docx":
        data, content_type = period_report_docx(context, f), DOCX
    else:
        data, content_type = period_report_pdf(context, f), "application/pdf"
    import_job_output_keep(
        job_id=job.pk,
        name=period_report_filename(f, suffix),
        content_type=content_type,
        data=data,
    )
    progress.advance(2, at_once=True)
    return {"size": len(data)}
