"""Writes for the cooperation agreement: its parties, commitments, governance bodies and
signatories (of an agreement or of citizen promises), and the reminders that an agreement is
about to end.

Every write validates, runs in one transaction and is audited.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.accounts.models import CouncilRole, Role
from samverkan.core.audit import (
    Actor,
    Snapshot,
    audit_create,
    audit_delete,
    audit_update,
    snapshot,
)
from samverkan.core.errors import ServiceError
from samverkan.core.mail import mail_queue
from samverkan.organisations.models import Body, Council, Organisation, Person
from samverkan.plans.models import (
    EDITABLE_STATUSES,
    Agreement,
    AgreementParty,
    AgreementReminder,
    Commitment,
    GovernanceBody,
    GovernanceKind,
    Party,
    PromiseSet,
    Signatory,
)

logger = logging.getLogger(__name__)

# The coordinators are reminded this many days before an agreement ends, most urgent last.
REMINDER_DAYS = (60, 30)
# An agreement that ends within this many days says so on its page.
EXPIRY_WARNING_DAYS = 60


def one_line(text: str) -> str:
    return " ".join(text.split())


def check_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ServiceError(_("The end date must not be before the start date."), field="valid_to")


def save_audited(
    actor: Actor, instance: models.Model, council_id: int, before: Snapshot | None
) -> None:
    instance.save()
    if before is None:
        audit_create(actor=actor, instance=instance, council_id=council_id)
    else:
        audit_update(actor=actor, instance=instance, before=before, council_id=council_id)


def delete_audited(actor: Actor, instance: models.Model, council_id: int) -> None:
    audit_delete(actor=actor, instance=instance, council_id=council_id)
    instance.delete()


# Agreements -------------------------------------------------------------------------------


@dataclass
class AgreementFields:
    title: str
    signed_on: dt.date | None = None
    place: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    purpose: str = ""
    method: str = ""
    current_picture: str = ""
    commitments_intro: str = ""
    enclosures: list[str] = field(default_factory=list)


def _agreement_values(fields: AgreementFields) -> dict[str, object]:
    title = one_line(fields.title)
    if not title:
        raise ServiceError(_("Give the agreement a title."), field="title")
    check_period(fields.valid_from, fields.valid_to)
    return {
        "title": title[:300],
        "signed_on": fields.signed_on,
        "place": one_line(fields.place)[:100],
        "valid_from": fields.valid_from,
        "valid_to": fields.valid_to,
        "purpose": fields.purpose.strip(),
        "method": fields.method.strip(),
        "current_picture": fields.current_picture.strip(),
        "commitments_intro": fields.commitments_intro.strip(),
        "enclosures": [e for e in (one_line(e)[:300] for e in fields.enclosures) if e],
    }


@transaction.atomic
def agreement_create(*, actor: Actor, council: Council, fields: AgreementFields) -> Agreement:
    agreement = Agreement(council=council, **_agreement_values(fields))
    save_audited(actor, agreement, council.pk, None)
    return agreement


@transaction.atomic
def agreement_update(*, actor: Actor, agreement: Agreement, fields: AgreementFields) -> Agreement:
    values = _agreement_values(fields)
    before = snapshot(agreement)
    for name, value in values.items():
        setattr(agreement, name, value)
    save_audited(actor, agreement, agreement.council_id, before)
    return agreement


def days_left(agreement: Agreement, today: dt.date | None = None) -> int | None:
    """Days until the agreement ends (0 on its last day), or None without an end date."""
    if agreement.valid_to is None:
        return None
    return (agreement.valid_to - (today or timezone.localdate())).days


def expires_soon(agreement: Agreement, today: dt.date | None = None) -> int | None:
    """The days left if the agreement ends within EXPIRY_WARNING_DAYS, else None."""
    left = days_left(agreement, today)
    return left if left is not None and 0 <= left <= EXPIRY_WARNING_DAYS else None


@transaction.atomic
def commitment_add(
    *, actor: Actor, agreement: Agreement, text: str, number: int | None = None
) -> Commitment:
    """Add a numbered commitment; without a number it comes last."""
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the commitment."), field="text")
    if number is None:
        last = agreement.commitments.aggregate(last=Max("number"))["last"]
        number = (last or 0) + 1
    if number < 1:
        raise ServiceError(_("The number must be 1 or more."), field="number")
    commitment = Commitment(agreement=agreement, number=number, text=text)
    save_audited(actor, commitment, agreement.council_id, None)
    return commitment


@transaction.atomic
def commitment_update(
    *, actor: Actor, commitment: Commitment, text: str, number: int
) -> Commitment:
    text = text.strip()
    if not text:
        raise ServiceError(_("Write the commitment."), field="text")
    if number < 1:
        raise ServiceError(_("The number must be 1 or more."), field="number")
    before = snapshot(commitment)
    commitment.text, commitment.number = text, number
    save_audited(actor, commitment, commitment.agreement.council_id, before)
    return commitment


@transaction.atomic
def commitment_delete(*, actor: Actor, commitment: Commitment) -> None:
    delete_audited(actor, commitment, commitment.agreement.council_id)


def next_position(queryset: models.QuerySet[Any]) -> int:
    last = queryset.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def agreement_party_add(
    *, actor: Actor, agreement: Agreement, name: str = "", organisation: Organisation | None = None
) -> AgreementParty:
    """A party of the agreement: an organisation of the council, named as the agreement does."""
    if organisation is not None and organisation.council_id != agreement.council_id:
        raise ServiceError(_("The organisation must be the council's own."), field="organisation")
    name = one_line(name) or (organisation.name if organisation else "")
    if not name:
        raise ServiceError(_("Choose the organisation or write the party's name."), field="name")
    party = AgreementParty(
        agreement=agreement,
        name=name[:200],
        organisation=organisation,
        position=next_position(agreement.parties.all()),
    )
    save_audited(actor, party, agreement.council_id, None)
    return party


@transaction.atomic
def agreement_party_delete(*, actor: Actor, party: AgreementParty) -> None:
    delete_audited(actor, party, party.agreement.council_id)


@transaction.atomic
def governance_body_add(
    *, actor: Actor, agreement: Agreement, name: str, kind: str, body: Body | None = None
) -> GovernanceBody:
    return _governance_save(actor, GovernanceBody(agreement=agreement), name, kind, body)


@transaction.atomic
def governance_body_update(
    *, actor: Actor, governance_body: GovernanceBody, name: str, kind: str, body: Body | None
) -> GovernanceBody:
    return _governance_save(actor, governance_body, name, kind, body)


def _governance_save(
    actor: Actor, governance: GovernanceBody, name: str, kind: str, body: Body | None
) -> GovernanceBody:
    agreement = governance.agreement
    name = one_line(name) or (body.name if body else "")
    if not name:
        raise ServiceError(_("Give the group's name in the agreement."), field="name")
    if kind not in GovernanceKind.values:
        raise ServiceError(_("Choose the kind of group."), field="kind")
    if body is not None and body.council_id != agreement.council_id:
        raise ServiceError(_("The body must be the council's own."), field="body")
    before = snapshot(governance) if governance.pk else None
    if governance.pk is None:
        governance.position = next_position(agreement.governance_bodies.all())
    governance.name, governance.kind, governance.body = name[:200], kind, body
    save_audited(actor, governance, agreement.council_id, before)
    return governance


@transaction.atomic
def governance_body_delete(*, actor: Actor, governance_body: GovernanceBody) -> None:
    delete_audited(actor, governance_body, governance_body.agreement.council_id)


@transaction.atomic
def signatory_add(
    *,
    actor: Actor,
    agreement: Agreement | None = None,
    promise_set: PromiseSet | None = None,
    name: str,
    title: str = "",
    organisation_name: str = "",
    party: str = "",
    person: Person | None = None,
) -> Signatory:
    """Who signs the agreement or the promises: "Sara Schelin, Kommunchef, Köpings kommun".

    A signatory of promises names the party it signs for and the person whose login signs
    in the platform (docs/design/promises.md)."""
    owner = agreement or promise_set
    if owner is None or (agreement is not None and promise_set is not None):
        raise ServiceError(_("A signatory signs one document."))
    if promise_set is not None:
        _check_promises_editable(promise_set)
    if party and party not in Party.values:
        raise ServiceError(_("Choose the party the signatory signs for."), field="party")
    if person is not None and not person.councils.filter(pk=owner.council_id).exists():
        raise ServiceError(_("Choose one of the council's people."), field="person")
    name = one_line(name) or (person.name if person is not None else "")
    if not name:
        raise ServiceError(_("Write the signatory's name."), field="name")
    signatory = Signatory(
        agreement=agreement,
        promise_set=promise_set,
        name=name[:200],
        title=one_line(title)[:120],
        organisation_name=one_line(organisation_name)[:200],
        position=next_position(owner.signatories.all()),
        party=party,
        person=person,
    )
    save_audited(actor, signatory, owner.council_id, None)
    return signatory


@transaction.atomic
def signatory_delete(*, actor: Actor, signatory: Signatory) -> None:
    owner = signatory.agreement or signatory.promise_set
    assert owner is not None  # noqa: S101 (a database constraint)
    if signatory.promise_set is not None:
        _check_promises_editable(signatory.promise_set)
    delete_audited(actor, signatory, owner.council_id)


def _check_promises_editable(promise_set: PromiseSet) -> None:
    # The same rule as the promises' text (services.promises.check_editable), which imports
    # this module.
    if promise_set.status not in EDITABLE_STATUSES:
        raise ServiceError(_("The signatories are fixed once the promises go out for signing."))


# Reminders --------------------------------------------------------------------------------


@dataclass
class ReminderReport:
    sent: list[AgreementReminder] = field(default_factory=list)
    # Agreements due a reminder that no coordinator with an e-mail address could get.
    nobody: list[Agreement] = field(default_factory=list)


def _due_reminder(agreement: Agreement, sent: set[int], today: dt.date) -> int | None:
    """The reminder due now: the most urgent threshold reached, unless it or a later one was
    sent. A missed day is caught up; a missed 60-day reminder is not sent after the 30-day one."""
    left = days_left(agreement, today)
    if left is None or left < 0:
        return None
    reached = [days for days in REMINDER_DAYS if left <= days]
    if not reached:
        return None
    due = min(reached)
    return None if any(days <= due for days in sent) else due


def coordinator_addresses(council: Council) -> list[str]:
    """The e-mail addresses of the council's coordinators with an active login, once each."""
    roles = CouncilRole.objects.filter(
        council=council, role=Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    addresses: dict[str, str] = {}
    for role in roles:
        address = role.user.email.strip()
        if address:
            addresses.setdefault(address.lower(), address)
    return sorted(addresses.values())


def _reminder_message(agreement: Agreement, days: int, left: int) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        assert agreement.valid_to is not None  # noqa: S101 (only agreements with an end)
        subject = ngettext(
            "The cooperation agreement “%(title)s” ends in %(days)s day",
            "The cooperation agreement “%(title)s” ends in %(days)s days",
            left,
        ) % {"title": agreement.title, "days": left}
        body = _(
            "The cooperation agreement “%(title)s” of %(council)s is valid to %(date)s.\n\n"
            "This is the reminder %(reminder)s days before it ends, sent to the council's "
            "coordinators. Prepare a new agreement, or extend this one, in time for the "
            "council to decide on it.\n\n— Samverkan"
        ) % {
            "title": agreement.title,
            "council": agreement.council.name,
            "date": f"{agreement.valid_to:%Y-%m-%d}",
            "reminder": days,
        }
    return subject, body


def agreement_reminders_send(*, today: dt.date | None = None) -> ReminderReport:
    """E-mail the coordinators of each council whose agreement ends within 60 or 30 days,
    once per threshold. Safe to run any number of times a day."""
    today = today or timezone.localdate()
    report = ReminderReport()
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    agreements = (
        Agreement.objects.filter(valid_to__gte=today, valid_to__lte=horizon)
        .select_related("council")
        .prefetch_related("reminders")
    )
    for agreement in agreements:
        due = _due_reminder(agreement, {r.days_before for r in agreement.reminders.all()}, today)
        if due is None:
            continue
        to = coordinator_addresses(agreement.council)
        if not to:
            report.nobody.append(agreement)
            continue
        left = days_left(agreement, today) or 0
        subject, body = _reminder_message(agreement, due, left)
        try:
            with transaction.atomic():
                reminder = AgreementReminder.objects.create(
                    agreement=agreement, days_before=due, recipients=len(to)
                )
                audit_create(actor=None, instance=reminder, council_id=agreement.council_id)
                # One mail per coordinator, through the queue (delivered with retries).
                for address in to:
                    mail_queue(
                        kind="agreement-reminder",
                        to=address,
                        subject=subject,
                        body=body,
                        reference=f"agreement:{agreement.pk}:{due}",
                    )
        except IntegrityError:  # sent at the same moment by another run
            continue
        report.sent.append(reminder)
    return report
