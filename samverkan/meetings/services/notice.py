"""Sending the notice (kallelse) of a meeting to the members of its body by e-mail.

Who gets it: every person with a seat on the meeting's body on the meeting's day who has an
e-mail address, once per address. Each gets a message of their own (no one sees the others'
addresses) with the notice as PDF, in the version their login may read: items not for
publication are masked for a person whose login may not read them, or who has no login (a
seat gives no access, docs/design/permissions.md). A NoticeDispatch records how many were
sent to and who had no address, so that the secretary can reach them otherwise. Nothing
personal is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samverkan.accounts.access import masked_for
from samverkan.core.audit import Actor, audit_create
from samverkan.core.errors import ServiceError
from samverkan.meetings.documents.notice import (
    notice_filename,
    notice_pdf,
    notice_plain_text,
    notice_subject,
)
from samverkan.meetings.models import Meeting, MeetingStatus, NoticeDispatch
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
    reply_to = [sender.email] if sender is not None and sender.email else []
    # Rendered once per version (the PDF takes about a second), in the order of the people.
    versions: dict[bool, tuple[str, tuple[str, bytes, str]]] = {}
    messages = []
    for person in recipients.with_email:
        public = (
            person.user is None or not person.user.is_active or masked_for(person.user, council)
        )
        if public not in versions:
            pdf = notice_pdf(meeting, public=public)
            versions[public] = (
                notice_plain_text(meeting, public=public),
                (notice_filename(meeting, "pdf"), pdf, "application/pdf"),
            )
        text, attachment = versions[public]
        messages.append(
            EmailMessage(
                subject=subject,
                body=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[person.email.strip()],
                reply_to=reply_to,
                attachments=[attachment],
            )
        )
    # The record is saved only if the mail server took every message.
    with transaction.atomic():
        dispatch = NoticeDispatch.objects.create(
            meeting=meeting,
            sent_by=sender,
            recipient_count=len(messages),
            without_email="\n".join(person.name for person in recipients.without_email),
        )
        audit_create(actor=actor, instance=dispatch, council_id=meeting.body.council_id)
        try:
            get_connection(fail_silently=False).send_messages(messages)
        except OSError as exc:  # smtplib's errors are OSErrors too
            logger.warning(
                "The notice of meeting %s could not be sent: %s", meeting.pk, type(exc).__name__
            )
            raise ServiceError(
                _("The mail server did not take the notice. Nothing was recorded; try again later.")
            ) from exc
    logger.info("The notice of meeting %s was sent to %d addresses.", meeting.pk, len(messages))
    return dispatch
