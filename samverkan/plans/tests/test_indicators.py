"""The åtgärdsplan: a plan over one to four years adopted by a decision, measures with a target
group, resources and indicators, outcomes per tertial or year with every change kept, and the
follow-up of a period showing each indicator's goal beside its outcome."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.meetings.models import AgendaItem, Decision, Meeting
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import membership_create, person_create, person_link_user
from samverkan.organisations.tests.document_jobs import document_response
from samverkan.plans.models import Activity, Indicator, IndicatorOutcome, Plan
from samverkan.plans.selectors.indicators import indicator_goals, indicators_of
from samverkan.plans.services.activities import (
    ActivityFields,
    activity_create,
    plan_create,
    plan_update,
)
from samverkan.plans.services.follow_up import follow_up_report
from samverkan.plans.services.indicators import (
    IndicatorFields,
    indicator_create,
    indicator_outcome_record,
    indicator_update,
)

pytestmark = pytest.mark.django_db
BASE = "/councils/koping/plans/"


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def coordinator(english, users):
    english.force_login(users["coordinator"])
    return english


@pytest.fixture
def plan(council):
    return plan_create(
        actor=None, council=council, title="Åtgärdsplan 2027–2030", year=2027, end_year=2030
    )


@pytest.fixture
def kommun(council):
    return Organisation.objects.get(council=council, name="Köpings kommun")


@pytest.fixture
def measure(plan, kommun):
    return activity_create(
        actor=None,
        plan=plan,
        fields=ActivityFields(
            text="Belysning i Gläntan",
            organisations=[kommun],
            target_group="public_place",
            resource_hours=120,
            resource_kronor=50000,
        ),
    )


@pytest.fixture
def indicator(measure):
    return indicator_create(
        actor=None,
        activity=measure,
        fields=IndicatorFields(
            name="Anmälda inbrott i Gläntan",
            unit="st",
            baseline_value=Decimal(40),
            baseline_year=2026,
            target_value=Decimal(25),
            target_year=2030,
        ),
    )


@pytest.fixture
def decision(council):
    body = Body.objects.get(council=council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), place="Rådhuset")
    item = AgendaItem.objects.create(meeting=meeting, number=4, title="Åtgärdsplan 2027–2030")
    return Decision.objects.create(item=item, text="Rådet antar åtgärdsplanen.", kind="decided")


# The plan ------------------------------------------------------------------------------------


def test_a_plan_runs_one_to_four_years(council):
    plan = plan_create(actor=None, council=council, title="Plan", year=2027, end_year=2030)
    assert plan.period_label == "2027–2030"
    assert list(plan.years) == [2027, 2028, 2029, 2030]
    one = plan_create(actor=None, council=council, title="Ett år", year=2027)
    assert one.end_year == 2027
    assert one.period_label == "2027"
    for end_year in (2026, 2031):
        with pytest.raises(ServiceError) as error:
            plan_create(actor=None, council=council, title="Plan", year=2027, end_year=end_year)
        assert error.value.field == "end_year"


def test_a_plan_made_before_end_years_reads_as_one_year(council):
    old = Plan.objects.create(council=council, title="Genomförandeplan 2018", year=2018)
    assert old.last_year == 2018
    assert old.period_label == "2018"


def test_the_plan_records_the_decision_that_adopted_it(council, plan, decision, other_council):
    plan_update(
        actor=None, plan=plan, title=plan.title, year=2027, end_year=2030, decision=decision
    )
    plan.refresh_from_db()
    assert plan.decision == decision
    event = AuditEvent.objects.filter(model="plans.Plan", object_id=str(plan.pk)).first()
    assert event is not None
    assert "decision" in event.changes
    foreign = Meeting.objects.create(
        body=Body.objects.create(council=other_council, name="Rådet", kind="council"),
        date=dt.date(2026, 1, 1),
    )
    item = AgendaItem.objects.create(meeting=foreign, number=1, title="Annat")
    elsewhere = Decision.objects.create(item=item, text="Annat råd.", kind="decided")
    with pytest.raises(ServiceError):
        plan_update(actor=None, plan=plan, title="X", year=2027, decision=elsewhere)


def test_the_coordinator_builds_a_plan_over_the_mandate_period(coordinator, council, decision):
    response = coordinator.post(
        f"{BASE}new/",
        {"title": "Åtgärdsplan", "year": "2027", "end_year": "2030", "decision": decision.pk},
    )
    assert response.status_code == 302
    plan = Plan.objects.get(title="Åtgärdsplan")
    assert (plan.year, plan.end_year, plan.decision) == (2027, 2030, decision)
    html = coordinator.get(response.url).content.decode()
    assert "2027–2030" in html
    assert "§ 4" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_year": "2031"}, "A plan runs one to four years"),
        ({"end_year": "2026"}, "A plan runs one to four years"),
        ({"end_year": "tjugo"}, "Enter a whole number."),
        ({"decision": "999999"}, "Select a valid choice."),
    ],
)
def test_a_bad_plan_gets_a_message_keeps_the_input_and_saves_nothing(
    coordinator, council, changes, message
):
    data = {"title": "Min åtgärdsplan", "year": "2027", **changes}
    response = coordinator.post(f"{BASE}new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Min åtgärdsplan" in html
    assert not Plan.objects.exists()


def test_a_plan_of_another_council_cannot_adopt_its_decisions(
    coordinator, plan, other_council, council
):
    foreign = Meeting.objects.create(
        body=Body.objects.create(council=other_council, name="Rådet", kind="council"),
        date=dt.date(2026, 1, 1),
    )
    item = AgendaItem.objects.create(meeting=foreign, number=1, title="Annat")
    elsewhere = Decision.objects.create(item=item, text="Annat råd.", kind="decided")
    response = coordinator.post(
        f"{BASE}{plan.pk}/edit/",
        {"title": "Åtgärdsplan", "year": "2027", "end_year": "2030", "decision": elsewhere.pk},
    )
    assert response.status_code == 400
    assert Plan.objects.get(pk=plan.pk).decision is None


# Measures and indicators ---------------------------------------------------------------------


def test_a_measure_has_a_target_group_and_resources(coordinator, measure):
    html = coordinator.get(f"{BASE}activities/{measure.pk}/").content.decode()
    assert "A public place" in html
    assert "120 hours" in html
    assert "50000 kr" in html


def test_a_bad_resource_is_refused(coordinator, council, plan, kommun):
    response = coordinator.post(
        f"{BASE}{plan.pk}/activities/new/",
        {"text": "Väktare", "resource_hours": "-3", "target_group": "martians"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 0." in html
    assert "Select a valid choice." in html
    assert "Väktare" in html
    assert not Activity.objects.filter(text="Väktare").exists()


def test_an_indicator_is_added_and_edited_through_the_form(coordinator, measure):
    url = f"{BASE}activities/{measure.pk}/indicators/new/"
    response = coordinator.post(
        url,
        {
            "name": "Andel trygga",
            "unit": "%",
            "baseline_value": "61.5",
            "baseline_year": "2026",
            "target_value": "70",
            "target_year": "2030",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(name="Andel trygga")
    assert indicator.baseline_value == Decimal("61.5")
    response = coordinator.post(
        f"{BASE}indicators/{indicator.pk}/edit/",
        {"name": "Andel trygga i Gläntan", "target_value": "72", "target_year": "2030"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Andel trygga i Gläntan"
    assert indicator.baseline_value is None
    assert AuditEvent.objects.filter(model="plans.Indicator").count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "X", "baseline_value": "40"}, "Give the year the value is for."),
        ({"name": "X", "target_value": "tio", "target_year": "2030"}, "Enter a number."),
        ({"name": "X", "baseline_year": "1200"}, "Ensure this value is greater than or equal to"),
        (
            {"name": "X", "baseline_year": "2030", "target_year": "2027"},
            "The target&#x27;s year must not be before the baseline&#x27;s.",
        ),
    ],
)
def test_a_bad_indicator_gets_a_message_and_saves_nothing(coordinator, measure, data, message):
    response = coordinator.post(
        f"{BASE}activities/{measure.pk}/indicators/new/", {"unit": "st", **data}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Indicator.objects.exists()


def test_an_outcome_per_tertial_keeps_every_change(users, indicator):
    first = indicator_outcome_record(
        actor=users["coordinator"], indicator=indicator, year=2027, period="t1", value=Decimal(38)
    )
    second = indicator_outcome_record(
        actor=users["coordinator"],
        indicator=indicator,
        year=2027,
        period="t1",
        value=Decimal(36),
        note="Rättat efter polisens siffror.",
    )
    [row] = indicators_of(indicator.activity, public=False)
    assert row.current == [second]
    assert row.earlier == [first]
    assert IndicatorOutcome.objects.count() == 2
    assert second.author == users["coordinator"]


def test_an_outcome_must_be_of_the_plans_years_and_a_known_period(indicator):
    with pytest.raises(ServiceError) as error:
        indicator_outcome_record(
            actor=None, indicator=indicator, year=2031, period="t1", value=Decimal(1)
        )
    assert error.value.field == "year"
    with pytest.raises(ServiceError) as error:
        indicator_outcome_record(
            actor=None, indicator=indicator, year=2027, period="t4", value=Decimal(1)
        )
    assert error.value.field == "period"
    assert not IndicatorOutcome.objects.exists()


def test_the_page_shows_baseline_target_and_outcomes(coordinator, indicator):
    # given
    url = f"{BASE}indicators/{indicator.pk}/outcome/"
    # when
    response = coordinator.post(
        url, {"year": "2027", "period": "t1", "value": "33", "note": "Färre än väntat."}
    )
    # then
    assert response.status_code == 302
    html = coordinator.get(response.url).content.decode()
    assert "Anmälda inbrott i Gläntan" in html
    assert "<strong>40</strong> (2026)" in html
    assert "<strong>25</strong> (2030)" in html
    assert "2027 T1 (January–April)" in html
    assert "Färre än väntat." in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2031", "period": "t1", "value": "3"}, "Select a valid choice."),
        ({"year": "2027", "period": "t9", "value": "3"}, "Select a valid choice."),
        ({"year": "2027", "period": "t1", "value": "många"}, "Enter a number."),
        ({"year": "2027", "period": "t1", "value": ""}, "This field is required."),
    ],
)
def test_a_bad_outcome_gets_a_message_keeps_the_note_and_saves_nothing(
    coordinator, indicator, data, message
):
    response = coordinator.post(
        f"{BASE}indicators/{indicator.pk}/outcome/", {"note": "Min anteckning", **data}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Min anteckning" in html
    assert not IndicatorOutcome.objects.exists()


def test_a_member_of_the_responsible_organisation_records_an_outcome(
    english, users, council, indicator, kommun
):
    # given the reporter sits for the municipality, which is responsible for the measure
    person = person_create(actor=None, council=council, name="Rut Rapport")
    membership_create(
        actor=None,
        body=Body.objects.get(council=council),
        person=person,
        role="member",
        organisation=kommun,
    )
    person_link_user(actor=None, person=person, user=users["reporter"])
    english.force_login(users["reporter"])
    url = f"{BASE}indicators/{indicator.pk}/outcome/"
    # when
    response = english.post(url, {"year": "2028", "period": "year", "value": "30"})
    # then
    assert response.status_code == 302
    assert IndicatorOutcome.objects.get().author == users["reporter"]
    # but the indicator itself is the coordinator's to change
    assert english.get(f"{BASE}indicators/{indicator.pk}/edit/").status_code == 403


def test_a_reporter_of_no_responsible_organisation_may_not_record(english, users, indicator):
    english.force_login(users["reporter"])
    url = f"{BASE}indicators/{indicator.pk}/outcome/"
    assert english.get(url).status_code == 403
    assert english.post(url, {"year": "2027", "period": "t1", "value": "3"}).status_code == 403
    assert not IndicatorOutcome.objects.exists()


def test_an_indicator_of_another_council_is_not_found(client, other_council, indicator):
    from conftest import make_user

    outsider = make_user("arbogasamordnare", other_council, "coordinator")
    client.force_login(outsider)
    assert client.get(f"/councils/arboga/plans/indicators/{indicator.pk}/edit/").status_code == 404


def test_an_internal_note_is_not_shown_to_those_who_may_not_read_it(
    english, users, indicator, coordinator
):
    indicator_outcome_record(
        actor=None,
        indicator=indicator,
        year=2027,
        period="t1",
        value=Decimal(30),
        note="Nils på Gläntan 3 anmälde två.",
        internal=True,
    )
    url = f"{BASE}activities/{indicator.activity_id}/"
    assert "Nils på Gläntan" in coordinator.get(url).content.decode()
    english.force_login(users["viewer"])
    html = english.get(url).content.decode()
    assert "Nils på Gläntan" not in html
    assert "30" in html


def test_the_indicators_take_a_fixed_number_of_queries(indicator, django_assert_num_queries):
    for n in range(3):
        other = indicator_create(
            actor=None, activity=indicator.activity, fields=IndicatorFields(name=f"I{n}")
        )
        for period in ("t1", "t2", "t3"):
            indicator_outcome_record(
                actor=None, indicator=other, year=2027, period=period, value=Decimal(n)
            )
    with django_assert_num_queries(2):
        rows = indicators_of(indicator.activity, public=False)
    assert [len(r.current) for r in rows] == [0, 3, 3, 3]
    with django_assert_num_queries(2):
        goals = indicator_goals(indicator.activity.plan, year=2027, period="t2", with_internal=True)
    assert [g.outcome.value if g.outcome else None for g in goals[indicator.activity_id]] == [
        None,
        0,
        1,
        2,
    ]


def test_an_indicators_change_is_audited(indicator):
    indicator_update(
        actor=None, indicator=indicator, fields=IndicatorFields(name="Inbrott", unit="st")
    )
    event = AuditEvent.objects.filter(model="plans.Indicator").first()
    assert event is not None
    assert event.changes["name"] == ["Anmälda inbrott i Gläntan", "Inbrott"]


# The follow-up of a period -------------------------------------------------------------------


def test_the_follow_up_shows_the_goal_beside_the_tertials_outcome(coordinator, indicator):
    indicator_outcome_record(
        actor=None, indicator=indicator, year=2027, period="t1", value=Decimal(33)
    )
    indicator_outcome_record(
        actor=None, indicator=indicator, year=2027, period="t2", value=Decimal(29)
    )
    plan = indicator.activity.plan
    report = follow_up_report(plan, with_internal=True, year=2027, period="t1")
    [goal] = report.activities[0].indicators
    assert goal.outcome is not None
    assert goal.outcome.value == Decimal(33)
    html = coordinator.get(f"{BASE}{plan.pk}/follow-up/?year=2027&period=t2").content.decode()
    assert "2027 T2 (May–August)" in html
    assert "29 st" in html
    assert "33 st" not in html
    # the indicators are in the page once, and the window's title is the plan's alone
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Indicators" not in title
    assert html.count('id="indicators-title"') == 1


def test_a_period_that_is_not_the_plans_shows_the_first_year_with_a_message(coordinator, indicator):
    plan = indicator.activity.plan
    response = coordinator.get(f"{BASE}{plan.pk}/follow-up/?year=1999&period=t7")
    assert response.status_code == 200
    html = response.content.decode()
    assert "That period is not one of the plan's" in html
    assert "2027 whole year" in html


def test_the_tertials_follow_up_downloads_with_its_goals(coordinator, indicator):
    from samverkan.accounts.tests.secrecy import docx_text, pdf_text

    indicator_outcome_record(
        actor=None,
        indicator=indicator,
        year=2027,
        period="t1",
        value=Decimal(33),
        note="Internt: Nils anmälde två.",
        internal=True,
    )
    plan = indicator.activity.plan
    url = f"{BASE}{plan.pk}/follow-up/"
    pdf = document_response(coordinator, url + "uppfoljning.pdf?year=2027&period=t1")
    assert pdf["Content-Disposition"].endswith(f'uppfoljning-2027-t1-{plan.pk}.pdf"')
    text = pdf_text(pdf.content)
    assert "Anmälda inbrott i" in text
    assert "2027 T1" in text
    assert "33 st" in text
    assert "Nils" not in text
    docx = docx_text(
        document_response(coordinator, url + "uppfoljning.docx?year=2027&period=t1").content
    )
    assert "33 st" in docx
    assert "25 st (2030)" in docx
    assert "Nils" not in docx
    internal = document_response(
        coordinator, url + "uppfoljning.docx?year=2027&period=t1&version=internal"
    )
    assert "Nils" in docx_text(internal.content)


# Carry-over and revision, measure by measure ---------------------------------------------------


@pytest.fixture
def second(plan, kommun):
    return activity_create(
        actor=None, plan=plan, fields=ActivityFields(text="Fotpatrull", organisations=[kommun])
    )


def test_the_carry_over_takes_only_the_measures_checked(coordinator, indicator, second):
    # given a four-year plan with two unfinished measures, one with an indicator
    plan = indicator.activity.plan
    url = f"{BASE}{plan.pk}/follow-up/carry-over/"
    page = coordinator.get(url).content.decode()
    assert page.count('type="checkbox" name="activities"') == 2
    # when only the first is checked
    response = coordinator.post(url, {"chosen_marker": "1", "activities": [indicator.activity_id]})
    # then the plan that follows runs as long and holds that measure with its indicator
    assert response.status_code == 302
    following = Plan.objects.get(year=2031)
    assert following.end_year == 2034
    [copy] = following.activities.all()
    assert copy.text == "Belysning i Gläntan"
    assert copy.carried_from_id == indicator.activity_id
    assert copy.target_group == "public_place"
    [carried] = copy.indicators.all()
    assert (carried.name, carried.target_value) == (indicator.name, indicator.target_value)


def test_a_carry_over_with_nothing_checked_is_refused(coordinator, indicator, second):
    plan = indicator.activity.plan
    response = coordinator.post(f"{BASE}{plan.pk}/follow-up/carry-over/", {"chosen_marker": "1"})
    assert response.status_code == 400
    assert "Choose at least one activity." in response.content.decode()
    assert Plan.objects.count() == 1


def test_a_revision_keeps_the_old_plan_and_carries_the_chosen_measures(
    coordinator, indicator, second
):
    # given an outcome reported on the plan as adopted
    indicator_outcome_record(
        actor=None, indicator=indicator, year=2027, period="t1", value=Decimal(33)
    )
    plan = indicator.activity.plan
    # when the coordinator revises it, keeping only the first measure
    response = coordinator.post(
        f"{BASE}{plan.pk}/revise/",
        {"title": "Åtgärdsplan 2027–2030, reviderad 2028", "activities": [indicator.activity_id]},
    )
    # then
    assert response.status_code == 302
    revision = Plan.objects.get(revision_of=plan)
    assert (revision.year, revision.end_year) == (2027, 2030)
    assert [a.text for a in revision.activities.all()] == ["Belysning i Gläntan"]
    assert revision.activities.get().indicators.get().name == indicator.name
    # the old plan is unchanged, readable, and says it was revised
    assert plan.activities.count() == 2
    assert IndicatorOutcome.objects.filter(indicator=indicator).count() == 1
    html = coordinator.get(f"{BASE}{plan.pk}/").content.decode()
    assert "Revised by" in html
    assert "Åtgärdsplan 2027–2030, reviderad 2028" in html
    html = coordinator.get(response.url).content.decode()
    assert "Revision of" in html


def test_a_revision_without_a_title_or_measures_is_refused(coordinator, indicator):
    plan = indicator.activity.plan
    response = coordinator.post(f"{BASE}{plan.pk}/revise/", {"title": " "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html
    assert "Choose at least one activity." in html
    assert Plan.objects.count() == 1


def test_the_demo_has_an_action_plan_with_a_first_tertial(council):
    from samverkan.plans.demo import load_demo_action_plan

    # The demo shows the year it is run in: the plan runs four years from the current one.
    load_demo_action_plan(council)
    first = timezone.localdate().year
    plan = Plan.objects.get(council=council, title=f"Åtgärdsplan {first}–{first + 3}")
    assert plan.period_label == f"{first}–{first + 3}"
    assert plan.activities.count() == 3
    report = follow_up_report(plan, with_internal=False, year=first, period="t1")
    outcomes = [g.outcome for o in report.activities for g in o.indicators]
    assert len(outcomes) == 4
    assert sum(1 for o in outcomes if o is not None) == 3


def test_another_apps_link_is_found_with_its_way_to_the_council():
    # The lägesbild's problems become a choice on the measure's form by one field line on
    # Activity: the form and services find the link and how to scope it to the council.
    from samverkan.plans.models import Promise, _council_path, council_links

    assert _council_path(Plan) == "council"
    assert _council_path(Promise) == "promise_set__council"
    assert [(link.name, path) for link, path in council_links()] == [
        ("problems", "report__council")
    ]


def test_a_plan_over_four_years_is_in_each_years_status_report(council, measure, plan):
    from samverkan.plans.services.follow_up import plan_revise
    from samverkan.plans.services.reports import status_report

    body = Body.objects.get(council=council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2029, 5, 2), place="Rådhuset")
    report = status_report(meeting, with_internal=True)
    assert [s.plan.title for s in report.sections] == ["Åtgärdsplan 2027–2030"]
    # once revised, the revision is followed up, not the plan it revised
    plan_revise(actor=None, plan=plan, title="Åtgärdsplan, reviderad")
    report = status_report(meeting, with_internal=True)
    assert [s.plan.title for s in report.sections] == ["Åtgärdsplan, reviderad"]


def test_a_swedish_coordinator_writes_decimals_with_a_comma(client, users, measure):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    client.force_login(users["coordinator"])
    response = client.post(
        f"{BASE}activities/{measure.pk}/indicators/new/",
        {"name": "Andel trygga", "baseline_value": "61,5", "baseline_year": "2026"},
    )
    assert response.status_code == 302
    assert Indicator.objects.get(name="Andel trygga").baseline_value == Decimal("61.5")
    assert "<strong>61,50</strong> (2026)" in client.get(response.url).content.decode()


def test_a_measure_answers_a_problem_of_the_lagesbild(coordinator, council, other_council, measure):
    # given: the lägesbild's prioritised problem, and another council's
    from samverkan.insights.services.situation_report import (
        ProblemFields,
        problem_save,
        situation_report_create,
    )

    report = situation_report_create(actor=None, council=council, year=2026)
    burglaries = problem_save(
        actor=None,
        report=report,
        fields=ProblemFields(
            title="Inbrott i källarförråd",
            prioritised=True,
            priority=1,
            rationale="Ökar tre år i rad.",
        ),
    )
    theirs = problem_save(
        actor=None,
        report=situation_report_create(actor=None, council=other_council, year=2026),
        fields=ProblemFields(title="Deras problem"),
    )
    url = f"{BASE}activities/{measure.pk}/edit/"
    form = coordinator.get(url).content.decode()
    assert "Inbrott i källarförråd" in form
    assert "Deras problem" not in form

    # when: the coordinator links the measure to it through the form
    data = {
        "text": measure.text,
        "organisations": [o.pk for o in measure.organisations.all()],
        "problems": [burglaries.pk],
        "target_group": "public_place",
    }
    response = coordinator.post(url, data)

    # then: the measure's page names the problem; another council's is refused
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(measure.problems.all()) == [burglaries]
    assert (
        "Inbrott i källarförråd"
        in coordinator.get(f"{BASE}activities/{measure.pk}/").content.decode()
    )
    refused = coordinator.post(url, {**data, "problems": [theirs.pk]})
    assert refused.status_code == 400
    assert list(measure.problems.all()) == [burglaries]
