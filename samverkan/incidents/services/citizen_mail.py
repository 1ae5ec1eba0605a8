"""Mails about citizens' reports (the form and Open311), through `core.mail`:

- the citizen who left an address gets a receipt, and a word when a coordinator has decided
  (published or not); the mails hold no text of the report, only its number and category;
- the council's coordinators hear of a report waiting for moderation at once, or in one daily
  summary, or never, as each chose on their account page.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.models import ModerationMail
from samverkan.accounts.selectors import moderators_by_choice
from samverkan.core.mail import mail_queue, mail_references_sent, site_link
from samverkan.incidents.models import Incident, IncidentSource, IncidentStatus


def citizen_report_received(*, incident: Incident) -> None:
    """A citizen's report was saved: a receipt to its address, a word to the moderators who want
    one at once. Called in the report's transaction; the mails go once it commits."""
    if incident.source != IncidentSource.CITIZEN:
        return
    council = incident.council
    with translation.override("sv"):
        facts = {"number": incident.pk, "category": incident.category.name, "council": council.name}
        if incident.contact_email:
            mail_queue(
                kind="citizen_receipt",
                to=incident.contact_email,
                subject=_("Your report no. %(number)s is received") % facts,
                body=_(
                    "Thank you for your report (%(category)s) to %(council)s. Its number is "
                    "%(number)s.\n\nA coordinator reads it before anything of it is shown "
                    "publicly; you will get a word when that is done. Reply to this mail is not "
                    "read: for an emergency, call 112; to report a crime, call the police on "
                    "114 14."
                )
                % facts,
            )
        link = site_link(reverse("incidents:incident_detail", args=[council.slug, incident.pk]))
        for user in moderators_by_choice(council.pk, ModerationMail.AT_ONCE):
            mail_queue(
                kind="moderation",
                to=user.email,
                recipient=user,
                subject=_("A citizen's report waits for moderation (%(council)s)") % facts,
                body=_(
                    "Report no. %(number)s (%(category)s) from a citizen waits for you to "
                    "publish or reject it:\n%(link)s\n\nChoose how often you get these mails on "
                    "your account page."
                )
                % {**facts, "link": link},
            )


def citizen_report_decided(*, incident: Incident) -> None:
    """A coordinator published or rejected a citizen's report for the first time: a word to the
    citizen who left an address."""
    if incident.source != IncidentSource.CITIZEN or not incident.contact_email:
        return
    with translation.override("sv"):
        facts = {"number": incident.pk, "council": incident.council.name}
        if incident.status == IncidentStatus.PUBLISHED:
            text = _(
                "Your report no. %(number)s to %(council)s has been read and is now shown on the "
                "council's public map and figures, without your address."
            )
        else:
            text = _(
                "Your report no. %(number)s to %(council)s has been read. It is not shown "
                "publicly, but the council keeps it in its picture of the area."
            )
        mail_queue(
            kind="citizen_decided",
            to=incident.contact_email,
            subject=_("Your report no. %(number)s has been read") % facts,
            body=(text % facts) + "\n\n" + _("Thank you for reporting."),
        )


def moderation_digest(*, now: dt.datetime) -> int:
    """The daily summary: each coordinator who chose it hears how many citizens' reports wait
    in their council. Answers how many mails were queued."""
    from samverkan.organisations.models import Council

    waiting = dict(
        Incident.objects.filter(status=IncidentStatus.PENDING)
        .values_list("council_id")
        .annotate(n=Count("pk"))
        .values_list("council_id", "n")
    )
    # One digest per coordinator and day: the job run twice on a day (after a restart, or by
    # two workers) sends nothing more.
    day = timezone.localdate(now).isoformat()
    councils = list(Council.objects.filter(pk__in=list(waiting)).order_by("pk"))
    readers = {
        council.pk: moderators_by_choice(council.pk, ModerationMail.DAILY) for council in councils
    }
    sent = mail_references_sent(
        [
            f"moderation_digest:{council_id}:{user.pk}:{day}"
            for council_id, users in readers.items()
            for user in users
        ]
    )
    queued = 0
    with translation.override("sv"):
        for council in councils:
            link = site_link(reverse("incidents:incident_list", args=[council.slug]))
            facts = {
                "count": waiting[council.pk],
                "council": council.name,
                "link": f"{link}?status=pending",
            }
            for user in readers[council.pk]:
                reference = f"moderation_digest:{council.pk}:{user.pk}:{day}"
                if reference in sent:
                    continue
                mail_queue(
                    kind="moderation_digest",
                    reference=reference,
                    to=user.email,
                    recipient=user,
                    subject=_("%(count)s citizens' reports wait for moderation (%(council)s)")
                    % facts,
                    body=_(
                        "%(count)s reports from citizens wait for you to publish or reject "
                        "them:\n%(link)s\n\nChoose how often you get these mails on your "
                        "account page."
                    )
                    % facts,
                )
                queued += 1
    return queued
