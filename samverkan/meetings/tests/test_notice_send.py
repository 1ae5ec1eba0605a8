"""Sending the notice by e-mail to the body's members, and recording each dispatch."""

from __future__ import annotations

import datetime as dt
import io
import logging
import smtplib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pypdf import PdfReader

from samverkan.core.errors import ServiceError
from samverkan.core.mail import mail_deliver
from samverkan.core.models import AuditEvent, MailSending, MailStatus
from samverkan.meetings.documents.notice import notice_pdf, notice_plain_text
from samverkan.meetings.models import AgendaItem, Meeting, MeetingStatus, NoticeDispatch
from samverkan.meetings.services.notice import notice_recipients, notice_send
from samverkan.organisations.models import Body, Person
from samverkan.organisations.services import (
    body_create,
    membership_create,
    person_create,
    person_link_user,
)

# The mails are queued (core/mail.py); here they leave as they are queued, to be read at once.
pytestmark = pytest.mark.usefixtures("mails_leave_at_once")

DAY = dt.date(2026, 3, 5)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages in English (chosen with the language switch's cookie), to assert on the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield
    # The language middleware leaves the request's language active in this thread.
    translation.deactivate()


@pytest.fixture
def body(council):
    return Body.objects.get(council=council)


@pytest.fixture
def meeting(body):
    meeting = Meeting.objects.create(
        body=body, date=DAY, start_time=dt.time(13, 15), end_time=dt.time(15, 15), place="Rådhuset"
    )
    AgendaItem.objects.create(meeting=meeting, number=1, title="Sammanträdets öppnande")
    AgendaItem.objects.create(
        meeting=meeting, number=2, title="Lägesbild", presenter="Anna Berg", planned_time="13:30"
    )
    return meeting


def _seat(council, body, name, email="", *, role="member", start=None, end=None, person=None):
    person = person or person_create(actor=None, council=council, name=name, email=email)
    membership_create(
        actor=None, body=body, person=person, role=role, start_date=start, end_date=end
    )
    return person


@pytest.fixture
def members(council, body):
    """Besides the chair Roger Eklund (roger@example.se) from the council fixture."""
    return {
        "police": _seat(council, body, "Anna Berg", "anna.berg@polisen.se"),
        "no_email": _seat(council, body, "Bertil Ek"),
        "left": _seat(council, body, "Cecilia Ahl", "cecilia@example.se", end=DAY.replace(day=4)),
        "later": _seat(council, body, "David Lind", "david@example.se", start=DAY.replace(day=6)),
        "last_day": _seat(council, body, "Eva Sten", "eva@example.se", end=DAY),
        "first_day": _seat(council, body, "Fia Holm", "fia@example.se", start=DAY),
    }


# Who gets it -------------------------------------------------------------------------------


def test_the_recipients_are_the_members_seated_on_the_meetings_day(meeting, members):
    recipients = notice_recipients(meeting)
    assert [p.name for p in recipients.with_email] == [
        "Anna Berg",
        "Eva Sten",
        "Fia Holm",
        "Roger Eklund",
    ]
    assert [p.name for p in recipients.without_email] == ["Bertil Ek"]


def test_a_person_with_two_seats_or_a_shared_address_gets_one_mail(council, body, meeting):
    roger = Person.objects.get(name="Roger Eklund")
    _seat(council, body, "", role="secretary", person=roger)
    _seat(council, body, "Roger Eklund (kopia)", "ROGER@example.se")
    assert [p.name for p in notice_recipients(meeting).with_email] == ["Roger Eklund"]


def test_members_of_other_bodies_are_not_recipients(council, meeting):
    working_committee = body_create(
        actor=None, council=council, name="Arbetsutskottet", kind="working_committee"
    )
    _seat(council, working_committee, "Gustav Nord", "gustav@example.se")
    assert "Gustav Nord" not in [p.name for p in notice_recipients(meeting).with_email]


# Sending -----------------------------------------------------------------------------------


def test_each_member_gets_the_notice_with_the_pdf(users, meeting, members, mailoutbox):
    # when
    dispatch = notice_send(actor=users["secretary"], meeting=meeting)
    # then one message per address, none showing the others
    assert sorted(m.to[0] for m in mailoutbox) == [
        "anna.berg@polisen.se",
        "eva@example.se",
        "fia@example.se",
        "roger@example.se",
    ]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mailoutbox)
    message = mailoutbox[0]
    assert message.subject == "Kallelse: Brottsförebyggande rådet 2026-03-05"
    assert "Datum: torsdag 5 mars 2026" in message.body
    assert "Tid: kl 13.15–15.15" in message.body
    assert "Plats: Rådhuset" in message.body
    assert "1. Sammanträdets öppnande" in message.body
    assert "2. Lägesbild\n   Föredragande: Anna Berg, kl 13.30" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == "kallelse-brottsforebyggande-radet-2026-03-05.pdf"
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")
    # and the dispatch is recorded, with who could not be reached
    assert dispatch.recipient_count == 4
    # The suite's police member (conftest.make_users) sits on the body without an address too.
    assert dispatch.without_email == "Bertil Ek\nNils Polisson"
    assert dispatch.sent_by == users["secretary"]
    assert AuditEvent.objects.filter(model="meetings.NoticeDispatch", action="create").count() == 1


