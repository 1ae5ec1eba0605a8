"""A form of many rows (a formset) is cut at its maximum whatever number of rows the post
claims: a claim of a million rows is refused at once with the form's message."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

ROUTES = ["incidents:aggregate_create", "meetings:schedule_create"]


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize("claimed", ["1040", "1000000", "99999999999999999999"])
def test_a_post_claiming_thousands_of_rows_is_refused_within_a_second(
    coordinator_client, council, name, claimed
):
    # given
    url = reverse(name, kwargs={"slug": council.slug})
    data = {
        "rows-TOTAL_FORMS": claimed,
        "rows-INITIAL_FORMS": "0",
        "rows-0-count": "-1",
        "period_from": "2026-01-01",
    }
    # when
    started = time.process_time()
    response = coordinator_client.post(url, data)
    elapsed = time.process_time() - started
    # then
    assert response.status_code == 400
    assert elapsed < 2.0  # CPU seconds; the fault held a worker for 10–20 s
    assert "2026-01-01" in response.content.decode() or name == "meetings:schedule_create"
