"""The platform's own schedule: the jobs each app registers in its `jobs.py`, run by
`samverkan worker` at most once per period across any number of workers.

A period (an hour, or a local day) is claimed by inserting its `JobRun`; the unique (job,
period) constraint lets exactly one worker win, on SQLite and PostgreSQL alike. Only the
current period is ever claimed, so a worker back after three days down runs a daily job once,
not three times; the daily jobs catch up by themselves (their cutoffs count from today).
A run that dies with its process stays "running" and its period is not retried; the next
period runs as usual.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from samverkan.core.errors import ServiceError
from samverkan.core.models import JobOutcome, JobRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

# A heartbeat older than this means the worker is gone (/healthz answers 503).
HEARTBEAT_SECONDS = 10
HEARTBEAT_STALE = dt.timedelta(seconds=120)
# Heartbeats of processes that ended are forgotten after a day.
HEARTBEAT_KEPT = dt.timedelta(days=1)


class Every(enum.Enum):
    HOUR = "hour"
    DAY = "day"


JobFunction = Callable[[dt.datetime], str]


@dataclass(frozen=True)
class Job:
    name: str
    every: Every
    # Given the moment of the run; answers a one-line summary of counts (no personal data).
    function: JobFunction


_JOBS: dict[str, Job] = {}


def scheduled(name: str, *, every: Every) -> Callable[[JobFunction], JobFunction]:
    """Register a job of an app's `jobs.py`, run once per hour or local day."""

    def register(function: JobFunction) -> JobFunction:
        _JOBS[name] = Job(name=name, every=every, function=function)
        return function

    return register


def jobs() -> list[Job]:
    """Every registered job, by name."""
    # Imports each app's jobs module once; registration happens on import.
    autodiscover_modules("jobs")
    return sorted(_JOBS.values(), key=lambda job: job.name)


def period_start(every: Every, now: dt.datetime) -> dt.datetime:
    """The start of the hour or the local day that `now` falls in."""
    local = timezone.localtime(now)
    if every is Every.HOUR:
        return local.replace(minute=0, second=0, microsecond=0)
    midnight = dt.datetime.combine(local.date(), dt.time(), tzinfo=local.tzinfo)
    return timezone.localtime(midnight)


def schedule_run_due(*, worker: str, now: dt.datetime | None = None) -> list[JobRun]:
    """Run every job whose current period no worker has claimed; the runs this worker made.

    A failing job is recorded as failed and the next job still runs.
    """
    now = now or timezone.now()
    runs = []
    for job in jobs():
        run = _claim(job, worker=worker, now=now)
        if run is not None:
            _run(job, run, now=now)
            runs.append(run)
    return runs


def _claim(job: Job, *, worker: str, now: dt.datetime) -> JobRun | None:
    try:
        with transaction.atomic():
            return JobRun.objects.create(
                job=job.name,
                period_start=period_start(job.every, now),
                worker=worker[:128],
                started_at=now,
            )
    except IntegrityError:
        return None  # another worker has this period


def _run(job: Job, run: JobRun, *, now: dt.datetime) -> None:
    clock = time.monotonic()
    try:
        summary = job.function(now)
        outcome = JobOutcome.SUCCEEDED
    except ServiceError as exc:
        logger.warning("Scheduled job %s failed: %s", job.name, exc.message)
        summary, outcome = str(exc.message), JobOutcome.FAILED
    except Exception as exc:
        # The traceback goes to the log; the page shows only what kind of fault it was.
        logger.exception("Scheduled job %s failed", job.name)
        summary, outcome = f"{type(exc).__name__} (see the log)", JobOutcome.FAILED
    run.outcome = outcome
    run.summary = summary[:500]
    run.duration = dt.timedelta(seconds=time.monotonic() - clock)
    run.save(update_fields=["outcome", "summary", "duration"])
    logger.info(
        "Scheduled job %s: %s in %.1f s",
        job.name,
        outcome,
        run.duration.total_seconds(),
    )


def worker_name() -> str:
    """This process as workers are named: host and process id (its heartbeat's and its jobs')."""
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


def worker_heartbeat(*, worker: str, now: dt.datetime | None = None) -> None:
    """Say that this worker is alive, and forget the heartbeats of workers long gone."""
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker=worker[:128],
        defaults={"seen_at": now},
        create_defaults={"started_at": now, "seen_at": now},
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEAT_KEPT).delete()


def heartbeat_latest() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-seen_at").first()


def job_runs_latest() -> dict[str, JobRun]:
    """The latest run of each job, by job name, in one query."""
    latest = JobRun.objects.filter(job=OuterRef("job")).order_by("-period_start", "-id")
    runs = JobRun.objects.filter(pk=Subquery(latest.values("pk")[:1]))
    return {run.job: run for run in runs}


def job_runs() -> QuerySet[JobRun]:
    """Every run, the latest first (the operator's history; paginate it)."""
    return JobRun.objects.order_by("-started_at", "-id")