def _mail_text(message):
    [(_name, content, _type)] = message.attachments
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return f"{message.body}\n{pdf}"


def test_each_member_gets_items_not_for_publication_as_their_login_may_read_them(
    council, body, users, meeting, mailoutbox
):
    # given: a member whose login reads restricted items, a partner's reporter, and the chair
    # (Roger Eklund) who has no login
    meeting.items.filter(number=2).update(not_for_publication=True, text="Kameraplatser.")
    for role, email in (("member", "ledamot@koping.se"), ("reporter", "vard@kbab.se")):
        person = _seat(council, body, f"Person {role}", email)
        person_link_user(actor=None, person=person, user=users[role])
    # when
    notice_send(actor=None, meeting=meeting)
    # then
    texts = {message.to[0]: _mail_text(message) for message in mailoutbox}
    assert "Kameraplatser." in texts["ledamot@koping.se"]
    assert "Anna Berg" in texts["ledamot@koping.se"]
    for masked in ("vard@kbab.se", "roger@example.se"):
        assert "Kameraplatser." not in texts[masked]
        assert "Anna Berg" not in texts[masked]  # the presenter goes too
        assert "Ärendet är inte för publicering." in texts[masked]
        assert "2. Lägesbild" in texts[masked]


def test_the_senders_address_is_the_reply_address(users, meeting, mailoutbox):
    users["secretary"].email = "sekreterare@koping.se"
    users["secretary"].save()
    notice_send(actor=users["secretary"], meeting=meeting)
    assert mailoutbox[0].reply_to == ["sekreterare@koping.se"]


def test_sending_again_is_recorded_again(meeting, mailoutbox):
    notice_send(actor=None, meeting=meeting)
    notice_send(actor=None, meeting=meeting)
    assert len(mailoutbox) == 2
    assert NoticeDispatch.objects.filter(meeting=meeting).count() == 2


def test_it_refuses_a_meeting_without_items(body, mailoutbox):
    empty = Meeting.objects.create(body=body, date=DAY)
    with translation.override("en"), pytest.raises(ServiceError, match="agenda is empty"):
        notice_send(actor=None, meeting=empty)
    assert not mailoutbox
    assert not NoticeDispatch.objects.exists()


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CANCELLED])
def test_it_refuses_a_meeting_that_is_not_planned(meeting, mailoutbox, status):
    meeting.status = status
    meeting.save()
    with pytest.raises(ServiceError):
        notice_send(actor=None, meeting=meeting)
    assert not mailoutbox
    assert not NoticeDispatch.objects.exists()


def test_it_refuses_when_nobody_has_an_address(meeting, mailoutbox):
    Person.objects.update(email="")
    with pytest.raises(ServiceError):
        notice_send(actor=None, meeting=meeting)
    assert not NoticeDispatch.objects.exists()


def _deliver_now_never_later(pk, run_after=None):
    if run_after is None:
        mail_deliver(pk)


