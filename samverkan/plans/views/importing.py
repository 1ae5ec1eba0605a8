"""Pages of the import of plan documents: upload, the worker's reading of the file (its progress
on the job's page), preview with the mapping of names, confirm, and the minutes attachments that
are plan documents not imported yet."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samverkan.accounts.access import Capability, access_council, council_context
from samverkan.core.errors import ForbiddenError, NotFoundError, ServiceError
from samverkan.core.importing.models import ImportJob, ImportState, PendingImport
from samverkan.core.importing.selectors import (
    import_job_in,
    import_job_reading,
    pending_import_in,
)
from samverkan.core.importing.services import (
    import_job_cancel,
    import_job_create,
    pending_import_create,
    pending_import_delete,
)
from samverkan.core.importing.text import ExtractedText
from samverkan.core.pages import posted
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import organisations_of
from samverkan.plans import tasks
from samverkan.plans.forms.importing import DocumentOptionsForm, DocumentUploadForm, NameMappingForm
from samverkan.plans.models import (
    ActivityStatus,
    DocumentKind,
    Party,
)
from samverkan.plans.selectors.importing import attachment_in, attachments_to_import
from samverkan.plans.services import importing


def _context(request: HttpRequest, council: Council, **extra: Any) -> dict[str, Any]:
    return {**council_context(request.user, council), **extra}


def _login(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise ForbiddenError
    return request.user


# Import -----------------------------------------------------------------------------------


def _upload_page(
    request: HttpRequest, council: Council, form: forms.BaseForm, rejected: str = ""
) -> HttpResponse:
    return render(
        request,
        "plans/import_upload.html",
        _context(request, council, form=form, rejected=rejected),
        status=400 if rejected or (form.is_bound and form.errors) else 200,
    )


@login_required
def document_upload(request: HttpRequest, slug: str) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    user = _login(request)
    form = DocumentUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending = pending_import_create(
            council_id=council.pk, user=user, filename=upload.name, data=upload.read()
        )
        return _to_preview(slug, pending.pk, form.cleaned_data)
    return _upload_page(request, council, form)


def _options(options: dict[str, Any]) -> dict[str, Any]:
    return {k: options[k] for k in ("kind", "year", "default_year") if options.get(k)}


def _to_preview(slug: str, pending_pk: int, options: dict[str, Any]) -> HttpResponse:
    query = _options(options)
    url = reverse("plans:document_preview", kwargs={"slug": slug, "pk": pending_pk})
    return redirect(f"{url}?{urlencode(query)}" if query else url)


def _read_queue(
    council: Council, user: User, pending: PendingImport, options: dict[str, Any]
) -> ImportJob:
    """Queue the worker's reading of an uploaded document (a scan's OCR takes long)."""
    job = import_job_create(
        council_id=council.pk,
        user=user,
        kind=tasks.PLAN_DOCUMENT,
        step="read",
        pending=pending,
        filename=pending.filename,
        page=lambda pk: reverse("plans:document_job", args=[council.slug, pk]),
        params={"options": _options(options)},
        # Reading only reads: a reading whose worker died is taken up again.
        resume_with="samverkan.plans.tasks.document_read_run",
    )
    tasks.document_read_run.enqueue(job.pk)
    return job


class _Preview:
    """The plan of an import with the user's mapping of names, as the preview shows it."""

    def __init__(
        self,
        council: Council,
        pending: PendingImport,
        data: QueryDict,
        extracted: ExtractedText | None,
    ) -> None:
        self.options = _valid_options(data)
        self.arguments: dict[str, Any] = {
            "council": council,
            "data": bytes(pending.data),
            "filename": pending.filename,
            "kind": self.options.get("kind") or None,
            "year": self.options.get("year"),
            "default_year": self.options.get("default_year"),
            # The text the worker read: the file is not read again.
            "extracted": extracted,
        }
        # Raises ServiceError when the file cannot be imported at all.
        unmapped = importing.document_import_plan(**self.arguments)
        # The preview's own form says it was sent, so an unticked "remember" stays unticked.
        self.form = NameMappingForm(
            data if "choices_made" in data else None,
            names=[choice.name for choice in unmapped.unresolved],
            organisations=list(organisations_of(council, include_ended=False)),
        )
        self.form.is_valid()  # a choice that is no longer offered is dropped, the rest kept
        self.mapping = self.form.mapping()
        self.remember = bool(self.form.cleaned_data.get("remember")) if self.form.is_bound else True
        self.plan = (
            importing.document_import_plan(**self.arguments, mapping=self.mapping)
            if self.mapping
            else unmapped
        )


def _valid_options(data: QueryDict) -> dict[str, Any]:
    options = DocumentOptionsForm(data)
    return options.cleaned_data if options.is_valid() else {}


def _preview_page(
    request: HttpRequest,
    council: Council,
    pending: PendingImport,
    preview: _Preview,
    problem: str = "",
) -> HttpResponse:
    plan = preview.plan
    fields = dict(zip(preview.form.names, preview.form.map_fields(), strict=True))
    names = [(choice, fields.get(choice.name)) for choice in plan.names]
    statuses = dict(ActivityStatus.choices)
    parties = dict(Party.choices)
    return render(
        request,
        "plans/import_preview.html",
        _context(
            request,
            council,
            plan=plan,
            parsed=plan.parsed,
            pending=pending,
            form=preview.form,
            names=names,
            options=preview.options,
            kind_label=DocumentKind(plan.kind).label,
            activity_rows=[
                (a, statuses.get(a.status or "", a.status_text or ""))
                for a in plan.parsed.activities
            ],
            promise_rows=[
                (p, ", ".join(str(parties[x]) for x in p.parties if x in parties))
                for p in plan.parsed.promises
            ],
            problem=problem,
        ),
        status=400 if problem else 200,
    )


