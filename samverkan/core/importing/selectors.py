"""Reads of the upload buffer (an upload is seen only by who uploaded it, in its council) and of
the imports the worker runs (seen by the council's people who may import)."""

from __future__ import annotations

from django.db.models import QuerySet

from samverkan.core.importing.models import ImportJob, PendingImport
from samverkan.core.pages import one_or_not_found


def pending_import_in(council_id: int, pk: int, user_id: int) -> PendingImport:
    """The upload `pk` of this user in this council, else NotFoundError."""
    return one_or_not_found(
        PendingImport.objects.filter(council_id=council_id, pk=pk, uploaded_by_id=user_id)
    )


def pending_imports_of(*, user_id: int, council_id: int) -> QuerySet[PendingImport]:
    """The uploads a login left waiting in a council, for the hand-out of their data."""
    return PendingImport.objects.filter(uploaded_by_id=user_id, council_id=council_id)


def import_job_in(council_id: int, pk: int) -> ImportJob:
    """The import `pk` of this council, else NotFoundError."""
    return one_or_not_found(
        ImportJob.objects.filter(council_id=council_id, pk=pk).select_related("started_by")
    )


def import_jobs_in(council_id: int, *, kinds: tuple[str, ...] | None = None) -> QuerySet[ImportJob]:
    """The council's imports, running and recent, newest first (with who started each)."""
    jobs = ImportJob.objects.filter(council_id=council_id).select_related("started_by")
    if kinds is not None:
        jobs = jobs.filter(kind__in=kinds)
    return jobs.order_by("-created_at", "-id")


def import_jobs_started_by(*, user_id: int, council_id: int) -> QuerySet[ImportJob]:
    """The imports a login started in a council, oldest first, for the hand-out of their data."""
    return ImportJob.objects.filter(started_by_id=user_id, council_id=council_id).order_by(
        "created_at", "id"
    )


def import_job_reading(*, pending_id: int, kind: str) -> ImportJob | None:
    """The latest reading of an upload by the worker that did not fail or stop, if any."""
    return (
        ImportJob.objects.filter(pending_id=pending_id, kind=kind)
        .exclude(state__in=["failed", "cancelled"])
        .order_by("-created_at", "-id")
        .first()
    )


def document_job_of(council_id: int, pk: int, user_id: int) -> ImportJob:
    """The document job `pk` this user started in this council, else NotFoundError: a report
    made for one login (with what they may read) is fetched by nobody else."""
    return one_or_not_found(
        ImportJob.objects.filter(
            council_id=council_id, pk=pk, started_by_id=user_id, step="document"
        ).defer("output")
    )


def document_job_output(job_id: int) -> bytes:
    """The file a document job made (empty once purged)."""
    data = ImportJob.objects.filter(pk=job_id).values_list("output", flat=True).first()
    return bytes(data) if data else b""
