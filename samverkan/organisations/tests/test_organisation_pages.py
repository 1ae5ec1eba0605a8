"""Managing organisations, people, bodies and memberships through the pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverkan.accounts.services import api_token_create
from samverkan.core.audit import history_of
from samverkan.organisations import services
from samverkan.organisations.models import Body, Membership, Organisation, Person


def url(council, path):
    return f"/councils/{council.slug}/{path}"


def test_a_coordinator_creates_an_organisation_with_a_parent(coordinator_client, council):
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    response = coordinator_client.post(
        url(council, "organisations/new/"),
        {"name": "Kultur- och fritidsförvaltningen", "short_name": "KFF", "parent": kommun.pk},
    )
    created = Organisation.objects.get(name="Kultur- och fritidsförvaltningen")
    assert response.status_code == 302
    assert created.parent == kommun
    assert history_of(created).get().action == "create"


def test_a_form_with_errors_keeps_what_the_user_typed(coordinator_client, council):
    response = coordinator_client.post(
        url(council, "organisations/new/"), {"name": "", "short_name": "BRÅ-kansliet"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Rätta följande" in html
    assert 'value="BRÅ-kansliet"' in html
    assert Organisation.objects.filter(short_name="BRÅ-kansliet").count() == 0


def test_a_duplicate_name_is_refused_with_a_message(coordinator_client, council):
    response = coordinator_client.post(
        url(council, "organisations/new/"), {"name": "Köpings kommun"}
    )
    assert response.status_code == 400
    assert "Det finns redan en organisation med det namnet i rådet." in response.content.decode()


def test_an_organisation_cannot_become_part_of_its_own_unit(coordinator_client, council):
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    unit = Organisation.objects.get(council=council, name="Tekniska kontoret")
    response = coordinator_client.post(
        url(council, f"organisations/{kommun.pk}/edit/"),
        {"name": "Köpings kommun", "parent": unit.pk},
    )
    assert response.status_code == 400
    kommun.refresh_from_db()
    assert kommun.parent is None


def test_ending_an_organisation_keeps_it_in_the_records(coordinator_client, council):
    unit = Organisation.objects.get(council=council, name="Tekniska kontoret")
    response = coordinator_client.post(
        url(council, f"organisations/{unit.pk}/end/"), {"ended_on": "2026-12-31"}
    )
    unit.refresh_from_db()
    assert response.status_code == 302
    assert str(unit.ended_on) == "2026-12-31"
    listed = coordinator_client.get(url(council, "organisations/?ended=1")).content.decode()
    assert "Tekniska kontoret" in listed


def test_a_bad_date_is_refused_in_swedish(coordinator_client, council):
    unit = Organisation.objects.get(council=council, name="Tekniska kontoret")
    response = coordinator_client.post(
        url(council, f"organisations/{unit.pk}/end/"), {"ended_on": "31/12 nästa år"}
    )
    assert response.status_code == 400
    assert "Fyll i ett giltigt datum." in response.content.decode()


def test_a_secretary_adds_a_person_to_a_body(client, users, council):
    client.force_login(users["secretary"])
    body = Body.objects.get(council=council)
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    client.post(url(council, "people/new/"), {"name": "Kajsa Landström", "email": ""})
    person = Person.objects.get(name="Kajsa Landström")
    response = client.post(
        url(council, f"bodies/{body.pk}/members/new/"),
        {
            "person": person.pk,
            "role": "secretary",
            "organisation": kommun.pk,
            "title": "sekreterare",
            "start_date": "2018-01-01",
        },
    )
    assert response.status_code == 302
    seat = Membership.objects.get(person=person)
    assert seat.affiliation() == "sekreterare, Köpings kommun"
    page = client.get(url(council, f"bodies/{body.pk}/")).content.decode()
    assert "Kajsa Landström" in page
    assert "sekreterare, Köpings kommun" in page


def test_a_membership_cannot_end_before_it_starts(coordinator_client, council):
    seat = Membership.objects.get(body__council=council, person__name="Roger Eklund")
    response = coordinator_client.post(
        url(council, f"memberships/{seat.pk}/edit/"),
        {"role": "chair", "start_date": "2020-01-01", "end_date": "2019-01-01"},
    )
    assert response.status_code == 400
    assert "Slutdatumet får inte vara före startdatumet." in response.content.decode()


def test_a_person_of_another_council_cannot_be_seated(coordinator_client, council, other_council):
    stranger = services.person_create(actor=None, council=other_council, name="Okänd Person")
    body = Body.objects.get(council=council)
    response = coordinator_client.post(
        url(council, f"bodies/{body.pk}/members/new/"), {"person": stranger.pk, "role": "member"}
    )
    assert response.status_code == 400
    assert not Membership.objects.filter(person=stranger).exists()


def test_a_person_in_two_councils_is_one_person(council, other_council):
    person = Person.objects.get(name="Roger Eklund")
    person.councils.add(other_council)
    body = services.body_create(
        actor=None, council=other_council, name="Trygghetsrådet", kind="council"
    )
    services.membership_create(actor=None, body=body, person=person, role="member")
    assert Membership.objects.filter(person=person).count() == 2


def test_people_are_searchable_by_name(coordinator_client, council):
    html = coordinator_client.get(url(council, "people/?q=eklund")).content.decode()
    assert "Roger Eklund" in html


def _many(council, n):
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    body = Body.objects.get(council=council)
    for i in range(n):
        org = services.organisation_create(
            actor=None, council=council, name=f"Förening {i:03}", parent=kommun
        )
        person = services.person_create(actor=None, council=council, name=f"Person {i:03}")
        services.membership_create(
            actor=None, body=body, person=person, role="member", organisation=org
        )
        services.body_create(
            actor=None, council=council, name=f"Arbetsgrupp {i:03}", kind="working_group"
        )


@pytest.mark.parametrize(
    "path",
    ["organisations/", "people/", "bodies/", "", "BODY", "ORG"],
)
def test_list_pages_use_a_fixed_number_of_queries(coordinator_client, council, path):
    """The number of queries does not grow with the number of rows."""

    def count(p):
        with CaptureQueriesContext(connection) as queries:
            response = coordinator_client.get(url(council, p))
        assert response.status_code == 200
        return len(queries)

    body = Body.objects.get(council=council, kind="council")
    org = Organisation.objects.get(council=council, name="Köpings kommun")
    resolve = {"BODY": f"bodies/{body.pk}/", "ORG": f"organisations/{org.pk}/"}
    target = resolve.get(path, path)
    _many(council, 3)
    few = count(target)
    _many_more = _many  # noqa: F841 (readability: same helper, more rows)
    for i in range(30):
        services.organisation_create(actor=None, council=council, name=f"Enhet {i:03}", parent=org)
    _many_more_rows(council)
    assert count(target) == few


def _many_more_rows(council):
    body = Body.objects.get(council=council, kind="council")
    for i in range(30):
        person = services.person_create(actor=None, council=council, name=f"Ledamot {i:03}")
        services.membership_create(actor=None, body=body, person=person, role="member")
        services.body_create(
            actor=None, council=council, name=f"Grupp {i:03}", kind="working_group"
        )


def test_the_people_search_answers_htmx_with_the_results_alone(coordinator_client, council):
    response = coordinator_client.get(url(council, "people/?q=rog"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="people-results"')
    assert "Roger Eklund" in html
    assert "<html" not in html


def test_a_body_chooses_how_it_keeps_its_minutes(coordinator_client, council):
    body = Body.objects.get(council=council)
    response = coordinator_client.post(
        url(council, f"bodies/{body.pk}/edit/"),
        {
            "name": body.name,
            "kind": "council",
            "formal_rules": "on",
            "adjusts_minutes": "on",
            "chair_adjusts": "on",
            "minutes_kept_at": "Kommunledningskontoret, Rådhuset",
            "mandate": "decides",
        },
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert (body.formal_rules, body.chair_adjusts, body.publishes_minutes) == (True, True, False)
    assert body.mandate == "decides"
    assert history_of(body).first().changes["formal_rules"] == [False, True]


def test_a_person_shared_with_another_council_is_not_changed_from_one_of_them(
    client, users, council, other_council
):
    shared = Person.objects.get(name="Roger Eklund")
    shared.councils.add(other_council)
    client.force_login(users["outsider"])  # the other council's coordinator
    response = client.post(
        f"/councils/{other_council.slug}/people/{shared.pk}/edit/",
        {"name": "Roger Eklund", "email": "annan@example.org"},
    )
    # The address field is read-only there (test_shared_people.py): what is posted is ignored.
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.email == "roger@example.se"
    # and the API, which has no read-only field, is refused
    token = api_token_create(user=users["outsider"], name="test")[1]
    response = client.patch(
        f"/api/councils/{other_council.slug}/people/{shared.pk}",
        {"email": "annan@example.org"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    shared.refresh_from_db()
    assert shared.email == "roger@example.se"


def test_the_history_of_a_shared_person_shows_this_councils_changes_only(
    coordinator_client, users, council, other_council
):
    shared = Person.objects.get(name="Roger Eklund")
    shared.councils.add(other_council)
    services.person_update(
        actor=users["site_admin"], person=shared, council=other_council,
        name="Roger Eklund", phone="0221-111 11",
    )  # fmt: skip
    html = coordinator_client.get(url(council, f"people/{shared.pk}/")).content.decode()
    assert "0221-111 11" in html  # the current value, on the page
    assert html.count("<time") == 1  # but only Köping's own event in the history
