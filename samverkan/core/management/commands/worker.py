"""`samverkan worker`: run the background tasks (django-tasks' database backend) and the
platform's schedule (`core.schedule`) in one process. Start as many as you like: each task and
each job's period runs once. `--once` runs what is due and the queued tasks, then exits (for
cron, every few minutes)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from samverkan.core.importing.services import import_jobs_orphans_handle
from samverkan.core.schedule import (
    HEARTBEAT_SECONDS,
    schedule_run_due,
    worker_heartbeat,
    worker_name,
)

logger = logging.getLogger("samverkan.worker")


def _tick(worker_id: str) -> None:
    worker_heartbeat(worker=worker_id)
    # The jobs of workers that stopped: taken up again, or failed with a word to their page.
    import_jobs_orphans_handle()
    schedule_run_due(worker=worker_id)
    # A job may run long: say again that this worker is alive.
    worker_heartbeat(worker=worker_id)


def _heartbeat_loop(worker_id: str, stop: threading.Event) -> None:
    """Say that this worker is alive while `--once` runs its tasks (a long import)."""
    while not stop.wait(HEARTBEAT_SECONDS):
        try:
            worker_heartbeat(worker=worker_id)
        except Exception:
            logger.exception("The heartbeat failed; trying again")
        finally:
            close_old_connections()


def _schedule_loop(worker_id: str, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            _tick(worker_id)
        except Exception:
            # A database that is away for a moment must not end the schedule for good.
            logger.exception("The schedule's round failed; trying again")
        finally:
            close_old_connections()
        stop.wait(HEARTBEAT_SECONDS)


class Command(BaseCommand):
    help = "Run the background tasks and the schedule (daily and hourly jobs)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs that are due and the queued tasks, then exit (for cron).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait for new tasks when the queue is empty (default 1).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = worker_name()
        tasks = Worker(
            queue_names=["*"],
            interval=max(options["interval"], 0.1),
            batch=bool(options["once"]),
            backend_name="default",
            startup_delay=not options["once"],
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        if options["once"]:
            _tick(worker_id)
            beating = threading.Event()
            heart = threading.Thread(
                target=_heartbeat_loop, args=(worker_id, beating), name="heartbeat", daemon=True
            )
            heart.start()
            try:
                tasks.run()
            finally:
                beating.set()
            self.stdout.write("Klart. / Done.")
            return
        self.stdout.write(f"Arbetaren {worker_id} körs. / The worker runs (Ctrl+C stops).")
        self.stdout.flush()
        stop = threading.Event()
        schedule = threading.Thread(
            target=_schedule_loop, args=(worker_id, stop), name="schedule", daemon=True
        )
        schedule.start()
        tasks.configure_signals()
        try:
            tasks.run()
        finally:
            stop.set()