def _pending(request: HttpRequest, council: Council, pk: int) -> PendingImport:
    return pending_import_in(council.pk, pk, _login(request).pk)


def _rejected(
    request: HttpRequest, council: Council, pending: PendingImport, exc: ServiceError
) -> HttpResponse:
    pending_import_delete(pending=pending)
    return _upload_page(request, council, DocumentUploadForm(), rejected=str(exc.message))


@login_required
def document_preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What the import would save; "check again" posts the choices made here back. Until the
    worker has read the file, its job's page shows the progress, and comes back here."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    user = _login(request)
    pending = pending_import_in(council.pk, pk, user.pk)
    data = request.POST if request.method == "POST" else request.GET
    reading = import_job_reading(pending_id=pending.pk, kind=tasks.PLAN_DOCUMENT)
    if reading is None:
        return redirect(_read_queue(council, user, pending, _valid_options(data)).page)
    if reading.state != ImportState.DONE:
        return redirect(reading.page)
    try:
        preview = _Preview(council, pending, data, tasks.extracted_of(reading))
    except ServiceError as exc:
        return _rejected(request, council, pending, exc)
    return _preview_page(request, council, pending, preview)


@login_required
@require_POST
def document_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    pending = _pending(request, council, pk)
    reading = import_job_reading(pending_id=pending.pk, kind=tasks.PLAN_DOCUMENT)
    try:
        preview = _Preview(council, pending, request.POST, tasks.extracted_of(reading))
    except ServiceError as exc:
        return _rejected(request, council, pending, exc)
    if not preview.plan.can_import:
        return _preview_page(
            request, council, pending, preview, problem=importing.blocking_message(preview.plan)
        )
    try:
        with transaction.atomic():
            result, _plan = importing.document_import(
                actor=request.user,
                **preview.arguments,
                mapping=preview.mapping,
                remember=preview.remember,
            )
            pending_import_delete(pending=pending)
    except ServiceError as exc:
        return _preview_page(request, council, pending, preview, problem=str(exc.message))
    if result.agreement is not None:
        messages.success(request, _("The cooperation agreement was imported."))
        return redirect("plans:agreement_detail", slug=slug, pk=result.agreement.pk)
    if result.promise_set is not None:
        messages.success(request, _("The citizen promises were imported."))
        return redirect("plans:promise_set_detail", slug=slug, pk=result.promise_set.pk)
    assert result.plan is not None  # noqa: S101 (one of the three is made)
    messages.success(
        request,
        ngettext(
            "%(count)s activity was imported into the plan.",
            "%(count)s activities were imported into the plan.",
            result.activity_count,
        )
        % {"count": result.activity_count},
    )
    return redirect("plans:plan_detail", slug=slug, pk=result.plan.pk)


@login_required
def attachment_imports(request: HttpRequest, slug: str) -> HttpResponse:
    """The minutes attachments that are plan documents not imported yet."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    found = attachments_to_import(council)
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/import_attachments.html",
        _context(request, council, page=page),
    )


@login_required
@require_POST
def attachment_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Read an attachment through the same preview as an uploaded file."""
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    attachment = attachment_in(council, pk)
    data, filename = importing.attachment_data(attachment)
    pending = pending_import_create(
        council_id=council.pk, user=_login(request), filename=filename, data=data
    )
    return _to_preview(slug, pending.pk, {"default_year": attachment.meeting.date.year})


def _job(request: HttpRequest, slug: str, pk: int) -> tuple[Council, ImportJob]:
    council = access_council(request.user, slug, need=Capability.MANAGE_PLANS)
    job = import_job_in(council.pk, pk)
    if job.kind != tasks.PLAN_DOCUMENT:
        raise NotFoundError
    return council, job


@login_required
def document_job(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The worker's reading of an uploaded document: its progress while it runs, then its
    preview; a file it refused shows why (its upload is dropped), with the way back to the
    upload."""
    council, job = _job(request, slug, pk)
    if job.finished and getattr(request, "htmx", False):
        return HttpResponse(headers={"HX-Refresh": "true"})
    if job.state == ImportState.DONE and job.pending_id:
        # The file is read: its preview is the result.
        return _to_preview(slug, job.pending_id, job.params.get("options") or {})
    context = _context(
        request,
        council,
        job=job,
        cancel_url=reverse("plans:document_job_cancel", args=[council.slug, job.pk]),
    )
    if getattr(request, "htmx", False):
        return render(request, "components/import_progress.html", context)
    # A file the worker refused: its reason, and its upload was dropped.
    status = 400 if job.state == ImportState.FAILED else 200
    return render(request, "plans/import_job.html", context, status=status)


@login_required
def document_job_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Stop the reading of a document before the worker reads it (POST)."""
    _council, job = _job(request, slug, pk)
    if request.method == "POST":
        try:
            import_job_cancel(job=job)
        except ServiceError as exc:
            messages.error(request, str(exc.message))
    return redirect(job.page)


p = "councils/<slug:slug>/plans/import/"
urlpatterns: list[URLPattern] = [
    path(p, document_upload, name="document_upload"),
    path(p + "<int:pk>/", document_preview, name="document_preview"),
    path(p + "<int:pk>/confirm/", document_confirm, name="document_confirm"),
    path(p + "jobs/<int:pk>/", document_job, name="document_job"),
    path(p + "jobs/<int:pk>/cancel/", document_job_cancel, name="document_job_cancel"),
    path(p + "attachments/", attachment_imports, name="attachment_imports"),
    path(p + "attachments/<int:pk>/", attachment_import, name="attachment_import"),
]
