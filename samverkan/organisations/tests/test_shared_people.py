"""A person who sits in two councils: the contact details (where the notices go) are changed
only by someone who keeps the records of both councils, or by a site administrator. The form
does not offer what would fail: the other council's coordinator sees them read-only, with why,
but may fill in a missing address of a person without a login."""

from __future__ import annotations

import pytest
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.organisations import services
from samverkan.organisations.models import Person


@pytest.fixture
def shared(council, other_council) -> Person:
    """Roger Eklund, Köping's chair, registered in Arboga's council too."""
    person = Person.objects.get(name="Roger Eklund")
    person.councils.add(other_council)
    return person


@pytest.fixture
def arboga(client, users):
    """Arboga's coordinator, who keeps no records in Köping."""
    client.force_login(users["outsider"])
    return client


def _edit_url(council, person: Person) -> str:
    return f"/councils/{council.slug}/people/{person.pk}/edit/"


def test_the_form_shows_a_shared_persons_contact_details_read_only_and_why(
    arboga, other_council, shared
):
    html = arboga.get(_edit_url(other_council, shared)).content.decode()
    assert 'name="email"' in html
    email_input = html[html.index('name="email"') - 200 : html.index('name="email"') + 200]
    assert "disabled" in email_input
    phone_input = html[html.index('name="phone"') - 200 : html.index('name="phone"') + 200]
    assert "disabled" in phone_input
    assert "Personen finns också i Brottsförebyggande rådet, Köpings kommun" in html
    assert "samordnare i båda råden eller av en administratör" in html


def test_the_form_saves_the_name_and_keeps_the_shared_address(arboga, other_council, shared):
    # when: the name is corrected, and an address typed into the read-only field anyway
    response = arboga.post(
        _edit_url(other_council, shared),
        {"name": "Roger Eklund-Ek", "email": "annan@example.org", "phone": "070-000 00 00"},
    )
    # then
    assert response.status_code == 302
    shared.refresh_from_db()
    assert (shared.name, shared.email, shared.phone) == ("Roger Eklund-Ek", "roger@example.se", "")


def test_the_service_refuses_to_change_a_shared_address_and_says_who_may(
    users, other_council, shared
):
    with translation.override("en"), pytest.raises(ServiceError) as refused:
        services.person_update(
            actor=users["outsider"],
            person=shared,
            council=other_council,
            name=shared.name,
            email="annan@example.org",
        )
    assert "also registered in Brottsförebyggande rådet, Köpings kommun" in str(refused.value)
    assert "site administrator" in str(refused.value)
    shared.refresh_from_db()
    assert shared.email == "roger@example.se"


def test_a_missing_address_of_a_person_without_a_login_may_be_filled_in(
    arboga, other_council, shared, users
):
    # given: Roger has no address and no login
    Person.objects.filter(pk=shared.pk).update(email="")
    html = arboga.get(_edit_url(other_council, shared)).content.decode()
    email_input = html[html.index('name="email"') - 200 : html.index('name="email"') + 200]
    assert "disabled" not in email_input
    # when
    response = arboga.post(
        _edit_url(other_council, shared), {"name": "Roger Eklund", "email": "roger@arboga.se"}
    )
    # then
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.email == "roger@arboga.se"
    # but a person with a login keeps an empty address until both councils agree
    Person.objects.filter(pk=shared.pk).update(email="", user=users["viewer"])
    shared.refresh_from_db()
    with pytest.raises(ServiceError):
        services.person_update(
            actor=users["outsider"],
            person=shared,
            council=other_council,
            name=shared.name,
            email="roger@arboga.se",
        )


def test_a_site_administrator_changes_a_shared_address(client, users, other_council, shared):
    client.force_login(users["site_admin"])
    html = client.get(_edit_url(other_council, shared)).content.decode()
    assert "Personen finns också i" not in html
    response = client.post(
        _edit_url(other_council, shared), {"name": "Roger Eklund", "email": "ny@example.se"}
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.email == "ny@example.se"
