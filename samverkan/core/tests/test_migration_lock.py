"""`samverkan migrate` waits while another process migrates (several nodes starting together)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from samverkan.core.management.commands.migrate import ADVISORY_KEY

# Long enough for a slow start of the command; the test fails if it is not seen waiting by then.
SEEN_WITHIN_SECONDS = 120


def _migrate(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "samverkan", "migrate", "--plan"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_until(seen, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + SEEN_WITHIN_SECONDS
    while not seen():
        assert process.poll() is None, "migrate ran past the lock"
        assert time.monotonic() < deadline, "migrate was never seen waiting for the lock"
        time.sleep(0.2)


def _file_lock_waiters(path: Path) -> bool:
    """Linux lists a process blocked on a file lock as a `->` line of /proc/locks."""
    inode = path.stat().st_ino
    return any(
        "->" in line and line.split()[6].endswith(f":{inode}")
        for line in Path("/proc/locks").read_text().splitlines()
        if len(line.split()) > 6
    )


@pytest.mark.django_db
def test_a_second_migrate_waits_for_the_first(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if connection.vendor == "postgresql":
        import psycopg

        settings = connection.settings_dict
        url = (
            f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/"
            f"{settings['NAME']}"
        )
        env["DATABASE_URL"] = url
        env["SAMVERKAN_VAR_DIR"] = str(tmp_path)
        with psycopg.connect(url, autocommit=True) as holder:
            # given another node holding the migration lock
            holder.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
            process = _migrate(env)

            def waiting() -> bool:
                row = holder.execute(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND NOT granted AND objid = %s",
                    [ADVISORY_KEY],
                ).fetchone()
                return bool(row and row[0])

            # then this one waits for it
            _wait_until(waiting, process)
            holder.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
    else:
        env["SAMVERKAN_VAR_DIR"] = str(tmp_path)
        lock = tmp_path / "migrate.lock"
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            process = _migrate(env)
            _wait_until(lambda: _file_lock_waiters(lock), process)
            fcntl.flock(handle, fcntl.LOCK_UN)
    # and goes on once the lock is released
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert "Planned operations" in out
