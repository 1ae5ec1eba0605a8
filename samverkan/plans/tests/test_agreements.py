"""The cooperation agreement as pages: what they show, what those who manage plans change on
them, bad input, and their number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from samverkan.core.models import AuditEvent
from samverkan.organisations.models import Body, Organisation
from samverkan.plans.models import (
    Agreement,
    Commitment,
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


def test_imported_emphasis_shows_as_emphasis_not_asterisks(client, users, council, agreement):
    # given: a method written as the seed's is, with Markdown's emphasis
    Agreement.objects.filter(pk=agreement.pk).update(
        method="Dialog med medborgarna. *Medborgarna ska lokalt involveras.*"
    )
    client.force_login(users["member"])

    # when
    page = client.get(_url("agreement_detail", council, pk=agreement.pk)).content.decode()

    # then
    assert "<em>Medborgarna ska lokalt involveras.</em>" in page
    assert "*Medborgarna" not in page


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
