"""Secrecy-matrix rows for the API's version 1 (see accounts/tests/secrecy.py), read through the
API with a token of each role's login:

- the meeting with an item not for publication that the meetings area plants: the item's text
  and decision reach only those who may read such items; its title and the public item reach
  everyone who sees the council;
- the plans area's activity made from a decision not for publication, and the internal status
  notes: as on the plan's pages;
- the survey with a free-text answer: its results never hold the answer;
- the incidents' categories and the police's events never hold a report's text or reporter."""

from __future__ import annotations

from typing import Any

from django.test import Client

from samverkan.accounts.services import api_token_create
from samverkan.accounts.tests.secrecy import NOBODY, Ids, Place, login_of, response_text
from samverkan.dialogue.tests.secrecy_rows import FREE_TEXT
from samverkan.incidents.tests.secrecy_rows import CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN
from samverkan.meetings.tests.secrecy_rows import DECISION, ITEM_TEXT, PRESENTER, PUBLIC_ITEM
from samverkan.plans.tests.secrecy_rows import (
    ACT_DECISION,
    DRAFT_PROMISE,
    INTERNAL,
    PUBLIC_ACT,
    PUBLIC_NOTE,
)


def _v1(path: str) -> Any:
    def read(client: Client, ids: Ids) -> str:
        login = login_of(client)
        headers = {}
        if login is not None:
            _token, key = api_token_create(user=login, name="secrecy")
            headers["Authorization"] = f"Bearer {key}"
        url = f"/api/v1/councils/{ids['slug']}/" + path.format(**ids)
        return response_text(client.get(url, headers=headers))

    return read


PLACES = [
    Place(
        "API v1: the meetings",
        _v1("meetings?limit=100"),
        secrets=(),
        never=(ITEM_TEXT, DECISION, PRESENTER),
        shown=("item_count",),
        routes=("GET /api/v1/councils/{slug}/meetings",),
    ),
    Place(
        "API v1: a held meeting",
        _v1("meetings/{held_meeting}"),
        secrets=(ITEM_TEXT,),
        never=(PRESENTER,),
        shown=(PUBLIC_ITEM, '"public": false'),
        routes=("GET /api/v1/councils/{slug}/meetings/{held}",),
    ),
    Place(
        "API v1: the decision register",
        _v1("decisions?limit=100"),
        secrets=(DECISION,),
        shown=('"kind": "noted"',),
        routes=("GET /api/v1/councils/{slug}/decisions",),
    ),
    Place(
        "API v1: the incidents' totals of a period",
        _v1("incidents/totals"),
        secrets=(),
        never=(DESCRIPTION, REPORTER_LOGIN, CITIZEN_EMAIL),
        shown=('"count_incomplete"',),
        routes=("GET /api/v1/councils/{slug}/incidents/totals",),
    ),
    Place(
        "API v1: the incidents' categories",
        _v1("incidents/categories"),
        secrets=(),
        never=(DESCRIPTION, REPORTER_LOGIN, CITIZEN_EMAIL),
        shown=('"parent_id"',),
        routes=("GET /api/v1/councils/{slug}/incidents/categories",),
    ),
    Place(
        "API v1: the plans",
        _v1("plans?limit=100"),
        secrets=(),
        never=(ACT_DECISION, INTERNAL, DRAFT_PROMISE),
        shown=('"end_year"',),
        routes=("GET /api/v1/councils/{slug}/plans",),
    ),
    Place(
        "API v1: a plan's activities",
        _v1("plans/{plans_plan}/activities?limit=100"),
        secrets=(ACT_DECISION,),
        never=(INTERNAL, DRAFT_PROMISE),
        shown=(PUBLIC_ACT, PUBLIC_NOTE),
        routes=("GET /api/v1/councils/{slug}/plans/{plans_plan}/activities",),
    ),
    Place(
        "API v1: an activity made from a decision not for publication",
        _v1("activities/{activity_from_decision}"),
        secrets=(ACT_DECISION,),
        never=(INTERNAL,),
        shown=(PUBLIC_NOTE,),
        routes=("GET /api/v1/councils/{slug}/activities/{plans_activity}",),
    ),
    Place(
        "API v1: an activity's status updates",
        _v1("activities/{activity_public}/statuses?limit=100"),
        secrets=(INTERNAL,),
        shown=(PUBLIC_NOTE,),
        routes=("GET /api/v1/councils/{slug}/activities/{plans_activity}/statuses",),
    ),
    Place(
        "API v1: the surveys",
        _v1("surveys?limit=100"),
        secrets=(),
        never=(FREE_TEXT,),
        shown=('"responses"',),
        routes=("GET /api/v1/councils/{slug}/surveys",),
    ),
    Place(
        "API v1: a survey's results",
        _v1("surveys/{free_text_survey}/results"),
        secrets=(FREE_TEXT,),
        readers=NOBODY,
        shown=("Centrum",),
        routes=("GET /api/v1/councils/{slug}/surveys/{dialogue_published}/results",),
    ),
    Place(
        "API v1: the police's events",
        _v1("police-events?limit=100"),
        secrets=(),
        never=(DESCRIPTION, REPORTER_LOGIN, CITIZEN_EMAIL),
        shown=('"count"',),
        routes=("GET /api/v1/councils/{slug}/police-events",),
    ),
]
