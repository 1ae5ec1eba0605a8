"""Accessibility feedback: received from the statement's form, forwarded, handled in the console.

The statement promises an answer within two working days, so each message is mailed to
FEEDBACK_EMAIL when it is stored and the operator marks it handled, with who and when.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.core.mail import mail_queue
from samverkan.core.models import Feedback


def feedback_receive(*, actor: Actor, page_url: str, message: str, email: str) -> Feedback:
    """Store the feedback and, once stored, mail it to FEEDBACK_EMAIL (when set)."""
    feedback = Feedback(page_url=page_url, message=message, email=email)
    with transaction.atomic():
        feedback.save()
        audit_create(actor=actor, instance=feedback, council_id=None)
        if settings.FEEDBACK_EMAIL:
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Accessibility feedback")
                body = _(
                    "Page: %(page)s\nAnswer to: %(email)s\n\n%(message)s\n\n"
                    "Mark it handled in the console once answered."
                ) % {
                    "page": page_url or "-",
                    "email": email or _("(no address given)"),
                    "message": message,
                }
            # Sent by the worker once stored; a mail server that is down is tried again.
            mail_queue(kind="feedback", to=settings.FEEDBACK_EMAIL, subject=subject, body=body)
    return feedback


def feedback_mark_handled(*, actor: User, feedback: Feedback) -> Feedback:
    """Record that the feedback was answered or dealt with, by whom and when."""
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
        if feedback.handled_at is not None:
            raise ServiceError(_("This feedback is handled already."))
        before = snapshot(feedback)
        feedback.handled_at = timezone.now()
        feedback.handled_by = actor
        feedback.save(update_fields=["handled_at", "handled_by", "updated_at"])
        audit_update(actor=actor, instance=feedback, before=before, council_id=None)
    return feedback
