"""Adjusted minutes never change: every write path of a meeting's content goes through
`adjustment.ensure_editable`, files of items included (a change is a correction).

The walks below list every service of `meetings/services/` that takes an actor and every
route of the meetings app. A new service or route fails here until it is listed, either as a
write that is walked against adjusted minutes or as something that does not change them, with
the reason.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.demo.loader import seed_text
from samverkan.meetings import services as meeting_services
from samverkan.meetings.minutes_content import minutes_content
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    ItemFile,
    ItemRecord,
    Meeting,
)
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import (
    adjustment,
    agenda,
    agenda_template,
    attendance,
    item_files,
    schedule,
)
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.services import person_create, person_link_user

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REFUSAL = "The minutes are adjusted and cannot change. Open a correction to change them."


@dataclass
class Adjusted:
    """Adjusted minutes holding one of each part a write path could touch."""

    meeting: Meeting
    item: AgendaItem
    item_file: ItemFile
    attachment: Attachment
    actor: Any

    def fingerprint(self) -> tuple[object, ...]:
        """What a reader could notice: the minutes' content, the item files, the audit trail."""
        meeting = Meeting.objects.get(pk=self.meeting.pk)
        files = sorted(ItemFile.objects.filter(item__meeting=meeting).values_list("pk", "filename"))
        return (
            minutes_content(meeting_in(meeting.body.council, meeting.pk)),
            meeting.status,
            files,
            AuditEvent.objects.count(),
        )


@pytest.fixture(autouse=True)
def _media_and_english(settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
    translation.deactivate()


@pytest.fixture
def adjusted(council, users) -> Adjusted:
    # given minutes of the seed, with a file, a record and standard items at hand, adjusted
    meeting, _plan = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="seed.txt"
    )
    meeting = meeting_in(council, meeting.pk)
    body = meeting.body
    body.formal_rules = True
    body.save()
    agenda_template.agenda_template_create_defaults(actor=None, council=council)
    item = meeting.items.order_by("number").first()
    assert item is not None
    upload = SimpleUploadedFile("underlag.pdf", PDF_BYTES, content_type="application/pdf")
    item_file = item_files.item_file_add(actor=None, item=item, upload=upload)
    agenda.item_record_add(actor=None, item=item, kind="remark", text="Antecknas.")
    attachment = Attachment.objects.create(meeting=meeting, position=9, title="Bilaga")
    person = person_create(actor=None, council=council, name="Andreas Trygg")
    from conftest import make_user

    login = make_user("andreas", council, "member")
    person_link_user(actor=None, person=person, user=login)
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    frozen = adjustment.latest_revision(meeting)
    assert frozen is not None
    shown = frozen.content_hash
    login.refresh_from_db()
    adjustment.minutes_approve(actor=login, meeting=meeting, role="adjuster", content_hash=shown)
    assert adjustment.minutes_state(meeting) == adjustment.MinutesState.ADJUSTED
    meeting = meeting_in(council, meeting.pk)
    # Read again: the item read through the meeting holds the prefetched parts of that moment.
    item = AgendaItem.objects.get(pk=item.pk)
    return Adjusted(meeting, item, item_file, attachment, users["secretary"])


# Services ------------------------------------------------------------------------------------

ServiceCall = Callable[[Adjusted], object]


def _first_attendance(a: Adjusted) -> Attendance:
    return a.meeting.attendance.order_by("position")[0]


def _decision(a: Adjusted) -> Decision:
    return Decision.objects.filter(item__meeting=a.meeting).order_by("pk")[0]


def _record(a: Adjusted) -> ItemRecord:
    return ItemRecord.objects.filter(item=a.item)[0]


