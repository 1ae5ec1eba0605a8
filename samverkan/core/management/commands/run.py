from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from samverkan.core.static_files import static_collect_if_changed

# The proxy's request id (X-Request-ID, answered by RequestIdMiddleware) joins the two logs.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms [%({x-request-id}o)s]'


class Command(BaseCommand):
    help = "Migrate, load the demo council when the database is empty, and serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-demo", action="store_true", help="Never load the demo council.")
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the worker (tasks and schedule) beside the web server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Databasen är migrerad. / The database is migrated.")
        # The demo (the top floor's app) loads itself only into an empty database.
        if not options["no_demo"]:
            call_command("demo", if_empty=True, stdout=self.stdout)
        environment = os.environ.copy()
        if not settings.DEBUG:
            # Hashed names and compressed copies, collected only when the files changed.
            if static_collect_if_changed():
                self.stdout.write("Statiska filer är samlade. / Static files are collected.")
            environment["STATIC_MANIFEST"] = "true"
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Samverkan körs på / runs on http://{address}/  (Ctrl+C stoppar)")
        self.stdout.flush()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "samverkan.wsgi:application",
            "--bind",
            address,
            "--workers",
            str(options["workers"]),
            # Masks the secrets of URLs (feed tokens, keys) in gunicorn's logs.
            "--config",
            "python:samverkan.core.gunicorn_config",
            "--access-logfile",
            "-",
            # Path without the query string (a search may hold a name) and no client address.
            "--access-logformat",
            ACCESS_LOG_FORMAT,
        ]
        # The embedded default needs nothing else: the worker (background tasks and the daily
        # and hourly jobs) runs beside the web server. Production runs it as its own service.
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "samverkan", "worker"], env=environment
            )
        try:
            with contextlib.suppress(KeyboardInterrupt):
                subprocess.run(command, check=False, env=environment)  # noqa: S603
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
