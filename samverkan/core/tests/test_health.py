"""/healthz: JSON for a monitor or a load balancer, 200 when the database, the cache, the disk,
the worker and the schedule are well, 503 otherwise; no personal data, no login."""

from __future__ import annotations

import datetime as dt
import json
from collections import namedtuple

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from samverkan.core.schedule import schedule_run_due, worker_heartbeat

pytestmark = pytest.mark.django_db

Usage = namedtuple("Usage", "total used free")


def _health(client):
    response = client.get(reverse("core:healthz"))
    return response.status_code, json.loads(response.content)


def test_it_is_well_with_a_fresh_heartbeat(client):
    worker_heartbeat(worker="w:1")
    schedule_run_due(worker="w:1")

    status, body = _health(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["disk"]["ok"] is True
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["schedule"]["jobs"]["purge-free-text"] == "succeeded"


def test_it_fails_when_the_heartbeat_is_too_old_and_recovers(client):
    # given a worker last heard from ten minutes ago
    worker_heartbeat(worker="w:1", now=timezone.now() - dt.timedelta(minutes=10))

    status, body = _health(client)

    assert status == 503
    assert body["status"] == "failing"
    assert body["checks"]["worker"] == {"ok": False, "heartbeat_age_seconds": 600}

    # when the worker beats again
    worker_heartbeat(worker="w:1")

    assert _health(client)[0] == 200


def test_it_fails_without_any_worker(client):
    status, body = _health(client)

    assert status == 503
    assert body["checks"]["worker"] == {"ok": False, "heartbeat_age_seconds": None}


def test_it_fails_when_a_jobs_last_run_failed(client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("no")

    monkeypatch.setattr("samverkan.dialogue.jobs.free_text_purge", broken)
    worker_heartbeat(worker="w:1")
    schedule_run_due(worker="w:1")

    status, body = _health(client)

    assert status == 503
    assert body["checks"]["schedule"]["ok"] is False
    assert body["checks"]["schedule"]["jobs"]["purge-free-text"] == "failed"


def test_it_fails_when_the_disk_is_nearly_full(client, monkeypatch, settings):
    settings.HEALTH_MIN_FREE_MB = 500
    worker_heartbeat(worker="w:1")
    monkeypatch.setattr(
        "samverkan.core.health.shutil.disk_usage",
        lambda path: Usage(total=10**10, used=10**10 - 10**6, free=10**6),
    )

    status, body = _health(client)

    assert status == 503
    assert body["checks"]["disk"]["ok"] is False


def test_it_answers_503_not_500_when_the_database_is_away(client, monkeypatch):
    def away(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("could not connect")

    monkeypatch.setattr(connection, "cursor", away)

    status, body = _health(client)

    assert status == 503
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["worker"]["ok"] is False


def test_it_shows_no_worker_names_and_is_not_cached(client):
    worker_heartbeat(worker="kommunens-server-7:4242")

    response = client.get(reverse("core:healthz"))

    assert "kommunens-server-7" not in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
