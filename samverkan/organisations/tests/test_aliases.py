"""Other names of an organisation ("KBAB"): listed, added and removed on its page by those who
change records, audited, and refused with a message when empty, taken or another's name."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from samverkan.core.models import AuditEvent
from samverkan.organisations import services
from samverkan.organisations.models import Organisation, OrganisationAlias


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def kbab(council) -> Organisation:
    return services.organisation_create(
        actor=None, council=council, name="Köpings Bostads AB", short_name="Bostadsbolaget"
    )


def _add(client, council, organisation, name: str):
    url = reverse(
        "organisations:organisation_alias_add",
        kwargs={"slug": council.slug, "pk": organisation.pk},
    )
    return client.post(url, {"alias-name": name})


def test_the_secretary_adds_and_removes_an_other_name(client, users, council, kbab):
    # given
    client.force_login(users["secretary"])
    # when
    response = _add(client, council, kbab, "  KBAB ")
    # then
    alias = OrganisationAlias.objects.get(organisation=kbab)
    assert response.status_code == 302
    assert alias.name == "KBAB"
    page = client.get(response.url).content.decode()
    assert "KBAB" in page
    assert AuditEvent.objects.filter(model="organisations.OrganisationAlias", action="create")
    # when
    delete = reverse(
        "organisations:organisation_alias_delete", kwargs={"slug": council.slug, "pk": alias.pk}
    )
    assert client.post(delete).status_code == 302
    # then
    assert not OrganisationAlias.objects.exists()
    assert AuditEvent.objects.filter(model="organisations.OrganisationAlias", action="delete")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "This field is required."),
        ("kbab", "already used"),
        ("KÖPINGS KOMMUN", "Another organisation already has this name."),
    ],
)
def test_a_bad_other_name_is_refused_with_a_message(client, users, council, kbab, name, message):
    # given
    services.organisation_alias_create(actor=None, organisation=kbab, name="KBAB")
    client.force_login(users["coordinator"])
    # when
    response = _add(client, council, kbab, name)
    # then
    assert response.status_code == 400
    assert message in response.content.decode()
    assert OrganisationAlias.objects.count() == 1


def test_a_name_another_organisations_other_name_is_refused(client, users, council, kbab):
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    services.organisation_alias_create(actor=None, organisation=kommun, name="Kommunen")
    client.force_login(users["coordinator"])
    response = _add(client, council, kbab, "kommunen")
    assert response.status_code == 400
    assert not OrganisationAlias.objects.filter(organisation=kbab).exists()


def test_a_member_sees_the_other_names_but_cannot_change_them(client, users, council, kbab):
    services.organisation_alias_create(actor=None, organisation=kbab, name="KBAB")
    client.force_login(users["member"])
    url = reverse("organisations:organisation_detail", kwargs={"slug": council.slug, "pk": kbab.pk})
    page = client.get(url).content.decode()
    assert "KBAB" in page
    assert "Add the other name" not in page
    assert _add(client, council, kbab, "Bolaget").status_code == 403


def test_the_organisation_page_uses_a_fixed_number_of_queries(
    client, users, council, kbab, django_assert_num_queries
):
    for name in ("KBAB", "Bolaget", "Bostäder"):
        services.organisation_alias_create(actor=None, organisation=kbab, name=name)
    client.force_login(users["coordinator"])
    url = reverse("organisations:organisation_detail", kwargs={"slug": council.slug, "pk": kbab.pk})
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
