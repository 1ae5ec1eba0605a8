"""The notice by e-mail carries the documents of the agenda items each recipient may read, up to
NOTICE_ATTACHMENT_MAX_BYTES in all; the rest are listed with a link to the file on the site."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.core.mail import site_link
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.meetings.services.item_files import item_file_add
from samverkan.meetings.services.notice import notice_send
from samverkan.organisations.models import Body
from samverkan.organisations.services import membership_create, person_create, person_link_user

# The mails are queued (core/mail.py); here they leave as they are queued, to be read at once.
pytestmark = pytest.mark.usefixtures("mails_leave_at_once")

MEMBER, PARTNER = "ledamot@koping.se", "vard@kbab.se"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf(marker: str, size: int = 0) -> bytes:
    head = f"%PDF-1.4\n% {marker}\n".encode()
    return head + b"0" * max(0, size - len(head))


def _attach(item: AgendaItem, name: str, marker: str, size: int = 0) -> ItemFile:
    upload = SimpleUploadedFile(name, _pdf(marker, size), content_type="application/pdf")
    return item_file_add(actor=None, item=item, upload=upload)


@pytest.fixture
def meeting(council, users) -> Meeting:
    """Three items: a situation report with its document, camera sites not for publication
    with theirs, and a large survey report; a member and a partner's reporter on the body."""
    body = Body.objects.get(council=council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 3, 5), place="Rådhuset")
    situation = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    cameras = AgendaItem.objects.create(
        meeting=meeting, number=2, title="Kameraplatser", not_for_publication=True
    )
    survey = AgendaItem.objects.create(meeting=meeting, number=3, title="Trygghetsmätning")
    _attach(situation, "lagesbild.pdf", "Xqsituation")
    _attach(cameras, "kameror.pdf", "Xqcameras")
    _attach(survey, "matning.pdf", "Xqsurvey", size=6000)
    for role, email in (("member", MEMBER), ("reporter", PARTNER)):
        person = person_create(actor=None, council=council, name=f"Person {role}", email=email)
        person_link_user(actor=None, person=person, user=users[role])
        membership_create(actor=None, body=body, person=person, role="member")
    return meeting


def _sent(mailoutbox, address: str):
    [message] = [m for m in mailoutbox if m.to == [address]]
    return message


def _names(message) -> list[str]:
    return [name for name, _content, _type in message.attachments]


def test_the_notice_carries_the_item_documents_the_recipient_may_read(meeting, mailoutbox):
    # when
    notice_send(actor=None, meeting=meeting)
    # then: the member gets every document, after the notice itself
    member = _sent(mailoutbox, MEMBER)
    assert _names(member)[1:] == ["lagesbild.pdf", "kameror.pdf", "matning.pdf"]
    assert member.attachments[1][1].startswith(b"%PDF-1.4\n% Xqsituation")
    assert "1. Lägesbild: lagesbild.pdf" in member.body
    # and the partner's reporter, who reads the notice masked, gets no camera document
    partner = _sent(mailoutbox, PARTNER)
    assert _names(partner)[1:] == ["lagesbild.pdf", "matning.pdf"]
    assert not any(b"Xqcameras" in content for _n, content, _t in partner.attachments)
    assert "kameror.pdf" not in partner.body


def test_documents_beyond_the_limit_are_linked_instead(meeting, mailoutbox, settings):
    # given: room for the small documents only
    settings.NOTICE_ATTACHMENT_MAX_BYTES = 1000
    survey = ItemFile.objects.get(filename="matning.pdf")
    link = site_link(
        reverse("meetings:item_file_download", args=[meeting.body.council.slug, survey.pk])
    )
    # when
    notice_send(actor=None, meeting=meeting)
    # then
    for address in (MEMBER, PARTNER):
        message = _sent(mailoutbox, address)
        assert "matning.pdf" not in _names(message)
        assert "lagesbild.pdf" in _names(message)
        assert f"3. Trygghetsmätning: matning.pdf\n   {link}" in message.body
        assert "inloggning" in message.body


def test_a_restricted_document_beyond_the_limit_is_not_linked_for_a_masked_recipient(
    meeting, mailoutbox, settings
):

    settings.NOTICE_ATTACHMENT_MAX_BYTES = 0
    cameras = ItemFile.objects.get(filename="kameror.pdf")
    notice_send(actor=None, meeting=meeting)
    partner = _sent(mailoutbox, PARTNER)
    assert len(partner.attachments) == 1  # the notice only
    assert "kameror.pdf" not in partner.body
    assert f"/files/{cameras.pk}/" not in partner.body
    assert "kameror.pdf" in _sent(mailoutbox, MEMBER).body
