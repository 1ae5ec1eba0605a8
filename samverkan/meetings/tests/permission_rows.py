"""Permission-matrix rows for the meeting pages (see accounts/tests/matrix.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.accounts.tests.matrix import EVERYONE, MANAGE_MEETINGS, SEE_COUNCIL
from samverkan.meetings.minutes_content import content_hash, minutes_content
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    ItemRecord,
    Meeting,
    MinutesRevision,
    Posting,
    Signature,
)
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.organisations.models import Body, Council


def _held(body: Body, day: dt.date) -> Meeting:
    meeting = Meeting.objects.create(body=body, date=day, status="held", place="Rådhuset")
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    Decision.objects.create(item=item, text="Rådet beslutar att notera.", kind="noted")
    ItemRecord.objects.create(item=item, kind="remark", name="Ola Saaw", text="Noterat.")
    Attendance.objects.create(meeting=meeting, name="Gäst", kind="guest")
    Attachment.objects.create(meeting=meeting, title="Bilaga 1", text="Genomförandeplan")
    Signature.objects.create(meeting=meeting, role="adjuster", name="Roger Eklund")
    return meeting


def _frozen(meeting: Meeting, *, adjusted: bool) -> MinutesRevision:
    content = minutes_content(meeting_in(meeting.body.council, meeting.pk))
    revision = MinutesRevision.objects.create(
        meeting=meeting,
        number=1,
        content=content,
        content_hash=content_hash(content),
        adjusted_at=timezone.now() if adjusted else None,
    )
    if adjusted:
        today = timezone.localdate()
        Posting.objects.create(
            revision=revision,
            posted_on=today,
            removed_on=today + dt.timedelta(weeks=3),
            kept_at="x",
        )
    return revision


def extra_ids(council: Council, user: object) -> dict[str, object]:
    body = Body.objects.filter(council=council).first()
    assert body is not None
    Body.objects.filter(pk=body.pk).update(formal_rules=True)
    Council.objects.filter(pk=council.pk).update(publishes=True)
    held = Meeting.objects.filter(body=body, status="held", revisions=None).first() or _held(
        body, dt.date(2026, 4, 1)
    )
    frozen = _held(body, dt.date(2026, 5, 1))
    _frozen(frozen, adjusted=False)
    adjusted = _held(body, dt.date(2026, 6, 1))
    revision = _frozen(adjusted, adjusted=True)
    item = held.items.first()
    assert item is not None
    return {
        "held": held.pk,
        "frozen": frozen.pk,
        "adjusted": adjusted.pk,
        "revision": revision.pk,
        "item": item.pk,
        "decision": item.decisions.first().pk,  # type: ignore[union-attr]
        "record": item.records.first().pk,  # type: ignore[union-attr]
        "guest": held.attendance.first().pk,  # type: ignore[union-attr]
        "attachment": held.attachments.first().pk,  # type: ignore[union-attr]
    }


def _slug(i: dict[str, object]) -> dict[str, object]:
    return {"slug": i["slug"]}


def _m(key: str) -> object:
    return lambda i: {"slug": i["slug"], "pk": i[key]}


PAGES = [
    ("meetings:meeting_list", _slug, "get", SEE_COUNCIL),
    ("meetings:meeting_detail", _m("meeting"), "get", SEE_COUNCIL),
    ("meetings:minutes_pdf", _m("meeting"), "get", SEE_COUNCIL),
    ("meetings:minutes_docx", _m("meeting"), "get", SEE_COUNCIL),
    ("meetings:meeting_ics", _m("meeting"), "get", SEE_COUNCIL),
    ("meetings:minutes_upload", _slug, "get", MANAGE_MEETINGS),
    ("meetings:minutes_preview", _m("pending"), "get", MANAGE_MEETINGS),
    ("meetings:minutes_confirm", _m("pending"), "post", MANAGE_MEETINGS),
    ("meetings:meeting_create", _slug, "get", MANAGE_MEETINGS),
    ("meetings:schedule_create", _slug, "get", MANAGE_MEETINGS),
    ("meetings:minutes_editor", _m("held"), "get", MANAGE_MEETINGS),
    (
        "meetings:meeting_facts",
        _m("held"),
        "post",
        MANAGE_MEETINGS,
        lambda i: {"facts-date": "2026-04-02"},
    ),
    ("meetings:meeting_status", _m("held"), "post", MANAGE_MEETINGS, lambda i: {"status": "held"}),
    ("meetings:item_add", _m("held"), "post", MANAGE_MEETINGS, lambda i: {"item-title": "Övrigt"}),
    ("meetings:attendance_prefill", _m("held"), "post", MANAGE_MEETINGS),
    ("meetings:attendance_save", _m("held"), "post", MANAGE_MEETINGS, lambda i: {"x": "1"}),
    ("meetings:guest_add", _m("held"), "post", MANAGE_MEETINGS, lambda i: {"guest-name": "Eva"}),
    (
        "meetings:signatures_save",
        _m("held"),
        "post",
        MANAGE_MEETINGS,
        lambda i: {"signatures-adjusters": "Roger Eklund"},
    ),
    ("meetings:minutes_freeze", _m("held"), "post", MANAGE_MEETINGS),
    ("meetings:minutes_take_back", _m("frozen"), "post", MANAGE_MEETINGS),
    ("meetings:minutes_approve", _m("frozen"), "post", SEE_COUNCIL, lambda i: {"role": "adjuster"}),
    (
        "meetings:minutes_correct",
        _m("adjusted"),
        "post",
        MANAGE_MEETINGS,
        lambda i: {"correction-reason": "Fel datum i § 1."},
    ),
    (
        "meetings:revision_detail",
        lambda i: {"slug": i["slug"], "pk": i["adjusted"], "number": 1},
        "get",
        SEE_COUNCIL,
    ),
    (
        "meetings:item_edit",
        lambda i: {"slug": i["slug"], "item_pk": i["item"]},
        "get",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:item_delete",
        lambda i: {"slug": i["slug"], "item_pk": i["item"]},
        "post",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:item_move",
        lambda i: {"slug": i["slug"], "item_pk": i["item"]},
        "post",
        MANAGE_MEETINGS,
        lambda i: {"direction": "up"},
    ),
    (
        "meetings:decision_add",
        lambda i: {"slug": i["slug"], "item_pk": i["item"]},
        "post",
        MANAGE_MEETINGS,
        lambda i: {f"decision-{i['item']}-text": "Rådet beslutar att godkänna planen."},
    ),
    (
        "meetings:record_add",
        lambda i: {"slug": i["slug"], "item_pk": i["item"]},
        "post",
        MANAGE_MEETINGS,
        lambda i: {f"record-{i['item']}-kind": "motion", f"record-{i['item']}-text": "Bifall."},
    ),
    (
        "meetings:decision_delete",
        lambda i: {"slug": i["slug"], "decision_pk": i["decision"]},
        "post",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:record_delete",
        lambda i: {"slug": i["slug"], "record_pk": i["record"]},
        "post",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:attendance_remove",
        lambda i: {"slug": i["slug"], "attendance_pk": i["guest"]},
        "post",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:attachment_publication",
        lambda i: {"slug": i["slug"], "attachment_pk": i["attachment"]},
        "post",
        MANAGE_MEETINGS,
        lambda i: {"not_for_publication": "1"},
    ),
    ("meetings:notice_board", _slug, "get", EVERYONE),
    ("meetings:public_minutes", _m("revision"), "get", EVERYONE),
    ("meetings:public_minutes_pdf", _m("revision"), "get", EVERYONE),
]
