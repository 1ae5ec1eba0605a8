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


def test_the_privacy_page_lists_every_kind_of_personal_data_with_how_long_it_is_kept(client):
    # when (Swedish, the default)
    html = client.get("/integritet/").content.decode()
    # then: each kind with its purpose, legal basis and time, from the retention settings
    assert '<th scope="col">Hur länge</th>' in html
    assert "Invånares e-postadresser i rapporter" in html
    assert "Töms 730 dagar efter rapporten." in html
    assert "Foton i rapporter" in html
    assert "Enkätsvar" in html
    assert "Fritextsvar töms 1095 dagar efter att enkäten stängdes" in html
    assert "Användarnamn, namn, e-postadress, roll och ett hashat lösenord" in html
    assert "Rådets samordnare kan lämna ut allt rådet har om dig" in html


def test_the_privacy_page_reads_in_english_and_follows_the_settings(client, settings):
    # given: no retention period for citizens' addresses
    settings.INCIDENT_CONTACT_RETENTION_DAYS = 0
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # when (English, chosen)
    html = client.get("/integritet/").content.decode()
    # then
    assert "Citizens' e-mail addresses on reports, given only for an answer" in html
    assert "Kept until removed by hand: no retention period is set." in html
    assert "Free-text answers are blanked 1095 days after their survey closed" in html


def test_the_councils_public_pages_are_linked_where_it_publishes(client, council, users):
    from samverkan.organisations.models import Council

    # given a council that publishes nothing: only its notice board is public
    board = f"/r/{council.slug}/anslag/"
    html = client.get(board).content.decode()
    assert f'href="{board}"' in html
    assert f"/r/{council.slug}/rapportera/" not in html
    # when it publishes
    Council.objects.filter(pk=council.pk).update(publishes=True)
    html = client.get(board).content.decode()
    # then the board links the promises, the public situational picture and the citizens' form
    for path in ("medborgarloften/", "lagesbild/", "rapportera/"):
        assert f'href="/r/{council.slug}/{path}"' in html
    # and the council's own page links them for the staff
    client.force_login(users["viewer"])
    html = client.get(f"/councils/{council.slug}/").content.decode()
    assert f'href="/r/{council.slug}/rapportera/"' in html
    assert f'href="/r/{council.slug}/lagesbild/"' in html


def test_feedback_keeps_its_line_breaks_and_loses_control_characters(client):
    # given feedback typed with Windows line breaks, a tab and a bell, and a pasted address
    data = {"message": "Rad ett\r\nRad\ttvå\x07", "page_url": "/start\r\n/sida\x1b", "email": ""}
    # when it is sent
    assert client.post("/tillganglighet/", data).status_code == 302
    # then the text keeps its lines (and its tab); the one-line field is one line
    feedback = Feedback.objects.get()
    assert feedback.message == "Rad ett\nRad\ttvå"
    assert feedback.page_url == "/start /sida"


def test_feedback_has_the_citizens_limit_per_address(client):
    # given as many messages from one address as a citizen may send in an hour
    for number in range(5):
        response = client.post("/tillganglighet/", {"message": f"Synpunkt {number}", "email": ""})
        assert response.status_code == 302
    # when one more is sent
    response = client.post("/tillganglighet/", {"message": "En till", "email": ""})
    # then it is refused with a message in Swedish, the text kept and nothing saved
    page = response.content.decode()
    assert response.status_code == 429
    assert "För många meddelanden från din anslutning. Försök igen om en timme." in page
    assert "En till" in page
    assert Feedback.objects.count() == 5
    # and another address is not held back
    other = client.post(
        "/tillganglighet/", {"message": "Hej", "email": ""}, REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302
