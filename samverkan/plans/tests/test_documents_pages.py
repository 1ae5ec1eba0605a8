"""The agreement and the citizen promises as pages: what they show, what those who manage plans
change on them, bad input, and their number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Body, Organisation
from samverkan.plans.models import (
    Activity,
    ActivityStatus,
    Agreement,
    AgreementParty,
    Commitment,
    GovernanceBody,
    Plan,
    Promise,
    PromiseSet,
    Signatory,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    """Pages in English, the language of the msgids the tests look for."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def agreement(council) -> Agreement:
    agreement = Agreement.objects.create(
        council=council,
        title="Samverkansöverenskommelse 2",
        signed_on=dt.date(2018, 5, 24),
        valid_from=dt.date(2018, 1, 1),
        valid_to=dt.date(2018, 12, 31),
        purpose="Minska brottsligheten.",
        enclosures=["Bilaga 1 Genomförandeplan"],
    )
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    AgreementParty.objects.create(agreement=agreement, name="Köpings kommun", organisation=kommun)
    for number in (1, 2):
        Commitment.objects.create(agreement=agreement, number=number, text=f"Åtagande {number}.")
    GovernanceBody.objects.create(
        agreement=agreement,
        name="projektgrupp (Brå)",
        kind="project_group",
        body=Body.objects.get(council=council),
    )
    Signatory.objects.create(agreement=agreement, name="Sara Schelin", title="Kommunchef")
    return agreement


@pytest.fixture
def promise_set(council, agreement) -> PromiseSet:
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften 2018", year=2018, agreement=agreement
    )
    first = Promise.objects.create(
        promise_set=promise_set, position=0, text="Polisen lovar fotpatrull.", parties=["police"]
    )
    Promise.objects.create(
        promise_set=promise_set,
        position=1,
        text="Vi lovar tillsammans trygghetsvandringar.",
        parties=["municipality", "police"],
        joint=True,
    )
    plan = Plan.objects.create(council=council, title="Plan 2018", year=2018)
    for i, status in enumerate([ActivityStatus.DONE, ActivityStatus.DELAYED]):
        activity = Activity.objects.create(plan=plan, position=i, text=f"Insats {i}", status=status)
        activity.promises.add(first)
    Activity.objects.create(plan=plan, position=2, text="Belysning i parken")
    Signatory.objects.create(promise_set=promise_set, name="Roger Eklund", title="Kommunalråd")
    return promise_set


def _url(name: str, council, **kwargs: object) -> str:
    return reverse(f"plans:{name}", kwargs={"slug": council.slug, **kwargs})


# The agreement ------------------------------------------------------------------------------


def test_the_agreement_page_shows_its_parts(client, users, council, agreement):
    client.force_login(users["member"])
    response = client.get(_url("agreement_detail", council, pk=agreement.pk))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Samverkansöverenskommelse 2",
        "Åtagande 2.",
        "projektgrupp (Brå)",
        "Sara Schelin",
        "Kommunchef",
        "Bilaga 1 Genomförandeplan",
        "2018-12-31",
    ):
        assert text in page
    assert "expires in" not in page


def test_the_agreement_page_hides_signatories_names_from_a_reporter(
    client, users, council, agreement
):
    client.force_login(users["reporter"])
    page = client.get(_url("agreement_detail", council, pk=agreement.pk)).content.decode()
    assert "Kommunchef" in page
    assert "Sara Schelin" not in page


def test_the_agreement_page_says_when_it_expires_within_60_days(client, users, council, agreement):
    Agreement.objects.filter(pk=agreement.pk).update(
        valid_to=timezone.localdate() + dt.timedelta(days=45)
    )
    client.force_login(users["coordinator"])
    page = client.get(_url("agreement_detail", council, pk=agreement.pk)).content.decode()
    assert "The agreement expires in 45 days." in page


