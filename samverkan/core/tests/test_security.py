"""Headers, cookies and the Content Security Policy that every answer carries."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

PAGES = ["/", "/login/", "/tillganglighet/", "/integritet/", "/finns-inte/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_scripts_and_load_nothing_from_elsewhere(client, url):
    html = client.get(url).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag, tag
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "<style" not in html
    assert " style=" not in html


@pytest.mark.django_db
def test_the_htmx_it_serves_comes_from_the_package(client):
    html = client.get("/").content.decode()
    src = re.search(r'<script[^>]*src="(/static/django_htmx/htmx[^"]*)"', html).group(1)
    # The static handler serves it from django-htmx's own files.
    from django.contrib.staticfiles import finders

    assert finders.find(src.removeprefix("/static/"))
    assert "django_htmx" in finders.find(src.removeprefix("/static/"))


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only(client, users):
    response = client.post(
        reverse("accounts:login"), {"username": "coordinator", "password": "Rätt-lösen-2026"}
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_cookies_are_secure_unless_turned_off_for_plain_http():
    from samverkan import settings

    assert settings.env_bool("SECURE_COOKIES", True) is True
    assert settings.SESSION_COOKIE_SECURE == settings.SECURE_COOKIES
    assert settings.CSRF_COOKIE_SECURE == settings.SECURE_COOKIES


def test_a_body_over_the_limit_is_refused_from_its_length_before_it_is_read(client, users):
    # given a partner's report form, and a request that says it carries a terabyte (its body is
    # empty: reading it as long as it claims would fail the test client's payload)
    client.force_login(users["reporter"])
    url = reverse("incidents:report", args=["koping"])
    # when it is sent, in Swedish (the default) and in English
    refused = client.generic(
        "POST", url, b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH="10" * 6
    )
    client.cookies["django_language"] = "en"
    refused_en = client.generic(
        "POST", url, b"", content_type="multipart/form-data; boundary=x", CONTENT_LENGTH="10" * 6
    )
    # then it is answered 413 with the limit, and an API client reads it as JSON
    assert refused.status_code == 413
    assert "Förfrågan är för stor: högst 52 MB" in refused.content.decode()
    assert refused_en.status_code == 413
    assert "The request is too large: at most 52 MB" in refused_en.content.decode()
    api = client.generic("PATCH", "/api/v1/councils/koping", b"", CONTENT_LENGTH="10" * 6)
    assert api.status_code == 413
    assert api.json()["detail"].startswith("The request is too large")


@override_settings(UPLOAD_MAX_REQUEST_BYTES=1000)
def test_the_body_limit_is_a_setting(client):
    response = client.post(reverse("accounts:login"), {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
