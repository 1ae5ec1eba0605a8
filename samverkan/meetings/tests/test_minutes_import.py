"""Importing minutes: the seed reproduces every figure, on both databases, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from samverkan.core.errors import ServiceError
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Decision,
    Meeting,
    MinutesImport,
    Signature,
)
from samverkan.meetings.services.minutes_import import minutes_import, minutes_import_plan
from samverkan.organisations.models import Body, BodyKind
from samverkan.organisations.services import body_create

SEED = seed_text().encode("utf-8")


@pytest.fixture
def koping(council):
    body_create(
        actor=None, council=council, name="Arbetsutskottet", kind=BodyKind.WORKING_COMMITTEE
    )
    return council


def _counts():
    return [
        m.objects.count()
        for m in (Meeting, AgendaItem, Decision, Attendance, Signature, Attachment, Body)
    ]


def test_the_seed_reproduces_every_figure(koping, users):
    # when
    meeting, _plan = minutes_import(
        actor=users["secretary"], council=koping, data=SEED, filename="seed.txt"
    )
    # then
    assert meeting.body.name == "Brottsförebyggande rådet"
    assert (meeting.date, meeting.start_time, meeting.end_time, meeting.place) == (
        dt.date(2018, 5, 24),
        dt.time(10),
        dt.time(12),
        "Rådhuset",
    )
    assert meeting.attendance.filter(kind="present").count() == 15
    assert meeting.attendance.get(kind="guest").affiliation == "ANDT-samordnare, Länsstyrelsen"
    assert sorted(meeting.attendance.filter(kind="absent").values_list("name", flat=True)) == [
        "Conny Hall",
        "Helen Hammarlund",
        "Maarit Verga",
        "Pia Hjelm Södergran",
        "Sassa Carlström",
        "Susanne Nilzon",
    ]
    assert meeting.attendance.get(name="Kajsa Landström").role == "secretary"
    assert meeting.items.count() == 12
    items_with_decisions = sorted(
        meeting.items.filter(decisions__isnull=False).values_list("number", flat=True)
    )
    assert items_with_decisions == [4, 5, 6, 7, 8, 9, 11]
    assert Decision.objects.filter(item__meeting=meeting).count() == 7
    assert list(Decision.objects.filter(item__number=4).values_list("text", "kind")) == [
        ("Brottsförebyggande rådet beslutar att notera informationen till protokollet.", "noted")
    ]
    assert Decision.objects.get(item__number=6).kind == "approved"
    assert Decision.objects.get(item__number=11).kind == "adopted"
    assert [(s.role, s.name) for s in meeting.signatures.all()] == [
        ("secretary", "Kajsa Landström"),
        ("chair", "Roger Eklund"),
        ("adjuster", "Andreas Trygg"),
    ]
    assert meeting.attachments.count() == 3
    assert "RE *AS*" not in " ".join(meeting.items.values_list("text", flat=True))
    planned = Meeting.objects.filter(status="planned").order_by("date")
    assert [(m.body.name, m.date.isoformat(), f"{m.start_time:%H:%M}") for m in planned] == [
        ("Arbetsutskottet", "2018-08-27", "08:30"),
        ("Brottsförebyggande rådet", "2018-09-19", "13:15"),
        ("Arbetsutskottet", "2018-10-22", "08:30"),
        ("Brottsförebyggande rådet", "2018-11-22", "10:00"),
    ]


def test_attendance_links_to_people_the_council_knows(koping):
    meeting, _plan = minutes_import(actor=None, council=koping, data=SEED, filename="seed.txt")
    assert meeting.attendance.get(name="Roger Eklund").person.name == "Roger Eklund"
    assert meeting.attendance.get(name="Ola Saaw").person is None


def test_the_same_file_twice_is_reported_not_duplicated(koping):
    minutes_import(actor=None, council=koping, data=SEED, filename="seed.txt")
    before = _counts()
    with pytest.raises(ServiceError, match="redan importerad"):
        minutes_import(actor=None, council=koping, data=SEED, filename="kopia.txt")
    assert _counts() == before
    assert MinutesImport.objects.count() == 1


def test_a_second_copy_of_the_same_meeting_is_refused(koping):
    minutes_import(actor=None, council=koping, data=SEED, filename="seed.txt")
    with pytest.raises(ServiceError):
        minutes_import(actor=None, council=koping, data=SEED + b"\n", filename="seed2.txt")


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "tom.txt"),
        (bytes(range(256)) * 40, "skrap.bin"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "skannad.pdf"),
        ("Inköpslista: mjölk, bröd och ost.\n".encode(), "lista.txt"),
        (b"x" * (20 * 1024 * 1024 + 1), "stor.txt"),
    ],
    ids=["empty", "binary", "pdf-without-text", "not-minutes", "too-large"],
)
def test_bad_files_get_a_clear_message_and_save_nothing(koping, data, filename):
    before = _counts()
    with pytest.raises(ServiceError) as refused:
        minutes_import(actor=None, council=koping, data=data, filename=filename)
    assert str(refused.value.message)
    assert _counts() == before
    assert not MinutesImport.objects.exists()


def test_an_import_that_fails_half_way_saves_nothing(koping, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Signature.objects, "bulk_create", broken)
    before = _counts()
    with pytest.raises(RuntimeError):
        minutes_import(actor=None, council=koping, data=SEED, filename="seed.txt")
    assert _counts() == before


def test_a_planned_meeting_is_filled_by_its_minutes(koping):
    body = Body.objects.get(council=koping, kind="council")
    planned = Meeting.objects.create(body=body, date=dt.date(2018, 5, 24), place="Stadshuset")
    meeting, _plan = minutes_import(actor=None, council=koping, data=SEED, filename="seed.txt")
    assert meeting.pk == planned.pk
    assert meeting.status == "held"
    assert meeting.place == "Rådhuset"


def test_the_preview_saves_nothing(koping):
    plan = minutes_import_plan(council=koping, data=SEED, filename="seed.txt")
    assert plan.body.name == "Brottsförebyggande rådet"
    assert len(plan.schedule) == 4
    assert not Meeting.objects.exists()


def test_a_notice_becomes_a_planned_meeting_with_its_agenda(koping):
    notice = (
        "KALLELSE\n\nBrottsförebyggande rådet\n\nTid: 2026-12-10, kl. 13.15–15.00\n"
        "Plats: Rådhuset, sal 2\n\nFöredragningslista\n\n"
        "1. Mötets öppnande\n2. Val av protokolljusterare\n"
        "3. Lägesbild från polisen (Jan Sköldberg) kl. 13.30\n4. Avslutning\n"
    ).encode()
    meeting, plan = minutes_import(actor=None, council=koping, data=notice, filename="k.txt")
    assert plan.is_notice
    assert meeting.status == "planned"
    assert meeting.items.count() == 4
    item = meeting.items.get(number=3)
    assert item.presenter == "Jan Sköldberg"
    assert f"{item.planned_time:%H:%M}" == "13:30"


def test_the_cli_prints_the_documented_json(koping, capsys, tmp_path):
    seed = tmp_path / "protokoll.txt"
    seed.write_bytes(SEED)
    call_command("import_minutes", str(seed), "--council", "koping", "--dry-run", "--json")
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "body", "date", "start", "end", "place", "attendance", "items", "adjusters",
        "signatures", "schedule", "attachments", "warnings",
    }  # fmt: skip
    assert result["date"] == "2018-05-24"
    assert result["adjusters"] == ["Andreas Trygg"]
    assert not Meeting.objects.exists()


def test_the_cli_imports_and_reports_a_second_import(koping, capsys, tmp_path):
    seed = tmp_path / "protokoll.txt"
    seed.write_bytes(SEED)
    call_command("import_minutes", str(seed), "--council", "koping")
    assert "ärenden 12, beslut 7" in capsys.readouterr().out
    with pytest.raises(CommandError, match="redan importerad"):
        call_command("import_minutes", str(seed), "--council", "koping")


def test_the_cli_refuses_a_missing_file_and_an_unknown_council(koping, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_minutes", str(tmp_path / "saknas.txt"), "--council", "koping")
    seed = tmp_path / "protokoll.txt"
    seed.write_bytes(SEED)
    with pytest.raises(CommandError):
        call_command("import_minutes", str(seed), "--council", "finns-inte")


def test_the_seed_imports_from_word_too(koping):
    from docx import Document

    doc = Document()
    for line in seed_text().splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    meeting, _plan = minutes_import(
        actor=None, council=koping, data=out.getvalue(), filename="protokoll.docx"
    )
    assert meeting.items.count() == 12
    assert Decision.objects.filter(item__meeting=meeting).count() == 7


def test_filling_a_prepared_meeting_replaces_what_was_prepared_and_keeps_the_trail(koping):
    from samverkan.core.models import AuditEvent
    from samverkan.meetings.services import attendance

    body = Body.objects.get(council=koping, kind="council")
    planned = Meeting.objects.create(body=body, date=dt.date(2018, 5, 24))
    attendance.attendance_from_members(actor=None, meeting=planned)
    attendance.signatures_set(
        actor=None, meeting=planned, secretary="", chair="", adjusters=["X Y"]
    )
    meeting, _plan = minutes_import(actor=None, council=koping, data=SEED, filename="seed.txt")
    assert meeting.pk == planned.pk
    assert meeting.attendance.count() == 22
    assert [s.name for s in meeting.signatures.filter(role="adjuster")] == ["Andreas Trygg"]
    events = AuditEvent.objects.filter(council_id=koping.pk)
    assert events.filter(model="meetings.Decision", action="create").count() == 7
    assert events.filter(model="meetings.Signature", action="delete").count() == 1
    assert events.filter(model="meetings.Meeting", action="update").count() == 1


def test_listing_the_members_lists_the_co_opted_as_guests(koping):
    from samverkan.meetings.services import attendance
    from samverkan.organisations.services import membership_create, person_create

    # given: the county's co-opted guest sits on the council
    body = Body.objects.get(council=koping, kind="council")
    gun = person_create(actor=None, council=koping, name="Gun Adjungerad")
    membership_create(actor=None, body=body, person=gun, role="adjunct")
    planned = Meeting.objects.create(body=body, date=dt.date(2026, 5, 24))
    # when
    attendance.attendance_from_members(actor=None, meeting=planned)
    # then: she is in the attendance, among the others present, not as a member
    row = planned.attendance.get(person=gun)
    assert (row.kind, row.role) == ("guest", "adjunct")
