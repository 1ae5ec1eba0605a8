"""Redirect targets (`next`): anything that is not a path on this site falls back, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PASSWORD

NOT_PATHS = [
    "http://[::1",
    "https://evil.example/",
    "//evil.example",
    "///evil.example",
    "javascript:alert(1)",
    "\x00",
    "/\x00",
    "/%00",
    "/%ed%b3%bf",
    "a" * 5000,
    "/" + "a" * 5000,
    "\r\nLocation: http://evil.example",
    "/\r\nSet-Cookie: x=1",
    "http://[",
    "\\\\evil.example",
    "/%ff%fe",
    "/councils/../../x",
]


@pytest.mark.parametrize("target", NOT_PATHS)
def test_login_with_a_next_that_is_not_a_path_falls_back(client, users, target):
    response = client.post(
        reverse("accounts:login") + "?",
        {"username": "coordinator", "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response.url.startswith("/")
    assert "evil" not in response.url


@pytest.mark.parametrize("target", NOT_PATHS)
def test_login_page_with_a_next_that_is_not_a_path_answers(client, users, target):
    response = client.get(reverse("accounts:login"), {"next": target})
    assert response.status_code == 200


@pytest.mark.parametrize("target", NOT_PATHS)
def test_logout_with_a_next_that_is_not_a_path_falls_back(client, users, target):
    client.force_login(users["member"])
    response = client.post(reverse("accounts:logout"), {"next": target})
    assert response.status_code == 302
    assert "evil" not in response.url


@pytest.mark.parametrize("target", NOT_PATHS)
def test_switching_language_with_a_next_that_is_not_a_path_falls_back(client, db, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert "evil" not in response.url


@pytest.mark.parametrize("target", ["/login/", "/login/?next=/login/", *NOT_PATHS])
def test_a_logged_in_visitor_on_the_login_page_is_sent_on_whatever_next_says(client, users, target):
    client.force_login(users["member"])
    response = client.get(reverse("accounts:login"), {"next": target})
    assert response.status_code == 302
    assert response.url.startswith("/")
    assert "evil" not in response.url
