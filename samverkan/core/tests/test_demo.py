"""The demo council: Köping as the seed minutes of 2018-05-24 show it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from samverkan.accounts.access import Capability, can
from samverkan.demo.loader import DEMO_PASSWORD, KOPING_SLUG, load_demo
from samverkan.dialogue.models import Dialogue, SafetyWalk
from samverkan.organisations.models import Body, Council, Membership, Organisation, Person

pytestmark = pytest.mark.django_db


def seats():
    return {
        m.person.name: m
        for m in Membership.objects.filter(
            body__council__slug=KOPING_SLUG, body__kind="council"
        ).select_related("person", "organisation")
    }


def test_it_holds_everyone_in_the_seeds_attendance_list_with_affiliation_and_role():
    load_demo()
    council = Council.objects.get(slug=KOPING_SLUG)
    assert council.name == "Brottsförebyggande rådet"
    assert council.municipality.name == "Köpings kommun"
    kinds = set(Body.objects.filter(council=council).values_list("kind", flat=True))
    assert kinds == {"council", "working_committee", "project_group"}
    by_name = seats()
    # 15 present, 6 absent, 1 guest
    assert len(by_name) == 22
    assert by_name["Roger Eklund"].role == "chair"
    assert by_name["Kajsa Landström"].role == "secretary"
    assert by_name["Robert Koivunen"].role == "coordinator"
    assert by_name["Jan Häggkvist"].affiliation() == "säkerhetschef, Köpings kommun"
    assert by_name["Peter Landin"].organisation.short_name == "KBAB"
    assert by_name["Lena Nyman"].affiliation() == "ANDT-samordnare, Länsstyrelsen Västmanland"
    assert by_name["Maarit Verga"].role == "member"
    kommunstyrelsen = Organisation.objects.get(council=council, name="Kommunstyrelsen")
    assert kommunstyrelsen.parent.name == "Köpings kommun"


def test_reloading_gives_the_same_council_not_a_second_one():
    load_demo()
    first = (Organisation.objects.count(), Person.objects.count(), Membership.objects.count())
    load_demo()
    again = (Organisation.objects.count(), Person.objects.count(), Membership.objects.count())
    assert first == again
    assert Council.objects.filter(slug=KOPING_SLUG).count() == 1


def test_the_personas_log_in_with_their_roles(client):
    load_demo()
    council = Council.objects.get(slug=KOPING_SLUG)
    assert client.login(username="samordnare", password=DEMO_PASSWORD)
    assert can(User.objects.get(username="samordnare"), council, Capability.MANAGE_ACCESS)
    assert can(User.objects.get(username="sekreterare"), council, Capability.CHANGE_RECORDS)
    assert not can(User.objects.get(username="polis"), council, Capability.CHANGE_RECORDS)
    assert not can(User.objects.get(username="kbab"), council, Capability.VIEW_PEOPLE)
    assert not can(User.objects.get(username="arboga"), council, Capability.VIEW_COUNCIL)


def test_the_police_officer_sits_in_two_councils_as_one_person():
    load_demo()
    officer = Person.objects.get(name="Jan Sköldberg")
    assert officer.councils.count() == 2
    assert officer.user.username == "polis"


def test_the_demo_adjuster_can_approve_the_seed_minutes():
    from samverkan.meetings.models import Meeting
    from samverkan.meetings.services import adjustment

    load_demo()
    meeting = Meeting.objects.get(body__council__slug=KOPING_SLUG, date="2018-05-24")
    adjustment.minutes_freeze(actor=User.objects.get(username="sekreterare"), meeting=meeting)
    adjustment.minutes_approve(
        actor=User.objects.get(username="justerare"),
        meeting=meeting,
        role="adjuster",
        content_hash=adjustment.latest_revision(meeting).content_hash,
    )
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_the_demo_holds_the_seeds_plans_incident_totals_and_a_survey() -> None:
    from samverkan.dialogue.models import Survey
    from samverkan.incidents.models import AggregateReport
    from samverkan.plans.models import Activity, Agreement, Promise

    load_demo()
    load_demo()  # loading again replaces, never duplicates

    assert Agreement.objects.get().title == "Samverkansöverenskommelse 2"
    assert Promise.objects.count() == 7
    assert Activity.objects.filter(plan__year=2018).count() == 12  # and the åtgärdsplan's 3
    assert sorted(c or 0 for c in AggregateReport.objects.values_list("cost", flat=True)) == [
        16_000,
        25_000,
        325_000,
    ]
    assert Survey.objects.filter(council__slug="koping-bra").count() == 1


def test_it_holds_the_seeds_citizen_dialogue_and_safety_walk_once_after_a_reload():
    load_demo()
    load_demo()
    council = Council.objects.get(slug=KOPING_SLUG)
    dialogue = Dialogue.objects.get(council=council)
    assert dialogue.held_on.isoformat() == "2018-05-16"
    assert {o.short_name for o in dialogue.organisers.all()} == {"", "Polisen"}
    assert dialogue.inputs.count() == 4
    walk = SafetyWalk.objects.get(council=council)
    assert {o.name for o in walk.organisations.all()} >= {"Köpings kommun", "Centrumföreningen"}
    assert walk.findings.count() == 3


def test_the_police_persona_keeps_the_promises_and_the_seeds_promises_are_public(client):
    # given
    load_demo()
    council = Council.objects.get(slug=KOPING_SLUG)
    police = User.objects.get(username="polis")
    # then: the community police officer sits for the police and keeps the promises
    assert can(police, council, Capability.MANAGE_PROMISES)
    assert not can(User.objects.get(username="justerare"), council, Capability.MANAGE_PROMISES)
    # and the seed's promises, signed on paper in 2018, are on the public page
    response = client.get(reverse("plans:public_plan", args=[KOPING_SLUG, 2018]))
    assert response.status_code == 200


def test_the_demo_has_an_adjusted_meeting_so_its_open_data_is_not_empty(client):
    from samverkan.meetings.models import Meeting
    from samverkan.meetings.services import adjustment

    load_demo()
    load_demo()  # loading again replaces the adjusted minutes too
    meeting = Meeting.objects.get(body__council__slug=KOPING_SLUG, date="2018-03-15")
    assert adjustment.minutes_state(meeting) == "adjusted"
    # the seed's own minutes still wait for the adjuster persona
    seed = Meeting.objects.get(body__council__slug=KOPING_SLUG, date="2018-05-24")
    assert adjustment.minutes_state(seed) != "adjusted"
    # OParl and the feeds show it
    meetings = client.get("/oparl/1.1/").json()
    assert meetings["type"].startswith("https://schema.oparl.org/1.1/System")
    body_list = client.get(meetings["body"]).json()["data"]
    oparl = client.get(body_list[0]["meeting"]).json()["data"]
    assert [m["start"][:10] for m in oparl] == ["2018-03-15"]
    assert len(oparl[0]["agendaItem"]) == 4
    feed = client.get(f"/r/{KOPING_SLUG}/protokoll.atom")
    assert feed.status_code == 200
    assert b"<entry>" in feed.content
    notice_board = client.get(f"/r/{KOPING_SLUG}/anslag.atom")
    assert b"<entry>" in notice_board.content
