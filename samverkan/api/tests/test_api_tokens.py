"""API tokens: scopes chosen on the token page, refused without the scope; a rate limit per
token, with Retry-After."""

from __future__ import annotations

import time

from samverkan.accounts.models import ApiScope, ApiToken
from samverkan.accounts.services import api_token_create
from samverkan.organisations.models import Organisation

URL = "/api/councils/koping/organisations"


def test_a_token_without_the_write_scope_is_refused_with_a_clear_message(client, users):
    _token, key = api_token_create(user=users["coordinator"], name="läsare", scopes=["read"])
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(URL, headers=headers).status_code == 200
    response = client.post(
        URL, {"name": "Ny förening"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 403
    assert "write:registry" in response.json()["detail"]
    assert "behörigheten" in response.json()["detail"]
    assert not Organisation.objects.filter(name="Ny förening").exists()


def test_a_write_only_token_cannot_read(client, users):
    _token, key = api_token_create(
        user=users["coordinator"], name="skrivare", scopes=[ApiScope.WRITE_INCIDENTS]
    )
    response = client.get(URL, headers={"Authorization": f"Bearer {key}", "Accept-Language": "en"})
    assert response.status_code == 403
    assert response.json()["detail"] == "This token may not do this: it lacks the scope read."


def test_each_token_has_its_own_rate_limit_with_retry_after(client, users, settings):
    # given: three requests a minute
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW_SECONDS = 60
    _token, key = api_token_create(user=users["viewer"], name="flod")
    _other, other_key = api_token_create(user=users["viewer"], name="lugn")
    headers = {"Authorization": f"Bearer {key}"}
    # when
    answers = [client.get(URL, headers=headers).status_code for _ in range(4)]
    # then
    assert answers == [200, 200, 200, 429]
    limited = client.get(URL, headers=headers)
    assert 0 < int(limited["Retry-After"]) <= 60
    assert "Försök igen" in limited.json()["detail"]
    assert client.get(URL, headers={"Authorization": f"Bearer {other_key}"}).status_code == 200


def test_the_limit_lifts_when_its_window_ends(client, users, settings, monkeypatch):
    settings.API_RATE_LIMIT = 1
    settings.API_RATE_WINDOW_SECONDS = 60
    _token, key = api_token_create(user=users["viewer"], name="flod")
    headers = {"Authorization": f"Bearer {key}"}
    assert client.get(URL, headers=headers).status_code == 200
    assert client.get(URL, headers=headers).status_code == 429
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    assert client.get(URL, headers=headers).status_code == 200


def test_the_token_page_creates_a_token_with_the_scopes_chosen(client, users):
    client.force_login(users["reporter"])
    response = client.post(
        "/account/api-tokens/",
        {"name": "Felanmälan", "scopes": [ApiScope.READ, ApiScope.WRITE_INCIDENTS]},
    )
    token = ApiToken.objects.get(user=users["reporter"])
    assert token.scope_list == ["read", "write:incidents"]
    html = response.content.decode()
    assert "Felanmälan" in html
    assert "rapportera händelser" in html
    assert "Inte använd ännu." in html


def test_a_token_without_any_scope_is_refused_and_the_name_is_kept(client, users):
    client.force_login(users["reporter"])
    response = client.post("/account/api-tokens/", {"name": "Felanmälan"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Välj minst en sak som nyckeln får göra." in html
    assert 'value="Felanmälan"' in html
    assert not ApiToken.objects.filter(user=users["reporter"]).exists()
    unknown = client.post("/account/api-tokens/", {"name": "X", "scopes": ["admin"]})
    assert unknown.status_code == 400
    assert not ApiToken.objects.filter(user=users["reporter"]).exists()


def test_the_token_page_shows_when_a_token_was_last_used(client, users):
    _token, key = api_token_create(user=users["viewer"], name="Excel")
    client.get(URL, headers={"Authorization": f"Bearer {key}"})
    client.force_login(users["viewer"])
    html = client.get("/account/api-tokens/").content.decode()
    assert "Senast använd" in html
