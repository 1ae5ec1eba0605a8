"""Permission-matrix rows for the API's version 1 (see accounts/tests/matrix.py): who sees the
council reads its meetings, decisions, plans, activities, status updates, survey results and
police events; a status is written by those who may report on the activity (as on its form);
an incident is reported by whoever sees the council (as on the report form); an anonymous
caller gets 401. Every token here has every scope: the scopes have tests of their own."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import API_CHANGE, API_READ_COUNCIL


def _incident(i: dict[str, object]) -> dict[str, object]:
    return {
        "category_id": i["inc_category"],
        "occurred_from": "2026-01-10T08:00:00+01:00",
        "address": "Glasgatan 3",
        "description": "Krossad ruta i trapphuset.",
    }


API = [
    ("get", "/api/v1/councils/{slug}/meetings", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/meetings/{held}", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/decisions", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/incidents/totals", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/incidents/categories", None, API_READ_COUNCIL),
    ("post", "/api/v1/councils/{slug}/incidents", _incident, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/plans", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/plans/{plans_plan}/activities", None, API_READ_COUNCIL),
    ("get", "/api/v1/councils/{slug}/activities/{plans_activity}", None, API_READ_COUNCIL),
    (
        "get",
        "/api/v1/councils/{slug}/activities/{plans_activity}/statuses",
        None,
        API_READ_COUNCIL,
    ),
    (
        "post",
        "/api/v1/councils/{slug}/activities/{plans_activity}/statuses",
        lambda i: {"status": "in_progress", "note": "Startat."},
        API_CHANGE,
    ),
    ("get", "/api/v1/councils/{slug}/surveys", None, API_READ_COUNCIL),
    (
        "get",
        "/api/v1/councils/{slug}/surveys/{dialogue_published}/results",
        None,
        API_READ_COUNCIL,
    ),
    ("get", "/api/v1/councils/{slug}/police-events", None, API_READ_COUNCIL),
]