# Every service that writes a meeting's content, called as a user would against adjusted minutes.
CONTENT_WRITES: dict[str, ServiceCall] = {
    "meeting_update": lambda a: schedule.meeting_update(
        actor=a.actor, meeting=a.meeting, date=a.meeting.date,
        start_time=None, end_time=None, place="Annat ställe",
    ),
    "meeting_set_status": lambda a: schedule.meeting_set_status(
        actor=a.actor, meeting=a.meeting, status="planned"
    ),
    "item_create": lambda a: agenda.item_create(actor=a.actor, meeting=a.meeting, title="Nytt"),
    "item_update": lambda a: agenda.item_update(actor=a.actor, item=a.item, title="Ändrad"),
    "items_renumber": lambda a: agenda.items_renumber(
        actor=a.actor, meeting=a.meeting, order=list(a.meeting.items.order_by("-number"))
    ),
    "item_delete": lambda a: agenda.item_delete(actor=a.actor, item=a.item),
    "item_move": lambda a: agenda.item_move(actor=a.actor, item=a.item, up=False),
    "decision_add": lambda a: agenda.decision_add(actor=a.actor, item=a.item, text="Beslut."),
    "decision_delete": lambda a: agenda.decision_delete(actor=a.actor, decision=_decision(a)),
    "item_record_add": lambda a: agenda.item_record_add(
        actor=a.actor, item=a.item, kind="remark", text="Ny anteckning."
    ),
    "item_record_delete": lambda a: agenda.item_record_delete(actor=a.actor, record=_record(a)),
    "attachment_set_publication": lambda a: agenda.attachment_set_publication(
        actor=a.actor, attachment=a.attachment, not_for_publication=True
    ),
    "agenda_apply_template": lambda a: agenda_template.agenda_apply_template(
        actor=a.actor, meeting=a.meeting
    ),
    "attendance_from_members": lambda a: attendance.attendance_from_members(
        actor=a.actor, meeting=a.meeting
    ),
    "attendance_mark": lambda a: attendance.attendance_mark(
        actor=a.actor, meeting=a.meeting, marks={_first_attendance(a).pk: "absent"}
    ),
    "guest_add": lambda a: attendance.guest_add(actor=a.actor, meeting=a.meeting, name="Sen"),
    "attendance_remove": lambda a: attendance.attendance_remove(
        actor=a.actor, attendance=_first_attendance(a)
    ),
    "signatures_set": lambda a: attendance.signatures_set(
        actor=a.actor, meeting=a.meeting, secretary="X", chair="Y", adjusters=["Z"]
    ),
    "item_file_add": lambda a: item_files.item_file_add(
        actor=a.actor, item=a.item,
        upload=SimpleUploadedFile("ny.pdf", PDF_BYTES, content_type="application/pdf"),
    ),
    "item_file_delete": lambda a: item_files.item_file_delete(
        actor=a.actor, item_file=a.item_file
    ),
    "document_attach": lambda a: item_files.document_attach(
        actor=a.actor, item=a.item, filename=a.item_file.filename, content=PDF_BYTES
    ),
    "minutes_freeze": lambda a: adjustment.minutes_freeze(actor=a.actor, meeting=a.meeting),
}  # fmt: skip

# Services with an actor that do not change an existing meeting's content, and why.
NOT_CONTENT = {
    "link_refusal": "reads whether the actor froze minutes the person approves; writes nothing",
    "minutes_take_back": "takes back frozen minutes; refuses adjusted ones (tested there)",
    "minutes_approve": "approves frozen minutes; refuses adjusted ones (tested there)",
    "minutes_correct": "the one way to change adjusted minutes: opens a new revision",
    "meeting_create": "creates a new meeting",
    "schedule_create": "creates new meetings",
    "minutes_import": "creates a meeting, or fills a planned one (minutes_import_plan refuses "
    "any other); walked below",
    "minutes_file_import": "imports one file of an archive through minutes_import (a file "
    "already imported is a duplicate, left alone); walked with it",
    "notice_send": "sends the notice; records a dispatch, not content",
    "calendar_feed_create": "a login's calendar feed, not a meeting",
    "calendar_feed_revoke": "a login's calendar feed, not a meeting",
    "agenda_template_create_defaults": "the council's standard items, not a meeting",
    "agenda_template_item_create": "the council's standard items, not a meeting",
    "agenda_template_item_update": "the council's standard items, not a meeting",
    "agenda_template_item_move": "the council's standard items, not a meeting",
    "agenda_template_item_delete": "the council's standard items, not a meeting",
}


