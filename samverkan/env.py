"""Reading settings from the environment: the helpers `settings.py` uses, each refusing a bad
value with ImproperlyConfigured at start-up."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_secret(name: str) -> str | None:
    """Read a secret from NAME or from the file named by NAME_FILE."""
    value = os.environ.get(name)
    if value:
        return value
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return None


# What the platform keeps on disk (the database, the secret key, the cache, uploads) is for its
# own user only: directories 0700 and files 0600, whatever the umask. Other users of the machine
# read nothing, and sqlite makes its -wal and -shm files with the database's mode.
PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set")
    return value


def env_url(name: str, *, required: bool = True) -> str:
    """An https address (http only on this machine itself, for the tests' own providers)."""
    raw = env_required(name) if required else os.environ.get(name, "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    local = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if not parts.netloc or not (parts.scheme == "https" or (parts.scheme == "http" and local)):
        raise ImproperlyConfigured(f"{name} must be an https:// address, not {raw!r}")
    return raw
