"""Ids beyond what the database holds (2^63 and more) in any choice of records: the form's
message, never a server error. Django refuses them in `exact` lookups; `in` (every multiple
choice) is the project's (core/lookups.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.dialogue.models import SafetyWalk

HUGE = [str(2**63), "99999999999999999999", str(-(2**63) - 1)]


@pytest.mark.parametrize("huge", HUGE)
def test_a_walk_with_an_organisation_id_beyond_64_bits_gets_the_forms_message(
    coordinator_client, council, huge
):
    # given
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    # when
    response = coordinator_client.post(
        url,
        {
            "walked_on": "2018-10-03",
            "area_text": "Centrum",
            "residents": "8",
            "organisations": [huge],
        },
    )
    # then
    assert response.status_code == 400
    assert "Centrum" in response.content.decode()  # what the user typed is kept
    assert not SafetyWalk.objects.exists()


@pytest.mark.parametrize("huge", HUGE)
def test_a_walk_at_a_place_id_beyond_64_bits_gets_the_forms_message(
    coordinator_client, council, huge
):
    url = reverse("dialogue:walk_create", kwargs={"slug": council.slug})
    response = coordinator_client.post(
        url, {"walked_on": "2018-10-03", "area_text": "Centrum", "residents": "8", "place": huge}
    )
    assert response.status_code == 400
    assert not SafetyWalk.objects.exists()
