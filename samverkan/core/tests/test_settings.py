"""Settings come from the environment and reject bad values loudly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from samverkan import settings


def test_it_reads_booleans_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes")
    assert settings.env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        settings.env_bool("X_FLAG", False)


def test_it_refuses_a_number_that_is_not_one(monkeypatch):
    monkeypatch.setenv("X_NUMBER", "tio")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER"):
        settings.env_int("X_NUMBER", 1)


def test_it_reads_secrets_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("från-fil\n")
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert settings.env_secret("X_SECRET") == "från-fil"


def test_it_generates_a_secret_key_once_and_keeps_it(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    monkeypatch.setattr(settings, "VAR_DIR", tmp_path)
    first = settings._secret_key()
    assert len(first) > 40
    assert settings._secret_key() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_debug_is_off_unless_asked():
    assert settings.env_bool("SURELY_UNSET_DEBUG", False) is False


def test_the_database_is_sqlite_in_wal_mode_unless_a_url_is_given():
    engine = settings.DATABASES["default"]["ENGINE"]
    if settings.DATABASE_URL:
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"
        assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]
