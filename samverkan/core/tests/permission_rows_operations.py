"""Rows of the permission matrix for the operator's pages: the schedule's page (site
administrators only), the health check (anyone: a load balancer or monitor asks it) and the
base map's tiles (anyone)."""

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

# A tile of the base map: anyone alike, never a login first (the public maps draw it). The
# matrix's world has no tile archive, so 404; core/tests/test_tiles.py serves one.
TILE = answers(
    admin=404,
    coordinator=404,
    secretary=404,
    member=404,
    reporter=404,
    viewer=404,
    outsider=404,
    anonymous=404,
)

PAGES: list[tuple[Any, ...]] = [
    ("core:operations", lambda i: {}, "get", SITE_ADMIN),
    ("core:healthz", lambda i: {}, "get", HEALTH),
    ("core:map_tile", lambda i: {"z": 0, "x": 0, "y": 0, "ext": "png"}, "get", TILE),
]
