"""Writes for the implementation plan: plans, activities and status updates."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Organisation
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet, StatusUpdate
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    activity_delete,
    activity_update,
    activity_update_status,
    plan_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(council):
    promises = PromiseSet.objects.create(council=council, title="Medborgarlöften 2026", year=2026)
    Promise.objects.create(promise_set=promises, position=0, text="Polisen lovar fotpatrull.")
    return plan_create(
        actor=None, council=council, title="Plan 2026", year=2026, promise_set=promises
    )


@pytest.fixture
def kommun(council):
    return Organisation.objects.get(council=council, name="Köpings kommun")


def test_it_creates_a_plan_and_records_it(council, users):
    plan = plan_create(
        actor=users["coordinator"], council=council, title="  Plan  2027 ", year=2027
    )
    assert (plan.title, plan.year) == ("Plan 2027", 2027)
    event = AuditEvent.objects.get(model="plans.Plan", object_id=str(plan.pk))
    assert event.actor == users["coordinator"]


@pytest.mark.parametrize(("title", "year", "field"), [("", 2026, "title"), ("Plan", 1066, "year")])
def test_it_refuses_a_plan_without_title_or_with_an_odd_year(council, title, year, field):
    with pytest.raises(ServiceError) as refusal:
        plan_create(actor=None, council=council, title=title, year=year)
    assert refusal.value.field == field
    assert not Plan.objects.exists()


def test_it_refuses_promises_of_another_council(council, other_council):
    theirs = PromiseSet.objects.create(council=other_council, title="Arboga 2026")
    with pytest.raises(ServiceError):
        plan_create(actor=None, council=council, title="Plan", year=2026, promise_set=theirs)


def test_activities_come_last_in_the_plan_with_their_organisations_and_promises(plan, kommun):
    promise = plan.promise_set.promises.get()
    first = activity_create(actor=None, plan=plan, fields=ActivityFields(text="Första"))
    second = activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(
            text=" Trygghetsvandring ",
            organisations=[kommun],
            promises=[promise],
            due_on=dt.date(2026, 10, 1),
            cause="Otrygghet i centrum",
            goal="Tre vandringar före oktober",
            grade="yellow",
        ),
    )
    assert second.position == first.position + 1
    assert second.text == "Trygghetsvandring"
    assert list(second.organisations.all()) == [kommun]
    assert list(second.promises.all()) == [promise]
    # Without a responsible text, the organisations' names stand for it.
    assert second.responsible_text == "Köpings kommun"
    assert AuditEvent.objects.filter(model="plans.Activity", object_id=str(second.pk)).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (ActivityFields(text="   "), "text"),
        (
            ActivityFields(text="A", starts_on=dt.date(2026, 5, 1), due_on=dt.date(2026, 4, 1)),
            "due_on",
        ),
        (ActivityFields(text="A", grade="purple"), "grade"),
    ],
)
def test_it_refuses_an_activity_that_cannot_be_kept(plan, fields, field):
    with pytest.raises(ServiceError) as refusal:
        activity_create(actor=None, plan=plan, fields=fields)
    assert refusal.value.field == field
    assert not Activity.objects.exists()


def test_it_refuses_another_councils_organisation_or_promise(plan, other_council):
    theirs = Organisation.objects.get(council=other_council)
    with pytest.raises(ServiceError) as refusal:
        activity_create(
            actor=None, plan=plan, fields=ActivityFields(text="A", organisations=[theirs])
        )
    assert refusal.value.field == "organisations"
    other_set = PromiseSet.objects.create(council=plan.council, title="Andra löften")
    stray = Promise.objects.create(promise_set=other_set, text="Annat löfte")
    with pytest.raises(ServiceError) as refusal:
        activity_create(actor=None, plan=plan, fields=ActivityFields(text="A", promises=[stray]))
    assert refusal.value.field == "promises"
    assert not Activity.objects.exists()


def test_an_edit_is_recorded_with_its_changed_fields(plan, users):
    activity = activity_create(actor=None, plan=plan, fields=ActivityFields(text="Före"))
    activity_update(
        actor=users["secretary"],
        activity=activity,
        fields=ActivityFields(text="Efter", when_text="hösten 2026"),
    )
    event = AuditEvent.objects.get(model="plans.Activity", action="update")
    assert event.changes["text"] == ["Före", "Efter"]
    assert event.changes["when_text"] == ["", "hösten 2026"]


def test_a_status_update_is_kept_and_shown_on_the_activity(plan, users):
    activity = activity_create(actor=None, plan=plan, fields=ActivityFields(text="Fotpatrull"))
    update = activity_update_status(
        actor=users["coordinator"],
        activity=activity,
        status="in_progress",
        note="Två kvällar i veckan.",
        figure_label="kvällar",
        figure=8,
    )
    activity.refresh_from_db()
    assert (activity.status, activity.status_note) == ("in_progress", "Två kvällar i veckan.")
    assert activity.status_on is not None
    assert (update.author, update.figure) == (users["coordinator"], 8)
    assert AuditEvent.objects.filter(model="plans.StatusUpdate").count() == 1
    assert AuditEvent.objects.get(model="plans.Activity", action="update").changes["status"] == [
        "",
        "in_progress",
    ]


def test_an_internal_note_stays_in_the_history_only(plan):
    activity = activity_create(actor=None, plan=plan, fields=ActivityFields(text="Kameror"))
    activity_update_status(actor=None, activity=activity, status="in_progress", note="Beställt.")
    activity_update_status(
        actor=None, activity=activity, status="delayed", note="Leverantören sen.", internal=True
    )
    activity.refresh_from_db()
    assert (activity.status, activity.status_note) == ("delayed", "Beställt.")
    assert StatusUpdate.objects.filter(activity=activity).count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": "finished-ish"}, "status"),
        ({"figure": 3}, "figure_label"),
        ({"figure_label": "kontroller"}, "figure"),
        ({"figure_label": "kontroller", "figure": 10**12}, "figure"),
    ],
)
def test_a_bad_status_update_saves_nothing(plan, changes, field):
    activity = activity_create(actor=None, plan=plan, fields=ActivityFields(text="Kameror"))
    with pytest.raises(ServiceError) as refusal:
        activity_update_status(actor=None, activity=activity, **{"status": "done", **changes})
    assert refusal.value.field == field
    activity.refresh_from_db()
    assert activity.status == ""
    assert not StatusUpdate.objects.exists()


def test_a_deleted_activity_leaves_its_trace_in_the_history(plan, users):
    activity = activity_create(actor=None, plan=plan, fields=ActivityFields(text="Borttagen"))
    activity_update_status(actor=None, activity=activity, status="stopped")
    pk = activity.pk
    activity_delete(actor=users["coordinator"], activity=activity)
    assert not Activity.objects.filter(pk=pk).exists()
    assert not StatusUpdate.objects.exists()
    event = AuditEvent.objects.get(model="plans.Activity", action="delete")
    assert event.changes["text"] == ["Borttagen", None]


def test_each_responsible_organisation_and_promise_made_or_removed_is_recorded(
    plan, kommun, council
):
    tekniska = Organisation.objects.get(council=council, name="Tekniska kontoret")
    promise = plan.promise_set.promises.get()
    activity = activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(text="A", organisations=[kommun], promises=[promise]),
    )
    activity_update(
        actor=None, activity=activity, fields=ActivityFields(text="A", organisations=[tekniska])
    )
    assert list(activity.organisations.all()) == [tekniska]
    assert not activity.promises.exists()
    links = AuditEvent.objects.filter(model="plans.Activity_organisations")
    assert [(e.action, e.changes["organisation"]) for e in links.order_by("id")] == [
        ("create", [None, "Köpings kommun"]),
        ("delete", ["Köpings kommun", None]),
        ("create", [None, "Tekniska kontoret"]),
    ]
    promise_changes = AuditEvent.objects.filter(
        model="plans.Activity", object_id=str(activity.pk), changes__has_key="promises"
    )
    label = "1. Polisen lovar fotpatrull."
    assert [e.changes["promises"] for e in promise_changes.order_by("id")] == [
        [None, label],
        [label, None],
    ]