def test_a_mail_server_away_keeps_the_notice_queued_for_retries_and_logs_no_personal_data(
    meeting, members, monkeypatch, caplog
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("anna.berg@polisen.se went away")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    # a retry waits for its time in the worker's queue (the test's backend has no such wait)
    monkeypatch.setattr("samverkan.core.mail._enqueue", _deliver_now_never_later)
    with caplog.at_level(logging.INFO):
        dispatch = notice_send(actor=None, meeting=meeting)
    # the dispatch is recorded; each mail waits in the queue for its next try, with its files
    sendings = MailSending.objects.filter(reference=f"notice:{dispatch.pk}")
    assert sendings.count() == 4
    assert {s.status for s in sendings} == {MailStatus.QUEUED}
    assert all(s.attachments.exists() for s in sendings)
    assert "anna" not in caplog.text.lower()
    assert "Bertil" not in caplog.text


def test_the_log_says_how_many_not_who(meeting, members, caplog, mailoutbox):
    with caplog.at_level(logging.INFO, logger="samverkan.meetings.services.notice"):
        notice_send(actor=None, meeting=meeting)
    assert f"meeting {meeting.pk} was queued for 4 addresses" in caplog.text
    for private in ("Anna", "Bertil", "@", "Roger"):
        assert private not in caplog.text


# The page ----------------------------------------------------------------------------------


def _url(meeting):
    return f"/councils/koping/meetings/{meeting.pk}/send-notice/"


def test_the_page_shows_recipients_and_who_has_no_address(client, users, meeting, members):
    client.force_login(users["secretary"])
    page = client.get(_url(meeting))
    html = page.content.decode()
    assert page.status_code == 200
    assert "to 4 members of the body" in html
    assert "Bertil Ek" in html
    assert "Send the notice" in html
    assert "The notice has not been sent." in html
    assert page.context["recipients"].with_email[0].name == "Anna Berg"


def test_the_page_counts_co_opted_apart_from_members(
    client, users, council, body, meeting, members
):

    # given: a co-opted guest from the county with an address
    _seat(council, body, "Gun Adjungerad", "gun@lansstyrelsen.se", role="adjunct")
    client.force_login(users["secretary"])
    # when
    html = client.get(_url(meeting)).content.decode()
    # then: she gets the notice, but is not counted as a member
    assert "to 4 members of the body and 1 co-opted" in html
    assert "Gun Adjungerad" in [p.name for p in notice_recipients(meeting).with_email]


def test_the_notice_names_the_body_once_and_gives_each_items_reference_number(meeting):
    # given: an item with a reference number (Dnr)
    meeting.items.filter(number=2).update(reference="KS 2026/123")
    # when
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(notice_pdf(meeting))).pages
    )
    plain = notice_plain_text(meeting)
    # then: "Brottsförebyggande rådet, Brottsförebyggande rådet, Köpings kommun" no more
    assert "Brottsförebyggande rådet, Köpings kommun" in text
    assert "Brottsförebyggande rådet, Brottsförebyggande rådet" not in text
    assert "Dnr KS 2026/123" in text
    assert "Dnr KS 2026/123" in plain


def test_the_secretary_sends_and_sees_the_history(client, users, meeting, members, mailoutbox):
    client.force_login(users["secretary"])
    response = client.post(_url(meeting))
    assert response.status_code == 302
    assert response.url == _url(meeting)
    assert len(mailoutbox) == 4
    page = client.get(_url(meeting))
    html = page.content.decode()
    assert "The notice was sent to 4 addresses." in html
    [row] = page.context["dispatches"]
    assert row["dispatch"].recipient_count == 4
    assert row["without_email"] == ["Bertil Ek", "Nils Polisson"]
    assert "secretary" in html  # who sent it


def test_the_page_explains_why_it_cannot_be_sent(client, users, body, mailoutbox):
    empty = Meeting.objects.create(body=body, date=DAY)
    client.force_login(users["secretary"])
    page = client.get(_url(empty))
    assert page.status_code == 200
    assert "The agenda is empty" in page.content.decode()
    assert "Send the notice" not in page.content.decode()
    refused = client.post(_url(empty))
    assert refused.status_code == 400
    assert "The notice was not sent" in refused.content.decode()
    assert not mailoutbox


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("viewer", 403), ("outsider", 404)])
def test_only_meeting_managers_send(client, users, meeting, role, status, mailoutbox):
    client.force_login(users[role])
    assert client.get(_url(meeting)).status_code == status
    assert client.post(_url(meeting)).status_code == status
    assert not mailoutbox


def test_unknown_meetings_are_not_found_and_visitors_log_in(client, users, meeting):
    response = client.get(_url(meeting))
    assert response.status_code == 302
    assert "/login/" in response.url
    client.force_login(users["secretary"])
    assert client.get("/councils/koping/meetings/999999/send-notice/").status_code == 404


def test_the_page_uses_a_fixed_number_of_queries(client, users, council, body, meeting, members):
    client.force_login(users["secretary"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(meeting)).status_code == 200
        return len(captured)

    notice_send(actor=None, meeting=meeting)
    few = queries()
    notice_send(actor=users["secretary"], meeting=meeting)
    _seat(council, body, "Hanna Vik", "hanna@example.se")
    _seat(council, body, "Ivar Ås")
    AgendaItem.objects.create(meeting=meeting, number=3, title="Övrigt")
    assert queries() == few
