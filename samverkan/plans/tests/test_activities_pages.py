"""The plan pages: the council's plans, a plan as a table and a board with its filters,
activities, status updates from partners, and activities from a decision of the minutes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from samverkan.meetings.models import AgendaItem, Decision, Meeting
from samverkan.organisations.models import Body, Organisation, Person
from samverkan.organisations.services import (
    membership_create,
    organisation_create,
    person_create,
    person_link_user,
)
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet, StatusUpdate
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    activity_update_status,
    plan_create,
)

pytestmark = pytest.mark.django_db
BASE = "/councils/koping/plans/"


@pytest.fixture
def english(client):
    """Messages as their msgids: the tests do not depend on the translation's wording."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def coordinator(english, users):
    english.force_login(users["coordinator"])
    return english


@pytest.fixture
def plan(council):
    promises = PromiseSet.objects.create(council=council, title="Medborgarlöften 2026", year=2026)
    for i, text in enumerate(["Kommunen lovar trygghetsvandringar.", "Polisen lovar fotpatrull."]):
        Promise.objects.create(promise_set=promises, position=i, text=text)
    return plan_create(
        actor=None, council=council, title="Plan 2026", year=2026, promise_set=promises
    )


def _org(council, name):
    return Organisation.objects.get(council=council, name=name)


@pytest.fixture
def kbab(council):
    return organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="KBAB"
    )


def _activity(plan, text, *organisations, **fields):
    return activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text=text, organisations=list(organisations), **fields),
    )


@pytest.fixture
def reporter_for_kbab(english, users, council, kbab):
    """The council's reporter, linked to a person who sits for KBAB."""
    person = person_create(actor=None, council=council, name="Peter Landin")
    person_link_user(actor=None, person=person, user=users["reporter"])
    body = Body.objects.get(council=council)
    membership_create(actor=None, body=body, person=person, role="member", organisation=kbab)
    english.force_login(users["reporter"])
    return english


# The council's plans ------------------------------------------------------------------------


def test_the_plans_page_lists_plans_and_promises_by_year(
    coordinator, plan, django_assert_num_queries
):
    plan_create(actor=None, council=plan.council, title="Plan 2025", year=2025)
    _activity(plan, "Fotpatrull")
    with django_assert_num_queries(7):
        html = coordinator.get(BASE).content.decode()
    assert html.index("2026") < html.index("2025")
    assert "Plan 2026" in html
    assert "(1 activity)" in html
    assert "Medborgarlöften 2026" in html
    assert f'href="{BASE}new/"' in html


