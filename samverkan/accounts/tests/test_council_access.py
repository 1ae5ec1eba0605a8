"""A coordinator gives logins roles in the council; a site admin creates councils."""

from __future__ import annotations

from django.contrib.auth.models import User

from samverkan.accounts.models import ApiToken, CouncilRole
from samverkan.organisations.models import Council


def test_a_coordinator_grants_an_existing_login_a_role(coordinator_client, council, users):
    response = coordinator_client.post(
        "/councils/koping/access/",
        {"grant": "1", "grant-username": "outsider", "grant-role": "viewer"},
    )
    assert response.status_code == 302
    assert CouncilRole.objects.get(council=council, user__username="outsider").role == "viewer"


def test_granting_again_changes_the_role_rather_than_adding_one(coordinator_client, council, users):
    coordinator_client.post(
        "/councils/koping/access/",
        {"grant": "1", "grant-username": "viewer", "grant-role": "secretary"},
    )
    assert CouncilRole.objects.get(council=council, user__username="viewer").role == "secretary"


def test_a_coordinator_invites_a_login_with_a_role(coordinator_client, council, users):
    response = coordinator_client.post(
        "/councils/koping/access/",
        {
            "create": "1",
            "new-username": "vaktare",
            "new-email": "vaktare@bostad.se",
            "new-password": "Rondering-på-natten",
            "new-role": "reporter",
        },
    )
    assert response.status_code == 302
    # The login's holder sets its password by the invitation (test_invitation.py).
    assert not User.objects.get(username="vaktare").has_usable_password()
    assert CouncilRole.objects.get(user__username="vaktare").role == "reporter"


def test_a_coordinator_revokes_a_role(coordinator_client, council, users):
    role = CouncilRole.objects.get(council=council, user__username="viewer")
    coordinator_client.post(f"/councils/koping/access/{role.pk}/revoke/")
    assert not CouncilRole.objects.filter(pk=role.pk).exists()
    assert coordinator_client.get("/councils/koping/access/").status_code == 200


def test_a_site_admin_creates_a_council(client, users):
    client.force_login(users["site_admin"])
    response = client.post(
        "/councils/new/",
        {"municipality_name": "Kungsörs kommun", "name": "Trygghetsrådet", "slug": "kungsor"},
    )
    assert response.status_code == 302
    assert Council.objects.get(slug="kungsor").municipality.name == "Kungsörs kommun"


def test_a_login_creates_and_revokes_its_api_tokens(client, users):
    client.force_login(users["member"])
    html = client.post(
        "/account/api-tokens/", {"name": "Excel-koppling", "scopes": ["read"]}
    ).content.decode()
    token = ApiToken.objects.get(user=users["member"])
    assert token.prefix in html
    client.post("/account/api-tokens/", {"revoke": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_login_cannot_revoke_someone_elses_token(client, users):
    from samverkan.accounts.services import api_token_create

    token, _key = api_token_create(user=users["coordinator"], name="x")
    client.force_login(users["member"])
    assert client.post("/account/api-tokens/", {"revoke": str(token.pk)}).status_code == 404
    assert client.post("/account/api-tokens/", {"revoke": "ett"}).status_code == 404


def test_a_token_id_in_other_digits_is_not_found(client, users):
    client.force_login(users["member"])
    assert client.post("/account/api-tokens/", {"revoke": "²"}).status_code == 404


def test_a_people_search_with_a_nul_character_is_answered(coordinator_client, council):
    assert coordinator_client.get("/councils/koping/people/?q=a%00b").status_code == 200


def test_tokens_and_logins_leave_a_trail(coordinator_client, council, users):
    from samverkan.core.models import AuditEvent

    coordinator_client.post(
        "/councils/koping/access/",
        {
            "create": "1",
            "new-username": "vakt",
            "new-email": "vakt@bostad.se",
            "new-role": "reporter",
        },
    )
    assert AuditEvent.objects.filter(model="auth.User", council_id=council.pk).exists()
    coordinator_client.post("/account/api-tokens/", {"name": "Excel", "scopes": ["read"]})
    token = ApiToken.objects.get(user=users["coordinator"])
    coordinator_client.post("/account/api-tokens/", {"revoke": str(token.pk)})
    actions = list(
        AuditEvent.objects.filter(model="accounts.ApiToken").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


def test_a_new_login_can_be_linked_to_the_councils_record_of_the_person(
    coordinator_client, council
):
    from samverkan.organisations.models import Person

    roger = Person.objects.get(name="Roger Eklund")
    response = coordinator_client.post(
        "/councils/koping/access/",
        {
            "create": "1",
            "new-username": "roger",
            "new-email": "roger@koping.se",
            "new-role": "member",
            "new-person": str(roger.pk),
        },
    )
    assert response.status_code == 302
    roger.refresh_from_db()
    assert roger.user.username == "roger"
    # A person already linked is not offered again.
    page = coordinator_client.get("/councils/koping/access/").content.decode()
    assert f'<option value="{roger.pk}"' not in page
