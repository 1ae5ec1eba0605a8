"""Writes of the upload buffer and of the imports the worker runs: keep an upload until its
preview is confirmed, then drop it; start, run, cancel and finish an `ImportJob`.

An upload waiting for its preview, and the progress of an import, are no records (they hold a
file and counts, not a decision), so these writes record no audit event; what an import saves
is audited by the import itself.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.core.importing.models import ImportJob, ImportState, PendingImport
from samverkan.core.importing.progress import ImportCancelledError, Progress
from samverkan.core.models import WorkerHeartbeat
from samverkan.core.schedule import HEARTBEAT_STALE, worker_name

logger = logging.getLogger(__name__)

# An upload waiting for its preview to be confirmed is kept this long at most: minutes and
# tables hold names, and an abandoned preview should not keep them.
PENDING_LIFETIME = dt.timedelta(hours=24)
# An import's record (its file's name, its report with rows of the file) is kept this long.
JOB_LIFETIME = dt.timedelta(days=30)
# A job taken up again after its worker died is taken up at most this often, then failed (a
# job that kills its worker must not kill them all in turn).
RESUME_AT_MOST = 2
# A document a job made (a period report, a follow-up) is kept this long for its download.
OUTPUT_LIFETIME = dt.timedelta(hours=24)
# The step of a job that makes a document rather than importing one.
DOCUMENT = "document"


@transaction.atomic
def pending_import_create(
    *, council_id: int, user: User, filename: str, data: bytes, replace: bool = True
) -> PendingImport:
    """Keep an upload until its preview is confirmed; the user's earlier ones are dropped,
    unless `replace` is false (an archive and the files of it that wait for a look)."""
    stale = Q(created_at__lt=timezone.now() - PENDING_LIFETIME)
    PendingImport.objects.filter(stale | Q(uploaded_by=user) if replace else stale).delete()
    return PendingImport.objects.create(
        council_id=council_id, uploaded_by=user, filename=filename[:255], data=data
    )


def pending_import_delete(*, pending: PendingImport) -> None:
    """Drop an upload once it is imported or refused, and what the worker read of it (a
    reading's result may hold the file's text)."""
    ImportJob.objects.filter(pending=pending, step="read").update(result={})
    pending.delete()


def pending_imports_delete_of(*, user_id: int) -> None:
    """Drop every upload a login left waiting (its person is erased: nobody else can confirm
    them)."""
    PendingImport.objects.filter(uploaded_by_id=user_id).delete()


def import_job_create(
    *,
    council_id: int,
    user: User,
    kind: str,
    step: str,
    pending: PendingImport | None,
    filename: str,
    page: Callable[[int], str],
    params: dict[str, Any],
    resume_with: str = "",
) -> ImportJob:
    """Record an import for the worker; `page(pk)` is the address its progress is shown on.
    The caller enqueues its task once this has committed. `resume_with`, the dotted path of
    that task, says that running the job again is safe (it only reads): a job whose worker died
    is then taken up again rather than failed."""
    params = {**params, "language": translation.get_language()}
    with transaction.atomic():
        job = ImportJob.objects.create(
            council_id=council_id,
            started_by=user,
            kind=kind,
            step=step,
            pending=pending,
            filename=filename[:255],
            params=params,
            resume_with=resume_with[:200],
        )
        job.page = page(job.pk)[:300]
        job.save(update_fields=["page"])
    return job


def import_job_cancel(*, job: ImportJob) -> None:
    """Ask a running import to stop (it stops at its next count); one still waiting for the
    worker is cancelled at once. A finished one is left as it is."""
    if job.finished:
        raise ServiceError(_("The import has finished already."))
    if not ImportJob.objects.filter(pk=job.pk, can_cancel=True).update(cancel_requested=True):
        raise ServiceError(_("The import is saving and can no longer be cancelled."))
    ImportJob.objects.filter(pk=job.pk, state=ImportState.QUEUED).update(
        state=ImportState.CANCELLED, finished_at=timezone.now()
    )
    job.refresh_from_db()


def import_job_run(job_id: int, work: Callable[[ImportJob, Progress], dict[str, Any]]) -> str:
    """Run an import's work in the worker's task: mark it running, hand it its `Progress`, and
    keep its outcome: the dict it answers, the message of a `ServiceError` it raised, or its
    cancellation. Answers the job's final state."""
    claimed = ImportJob.objects.filter(
        pk=job_id, state=ImportState.QUEUED, cancel_requested=False
    ).update(state=ImportState.RUNNING, started_at=timezone.now(), worker=worker_name())
    if not claimed:
        return "skipped"
    job = ImportJob.objects.select_related("pending").get(pk=job_id)
    state, message, result = ImportState.DONE, "", {}
    try:
        # Its messages in the language of the user who started it.
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            result = work(job, Progress(job_id))
    except ImportCancelledError:
        state, message = ImportState.CANCELLED, ""
    except ServiceError as exc:
        state, message = ImportState.FAILED, str(exc.message)
    except Exception:
        # A bug or a lost database: the page says so, the log has the traceback.
        logger.exception("Import %s (%s) failed", job_id, job.kind)
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            message = _("The import failed; nothing was imported.")
        state = ImportState.FAILED
    outcome: dict[str, Any] = {"state": state, "message": message[:300]}
    if result or state == ImportState.DONE:
        # A cancelled or failed job keeps what its work wrote as it went (an archive's report
        # of the files done before it stopped).
        outcome["result"] = result
    ImportJob.objects.filter(pk=job_id).update(**outcome, finished_at=timezone.now())
    return str(state)


