"""The pages of an archive import (a ZIP of minutes, notices and plan documents): the upload is
the minutes' own (`views/minutes.py` queues a ZIP here), the job's page shows its progress
while the worker imports it and then the report per file, and the council's archive imports
are listed to find one again. A running import can be left, found again and cancelled; the
files imported before it stopped stay imported."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.importing import archive
from samverkan.core.importing.models import ImportJob, ImportState, PendingImport
from samverkan.core.importing.selectors import import_job_in, import_jobs_in
from samverkan.core.importing.services import (
    import_job_cancel,
    import_job_create,
    pending_import_create,
)
from samverkan.core.pages import paginate
from samverkan.meetings import tasks
from samverkan.organisations.models import Council


def archive_queue(
    request: HttpRequest, council: Council, user: User, data: bytes, filename: str
) -> HttpResponse:
    """Keep the archive and queue its import; raises ServiceError when it cannot be read."""
    archive.zip_files(data)  # refused at once: not readable, no files, too many
    pending = pending_import_create(
        council_id=council.pk, user=user, filename=filename, data=data, replace=False
    )
    job = import_job_create(
        council_id=council.pk,
        user=user,
        kind=archive.ARCHIVE_KIND,
        step="import",
        pending=pending,
        filename=filename,
        page=lambda pk: reverse("meetings:archive_job", args=[council.slug, pk]),
        params={},
    )
    tasks.archive_import_run.enqueue(job.pk)
    return redirect(job.page)


def minutes_read_queue(council: Council, user: User, pending: PendingImport) -> ImportJob:
    """Queue the worker's reading of one uploaded minutes file, for its preview."""
    job = import_job_create(
        council_id=council.pk,
        user=user,
        kind=tasks.MINUTES,
        step="read",
        pending=pending,
        filename=pending.filename,
        page=lambda pk: reverse("meetings:archive_job", args=[council.slug, pk]),
        params={},
    )
    tasks.minutes_read_run.enqueue(job.pk)
    return job


def _job(request: HttpRequest, slug: str, pk: int) -> tuple[Council, ImportJob]:
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    job = import_job_in(council.pk, pk)
    if job.kind not in (archive.ARCHIVE_KIND, tasks.MINUTES):
        raise NotFoundError
    return council, job


@login_required
def archive_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An archive import's progress while it runs; its report per file once done."""
    council, job = _job(request, slug, pk)
    if job.finished and getattr(request, "htmx", False):
        return HttpResponse(headers={"HX-Refresh": "true"})
    if job.kind == tasks.MINUTES and job.state == ImportState.DONE and job.pending_id:
        # The file is read: its preview is the result.
        return redirect("meetings:minutes_preview", slug=council.slug, pk=job.pending_id)
    rows = (job.result or {}).get("files", [])
    context = {
        **council_context(request.user, council),
        "job": job,
        "rows": rows,
        "counts": archive.counts(rows),
        "counting": "files",
        "progress_more": "meetings/archive_counts.html" if job.kind == archive.ARCHIVE_KIND else "",
        "cancel_url": reverse("meetings:archive_job_cancel", args=[council.slug, job.pk]),
    }
    if getattr(request, "htmx", False):
        return render(request, "components/import_progress.html", context)
    status = 400 if job.state == ImportState.FAILED else 200
    return render(request, "meetings/archive_job.html", context, status=status)


@login_required
def archive_job_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Stop a running archive import between two files (POST)."""
    _council, job = _job(request, slug, pk)
    if request.method == "POST":
        try:
            import_job_cancel(job=job)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
    return redirect(job.page)


@login_required
def archive_jobs(request: HttpRequest, slug: str) -> HttpResponse:
    """The council's archive imports, running and recent (a single file's reading is not
    listed: its page leads to its preview)."""
    council = access_council(request.user, slug, need=Capability.MANAGE_MEETINGS)
    page = paginate(request, import_jobs_in(council.pk, kinds=(archive.ARCHIVE_KIND,)))
    return render(
        request,
        "meetings/archive_jobs.html",
        {**council_context(request.user, council), "page": page, "jobs": page.object_list},
    )
