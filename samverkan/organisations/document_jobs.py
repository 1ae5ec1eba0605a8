"""Documents the worker makes (the period report, a plan's follow-up): the download link of a
document queues its job and sends the user to this page, which shows the job's progress (htmx,
or a plain reload without JavaScript), can stop it, and, once done, offers the file. The page
and the file are the user's own: only the login that started the job, within its council, finds
them; the file is kept 24 hours (`core.importing.services.OUTPUT_LIFETIME`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import ForbiddenError, NotFoundError, ServiceError
from samverkan.core.importing.models import ImportJob, ImportState
from samverkan.core.importing.selectors import document_job_of, document_job_output
from samverkan.core.importing.services import DOCUMENT, import_job_cancel, import_job_create
from samverkan.organisations.models import Council


def document_job_start(
    request: HttpRequest,
    council: Council,
    *,
    kind: str,
    filename: str,
    task: Any,
    task_path: str,
    params: dict[str, Any],
) -> HttpResponse:
    """Queue the making of a document for the worker and send the user to its page. Making a
    document only reads, so a job whose worker died is simply run again (`task_path`)."""
    user = request.user
    if not isinstance(user, User):
        raise ForbiddenError
    job = import_job_create(
        council_id=council.pk,
        user=user,
        kind=kind,
        step=DOCUMENT,
        pending=None,
        filename=filename,
        page=lambda pk: reverse("organisations:document_job", args=[council.slug, pk]),
        params=params,
        resume_with=task_path,
    )
    task.enqueue(job.pk)
    return redirect(job.page)


def _job(request: HttpRequest, slug: str, pk: int) -> tuple[Council, ImportJob]:
    council = access_council(request.user, slug, need=Capability.VIEW_COUNCIL)
    if request.user.pk is None:
        raise NotFoundError
    return council, document_job_of(council.pk, pk, request.user.pk)


@login_required
def document_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A document's progress while the worker makes it; its file once made."""
    council, job = _job(request, slug, pk)
    if job.finished and getattr(request, "htmx", False):
        # The bar is done: the whole page (the link to the file) replaces it.
        return HttpResponse(headers={"HX-Refresh": "true"})
    context = {
        **council_context(request.user, council),
        "job": job,
        "file_url": reverse("organisations:document_job_file", args=[council.slug, job.pk])
        if job.state == ImportState.DONE and job.output_name
        else None,
        "cancel_url": reverse("organisations:document_job_cancel", args=[council.slug, job.pk]),
    }
    if getattr(request, "htmx", False):
        return render(request, "components/import_progress.html", context)
    status = 400 if job.state == ImportState.FAILED else 200
    return render(request, "organisations/document_job.html", context, status=status)


@login_required
def document_job_file(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The file a document job made, to its own user; its page while it is not made yet."""
    council, job = _job(request, slug, pk)
    if job.state != ImportState.DONE:
        return redirect(job.page)
    content = document_job_output(job.pk)
    if not content:
        # Made more than a day ago: the purge cleared it.
        raise NotFoundError
    response = HttpResponse(content, content_type=job.output_type or "application/octet-stream")
    response["Content-Disposition"] = (
        content_disposition_header(True, job.output_name) or "attachment"
    )
    return response


@login_required
def document_job_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Stop making a document (POST): while it waits for the worker, or at its next step."""
    _council, job = _job(request, slug, pk)
    if request.method == "POST":
        try:
            import_job_cancel(job=job)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
    return redirect(job.page)
