"""The decision register: every decision of the council, filtered by body, year and kind.

Who may see it is walked with every role in test_archive_search.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverkan.demo.loader import seed_text
from samverkan.meetings.decision_kinds import decision_kind
from samverkan.meetings.models import AgendaItem, Decision, DecisionKind, Meeting
from samverkan.meetings.services.agenda import decision_add
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.models import Body, BodyKind
from samverkan.organisations.services import body_create

pytestmark = pytest.mark.django_db

SEED = seed_text().encode()
REGISTER = "/councils/koping/meetings/decisions/"


@pytest.fixture
def minutes(council) -> Meeting:
    """The seed's minutes of 2018-05-24: seven decisions, three noted, three approved."""
    meeting, _plan = minutes_import(actor=None, council=council, data=SEED, filename="s.txt")
    return meeting


@pytest.fixture
def viewer(client, users):
    # The viewer reads the council's records and changes nothing.
    client.force_login(users["viewer"])
    return client


def listed(response) -> list[Decision]:
    assert response.status_code == 200
    return list(response.context["page"])


def test_it_lists_every_decision_with_a_link_to_its_item(minutes, viewer):
    # when
    response = viewer.get(REGISTER, headers={"accept-language": "en"})
    html = response.content.decode()
    # then
    decisions = listed(response)
    assert len(decisions) == Decision.objects.count() == 7
    for decision in decisions:
        assert f"/councils/koping/meetings/{minutes.pk}/#item-{decision.item_id}" in html
    assert "<caption>" in html
    assert '<th scope="col">' in html
    assert 'role="search"' in html


def test_the_newest_meeting_comes_first_then_the_item_order(council, minutes, viewer):
    # given: a later meeting
    later = Meeting.objects.create(body=minutes.body, date=dt.date(2019, 2, 4), status="held")
    item = AgendaItem.objects.create(meeting=later, number=3, title="Nattvandring")
    first = Decision.objects.create(item=item, text="att stödja nattvandringen", kind="other")
    # then
    decisions = listed(viewer.get(REGISTER))
    assert decisions[0] == first
    numbers = [d.item.number for d in decisions[1:]]
    assert numbers == sorted(numbers)


def test_filters_by_body_year_and_kind(council, minutes, viewer):
    # given: an approval of the working committee in 2019
    committee = Body.objects.get(council=council, kind=BodyKind.WORKING_COMMITTEE)
    meeting = Meeting.objects.create(body=committee, date=dt.date(2019, 3, 11), status="held")
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Budget")
    approval = Decision.objects.create(item=item, text="att godkänna budgeten", kind="approved")

    def get(**params: object) -> list[Decision]:
        return listed(viewer.get(REGISTER, params))

    # then
    assert get(body=committee.pk) == [approval]
    assert get(year=2019) == [approval]
    assert len(get(year=2018)) == 7
    assert len(get(kind="approved")) == 4
    assert {d.kind for d in get(kind="noted")} == {DecisionKind.NOTED}
    assert get(kind="approved", year=2019, body=committee.pk) == [approval]
    assert get(kind="approved", body=minutes.body.pk, year=2019) == []


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"kind": "vetoed"}, {"kind"}),
        ({"year": "tjugo"}, {"year"}),
        ({"year": "2018-01-01"}, {"year"}),
        ({"body": "rådet"}, {"body"}),
        ({"body": "99999999999999999999"}, {"body"}),
        ({"body": "1 OR 1=1", "year": "0", "kind": "'"}, {"body", "year", "kind"}),
        ({"page": "sista"}, set()),
        ({"page": "-1"}, set()),
    ],
)
def test_bad_values_are_reported_and_left_out(minutes, viewer, params, bad):
    # when
    response = viewer.get(REGISTER, params)
    # then: the page lists every decision and names the values it left out
    assert len(listed(response)) == 7
    assert set(response.context["form"].errors) == bad


def test_a_body_of_another_council_is_not_a_filter(minutes, viewer, other_council):
    theirs = body_create(
        actor=None, council=other_council, name="Trygghetsrådet", kind=BodyKind.COUNCIL
    )
    response = viewer.get(REGISTER, {"body": theirs.pk})
    assert "body" in response.context["form"].errors
    assert len(listed(response)) == 7


def test_another_councils_decisions_never_appear(minutes, viewer, other_council):
    body_create(actor=None, council=other_council, name="Trygghetsrådet", kind=BodyKind.COUNCIL)
    minutes_import(actor=None, council=other_council, data=SEED, filename="s.txt")
    decisions = listed(viewer.get(REGISTER))
    assert {d.item.meeting_id for d in decisions} == {minutes.pk}


def test_it_is_paginated(minutes, viewer, settings):
    settings.PAGE_SIZE = 3
    pages = [listed(viewer.get(REGISTER, {"page": n})) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [3, 3, 1]
    assert len({d.pk for page in pages for d in page}) == 7
    # the filter stays in the link to the next page
    settings.PAGE_SIZE = 2
    html = viewer.get(REGISTER, {"kind": "noted"}).content.decode()
    assert "kind=noted&amp;page=2" in html
    assert len(listed(viewer.get(REGISTER, {"kind": "noted", "page": 9}))) == 1


def test_the_register_uses_a_fixed_number_of_queries(council, minutes, viewer):
    def queries(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert viewer.get(REGISTER, params).status_code == 200
        return len(captured)

    filtered = {"kind": "approved", "year": "2019", "body": str(minutes.body.pk)}
    few, few_filtered = queries({}), queries(filtered)
    # when more meetings, items and decisions are added
    other = SEED.replace(b"2018-05-24", b"2019-05-23").replace(b"2018", b"2019")
    minutes_import(actor=None, council=council, data=other, filename="s2.txt")
    minutes_import(actor=None, council=council, data=other.replace(b"2019", b"2020"), filename="3")
    # then
    assert Decision.objects.count() == 21
    assert queries({}) == few
    assert queries(filtered) == few_filtered


def test_electing_the_adjuster_is_an_election_not_an_assignment(minutes, viewer):
    # given: the secretary writes the decision of the seed's item "Val av protokolljusterare"
    later = Meeting.objects.create(body=minutes.body, date=dt.date(2019, 2, 4), status="planned")
    item = AgendaItem.objects.create(meeting=later, number=2, title="Val av protokolljusterare")
    election = decision_add(
        actor=None, item=item, text="att utse Andreas Trygg till protokolljusterare"
    )
    # then: it is a choice of a person for the meeting, not a task given to someone
    assert election.kind == DecisionKind.ELECTED
    assert listed(viewer.get(REGISTER, {"kind": "elected"})) == [election]
    html = viewer.get(REGISTER, {"kind": "elected"}).content.decode()
    assert "<td>Val</td>" in html
    # a real assignment stays one
    assert decision_kind("att uppdra åt samordnaren att utse en projektledare") == (
        DecisionKind.ASSIGNED
    )
    assert decision_kind(
        "Rådet beslutar att välja Eva Sjö att jämte ordföranden justera protokollet"
    ) == (DecisionKind.ELECTED)