def test_a_plan_is_created_from_the_form(coordinator, council, plan):
    response = coordinator.post(
        BASE + "new/",
        {"title": "Genomförandeplan 2027", "year": "2027", "promise_set": plan.promise_set.pk},
    )
    created = Plan.objects.get(year=2027)
    assert response.url == f"{BASE}{created.pk}/"
    assert created.promise_set == plan.promise_set


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "year": "2027"}, "This field is required."),
        ({"title": "Plan", "year": "tjugo"}, "Enter a whole number."),
        ({"title": "Plan", "year": "3000"}, "less than or equal to 2100"),
    ],
)
def test_a_bad_plan_gets_a_message_and_saves_nothing(coordinator, council, data, message):
    response = coordinator.post(BASE + "new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Plan.objects.exists()


# A plan -------------------------------------------------------------------------------------


def test_the_table_shows_each_activity_in_a_fixed_number_of_queries(
    coordinator, council, plan, django_assert_num_queries
):
    kommun = _org(council, "Köpings kommun")
    promise = plan.promise_set.promises.first()
    lead = Person.objects.get(name="Roger Eklund")
    for i in range(3):
        _activity(plan, f"Aktivitet {i}", kommun, promises=[promise], lead=lead)
    url = f"{BASE}{plan.pk}/"
    # 13: with the plan's revisions (the page says which plan revised it).
    with django_assert_num_queries(13):
        coordinator.get(url)
    for i in range(3, 12):
        _activity(plan, f"Aktivitet {i}", kommun, promises=[promise], lead=lead)
    activity = Activity.objects.get(text="Aktivitet 5")
    activity_update_status(actor=None, activity=activity, status="delayed", note="Väntar.")
    with django_assert_num_queries(13):
        html = coordinator.get(url).content.decode()
    assert "Aktivitet 11" in html
    assert "Delayed" in html
    assert "Väntar." in html
    assert "Lead: Roger Eklund" in html
    with django_assert_num_queries(13):
        assert "Aktivitet 0" in coordinator.get(url + "?view=board").content.decode()


def test_the_plan_paginates(coordinator, plan, settings):
    settings.PAGE_SIZE = 2
    for i in range(5):
        _activity(plan, f"Aktivitet {i}")
    html = coordinator.get(f"{BASE}{plan.pk}/?page=3").content.decode()
    assert "Aktivitet 4" in html
    assert "Aktivitet 0" not in html
    assert "Page 3 of 3" in html


def test_the_board_has_a_column_per_status_and_one_without(coordinator, plan):
    done = _activity(plan, "Klar aktivitet")
    activity_update_status(actor=None, activity=done, status="done")
    _activity(plan, "Ej rapporterad")
    html = coordinator.get(f"{BASE}{plan.pk}/?view=board").content.decode()
    assert 'id="column-none"' in html
    assert 'id="column-done"' in html
    assert 'id="column-stopped"' in html
    assert html.index("Ej rapporterad") < html.index('id="column-not_started"')
    assert html.index('id="column-done"') < html.index("Klar aktivitet")


def _shown(client, plan, query):
    html = client.get(f"{BASE}{plan.pk}/?{query}").content.decode()
    return {a.text for a in Activity.objects.filter(plan=plan) if f">{a.text}<" in html}


def test_the_filters_narrow_the_plan(coordinator, council, plan, kbab):
    kommun = _org(council, "Köpings kommun")
    tekniska = _org(council, "Tekniska kontoret")
    first, second = plan.promise_set.promises.all()
    _activity(plan, "Kommunens", kommun, promises=[first])
    _activity(plan, "Tekniskas", tekniska)
    both = _activity(plan, "Gemensam", kbab, kommun, promises=[first, second])
    activity_update_status(actor=None, activity=both, status="in_progress")
    _activity(plan, "Bostadsbolagets", kbab, promises=[second])
    # An organisation's activities include those of its units.
    assert _shown(coordinator, plan, f"organisation={kommun.pk}") == {
        "Kommunens",
        "Tekniskas",
        "Gemensam",
    }
    assert _shown(coordinator, plan, f"promise={second.pk}") == {"Gemensam", "Bostadsbolagets"}
    assert _shown(coordinator, plan, "status=in_progress") == {"Gemensam"}
    assert _shown(coordinator, plan, "status=none") == {"Kommunens", "Tekniskas", "Bostadsbolagets"}
    assert _shown(coordinator, plan, f"promise={first.pk}&organisation={kbab.pk}") == {"Gemensam"}
    # A filter that makes no sense is left out, not refused.
    response = coordinator.get(f"{BASE}{plan.pk}/?promise=abc&status=bogus&organisation=²")
    assert response.status_code == 200
    assert "Bostadsbolagets" in response.content.decode()


def test_overdue_and_unchanged_activities(coordinator, plan):
    today = timezone.localdate()
    past = today - dt.timedelta(days=10)
    _activity(plan, "Försenad utan status", due_on=past)
    done = _activity(plan, "Klar i tid", due_on=past)
    activity_update_status(actor=None, activity=done, status="done")
    standing = _activity(plan, "Löpande", due_on=past)
    activity_update_status(actor=None, activity=standing, status="ongoing")
    _activity(plan, "Framtida", due_on=today + dt.timedelta(days=10))
    assert _shown(coordinator, plan, "overdue=on") == {"Försenad utan status"}
    old = _activity(plan, "Bortglömd")
    activity_update_status(actor=None, activity=old, status="in_progress")
    Activity.objects.filter(pk=old.pk).update(status_on=today - dt.timedelta(days=91))
    assert _shown(coordinator, plan, "stale=on") == {"Bortglömd"}
    with override_settings(PLAN_STALE_DAYS=100):
        assert _shown(coordinator, plan, "stale=on") == set()
    with override_settings(PLAN_STALE_DAYS=0):
        Activity.objects.filter(plan=plan).update(created_at=timezone.now() - dt.timedelta(days=1))
        assert "Framtida" in _shown(coordinator, plan, "stale=on")
        assert "Klar i tid" not in _shown(coordinator, plan, "stale=on")


def test_my_organisations_activities_for_a_partner(reporter_for_kbab, council, plan, kbab):
    _activity(plan, "Kommunens", _org(council, "Köpings kommun"))
    _activity(plan, "Bostadsbolagets", kbab)
    assert _shown(reporter_for_kbab, plan, "mine=on") == {"Bostadsbolagets"}
    html = reporter_for_kbab.get(f"{BASE}{plan.pk}/").content.decode()
    # The partner may report on its own activity only.
    assert html.count("Report status") == 1


def test_my_activities_for_a_login_that_sits_for_nobody(coordinator, plan):
    _activity(plan, "Någon annans")
    html = coordinator.get(f"{BASE}{plan.pk}/?mine=on").content.decode()
    assert "is not linked to anyone who sits for an organisation" in html
    assert "Någon annans<" not in html


# Activities -------------------------------------------------------------------------------


def _activity_form(council, **changes):
    data = {
        "text": "Trygghetsvandring på Nygård",
        "organisations": [_org(council, "Köpings kommun").pk],
        "starts_on": "2026-03-01",
        "due_on": "2026-09-30",
        "cause": "Boende känner sig otrygga kvällstid.",
        "measure": "Vandring med boende, polis och fastighetsägare.",
        "goal": "Två vandringar före september.",
        "when_text": "våren 2026",
        "grade": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_an_activity_is_added_with_the_full_form(coordinator, council, plan):
    promise = plan.promise_set.promises.first()
    lead = Person.objects.get(name="Roger Eklund")
    response = coordinator.post(
        f"{BASE}{plan.pk}/activities/new/",
        _activity_form(council, promises=[promise.pk], lead=lead.pk, grade="green"),
    )
    activity = Activity.objects.get()
    assert response.url == f"{BASE}activities/{activity.pk}/"
    assert activity.due_on == dt.date(2026, 9, 30)
    assert (activity.goal, activity.when_text, activity.grade) == (
        "Två vandringar före september.",
        "våren 2026",
        "green",
    )
    assert activity.lead == lead
    assert list(activity.promises.all()) == [promise]
    html = coordinator.get(response.url).content.decode()
    for text in (
        "Boende känner sig otrygga",
        "Två vandringar",
        "2026-09-30",
    ):
        assert text in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_on": "2019-02-30"}, "Enter a valid date."),
        ({"text": ""}, "This field is required."),
        ({"text": "   "}, "This field is required."),
        ({"starts_on": "2026-10-01"}, "The end date must not be before the start date."),
        ({"organisations": ["999999"]}, "Select a valid choice."),
        ({"grade": "purple"}, "Select a valid choice."),
        ({"due_on": "0001-01-01"}, "Ensure this value is greater than or equal to"),
    ],
)
def test_a_bad_activity_gets_a_message_keeps_the_input_and_saves_nothing(
    coordinator, council, plan, changes, message
):
    response = coordinator.post(
        f"{BASE}{plan.pk}/activities/new/", _activity_form(council, **changes)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Två vandringar före september." in html
    assert not Activity.objects.exists()


def test_an_activity_is_edited_and_the_change_is_in_its_history(coordinator, council, plan):
    activity = _activity(plan, "Före", _org(council, "Köpings kommun"))
    form = coordinator.get(f"{BASE}activities/{activity.pk}/edit/").content.decode()
    assert "Före" in form
    response = coordinator.post(
        f"{BASE}activities/{activity.pk}/edit/", _activity_form(council, text="Efter")
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.text == "Efter"
    html = coordinator.get(response.url).content.decode()
    assert "History" in html
    assert "Före" in html


def test_a_promise_linked_from_the_activity_form_and_unlinked_from_the_promise_page_is_in_the_activitys_history(  # noqa: E501
    coordinator, council, plan
):
    # given an activity serving no promise
    activity = _activity(plan, "Fotpatrull i centrum", _org(council, "Köpings kommun"))
    promise = plan.promise_set.promises.get(position=1)
    # when the promise is linked from the activity's form
    coordinator.post(
        f"{BASE}activities/{activity.pk}/edit/",
        _activity_form(council, text="Fotpatrull i centrum", promises=[promise.pk]),
    )
    # then the activity's history shows the link
    html = coordinator.get(f"{BASE}activities/{activity.pk}/").content.decode()
    history = html[html.index('id="history-title"') :]
    assert "<td>–</td><td>2. Polisen lovar fotpatrull.</td>" in history
    # when it is unlinked from the promise's page
    coordinator.post(f"{BASE}promises/promise/{promise.pk}/activities/", {"activities": []})
    # then the activity's history shows the unlink as well
    assert not activity.promises.exists()
    html = coordinator.get(f"{BASE}activities/{activity.pk}/").content.decode()
    history = html[html.index('id="history-title"') :]
    assert "<td>2. Polisen lovar fotpatrull.</td><td>–</td>" in history
    assert "<td>–</td><td>2. Polisen lovar fotpatrull.</td>" in history


def test_an_activity_is_deleted(coordinator, plan):
    activity = _activity(plan, "Borttagen")
    page = coordinator.get(f"{BASE}activities/{activity.pk}/delete/")
    assert "Borttagen" in page.content.decode()
    response = coordinator.post(f"{BASE}activities/{activity.pk}/delete/")
    assert response.url == f"{BASE}{plan.pk}/"
    assert not Activity.objects.exists()


def test_another_councils_activity_is_not_found(client, users, plan, other_council):
    activity = _activity(plan, "Köpings")
    client.force_login(users["outsider"])
    assert client.get(f"/councils/arboga/plans/activities/{activity.pk}/").status_code == 404


def test_the_activity_page_shows_every_update_and_names_only_to_those_who_see_people(
    english, users, council, plan, django_assert_num_queries
):
    activity = _activity(plan, "Fotpatrull", _org(council, "Köpings kommun"))
    for status in ("not_started", "in_progress", "delayed"):
        activity_update_status(
            actor=users["coordinator"], activity=activity, status=status, note=f"Not {status}"
        )
    english.force_login(users["viewer"])
    url = f"{BASE}activities/{activity.pk}/"
    # 14: with the indicators (none here, so their outcomes are not read) and the lägesbild's
    # problems the measure answers.
    with django_assert_num_queries(14):
        html = english.get(url).content.decode()
    assert all(f"Not {s}" in html for s in ("not_started", "in_progress", "delayed"))
    assert "by coordinator" in html
    english.force_login(users["reporter"])
    html = english.get(url).content.decode()
    assert "Not delayed" in html
    assert "coordinator" not in html
    assert "History" not in html


# Status updates -----------------------------------------------------------------------------


def test_a_partner_reports_the_status_of_its_own_activity(reporter_for_kbab, plan, kbab):
    activity = _activity(plan, "Boinflytande", kbab)
    url = f"{BASE}activities/{activity.pk}/status/"
    assert reporter_for_kbab.get(url).status_code == 200
    response = reporter_for_kbab.post(
        url,
        {"status": "in_progress", "note": "Första mötet hölls.", "figure_label": "", "figure": ""},
    )
    assert response.url == f"{BASE}{plan.pk}/"
    activity.refresh_from_db()
    assert (activity.status, activity.status_note) == ("in_progress", "Första mötet hölls.")
    html = reporter_for_kbab.get(response.url).content.decode()
    assert "Första mötet hölls." in html
    assert "The status was reported." in html


def test_after_reporting_the_partner_is_back_on_the_filtered_list(
    reporter_for_kbab, council, plan, kbab
):
    # given: the partner reads its organisation's activities on the board
    _activity(plan, "Kommunens", _org(council, "Köpings kommun"))
    activity = _activity(plan, "Boinflytande", kbab)
    html = reporter_for_kbab.get(f"{BASE}{plan.pk}/?mine=on&view=board").content.decode()
    link = f"{BASE}activities/{activity.pk}/status/?mine=on&amp;view=board"
    assert link in html
    # when: it reports from there
    response = reporter_for_kbab.post(
        link.replace("&amp;", "&"),
        {"status": "in_progress", "note": "Klart snart.", "figure_label": "", "figure": ""},
    )
    # then: back on the same filter and view; an address elsewhere is not followed
    assert response.url == f"{BASE}{plan.pk}/?mine=on&view=board"
    response = reporter_for_kbab.post(
        f"{BASE}activities/{activity.pk}/status/?next=https://evil.example&mine=on",
        {"status": "in_progress", "note": "", "figure_label": "", "figure": ""},
    )
    assert response.url == f"{BASE}{plan.pk}/?mine=on"


def test_a_new_overdue_activity_is_not_called_delayed_beside_no_status(client, users, plan):
    # given: an activity without a status, its due date passed
    client.force_login(users["coordinator"])
    _activity(plan, "Ny och sen", due_on=timezone.localdate() - dt.timedelta(days=3))
    for view in ("", "?view=board"):
        # when: the plan is read in Swedish
        html = client.get(f"{BASE}{plan.pk}/{view}").content.decode()
        row = html[html.index("Ny och sen") : html.index("Rapportera status")]
        # then: "försenad" is a status of its own; the date passed says so in other words
        assert "försenad" not in row.lower()
        assert "slutdatum passerat" in row


def test_a_partner_may_not_report_on_another_organisations_activity(
    reporter_for_kbab, council, plan
):
    activity = _activity(plan, "Kommunens", _org(council, "Köpings kommun"))
    url = f"{BASE}activities/{activity.pk}/status/"
    assert reporter_for_kbab.get(url).status_code == 403
    assert reporter_for_kbab.post(url, {"status": "done"}).status_code == 403
    assert not StatusUpdate.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "finished"}, "Select a valid choice."),
        ({"status": ""}, "This field is required."),
        ({"status": "done", "figure": "12"}, "Say what was counted."),
        (
            {"status": "done", "figure_label": "kontroller", "figure": "tolv"},
            "Enter a whole number.",
        ),
    ],
)
def test_a_bad_status_update_gets_a_message_and_saves_nothing(coordinator, plan, data, message):
    activity = _activity(plan, "Kameror")
    response = coordinator.post(
        f"{BASE}activities/{activity.pk}/status/", {"note": "Behåll", **data}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Behåll" in html
    assert not StatusUpdate.objects.exists()
    activity.refresh_from_db()
    assert activity.status == ""


# From a decision --------------------------------------------------------------------------


@pytest.fixture
def decision(council):
    meeting = Meeting.objects.create(
        body=Body.objects.get(council=council), date=dt.date(2026, 5, 24), status="held"
    )
    item = AgendaItem.objects.create(meeting=meeting, number=9, title="Nygård")
    return Decision.objects.create(
        item=item, text="Rådet beslutar att genomföra en trygghetsvandring.", kind="other"
    )


def test_an_activity_is_made_from_a_decision_in_the_plan_of_its_year(
    coordinator, council, plan, decision
):
    plan_create(actor=None, council=council, title="Plan 2025", year=2025)
    url = f"{BASE}from-decision/{decision.pk}/"
    form = coordinator.get(url).content.decode()
    assert "Rådet beslutar att genomföra en trygghetsvandring." in form
    assert f'<option value="{plan.pk}" selected>' in form
    response = coordinator.post(
        url, {"plan": plan.pk, "text": "Trygghetsvandring", "due_on": "2026-09-01"}
    )
    activity = Activity.objects.get()
    assert response.url == f"{BASE}activities/{activity.pk}/"
    assert (activity.plan, activity.decision) == (plan, decision)
    second = _activity(plan, "Uppföljande vandring")
    second.decision = decision
    second.save()
    html = coordinator.get(response.url).content.decode()
    assert "Activities from this decision" in html
    assert "Uppföljande vandring" in html
    assert f"/councils/koping/meetings/{decision.item.meeting.pk}/" in html


def test_an_activity_from_a_decision_needs_a_plan_and_a_text(coordinator, plan, decision):
    response = coordinator.post(f"{BASE}from-decision/{decision.pk}/", {"plan": "", "text": ""})
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_a_decision_of_another_council_is_not_found(client, users, plan, decision, other_council):
    client.force_login(users["outsider"])
    assert client.get(f"/councils/arboga/plans/from-decision/{decision.pk}/").status_code == 404


# What is not for publication ----------------------------------------------------------------


def test_an_activity_from_a_decision_not_for_publication_is_masked_for_a_partner(
    coordinator, english, users, council, plan, decision
):
    # given: the decision's item is not for publication, and the coordinator keeps the text
    # the form offers
    AgendaItem.objects.filter(pk=decision.item_id).update(not_for_publication=True)
    url = f"{BASE}from-decision/{decision.pk}/"
    form = coordinator.get(url).content.decode()
    assert re.search(r'<input[^>]*name="not_for_publication"[^>]*checked', form)
    # when: the box is cleared, as a hurried coordinator might
    response = coordinator.post(url, {"plan": plan.pk, "text": decision.text})
    # then: the activity is not for publication all the same, and says so to its readers
    activity = Activity.objects.get()
    assert activity.not_for_publication
    page = coordinator.get(response.url).content.decode()
    assert decision.text in page
    assert "not for publication" in page
    # and the housing company's reporter reads neither the activity nor the decision
    english.force_login(users["reporter"])
    page = english.get(response.url).content.decode()
    assert "genomföra en trygghetsvandring" not in page
    assert "The activity is not for publication." in page
    plan_page = english.get(f"{BASE}{plan.pk}/").content.decode()
    assert "genomföra en trygghetsvandring" not in plan_page


def test_the_coordinator_lifts_the_mark_and_the_change_is_audited(
    coordinator, english, users, plan
):
    activity = _activity(plan, "Kameror vid Gläntan", not_for_publication=True)
    response = coordinator.post(
        f"{BASE}activities/{activity.pk}/edit/", {"text": "Kameror vid Gläntan"}
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert not activity.not_for_publication
    english.force_login(users["reporter"])
    assert "Kameror vid Gläntan" in english.get(f"{BASE}activities/{activity.pk}/").content.decode()
    english.force_login(users["viewer"])
    history = english.get(f"{BASE}activities/{activity.pk}/").content.decode()
    assert "not for publication" in history


def test_internal_notes_are_not_on_the_activity_page_for_a_partner(english, users, plan):
    # given
    activity = _activity(plan, "Fotpatrull")
    activity_update_status(
        actor=users["coordinator"], activity=activity, status="in_progress", note="Bokad."
    )
    activity_update_status(
        actor=users["coordinator"],
        activity=activity,
        status="in_progress",
        note="Väktaren Nils Nilsson följer med.",
        internal=True,
    )
    url = f"{BASE}activities/{activity.pk}/"
    # when / then: the reporter reads the public note only, as in the status report
    english.force_login(users["reporter"])
    html = english.get(url).content.decode()
    assert "Bokad." in html
    assert "Nils Nilsson" not in html
    # and those who read restricted content read it
    english.force_login(users["member"])
    assert "Nils Nilsson" in english.get(url).content.decode()
