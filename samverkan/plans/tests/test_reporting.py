"""Reporters: the start page's "Your activities to report", and one e-mail reminder to report
before a meeting of the body that decided the plan (the daily job remind-reporters)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings

from samverkan.accounts.services import mail_choices_change
from samverkan.core.models import MailSending
from samverkan.meetings.models import AgendaItem, Decision, Meeting
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import membership_create, person_create, person_link_user
from samverkan.plans.jobs import remind_reporters
from samverkan.plans.services.activities import ActivityFields, activity_create, plan_create
from samverkan.plans.services.reporting import report_reminders_send

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def kommun(council):
    return Organisation.objects.get(council=council, name="Köpings kommun")


@pytest.fixture
def reporter(users, council, kommun):
    """The council's reporter, sitting for the municipality."""
    person = person_create(actor=None, council=council, name="Rut Rapport")
    membership_create(
        actor=None,
        body=Body.objects.get(council=council),
        person=person,
        role="member",
        organisation=kommun,
    )
    user = users["reporter"]
    user.email = "rut@example.se"
    user.save(update_fields=["email"])
    person_link_user(actor=None, person=person, user=user)
    return user


@pytest.fixture
def plan(council, kommun):
    body = Body.objects.get(council=council)
    adopted = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), status="held")
    item = AgendaItem.objects.create(meeting=adopted, number=4, title="Åtgärdsplan")
    decision = Decision.objects.create(item=item, text="Rådet antar planen.", kind="decided")
    plan = plan_create(
        actor=None,
        council=council,
        title="Åtgärdsplan 2027–2030",
        year=2027,
        end_year=2030,
        decision=decision,
    )
    for text in ("Belysning i Gläntan", "Trygghetsvärdar"):
        activity_create(
            actor=None, plan=plan, fields=ActivityFields(text=text, organisations=[kommun])
        )
    activity_create(actor=None, plan=plan, fields=ActivityFields(text="Polisens egen"))
    return plan


@pytest.fixture
def next_meeting(council, plan):
    return Meeting.objects.create(
        body=Body.objects.get(council=council), date=TODAY + dt.timedelta(days=5)
    )


def test_a_reporter_is_reminded_once_before_the_plans_body_meets(reporter, next_meeting):
    # when the daily job runs twice
    first = report_reminders_send(today=TODAY)
    second = report_reminders_send(today=TODAY)
    # then one mail went, naming the reporter's measures and not another's
    assert (first.queued, second.queued) == (1, 0)
    mail = MailSending.objects.get(kind="plan_report_reminder")
    assert mail.recipient == reporter
    assert mail.address == "rut@example.se"
    assert "Belysning i Gläntan" in mail.body
    assert "Trygghetsvärdar" in mail.body
    assert "Polisens egen" not in mail.body
    assert "/councils/koping/plans/activities/" in mail.body
    assert next_meeting.date.isoformat() in mail.subject


def test_no_reminder_too_early_or_for_another_bodys_meeting(council, reporter, next_meeting):
    assert report_reminders_send(today=TODAY - dt.timedelta(days=10)).queued == 0
    other = Body.objects.create(council=council, name="Arbetsgruppen", kind="working_group")
    Meeting.objects.create(body=other, date=TODAY + dt.timedelta(days=3))
    next_meeting.delete()
    assert report_reminders_send(today=TODAY).queued == 0


def test_a_reporter_who_said_no_gets_no_reminder(reporter, next_meeting):
    mail_choices_change(
        actor=reporter,
        user=reporter,
        minutes_approval=True,
        moderation="at_once",
        report_reminders=False,
    )
    assert report_reminders_send(today=TODAY).queued == 0
    assert not MailSending.objects.exists()


def test_the_daily_job_is_registered_and_says_what_it_did(reporter, next_meeting):
    now = dt.datetime(2027, 3, 1, 6, 0, tzinfo=dt.UTC)
    assert remind_reporters(now) == "1 reminders to report before 1 meetings"


def _start_page(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get("/councils/koping/").content.decode()


def test_the_start_page_lists_the_reporters_activities(client, reporter, plan, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    client.force_login(reporter)
    html = _start_page(client)
    assert "Your activities to report" in html
    assert "Belysning i Gläntan" in html
    assert "Polisens egen" not in html
    assert f"/plans/activities/{plan.activities.get(text='Trygghetsvärdar').pk}/status/" in html


def test_the_start_page_has_no_list_for_one_who_reports_on_nothing(client, users, plan):
    client.force_login(users["coordinator"])
    assert "Your activities to report" not in _start_page(client)


def test_the_start_page_takes_a_fixed_number_of_queries(
    client, reporter, plan, kommun, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    client.force_login(reporter)
    _start_page(client)
    with django_assert_num_queries(9) as first:
        _start_page(client)
    for n in range(12):
        activity_create(
            actor=None, plan=plan, fields=ActivityFields(text=f"Åtgärd {n}", organisations=[kommun])
        )
    with django_assert_num_queries(len(first)):
        html = _start_page(client)
    assert "More in the plans" in html


def test_erasing_a_reporter_removes_their_internal_outcome_notes(reporter, council, plan):
    from decimal import Decimal

    from samverkan.core.models import AuditEvent
    from samverkan.organisations.models import Person
    from samverkan.organisations.personal_data import person_erase, personal_data_sections
    from samverkan.plans.models import IndicatorOutcome
    from samverkan.plans.services.indicators import (
        IndicatorFields,
        indicator_create,
        indicator_outcome_record,
    )

    # given an outcome the reporter recorded with an internal note
    activity = plan.activities.get(text="Trygghetsvärdar")
    indicator = indicator_create(actor=None, activity=activity, fields=IndicatorFields(name="Rån"))
    outcome = indicator_outcome_record(
        actor=reporter,
        indicator=indicator,
        year=2027,
        period="t1",
        value=Decimal(4),
        note="Väktaren Nils såg två.",
        internal=True,
    )
    person = Person.objects.get(user=reporter)
    sections = {s.key: s for s in personal_data_sections(person=person, council=council)}
    assert sections["indicator_outcomes"].rows[0]["note"] == "Väktaren Nils såg två."
    # when
    person_erase(actor=None, person=person, council=council)
    # then the value stays, the note is gone, from the trail too
    outcome = IndicatorOutcome.objects.get(pk=outcome.pk)
    assert outcome.value == 4
    assert outcome.note == ""
    trail = AuditEvent.objects.filter(model="plans.IndicatorOutcome", object_id=str(outcome.pk))
    assert not any("Nils" in str(e.changes) for e in trail)
