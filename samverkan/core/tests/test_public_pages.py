"""The accessibility statement with its feedback form, and the privacy page."""

from __future__ import annotations

import pytest

from samverkan.core.models import Feedback

pytestmark = pytest.mark.django_db


def test_the_accessibility_statement_names_the_law_and_the_supervisor(client):
    html = client.get("/tillganglighet/").content.decode()
    assert "Tillgänglighetsredogörelse" in html
    assert "2018:1937" in html
    assert "DIGG" in html


def test_feedback_is_received_and_kept(client):
    response = client.post(
        "/tillganglighet/", {"message": "Kontrasten i tabellen är för svag.", "email": ""}
    )
    assert response.status_code == 302
    assert Feedback.objects.get().message == "Kontrasten i tabellen är för svag."
    assert "Tack" in client.get(response.url).content.decode()


def test_empty_feedback_gets_a_message_and_keeps_nothing(client):
    response = client.post("/tillganglighet/", {"message": "", "page_url": "/start"})
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert 'value="/start"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_feedback_from_a_bot_is_thanked_but_not_kept(client):
    client.post("/tillganglighet/", {"message": "Köp billigt!", "website": "http://spam"})
    assert not Feedback.objects.exists()


def test_the_privacy_page_says_what_is_kept_and_why(client):
    html = client.get("/integritet/").content.decode()
    assert "Personuppgifter i plattformen" in html
    assert "IMY" in html
