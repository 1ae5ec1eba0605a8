"""Rows of the permission matrix for the operator's pages: the schedule's page (site
administrators only) and the health check (anyone: a load balancer or monitor asks it)."""

from __future__ import annotations

from typing import Any

from samverkan.accounts.tests.matrix import SITE_ADMIN, answers

# Anyone is answered alike, without a login; 503 because no worker beats in the matrix's world
# (core/tests/test_health.py has the 200).
HEALTH = answers(
    admin=503,
    coordinator=503,
    secretary=503,
    member=503,
    reporter=503,
    viewer=503,
    outsider=503,
    anonymous=503,
)

PAGES: list[tuple[Any, ...]] = [
    ("core:operations", lambda i: {}, "get", SITE_ADMIN),
    ("core:healthz", lambda i: {}, "get", HEALTH),
]
