"""Permission-matrix rows for the API's version 1 (see accounts/tests/matrix.py): who sees the
council reads its meetings and decisions; an anonymous caller gets 401."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import API_READ_COUNCIL

API = [
    ("get", "/api/v1/councils/{slug}/meetings", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/meetings/{held}", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/decisions", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/incidents/totals", None, API_READ_COUNCIL),
]
