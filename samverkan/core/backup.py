"""Backup and restore of an installation: the database, the uploaded files and the secret key in
one archive (`samverkan backup`, `samverkan restore`).

The archive is a gzipped tar, readable by the platform's user only, holding `manifest.json`
(format, version, database engine, time, and the SHA-256 of every other member), the database
(`database.sqlite3` by SQLite's online backup, or `database.pgdump` by pg_dump's custom format),
`media/` and, when the key is kept in the data directory, `secret_key` (without it, signed links
and sessions of the old installation stop working; a key given in the environment is the
operator's to keep).

A restore goes into an empty database only, checks every member against the manifest before it
writes anything, and then writes the database, the files and the key: all or nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, connections

from samverkan import __version__

FORMAT = "samverkan-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
KEY_MEMBER = "secret_key"
MEDIA_MEMBER = "media"
# pg_dump and pg_restore of a council's years of records take minutes, not hours.
PG_TIMEOUT_SECONDS = 3600


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


@dataclass(frozen=True)
class Restored:
    engine: str
    files: int
    key: bool


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backup knows SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """The program with the connection's host, port, user and database; the password goes in
    the environment, never on the command line."""
    db: Any = settings.DATABASES["default"]
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt install postgresql-client).")
    command = [program, "--no-password"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return command, env


def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(target))
        try:
            source.backup(copy)  # consistent while the site runs (WAL)
        finally:
            copy.close()
            source.close()
        return
    command, env = _pg_command("pg_dump")
    command += [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        "--file",
        str(target),
        str(settings.DATABASES["default"]["NAME"]),
    ]
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT_SECONDS, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")


def _key_file() -> Path | None:
    """The secret key's file, when the key is kept in the data directory."""
    path = Path(settings.VAR_DIR) / "secret_key"
    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return None
    return path if path.is_file() else None


def backup_create(target: Path) -> dict[str, Any]:
    """Write the archive to `target` (readable by the owner only); return its manifest."""
    engine = _engine()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="samverkan-backup-") as work:
        staging = Path(work)
        database = staging / (SQLITE_MEMBER if engine == "sqlite" else PG_MEMBER)
        _dump_database(engine, database)
        members: dict[str, Path] = {database.name: database}
        key = _key_file()
        if key is not None:
            members[KEY_MEMBER] = key
        for path in sorted(media.rglob("*")) if media.is_dir() else []:
            if path.is_file() and not path.is_symlink():
                members[f"{MEDIA_MEMBER}/{path.relative_to(media).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "samverkan": __version__,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": engine,
            "secret_key": key is not None,
            "files": {name: _sha256(path) for name, path in members.items()},
        }
        manifest_path = staging / MANIFEST
        manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            for name, path in members.items():
                tar.add(path, arcname=name, recursive=False)
    return manifest


def _read_archive(source: Path, staging: Path) -> dict[str, Any]:
    """Unpack and check every member against the manifest; nothing outside `staging`."""
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            tar.extractall(staging, filter="data")
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{source} is not a Samverkan backup: {error}") from error
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} has no readable manifest.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source} is not a Samverkan backup.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.get('format_version')} is not known here.")
    files = manifest.get("files")
    if not isinstance(files, dict):
        raise BackupError(f"{source} has no list of files.")
    for name, digest in files.items():
        path = staging / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"{name} in the backup is missing or damaged; nothing was restored.")
    present = {
        path.relative_to(staging).as_posix() for path in staging.rglob("*") if path.is_file()
    }
    if present - set(files) - {MANIFEST}:
        raise BackupError("The backup holds files its manifest does not name; nothing restored.")
    return manifest


def _database_is_empty() -> bool:
    """No table at all: a restore brings the schema with the data."""
    tables = connection.introspection.table_names()
    return not [table for table in tables if not table.startswith("sqlite_")]


def _restore_database(engine: str, staging: Path) -> None:
    if engine == "sqlite":
        source = sqlite3.connect(str(staging / SQLITE_MEMBER))
        connections.close_all()
        target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    command, env = _pg_command("pg_restore")
    command += [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        str(settings.DATABASES["default"]["NAME"]),
        str(staging / PG_MEMBER),
    ]
    connections.close_all()
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT_SECONDS, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[:500]}")


def backup_restore(source: Path) -> Restored:
    """Restore the archive into this installation, whose database must be empty."""
    engine = _engine()
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    with tempfile.TemporaryDirectory(prefix="samverkan-restore-") as work:
        staging = Path(work)
        manifest = _read_archive(source, staging)
        if manifest.get("database") != engine:
            raise BackupError(
                f"The backup holds a {manifest.get('database')} database; this installation "
                f"runs {engine}. Restore into the same kind of database."
            )
        if not _database_is_empty():
            raise BackupError(
                "The database is not empty. Restore into a new, empty database "
                "(do not run migrate first); nothing was restored."
            )
        _restore_database(engine, staging)
        media = Path(settings.MEDIA_ROOT)
        files = 0
        for name in manifest["files"]:
            if name.startswith(f"{MEDIA_MEMBER}/"):
                target = media / name.removeprefix(f"{MEDIA_MEMBER}/")
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                shutil.copyfile(staging / name, target)
                target.chmod(0o600)
                files += 1
        key = bool(manifest.get("secret_key")) and _key_file() is not None
        if key:
            shutil.copyfile(staging / KEY_MEMBER, Path(settings.VAR_DIR) / "secret_key")
    return Restored(engine=engine, files=files, key=key)
