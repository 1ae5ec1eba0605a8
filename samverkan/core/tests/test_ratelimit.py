"""Counting attempts per scope and key in a window, and whose address is counted.

The counts are rows of the database, so every server process and machine shares them.
"""

from __future__ import annotations

import time

import pytest
from django.test import RequestFactory, override_settings

from samverkan.core import ratelimit
from samverkan.core.models import RateCount

pytestmark = pytest.mark.django_db


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


def test_no_key_is_kept_in_clear_text():
    ratelimit.record("test", "203.0.113.7", window=60)
    stored = list(RateCount.objects.values_list("scope", "key_hash"))
    assert stored
    assert not any("203.0.113.7" in f"{scope} {key}" for scope, key in stored)


def test_a_count_outlives_a_thousand_other_counts():
    # given: a key at its limit (a cache evicts entries when full: the file cache held 300)
    for _ in range(3):
        ratelimit.record("test", "kalle", window=600)
    # when: a thousand other keys are counted
    for i in range(1000):
        ratelimit.record("test", f"other-{i}", window=600)
    # then
    assert ratelimit.limited("test", "kalle", limit=3)


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
