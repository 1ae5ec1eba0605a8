"""A person in the meetings: attendance, signatures, approvals and calendar feeds (registered
with organisations/personal_data.py). Names in minutes stay: adjusted minutes are public
records and never change (docs/design/minutes.md)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor
from samverkan.core.importing.selectors import pending_imports_of
from samverkan.core.importing.services import pending_imports_delete_of
from samverkan.meetings.models import (
    Approval,
    Attendance,
    CalendarFeed,
    MinutesImport,
    MinutesRevision,
    NoticeDispatch,
    Signature,
)
from samverkan.meetings.services.feeds import calendar_feed_revoke
from samverkan.organisations.models import Council, Person
from samverkan.organisations.personal_data import Section, collects, erases, plain

IN_MINUTES = "in_adjusted_minutes"


def _adjusted() -> Exists:
    return Exists(
        MinutesRevision.objects.filter(meeting=OuterRef("meeting"), adjusted_at__isnull=False)
    )


@collects(
    "meetings.Attendance",
    "meetings.Signature",
    "meetings.Approval",
    "meetings.CalendarFeed",
    "meetings.MinutesImport",
    "core.PendingImport",
    "meetings.NoticeDispatch",
    "meetings.MinutesRevision",
)
def _meetings(person: Person, council: Council) -> list[Section]:
    kept = _("Kept: names in minutes are public records, and adjusted minutes never change.")
    attendance = Section(
        "attendance",
        _("Attendance"),
        [
            ("meeting", _("meeting")),
            ("name", _("name")),
            ("affiliation", _("affiliation")),
            ("attendance", _("attendance")),
            (IN_MINUTES, _("in adjusted minutes")),
        ],
        kept=kept,
    )
    for row in (
        Attendance.objects.filter(person=person, meeting__body__council=council)
        .select_related("meeting__body")
        .annotate(adjusted=_adjusted())
        .order_by("meeting__date", "id")
    ):
        attendance.rows.append(
            {
                "meeting": str(row.meeting),
                "name": row.name,
                "affiliation": row.affiliation,
                "attendance": row.get_kind_display(),
                IN_MINUTES: row.adjusted,
            }
        )
    signatures = Section(
        "signatures",
        _("Signatures"),
        [
            ("meeting", _("meeting")),
            ("role", _("role")),
            ("name", _("name")),
            (IN_MINUTES, _("in adjusted minutes")),
        ],
        kept=kept,
    )
    for signature in (
        Signature.objects.filter(person=person, meeting__body__council=council)
        .select_related("meeting__body")
        .annotate(adjusted=_adjusted())
        .order_by("meeting__date", "id")
    ):
        signatures.rows.append(
            {
                "meeting": str(signature.meeting),
                "role": signature.get_role_display(),
                "name": signature.name,
                IN_MINUTES: signature.adjusted,
            }
        )
    approvals = Section(
        "approvals",
        _("Approvals of minutes"),
        [("meeting", _("meeting")), ("role", _("role")), ("name", _("name")), ("at", _("when"))],
        kept=kept,
    )
    feeds = Section(
        "calendar_feeds",
        _("Calendar feeds"),
        [("body", _("body")), ("created", _("created")), ("revoked", _("revoked"))],
    )
    if person.user_id is not None:
        for approval in Approval.objects.filter(
            user_id=person.user_id, revision__meeting__body__council=council
        ).select_related("revision__meeting__body"):
            approvals.rows.append(
                {
                    "meeting": str(approval.revision.meeting),
                    "role": approval.get_role_display(),
                    "name": approval.name,
                    "at": plain(approval.created_at),
                }
            )
        for feed in CalendarFeed.objects.filter(
            user_id=person.user_id, body__council=council
        ).select_related("body"):
            feeds.rows.append(
                {
                    "body": feed.body.name,
                    "created": plain(feed.created_at),
                    "revoked": plain(feed.revoked_at),
                }
            )
    return [attendance, signatures, approvals, feeds, _records_made(person, council)]


def _records_made(person: Person, council: Council) -> Section:
    """Minutes imported or waiting to be, notices sent and versions of minutes made."""
    made = Section(
        "meeting_records_made",
        _("Minutes and notices you handled"),
        [("at", _("when")), ("what", _("what")), ("record", _("record"))],
        kept=_("Kept as the record of how the minutes came about and who was called."),
    )
    if person.user_id is None:
        return made
    user_id = person.user_id
    rows: list[dict[str, Any]] = []
    for minutes_import in MinutesImport.objects.filter(imported_by_id=user_id, council=council):
        rows.append(
            {
                "at": minutes_import.created_at,
                "what": _("minutes imported"),
                "record": minutes_import.filename,
            }
        )
    for pending in pending_imports_of(user_id=user_id, council_id=council.pk).only(
        "created_at", "filename"
    ):
        rows.append(
            {
                "at": pending.created_at,
                "what": _("file waiting to be imported"),
                "record": pending.filename,
            }
        )
    for dispatch in NoticeDispatch.objects.filter(
        sent_by_id=user_id, meeting__body__council=council
    ).select_related("meeting__body"):
        rows.append(
            {"at": dispatch.created_at, "what": _("notice sent"), "record": str(dispatch.meeting)}
        )
    for revision in (
        MinutesRevision.objects.filter(created_by_id=user_id, meeting__body__council=council)
        .select_related("meeting__body")
        .only("created_at", "number", "meeting")
    ):
        rows.append(
            {
                "at": revision.created_at,
                "what": _("version of minutes made"),
                "record": str(revision),
            }
        )
    rows.sort(key=lambda row: row["at"])
    made.rows = [{**row, "at": plain(row["at"])} for row in rows]
    return made


@erases
def _revoke_feeds(actor: Actor, person: Person, council: Council) -> None:
    """Revoke every calendar feed of the login (its address would go on answering) and drop the
    files it left waiting to be imported (nobody else can confirm them)."""
    if person.user_id is None:
        return
    # An upload waiting for its preview is no record (a new upload replaces it unaudited too).
    pending_imports_delete_of(user_id=person.user_id)
    feeds = CalendarFeed.objects.filter(user_id=person.user_id, revoked_at__isnull=True)
    for feed in feeds.select_related("body"):
        calendar_feed_revoke(actor=actor, feed=feed)