def import_job_output_keep(*, job_id: int, name: str, content_type: str, data: bytes) -> None:
    """Keep the file a document job made, for its download (a job run again overwrites it)."""
    ImportJob.objects.filter(pk=job_id).update(
        output=data, output_name=name[:255], output_type=content_type[:100]
    )


def import_jobs_purge(*, now: dt.datetime) -> int:
    """Delete the records of imports older than `JOB_LIFETIME` (the daily job); a running
    one is kept. The files document jobs made go after `OUTPUT_LIFETIME`. Answers how many
    records went."""
    ImportJob.objects.filter(created_at__lt=now - OUTPUT_LIFETIME, output__isnull=False).update(
        output=None, output_name=""
    )
    old = ImportJob.objects.filter(created_at__lt=now - JOB_LIFETIME).exclude(
        state__in=[ImportState.QUEUED, ImportState.RUNNING]
    )
    return old.delete()[0]


def import_jobs_orphans_handle(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Find the running jobs whose worker stopped (no heartbeat for `HEARTBEAT_STALE`): one
    that may run again is queued again (at most `RESUME_AT_MOST` times), any other is failed
    with a message for its page. Run by every worker's round. Answers (resumed, failed)."""
    now = now or timezone.now()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - HEARTBEAT_STALE).values("worker")
    orphans = ImportJob.objects.filter(
        state=ImportState.RUNNING, started_at__lt=now - HEARTBEAT_STALE
    ).exclude(worker__in=alive)
    resumed = failed = 0
    for job in orphans:
        times = int(job.params.get("resumed", 0))
        if job.resume_with and times < RESUME_AT_MOST:
            params = {**job.params, "resumed": times + 1}
            taken = ImportJob.objects.filter(pk=job.pk, state=ImportState.RUNNING).update(
                state=ImportState.QUEUED, worker="", done=0, total=None, params=params
            )
            if taken:
                import_string(job.resume_with).enqueue(job.pk)
                resumed += 1
                logger.warning("Job %s (%s): its worker stopped; queued again", job.pk, job.kind)
            continue
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            message = _(
                "The worker running this job stopped, so it did not finish and nothing was "
                "saved. Start it again."
            )
        failed += ImportJob.objects.filter(pk=job.pk, state=ImportState.RUNNING).update(
            state=ImportState.FAILED, message=message[:300], finished_at=now
        )
        logger.warning("Job %s (%s): its worker stopped; marked failed", job.pk, job.kind)
    return resumed, failed
