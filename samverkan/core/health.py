"""The health of an installation, as /healthz answers it to a monitor or a load balancer:
the database, the cache, free disk space under the data directory, the worker's heartbeat and
the outcome of each scheduled job's last run.

Each check catches its own failure, so a database that is away gives "failing" and 503, never
a 500. Nothing here names a person, a login or a worker's host.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from samverkan import __version__
from samverkan.core import schedule
from samverkan.core.models import JobOutcome

logger = logging.getLogger(__name__)

Check = dict[str, Any]


@dataclass
class HealthReport:
    checks: dict[str, Check] = field(default_factory=dict)
    version: str = __version__

    @property
    def ok(self) -> bool:
        return all(check["ok"] for check in self.checks.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.ok else "failing",
            "version": self.version,
            "checks": self.checks,
        }


def _database(now: dt.datetime) -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _cache(now: dt.datetime) -> Check:
    key = f"healthz:{get_random_string(12)}"
    cache.set(key, "1", 10)
    written = cache.get(key) == "1"
    cache.delete(key)
    return {"ok": written}


def _disk(now: dt.datetime) -> Check:
    free = shutil.disk_usage(settings.VAR_DIR).free
    return {"ok": free >= settings.HEALTH_MIN_FREE_MB * 1024 * 1024}


def _worker(now: dt.datetime) -> Check:
    heartbeat = schedule.heartbeat_latest()
    if heartbeat is None:
        return {"ok": False, "heartbeat_age_seconds": None}
    age = max(0, round((now - heartbeat.seen_at).total_seconds()))
    return {"ok": age <= schedule.HEARTBEAT_STALE.total_seconds(), "heartbeat_age_seconds": age}


def _schedule(now: dt.datetime) -> Check:
    outcomes = {job: run.outcome for job, run in sorted(schedule.job_runs_latest().items())}
    return {
        "ok": JobOutcome.FAILED not in outcomes.values(),
        "jobs": {job: str(outcome) for job, outcome in outcomes.items()},
    }


CHECKS: dict[str, Callable[[dt.datetime], Check]] = {
    "database": _database,
    "cache": _cache,
    "disk": _disk,
    "worker": _worker,
    "schedule": _schedule,
}
# What a check that could not run answers, beside "ok": false.
UNANSWERED: dict[str, Check] = {
    "worker": {"heartbeat_age_seconds": None},
    "schedule": {"jobs": {}},
}


def health_report(*, now: dt.datetime | None = None) -> HealthReport:
    """Run every check; a check that raises counts as failing (and is logged)."""
    now = now or timezone.now()
    report = HealthReport()
    for name, check in CHECKS.items():
        try:
            report.checks[name] = check(now)
        except Exception:
            logger.exception("Health check %s could not run", name)
            report.checks[name] = {"ok": False, **UNANSWERED.get(name, {})}
    return report