def test_the_agreement_page_uses_a_fixed_number_of_queries(
    client, users, council, agreement, django_assert_num_queries
):
    client.force_login(users["coordinator"])
    url = _url("agreement_detail", council, pk=agreement.pk)
    client.get(url)
    for number in (3, 4, 5):
        Commitment.objects.create(agreement=agreement, number=number, text="Mer.")
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_coordinator_creates_an_agreement(client, users, council):
    client.force_login(users["coordinator"])
    response = client.post(
        _url("agreement_create", council),
        {
            "title": "Samverkansöverenskommelse 3",
            "valid_from": "2019-01-01",
            "valid_to": "2022-12-31",
            "enclosures": "Bilaga 1\n\nBilaga 2\n",
        },
    )
    agreement = Agreement.objects.get(title="Samverkansöverenskommelse 3")
    assert response.status_code == 302
    assert agreement.enclosures == ["Bilaga 1", "Bilaga 2"]
    assert AuditEvent.objects.filter(model="plans.Agreement", object_id=str(agreement.pk)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "X", "valid_from": "2020-01-01", "valid_to": "2019-12-31"}, "end date"),
        ({"title": "X", "valid_to": "2019-02-30"}, "Enter a valid date."),
    ],
)
def test_a_bad_agreement_is_refused_and_the_input_kept(client, users, council, data, message):
    client.force_login(users["coordinator"])
    response = client.post(_url("agreement_create", council), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Agreement.objects.exists()


def test_commitments_are_added_edited_and_removed(client, users, council, agreement):
    # given
    client.force_login(users["secretary"])
    # when
    client.post(_url("commitment_add", council, pk=agreement.pk), {"text": "Åtagande 3."})
    third = Commitment.objects.get(agreement=agreement, text="Åtagande 3.")
    client.post(_url("commitment_edit", council, pk=third.pk), {"number": "3", "text": "Nytt 3."})
    first = Commitment.objects.get(agreement=agreement, number=1)
    client.post(_url("commitment_delete", council, pk=first.pk))
    # then
    assert [(c.number, c.text) for c in agreement.commitments.all()] == [
        (2, "Åtagande 2."),
        (3, "Nytt 3."),
    ]
    assert third.number == 3
    assert AuditEvent.objects.filter(model="plans.Commitment", action="delete").count() == 1


def test_an_empty_commitment_is_refused(client, users, council, agreement):
    client.force_login(users["coordinator"])
    response = client.post(_url("commitment_add", council, pk=agreement.pk), {"text": "  "})
    assert response.status_code == 400
    assert agreement.commitments.count() == 2


def test_a_party_and_a_governance_body_link_to_the_council(client, users, council, agreement):
    # given
    client.force_login(users["coordinator"])
    body = Body.objects.get(council=council)
    kontoret = Organisation.objects.get(council=council, name="Tekniska kontoret")
    # when
    client.post(_url("party_add", council, pk=agreement.pk), {"organisation": kontoret.pk})
    client.post(
        _url("governance_body_add", council, pk=agreement.pk),
        {"name": "", "kind": "steering_group", "body": body.pk},
    )
    # then
    assert agreement.parties.last().organisation == kontoret
    group = agreement.governance_bodies.get(kind="steering_group")
    assert (group.name, group.body) == (body.name, body)


def test_a_body_of_another_council_is_refused(client, users, council, other_council, agreement):
    client.force_login(users["coordinator"])
    other = Body.objects.create(council=other_council, name="Trygghetsrådet", kind="council")
    response = client.post(
        _url("governance_body_add", council, pk=agreement.pk),
        {"name": "styrgrupp", "kind": "steering_group", "body": other.pk},
    )
    assert response.status_code == 400
    assert agreement.governance_bodies.count() == 1


def test_a_signatory_is_added_and_removed(client, users, council, agreement):
    client.force_login(users["coordinator"])
    client.post(
        _url("agreement_signatory_add", council, pk=agreement.pk),
        {"name": "Björn Wilhelmsson", "title": "Lokalpolisområdeschef"},
    )
    assert [s.title for s in agreement.signatories.all()] == [
        "Kommunchef",
        "Lokalpolisområdeschef",
    ]
    client.post(_url("signatory_delete", council, pk=agreement.signatories.first().pk))
    assert [s.name for s in agreement.signatories.all()] == ["Björn Wilhelmsson"]


def test_parts_of_another_councils_agreement_are_not_found(
    client, users, council, other_council, agreement
):
    theirs = Agreement.objects.create(council=other_council, title="Arbogas överenskommelse")
    commitment = Commitment.objects.create(agreement=theirs, number=1, text="Deras.")
    client.force_login(users["coordinator"])
    assert client.post(_url("commitment_delete", council, pk=commitment.pk)).status_code == 404
    assert client.get(_url("agreement_detail", council, pk=theirs.pk)).status_code == 404
    assert Commitment.objects.filter(pk=commitment.pk).exists()


# The citizen promises -----------------------------------------------------------------------


def test_the_promises_page_shows_each_promise_with_its_activities_and_status(
    client, users, council, promise_set
):
    client.force_login(users["viewer"])
    page = client.get(_url("promise_set_detail", council, pk=promise_set.pk)).content.decode()
    assert "Polisen lovar fotpatrull." in page
    assert "Joint promise" in page
    assert "Insats 0" in page
    assert "Insats 1" in page
    # done + delayed: the promise is delayed
    assert "<strong>Delayed</strong>" in page
    assert "No activity fulfils this promise yet." in page


def test_the_promises_page_uses_a_fixed_number_of_queries(
    client, users, council, promise_set, django_assert_num_queries
):
    client.force_login(users["coordinator"])
    url = _url("promise_set_detail", council, pk=promise_set.pk)
    client.get(url)
    for i in range(3):
        Promise.objects.create(promise_set=promise_set, position=5 + i, text="Mer", parties=[])
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


def test_the_coordinator_creates_promises_for_two_years(client, users, council):
    client.force_login(users["coordinator"])
    response = client.post(
        _url("promise_set_create", council),
        {
            "title": "Medborgarlöften 2018–2020",
            "valid_from": "2018-07-01",
            "valid_to": "2020-06-30",
        },
    )
    promise_set = PromiseSet.objects.get()
    assert response.status_code == 302
    assert (promise_set.year, str(promise_set.valid_to)) == (2018, "2020-06-30")


def test_promises_are_added_edited_and_removed(client, users, council, promise_set):
    # given
    client.force_login(users["coordinator"])
    # when
    client.post(
        _url("promise_add", council, pk=promise_set.pk),
        {"text": "Kommunen lovar belysning.", "parties": ["municipality"]},
    )
    added = Promise.objects.get(text="Kommunen lovar belysning.")
    client.post(
        _url("promise_edit", council, pk=added.pk),
        {
            "number": "3",
            "text": "Kommunen och polisen lovar belysning.",
            "parties": ["police", "municipality"],
        },
    )
    # then
    added.refresh_from_db()
    assert (added.position, added.parties, added.joint) == (2, ["municipality", "police"], False)
    client.post(_url("promise_delete", council, pk=added.pk))
    assert not Promise.objects.filter(pk=added.pk).exists()


def test_a_promise_without_a_party_is_refused(client, users, council, promise_set):
    client.force_login(users["coordinator"])
    response = client.post(_url("promise_add", council, pk=promise_set.pk), {"text": "Något."})
    assert response.status_code == 400
    assert promise_set.promises.count() == 2


def test_activities_of_the_years_plan_are_linked_to_a_promise(client, users, council, promise_set):
    # given
    client.force_login(users["coordinator"])
    joint = promise_set.promises.get(joint=True)
    belysning = Activity.objects.get(text="Belysning i parken")
    url = _url("promise_activities", council, pk=joint.pk)
    assert "Belysning i parken" in client.get(url).content.decode()
    # when
    response = client.post(url, {"activities": [belysning.pk]})
    # then
    assert response.status_code == 302
    assert list(joint.activities.all()) == [belysning]
    event = AuditEvent.objects.get(model="plans.Activity", object_id=str(belysning.pk))
    assert event.changes["promises"][0] is None


def test_an_activity_of_another_year_cannot_be_linked(client, users, council, promise_set):
    client.force_login(users["coordinator"])
    later = Plan.objects.create(council=council, title="Plan 2019", year=2019)
    other = Activity.objects.create(plan=later, text="Nästa år")
    promise = promise_set.promises.first()
    response = client.post(
        _url("promise_activities", council, pk=promise.pk),
        {"activities": [other.pk]},
    )
    assert response.status_code == 400
    assert not other.promises.exists()
