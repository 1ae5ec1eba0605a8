"""Permission-matrix rows for the documents the worker makes: a job's page and its file are
found by the login that asked for it alone, within a council it sees (see accounts/tests/matrix.py).
Each login's own job is planted by `user_ids`."""

from __future__ import annotations

from django.contrib.auth.models import User

from samverkan.accounts.tests.matrix import SEE_COUNCIL
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.organisations.models import Council


def user_ids(council: Council, user: User | None = None) -> dict[str, object]:
    job = ImportJob.objects.create(
        council=council,
        started_by=user,
        kind="period_report",
        step="document",
        filename="lagesbild-matrix.pdf",
        page="/",
        state=ImportState.DONE,
        output=b"Period report (matrix)",
        output_name="lagesbild-matrix.txt",
        output_type="text/plain",
    )
    return {"document_job": job.pk}


def _job(i: dict[str, object]) -> dict[str, object]:
    return {"slug": i["slug"], "pk": i["document_job"]}


PAGES = [
    ("organisations:document_job", _job, "get", SEE_COUNCIL),
    ("organisations:document_job_file", _job, "get", SEE_COUNCIL),
    ("organisations:document_job_cancel", _job, "post", SEE_COUNCIL, lambda i: {"go": "1"}),
]