def _services_with_an_actor() -> set[str]:
    names = set()
    for info in pkgutil.iter_modules(meeting_services.__path__):
        module = importlib.import_module(f"{meeting_services.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "actor" in inspect.signature(function).parameters:
                names.add(name)
    return names


def test_every_service_of_meetings_is_walked_or_said_not_to_change_content():
    unlisted = _services_with_an_actor() - set(CONTENT_WRITES) - set(NOT_CONTENT)
    assert not unlisted, f"list these in CONTENT_WRITES or NOT_CONTENT: {sorted(unlisted)}"
    assert not set(CONTENT_WRITES) & set(NOT_CONTENT)


@pytest.mark.parametrize("name", sorted(CONTENT_WRITES))
def test_every_content_service_refuses_adjusted_minutes(adjusted, name):
    # given
    before = adjusted.fingerprint()
    # when / then
    with pytest.raises(ServiceError, match=REFUSAL.split(".")[0]):
        CONTENT_WRITES[name](adjusted)
    assert adjusted.fingerprint() == before


# Routes --------------------------------------------------------------------------------------


@dataclass
class Post:
    """A route posted against adjusted minutes: its URL arguments and form data."""

    args: Callable[[Adjusted], list[object]]
    data: Callable[[Adjusted], dict[str, object]] = lambda a: {}


def _meeting(a: Adjusted) -> list[object]:
    return [a.meeting.body.council.slug, a.meeting.pk]


def _item_args(a: Adjusted) -> list[object]:
    return [a.meeting.body.council.slug, a.item.pk]


ROUTE_WRITES: dict[str, Post] = {
    "meeting_facts": Post(_meeting, lambda a: {
        "facts-date": f"{a.meeting.date:%Y-%m-%d}", "facts-place": "Annat ställe",
    }),
    "meeting_status": Post(_meeting, lambda a: {"status": "planned"}),
    "item_add": Post(_meeting, lambda a: {"item-title": "Nytt ärende"}),
    "item_edit": Post(_item_args, lambda a: {"title": "Ändrad rubrik"}),
    "item_delete": Post(_item_args),
    "item_move": Post(_item_args, lambda a: {"direction": "down"}),
    "decision_add": Post(_item_args, lambda a: {f"decision-{a.item.pk}-text": "Beslut."}),
    "decision_delete": Post(lambda a: [a.meeting.body.council.slug, _decision(a).pk]),
    "record_add": Post(_item_args, lambda a: {
        f"record-{a.item.pk}-kind": "remark", f"record-{a.item.pk}-text": "Ny anteckning.",
    }),
    "record_delete": Post(lambda a: [a.meeting.body.council.slug, _record(a).pk]),
    "attachment_publication": Post(
        lambda a: [a.meeting.body.council.slug, a.attachment.pk],
        lambda a: {"not_for_publication": "1"},
    ),
    "attendance_prefill": Post(_meeting),
    "attendance_save": Post(_meeting, lambda a: {f"mark-{_first_attendance(a).pk}": "absent"}),
    "guest_add": Post(_meeting, lambda a: {"guest-name": "Sen gäst"}),
    "attendance_remove": Post(
        lambda a: [a.meeting.body.council.slug, _first_attendance(a).pk]
    ),
    "signatures_save": Post(_meeting, lambda a: {
        "signatures-secretary": "X", "signatures-chair": "Y", "signatures-adjusters": "Z",
    }),
    "item_file_add": Post(_item_args, lambda a: {
        "file": SimpleUploadedFile("ny.pdf", PDF_BYTES, content_type="application/pdf"),
    }),
    "item_file_delete": Post(lambda a: [a.meeting.body.council.slug, a.item_file.pk]),
    "agenda_apply_template": Post(_meeting),
    "minutes_freeze": Post(_meeting),
}  # fmt: skip

# Routes of the meetings app that change no meeting's content, and why.
ROUTES_NOT_CONTENT = {
    "meeting_list": "a list",
    "meeting_create": "creates a new meeting",
    "schedule_create": "creates new meetings",
    "archive_search": "a search",
    "decision_register": "a list",
    "minutes_upload": "keeps a pending import; the import itself is walked as a service",
    "minutes_preview": "shows a pending import",
    "minutes_confirm": "runs minutes_import, which is listed with the services",
    "meeting_detail": "a page",
    "minutes_pdf": "a document",
    "minutes_docx": "a document",
    "meeting_ics": "a calendar file",
    "minutes_editor": "a page (it posts to the routes walked)",
    "minutes_take_back": "refuses adjusted minutes (tested in test_minutes_adjust)",
    "minutes_approve": "refuses adjusted minutes (tested in test_minutes_adjust)",
    "minutes_correct": "the one way to change adjusted minutes",
    "revision_detail": "a page",
    "agenda_template": "the council's standard items, not a meeting",
    "calendar_feeds": "a login's calendar feeds, not a meeting",
    "item_file_download": "a download",
    "notice_pdf": "a document",
    "notice_docx": "a document",
    "notice_send": "sends the notice; changes no content",
    "calendar_feed": "a calendar feed",
    "notice_board": "a public page",
    "public_minutes": "a public page",
    "public_minutes_pdf": "a public document",
    "archive_jobs": "a list",
    "archive_job": "an archive import's page; its files go through minutes_import",
    "archive_job_cancel": "stops an archive import between two files",
}


def _meeting_route_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif namespace == "meetings" and pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_route_of_meetings_is_walked_or_said_not_to_change_content():
    unlisted = _meeting_route_names() - set(ROUTE_WRITES) - set(ROUTES_NOT_CONTENT)
    assert not unlisted, f"list these in ROUTE_WRITES or ROUTES_NOT_CONTENT: {sorted(unlisted)}"


@pytest.mark.parametrize("name", sorted(ROUTE_WRITES))
def test_every_write_route_refuses_adjusted_minutes_with_a_message(adjusted, client, users, name):
    # given the secretary, who may change minutes that are not adjusted
    client.force_login(users["secretary"])
    post = ROUTE_WRITES[name]
    before = adjusted.fingerprint()
    # when
    response = client.post(
        reverse(f"meetings:{name}", args=post.args(adjusted)), post.data(adjusted), follow=True
    )
    # then nothing changed, and the page says why
    assert response.status_code in (200, 400)
    assert REFUSAL in response.content.decode()
    assert adjusted.fingerprint() == before


def test_the_files_page_of_adjusted_minutes_offers_no_change(adjusted, client, users):
    client.force_login(users["secretary"])
    url = reverse("meetings:item_file_add", args=_item_args(adjusted))
    page = client.get(url).content.decode()
    assert adjusted.item_file.filename in page
    assert 'enctype="multipart/form-data"' not in page
    assert (
        reverse("meetings:item_file_delete", args=[_item_args(adjusted)[0], adjusted.item_file.pk])
        not in page
    )
    assert "their files no longer change" in page
