"""Reminders to report: before a meeting of the body that decided a plan, each reporter (a
login sitting for an organisation responsible for one of the plan's unfinished measures) gets
one e-mail asking for a status, unless they said no on their account page (MailChoices)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.accounts.selectors import mail_choices_of
from samverkan.core.mail import mail_queue, site_link
from samverkan.core.models import MailSending
from samverkan.meetings.models import Meeting, MeetingStatus
from samverkan.organisations.models import Membership
from samverkan.plans.models import Activity, Plan, running_in
from samverkan.plans.selectors.activities import NOT_STALE

# How long before a meeting its reporters are reminded.
REMIND_DAYS_BEFORE = 7
KIND = "plan_report_reminder"


@dataclass
class ReportReminders:
    queued: int = 0
    meetings: list[Meeting] = field(default_factory=list)


def _reference(meeting: Meeting, user: User) -> str:
    return f"{KIND}:{meeting.pk}:{user.pk}"


def _reporters(activities: list[Activity], day: dt.date) -> dict[User, list[Activity]]:
    """The logins sitting (on `day`) for an organisation, or a unit of one, responsible for
    each measure, with the measures they report on."""
    organisation_ids = {o.pk for a in activities for o in a.organisations.all()}
    seats = Membership.objects.filter(
        Q(organisation_id__in=organisation_ids) | Q(organisation__parent_id__in=organisation_ids),
        person__user__isnull=False,
        person__user__is_active=True,
    ).select_related("person__user", "organisation")
    sits_for: dict[User, set[int]] = defaultdict(set)
    for seat in seats:
        if seat.is_active_on(day) and seat.organisation is not None and seat.person.user:
            sits_for[seat.person.user] |= {seat.organisation.pk, seat.organisation.parent_id or 0}
    return {
        user: [a for a in activities if any(o.pk in mine for o in a.organisations.all())]
        for user, mine in sits_for.items()
    }


def _message(meeting: Meeting, activities: list[Activity]) -> tuple[str, str]:
    council = meeting.body.council
    facts = {"body": meeting.body.name, "date": meeting.date.isoformat()}
    lines = "\n".join(
        f"- {a.text[:120]}\n  "
        + site_link(reverse("plans:activity_status", args=[council.slug, a.pk]))
        for a in activities
    )
    subject = _("Report on your activities before %(body)s %(date)s") % facts
    body = (
        _(
            "%(body)s meets on %(date)s and follows up the plan. Please report the status of "
            "your organisation's activities before then (sign in first):"
        )
        % facts
        + f"\n\n{lines}\n\n"
        + _("You can turn these reminders off on your account page, under e-mail.")
    )
    return subject, body


@transaction.atomic
def report_reminders_send(*, today: dt.date) -> ReportReminders:
    """Queue the reminders for the meetings within REMIND_DAYS_BEFORE days of the bodies that
    decided a plan running that year. Once per reporter and meeting, however often it runs."""
    result = ReportReminders()
    meetings = (
        Meeting.objects.filter(
            date__gt=today,
            date__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
            status=MeetingStatus.PLANNED,
        )
        .select_related("body__council")
        .order_by("date", "id")
    )
    for meeting in meetings:
        year = meeting.date.year
        plans = Plan.objects.filter(running_in(year), decision__item__meeting__body=meeting.body)
        activities = list(
            Activity.objects.filter(plan__in=plans, not_for_publication=False)
            .exclude(status__in=NOT_STALE)
            .prefetch_related("organisations")
            .order_by("plan_id", "position", "id")
        )
        if not activities:
            continue
        result.meetings.append(meeting)
        sent = set(
            MailSending.objects.filter(
                kind=KIND, reference__startswith=f"{KIND}:{meeting.pk}:"
            ).values_list("reference", flat=True)
        )
        with translation.override("sv"):
            for user, theirs in _reporters(activities, today).items():
                reference = _reference(meeting, user)
                if not theirs or reference in sent or not user.email.strip():
                    continue
                if not mail_choices_of(user).report_reminders:
                    continue
                subject, body = _message(meeting, theirs)
                mail_queue(
                    kind=KIND,
                    to=user.email,
                    subject=subject,
                    body=body,
                    recipient=user,
                    reference=reference,
                )
                result.queued += 1
    return result
