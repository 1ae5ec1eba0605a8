"""What the platform keeps on disk is its own: the data directory (SAMVERKAN_VAR_DIR) and every
directory in it are created 0700, the database, the secret key, the cache and uploaded files
0600, whatever the umask of the process that starts it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

# Starts the application on a fresh data directory and writes what a first day writes: the
# database, the secret key, a cache entry and an uploaded file.
FIRST_DAY = """
import os
os.umask(0o022)
import django
from django.conf import settings
django.setup()
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (id integer)")
cache.set("probe", 1)
print(default_storage.save("incidents/photos/2026/12/foto.jpg", ContentFile(b"jpeg")))
"""


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_data_directory_is_readable_by_the_platform_only(tmp_path):
    # given a data directory that does not exist yet
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env |= {
        "SAMVERKAN_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    env.pop("SECRET_KEY", None)
    env.pop("SECRET_KEY_FILE", None)
    # when the platform starts on it and keeps its first things
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", FIRST_DAY], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    upload = var / "media" / result.stdout.strip()
    # then nobody else may read, list or enter any of it
    directories = [var, var / "cache", var / "media", upload.parent, var / "media" / "incidents"]
    for directory in directories:
        assert _mode(directory) == 0o700, directory
    for kept in (var / "samverkan.sqlite3", var / "secret_key", upload):
        assert _mode(kept) == 0o600, kept
    for cached in (var / "cache").iterdir():
        assert _mode(cached) & 0o077 == 0, cached
