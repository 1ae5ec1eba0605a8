"""Sending the notice (kallelse) of a meeting to the members of its body by e-mail.

Who gets it: every person with a seat on the meeting's body on the meeting's day who has an
e-mail address, once per address. Each gets a message of their own, queued through
`core/mail.py` and delivered by the worker with retries (no one sees the others' addresses),
with the notice as PDF, in the version their login may read: items not for publication are
masked for a person whose login may not read them, or who has no login (a seat gives no
access, docs/design/permissions.md). A NoticeDispatch records how many were
sent to and who had no address, so that the secretary can reach them otherwise. Nothing
personal is logged.

The documents of the items (their files) go with it, those of the items the version may read:
attached in agenda order while they add up to at most `NOTICE_ATTACHMENT_MAX_BYTES`, the rest
listed with a link to the file on the site (which asks for a login and checks it again).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.accounts.access import masked_for
from samverkan.core.audit import Actor, audit_create
from samverkan.core.errors import ServiceError
from samverkan.core.mail import mail_attachment_create, mail_queue, site_link
from samverkan.core.models import MailAttachment
from samverkan.meetings.documents.notice import (
    notice_filename,
    notice_pdf,
    notice_plain_text,
    notice_subject,
)
from samverkan.meetings.models import ItemFile, Meeting, MeetingStatus, NoticeDispatch
from samverkan.organisations.models import Membership, MembershipRole, Person

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipients:
    with_email: list[Person]  # one person per address
    without_email: list[Person]
    # Of those with an address, the co-opted (adjungerade): they get the notice, but are not
    # members of the body and are not counted as such.
    co_opted: int = 0

    @property
    def members(self) -> int:
        return len(self.with_email) - self.co_opted


def notice_recipients(meeting: Meeting) -> Recipients:
    """The people with a seat on the body on the meeting's day, by name (one query)."""
    memberships = (
        Membership.objects.filter(body_id=meeting.body_id)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=meeting.date))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=meeting.date))
        .select_related("person__user")
        .order_by("person__name", "person_id")
    )
    with_email: list[Person] = []
    without_email: list[Person] = []
    seen_people: set[int] = set()
    seen_addresses: set[str] = set()
    # A person with a seat as a member and as co-opted is a member.
    co_opted_only = {m.person_id for m in memberships if m.role == MembershipRole.ADJUNCT} - {
        m.person_id for m in memberships if m.role != MembershipRole.ADJUNCT
    }
    co_opted = 0
    for membership in memberships:
        person = membership.person
        if person.pk in seen_people:
            continue
        seen_people.add(person.pk)
        address = person.email.strip().lower()
        if not address:
            without_email.append(person)
        elif address not in seen_addresses:
            seen_addresses.add(address)
            with_email.append(person)
            co_opted += person.pk in co_opted_only
    return Recipients(with_email=with_email, without_email=without_email, co_opted=co_opted)


def notice_problem(meeting: Meeting, recipients: Recipients) -> str | None:
    """Why the notice cannot be sent now, or None. Expects `meeting.items` to be cheap."""
    if meeting.status != MeetingStatus.PLANNED:
        return _("Only a planned meeting can be given notice of.")
    if not meeting.items.exists():
        return _("The agenda is empty. Add items before sending the notice.")
    if not recipients.with_email:
        return _("No member of the body on the meeting's day has an e-mail address.")
    return None


Attachment = tuple[str, bytes, str]  # name, content, type


@dataclass(frozen=True)
class ItemDocuments:
    attached: list[tuple[ItemFile, Attachment]]
    linked: list[tuple[ItemFile, str]]  # the file and its address on the site


def notice_documents(meeting: Meeting, *, public: bool) -> ItemDocuments:
    """The files of the meeting's items for one version of the notice (one query).

    `public` leaves out the files of items not for publication, as the notice masks them.
    Attached in agenda order while the total stays within the limit; a file beyond it, or
    one missing from storage, is linked instead.
    """
    room = settings.NOTICE_ATTACHMENT_MAX_BYTES
    files = ItemFile.objects.filter(item__meeting=meeting).select_related("item")
    if public:
        files = files.filter(item__not_for_publication=False)
    slug = meeting.body.council.slug
    attached: list[tuple[ItemFile, Attachment]] = []
    linked: list[tuple[ItemFile, str]] = []
    for item_file in files.order_by("item__number", "id"):
        if item_file.size <= room:
            try:
                with item_file.file.open("rb") as stored:
                    content = stored.read()
            except OSError:
                content = b""
            if content:
                attached.append((item_file, (item_file.filename, content, item_file.content_type)))
                room -= len(content)
                continue
        address = reverse("meetings:item_file_download", args=[slug, item_file.pk])
        linked.append((item_file, site_link(address)))
    return ItemDocuments(attached=attached, linked=linked)


def _documents_text(documents: ItemDocuments) -> str:
    """What the e-mail says of the documents: in Swedish, as the notice is."""
    lines: list[str] = []
    if documents.attached:
        lines += ["", "Bifogade handlingar:"]
        for item_file, _attachment in documents.attached:
            lines.append(f"{item_file.item.number}. {item_file.item.title}: {item_file.filename}")
    if documents.linked:
        lines += ["", "Handlingar att hämta på webbplatsen (kräver inloggning):"]
        for item_file, address in documents.linked:
            lines.append(f"{item_file.item.number}. {item_file.item.title}: {item_file.filename}")
            lines.append(f"   {address}")
    return "\n".join(lines)


def _sender(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def notice_send(*, actor: Actor, meeting: Meeting) -> NoticeDispatch:
    """E-mail the notice to the body's members and record the dispatch. Sending again is
    allowed and recorded again. Renders the PDF: about a second."""
    recipients = notice_recipients(meeting)
    problem = notice_problem(meeting, recipients)
    if problem:
        raise ServiceError(problem)
    subject = notice_subject(meeting)
    council = meeting.body.council
    sender = _sender(actor)
    reply_to = sender.email if sender is not None and sender.email else ""
    # The dispatch and its mails are recorded together; the worker delivers them (with retries)
    # once this commits.
    with transaction.atomic():
        dispatch = NoticeDispatch.objects.create(
            meeting=meeting,
            sent_by=sender,
            recipient_count=len(recipients.with_email),
            without_email="\n".join(person.name for person in recipients.without_email),
        )
        audit_create(actor=actor, instance=dispatch, council_id=meeting.body.council_id)
        # Rendered once per version (the PDF takes about a second), in the order of the people;
        # each file is stored once for every mail that carries it.
        versions: dict[bool, tuple[str, list[MailAttachment]]] = {}
        for person in recipients.with_email:
            public = (
                person.user is None or not person.user.is_active or masked_for(person.user, council)
            )
            if public not in versions:
                pdf = notice_pdf(meeting, public=public)
                documents = notice_documents(meeting, public=public)
                attachments = [
                    (notice_filename(meeting, "pdf"), pdf, "application/pdf"),
                    *(attachment for _item_file, attachment in documents.attached),
                ]
                versions[public] = (
                    notice_plain_text(meeting, public=public, documents=_documents_text(documents)),
                    [
                        mail_attachment_create(filename=name, content=content, content_type=kind)
                        for name, content, kind in attachments
                    ],
                )
            text, stored = versions[public]
            mail_queue(
                kind="notice",
                to=person.email,
                subject=subject,
                body=text,
                recipient=person.user,
                reference=f"notice:{dispatch.pk}",
                reply_to=reply_to,
                attachments=stored,
            )
    logger.info(
        "The notice of meeting %s was queued for %d addresses.",
        meeting.pk,
        len(recipients.with_email),
    )
    return dispatch
