"""Secrecy-matrix rows for the API's version 1 (see accounts/tests/secrecy.py): the meeting
with an item not for publication that the meetings area plants, read through the API with a
token of each role's login. The item's text and decision reach only those who may read such
items; its title and the public item reach everyone who sees the council."""

from __future__ import annotations

from typing import Any

from django.test import Client

from samverkan.accounts.services import api_token_create
from samverkan.accounts.tests.secrecy import Ids, Place, login_of, response_text
from samverkan.incidents.tests.secrecy_rows import CITIZEN_EMAIL, DESCRIPTION, REPORTER_LOGIN
from samverkan.meetings.tests.secrecy_rows import DECISION, ITEM_TEXT, PRESENTER, PUBLIC_ITEM


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
]
