"""`samverkan migrate`: Django's migrate, one process at a time.

Several nodes (or the web server and the worker) started together must not migrate at the same
time: the second would find a half-made table. The first takes a lock, the others wait for it
and then find nothing left to do. On PostgreSQL the lock is an advisory lock held by the
migrating connection (released if the process dies); on SQLite, which serves one machine, a
file lock in the data directory.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections

# pg_advisory_lock's key: any fixed number the platform's own code uses for nothing else.
ADVISORY_KEY = 0x5A3D_2018


@contextlib.contextmanager
def migration_lock(database: str = "default") -> Iterator[None]:
    connection = connections[database]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        return
    path = Path(settings.VAR_DIR) / "migrate.lock"
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Command(DjangoMigrate):
    help = DjangoMigrate.help + " One process at a time: the others wait for the lock."

    def handle(self, *args: Any, **options: Any) -> None:
        with migration_lock(options["database"]):
            super().handle(*args, **options)
