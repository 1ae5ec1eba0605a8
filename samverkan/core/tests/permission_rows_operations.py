"""Rows of the permission matrix for the operator's pages: the schedule's page (site
administrators only) and the health check (anyone: a load balancer or monitor asks it)."""

from __future__ import annotations

from typing import Any

from samverkan.accounts.tests.matrix import SITE_ADMIN

PAGES: list[tuple[Any, ...]] = [
    ("core:operations", lambda i: {}, "get", SITE_ADMIN),
]
