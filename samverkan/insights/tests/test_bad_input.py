"""Odd input on every page of the problem picture: never a server error (the dashboard's filters
and map requests have their own tests in test_dashboard*.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.insights.views import problem_picture

pytestmark = pytest.mark.usefixtures("english_messages")

HUGE = 10**20
JUNK_QUERY = "?page=abc&year=99999&breakdown=%00&area=x&group=" + "y" * 5000 + "&q=%ff"
JUNK_POST = {
    "analysis": "x" * 100_000,
    "year": "-1",
    "promise_set": str(HUGE),
    "name": "x" * 10_000,
}

NAMES = [p.name for p in problem_picture.urlpatterns]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("huge", [False, True])
def test_no_page_fails_on_odd_input(coordinator_client, council, survey, name, huge):
    url = reverse(f"insights:{name}", kwargs={"slug": council.slug, "year": HUGE if huge else 2026})
    for response in (
        coordinator_client.get(url + JUNK_QUERY),
        coordinator_client.post(url + JUNK_QUERY, JUNK_POST),
        coordinator_client.post(url, {}),
    ):
        assert response.status_code < 500, (url, response.status_code)
