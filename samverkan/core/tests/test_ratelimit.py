"""Counting attempts per scope and key in a window, and whose address is counted."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from django.core.cache import cache
from django.test import RequestFactory, override_settings

from samverkan.core import ratelimit


def test_it_limits_a_key_once_it_reaches_the_limit():
    # given
    for _ in range(2):
        ratelimit.record("test", "203.0.113.7", window=60)
    # then
    assert ratelimit.hits("test", "203.0.113.7") == 2
    assert not ratelimit.limited("test", "203.0.113.7", limit=3)
    ratelimit.record("test", "203.0.113.7", window=60)
    assert ratelimit.limited("test", "203.0.113.7", limit=3)


def test_keys_and_scopes_are_counted_apart():
    ratelimit.record("test", "203.0.113.7", window=60)
    assert ratelimit.hits("test", "203.0.113.8") == 0
    assert ratelimit.hits("other", "203.0.113.7") == 0


def test_the_count_ends_with_its_window(monkeypatch):
    # given: a count started now
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    ratelimit.record("test", "203.0.113.7", window=60)
    ratelimit.record("test", "203.0.113.7", window=60)  # a later attempt does not extend it
    # when: the window has passed
    monkeypatch.setattr(time, "time", lambda: now + 61)
    # then
    assert ratelimit.hits("test", "203.0.113.7") == 0


def test_a_reset_clears_the_count():
    ratelimit.record("test", "kalle", window=60)
    ratelimit.reset("test", "kalle")
    assert ratelimit.hits("test", "kalle") == 0


def test_no_key_is_kept_in_clear_text(monkeypatch):
    written = []
    real_set = cache.set

    def spy(key, value, *args, **kwargs):
        written.append(f"{key} {value!r}")
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    ratelimit.record("test", "203.0.113.7", window=60)
    assert written
    assert not any("203.0.113.7" in entry for entry in written)


def test_the_address_is_the_clients_own_without_a_proxy():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    # A client may send any X-Forwarded-For; without a proxy it is not believed.
    assert ratelimit.client_address(request) == "203.0.113.7"


@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_the_address_is_the_last_hop_the_proxy_saw():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    # The first hops come from the client and could be forged; the last one is the proxy's.
    assert ratelimit.client_address(request) == "203.0.113.7"
    bare = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert ratelimit.client_address(bare) == "10.0.0.2"


def test_the_counts_are_shared_by_the_server_processes():
    # given the cache of the settings (a file cache, or Redis with REDIS_URL): `samverkan run`
    # starts several worker processes
    scope, key = "shared-test", "198.51.100.7"
    ratelimit.reset(scope, key)
    # when another process records an attempt
    code = (
        "import django; django.setup(); from samverkan.core import ratelimit; "
        f"ratelimit.record({scope!r}, {key!r}, window=60)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "samverkan.settings"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)  # noqa: S603
    # then this process counts it
    assert ratelimit.hits(scope, key) == 1
    ratelimit.reset(scope, key)
