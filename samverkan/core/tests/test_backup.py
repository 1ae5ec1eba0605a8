"""`samverkan backup` and `samverkan restore`: an installation moved whole into an empty one.

Run as an operator runs them, as commands against installations of their own (their own data
directory and database), on the database of this run: SQLite, or PostgreSQL when DATABASE_URL
names one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# A demo meeting's minutes frozen and stamped adjusted, as the last approval leaves them (the
# demo's own adjusted meeting waits for approval outside `make run`: its personas have no
# second factor).
ADJUST = """
from django.utils import timezone
from samverkan.meetings.models import Meeting, MinutesRevision
from samverkan.meetings.services.adjustment import minutes_freeze
frozen = MinutesRevision.objects.values("meeting")
meeting = Meeting.objects.exclude(pk__in=frozen).order_by("date").first()
revision = minutes_freeze(actor=None, meeting=meeting)
MinutesRevision.objects.filter(pk=revision.pk).update(adjusted_at=timezone.now())
"""

COUNTS = """
import json
from django.apps import apps
from samverkan.meetings.models import MinutesRevision
counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.managed}
hashes = sorted(
    (r.meeting_id, r.number, r.content_hash)
    for r in MinutesRevision.objects.exclude(adjusted_at=None)
)
print(json.dumps({"counts": counts, "adjusted": hashes}))
"""


def _samverkan(installation: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "samverkan", *args],
        env=installation,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def installations(tmp_path) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """Two installations: the one backed up and an empty one to restore into."""
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SECRET_KEY_FILE"}}
    base.pop("DATABASE_URL", None)
    server = os.environ.get("DATABASE_URL", "")
    names = [f"samverkan_backup_{uuid.uuid4().hex[:8]}_{n}" for n in (1, 2)]
    if server.startswith("postgres"):
        import psycopg

        admin = server.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as db:
            for name in names:
                db.execute(f'CREATE DATABASE "{name}"')
    made = []
    for number, name in enumerate(names, start=1):
        installation = {**base, "SAMVERKAN_VAR_DIR": str(tmp_path / f"var{number}")}
        if server.startswith("postgres"):
            installation["DATABASE_URL"] = server.rsplit("/", 1)[0] + f"/{name}"
        made.append(installation)
    yield made[0], made[1]
    if server.startswith("postgres"):
        import psycopg

        with psycopg.connect(admin, autocommit=True) as db:
            for name in names:
                db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _state(installation: dict[str, str]) -> dict[str, object]:
    result = _samverkan(installation, "shell", "-c", COUNTS)
    assert result.returncode == 0, result.stderr
    state: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return state


def _damaged(archive: Path, tmp_path: Path) -> Path:
    """The archive with its database swapped after the manifest was written."""
    damaged = tmp_path / "damaged.tar.gz"
    swapped = tmp_path / "swapped"
    swapped.write_bytes(b"not the database")
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            if member.name.startswith("database."):
                target.add(swapped, arcname=member.name)
            else:
                target.addfile(member, source.extractfile(member))
    return damaged


def _table_count(installation: dict[str, str]) -> int:
    result = _samverkan(
        installation,
        "shell",
        "-c",
        "from django.db import connection; print(len(connection.introspection.table_names()))",
    )
    return int(result.stdout.strip().splitlines()[-1])


def test_a_restore_brings_back_the_records_the_files_and_the_key(installations, tmp_path):
    # given an installation with the demo, adjusted minutes and an uploaded file
    old, new = installations
    assert _samverkan(old, "migrate", "--verbosity", "0").returncode == 0
    assert _samverkan(old, "demo").returncode == 0
    adjusted = _samverkan(old, "shell", "-c", ADJUST)
    assert adjusted.returncode == 0, adjusted.stderr
    upload = Path(old["SAMVERKAN_VAR_DIR"]) / "media" / "photos" / "a.jpg"
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(b"\xff\xd8 a photo")
    before = _state(old)
    assert before["adjusted"], "the demo holds adjusted minutes"
    key = (Path(old["SAMVERKAN_VAR_DIR"]) / "secret_key").read_text()
    # when it is backed up and restored into a new installation
    archive = tmp_path / "backup.tar.gz"
    backup = _samverkan(old, "backup", str(archive))
    assert backup.returncode == 0, backup.stderr
    assert archive.stat().st_mode & 0o077 == 0  # the archive holds the key: owner only
    # (an archive damaged on its way restores nothing: the new database stays empty)
    damaged = _damaged(archive, tmp_path)
    refused = _samverkan(new, "restore", str(damaged))
    assert refused.returncode != 0
    assert "damaged" in refused.stderr
    assert _table_count(new) == 0
    restore = _samverkan(new, "restore", str(archive))
    assert restore.returncode == 0, restore.stderr
    # then every record, the adjusted minutes' checksums, the file and the key are back
    assert _state(new) == before
    restored = Path(new["SAMVERKAN_VAR_DIR"]) / "media" / "photos" / "a.jpg"
    assert restored.read_bytes() == b"\xff\xd8 a photo"
    assert (Path(new["SAMVERKAN_VAR_DIR"]) / "secret_key").read_text() == key
    # and a second restore is refused: the database is no longer empty
    again = _samverkan(new, "restore", str(archive))
    assert again.returncode != 0
    assert "not empty" in again.stderr
    assert _state(new) == before


def test_a_file_that_is_no_backup_is_refused_with_a_message(installations, tmp_path):
    _, new = installations
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"plain text")
    result = _samverkan(new, "restore", str(junk))
    assert result.returncode != 0
    assert "not a Samverkan backup" in result.stderr
    assert "Traceback" not in result.stderr
