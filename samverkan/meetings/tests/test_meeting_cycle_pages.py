"""The meeting cycle through the pages: schedule, agenda, attendance, minutes, adjustment and
the public notice board."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samverkan.core.models import AuditEvent
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import AgendaItem, Attendance, Decision, Meeting
from samverkan.meetings.selectors.meetings import meeting_in
from samverkan.meetings.services import adjustment
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.models import Body, BodyMandate, Person
from samverkan.organisations.services import body_create, person_create, person_link_user


def approve(user, meeting, role):
    """Approve as a person does: having read the frozen content, whose checksum the form sends."""
    shown = adjustment.latest_revision(meeting).content_hash
    return adjustment.minutes_approve(actor=user, meeting=meeting, role=role, content_hash=shown)


@pytest.fixture
def secretary(client, users):
    client.force_login(users["secretary"])
    return client


def _body(council):
    return Body.objects.get(council=council, kind="council")


def test_a_years_schedule_is_entered_at_once(secretary, council):
    body = _body(council)
    au = body_create(actor=None, council=council, name="Arbetsutskottet", kind="working_committee")
    data = {"rows-TOTAL_FORMS": "8", "rows-INITIAL_FORMS": "0"}
    rows = [
        (au, "2027-01-25", "08:30", "10:30"),
        (body, "2027-02-17", "13:15", "15:15"),
        (au, "2027-04-19", "08:30", "10:30"),
    ]
    for i, (b, day, start, end) in enumerate(rows):
        data.update(
            {
                f"rows-{i}-body": str(b.pk),
                f"rows-{i}-date": day,
                f"rows-{i}-start_time": start,
                f"rows-{i}-end_time": end,
                f"rows-{i}-place": "Rådhuset",
            }
        )
    response = secretary.post("/councils/koping/meetings/schedule/", data)
    assert response.status_code == 302
    assert Meeting.objects.count() == 3
    assert Meeting.objects.filter(body=au).count() == 2


def test_a_schedule_with_one_bad_row_saves_nothing_and_keeps_the_rows(secretary, council):
    body = _body(council)
    data = {
        "rows-TOTAL_FORMS": "8",
        "rows-INITIAL_FORMS": "0",
        "rows-0-body": str(body.pk),
        "rows-0-date": "2027-02-17",
        "rows-1-body": str(body.pk),
        "rows-1-date": "2027-13-40",
        "rows-2-place": "Rådhuset",
        "rows-3-body": str(body.pk),
        "rows-3-date": "2027-03-01",
        "rows-3-start_time": "15:00",
        "rows-3-end_time": "13:00",
    }
    response = secretary.post("/councils/koping/meetings/schedule/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert Meeting.objects.count() == 0
    assert 'value="2027-13-40"' in html
    assert "error-summary" in html
    # the end-before-start row is refused by the service, also without a field error
    fixed = {**data, "rows-1-date": "2027-02-18", "rows-2-place": ""}
    response = secretary.post("/councils/koping/meetings/schedule/", fixed)
    assert response.status_code == 400
    assert Meeting.objects.count() == 0


def test_a_secretary_writes_minutes_from_agenda_to_approval(secretary, council, users):
    # given a meeting with the body's members
    body = _body(council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), place="Rådhuset")
    base = f"/councils/koping/meetings/{meeting.pk}/"
    assert (
        secretary.post(base + "items/", {"item-title": "Sammanträdets öppnande"}).status_code == 302
    )
    assert secretary.post(base + "items/", {"item-title": "Lägesbild"}).status_code == 302
    secretary.post(base + "status/", {"status": "held"})
    secretary.post(base + "attendance/members/")
    roger = Attendance.objects.get(meeting=meeting, name="Roger Eklund")
    assert roger.affiliation == "Köpings kommun"
    assert roger.role == "chair"
    secretary.post(base + "attendance/", {f"mark-{roger.pk}": "absent"})
    secretary.post(
        base + "attendance/guests/",
        {"guest-name": "Lena Nyman", "guest-affiliation": "Länsstyrelsen"},
    )
    item = AgendaItem.objects.get(meeting=meeting, number=2)
    secretary.post(
        f"/councils/koping/meetings/items/{item.pk}/decisions/",
        {f"decision-{item.pk}-text": "Rådet beslutar att notera informationen till protokollet."},
    )
    secretary.post(
        base + "signatures/",
        {"signatures-secretary": "Kajsa Landström", "signatures-adjusters": "Roger Eklund"},
    )
    # when sent for approval
    assert secretary.post(base + "freeze/").status_code == 302
    # then
    roger.refresh_from_db()
    assert roger.kind == "absent"
    assert Decision.objects.get(item=item).kind == "noted"
    assert adjustment.minutes_state(meeting) == "awaiting_approval"
    page = secretary.get(base + "edit/").content.decode()
    assert "inte godkänt ännu" in page


def test_an_empty_decision_is_refused_and_the_editor_keeps_the_other_input(secretary, council):
    body = _body(council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), status="held")
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    response = secretary.post(
        f"/councils/koping/meetings/items/{item.pk}/decisions/",
        {f"decision-{item.pk}-text": "", f"decision-{item.pk}-kind": "approved"},
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Decision.objects.exists()


def test_items_can_be_moved_and_are_numbered_again(secretary, council):
    body = _body(council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3))
    a = AgendaItem.objects.create(meeting=meeting, number=1, title="A")
    b = AgendaItem.objects.create(meeting=meeting, number=2, title="B")
    secretary.post(f"/councils/koping/meetings/items/{b.pk}/move/", {"direction": "up"})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (b.number, a.number) == (1, 2)
    secretary.post(f"/councils/koping/meetings/items/{b.pk}/delete/")
    a.refresh_from_db()
    assert a.number == 1


def test_the_adjuster_approves_on_the_meeting_page(client, council, users):
    from conftest import make_user

    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )
    andreas = make_user("andreas", council, "member")
    person = person_create(actor=None, council=council, name="Andreas Trygg")
    person_link_user(actor=None, person=person, user=andreas)
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    client.force_login(andreas)
    page = client.get(f"/councils/koping/meetings/{meeting.pk}/").content.decode()
    assert 'name="role" value="adjuster"' in page
    shown = adjustment.latest_revision(meeting).content_hash
    assert f'name="content_hash" value="{shown}"' in page
    client.post(
        f"/councils/koping/meetings/{meeting.pk}/approve/",
        {"role": "adjuster", "content_hash": shown},
    )
    assert adjustment.minutes_state(meeting) == "adjusted"


def test_the_notice_board_and_public_minutes_mask_secret_items(client, council, users):
    from conftest import make_user

    council.publishes = True
    council.save()
    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )
    AgendaItem.objects.filter(meeting=meeting, number=5).update(not_for_publication=True)
    andreas = make_user("andreas", council, "member")
    person = Person.objects.create(name="Andreas Trygg", user=andreas)
    person.councils.add(council)
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(andreas, meeting, "adjuster")
    # the board, for anyone
    board = client.get("/r/koping/anslag/").content.decode()
    assert "2018-05-24" in board
    revision = meeting.revisions.get()
    public = client.get(f"/r/koping/protokoll/{revision.pk}/").content.decode()
    assert "Information från kommunen" in public  # the title stays
    assert "glaskross" not in public  # the secret text does not
    assert "Nyckelbergsskolan" not in public
    assert "cykelprojektet" in public
    pdf = client.get(f"/r/koping/protokoll/{revision.pk}/protokoll.pdf")
    assert pdf["Content-Type"] == "application/pdf"


def test_the_notice_board_speaks_of_appeal_only_for_a_body_that_decides(client, council, users):
    # given: the council's adjusted minutes on the board; the council advises
    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )
    body = meeting.body
    body.adjusts_minutes = False
    body.save()
    meeting.signatures.filter(role="adjuster").delete()
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    assert body.mandate == BodyMandate.ADVISES
    # when
    board = client.get("/r/koping/anslag/").content.decode()
    # then: nothing to appeal
    assert "överklaga ett beslut" not in board
    assert "är ett rådgivande organ" in board
    # when: the coordinator says on the body's form that it decides under the Act
    data = {
        "name": body.name,
        "kind": body.kind,
        "description": "",
        "publishes_minutes": "on",
        "minutes_kept_at": "",
        "mandate": "decides",
    }
    coordinator = Client()
    coordinator.force_login(users["coordinator"])
    response = coordinator.post(f"/councils/koping/bodies/{body.pk}/edit/", data)
    assert response.status_code == 302
    # then: the board tells how to appeal, and the change is in the body's history
    board = client.get("/r/koping/anslag/").content.decode()
    assert "överklaga ett beslut ska göra det inom tre veckor" in board
    assert AuditEvent.objects.filter(object_id=str(body.pk), changes__has_key="mandate").exists()


def test_minutes_of_a_council_that_does_not_publish_are_not_public(client, council, users):
    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )
    meeting.body.adjusts_minutes = False
    meeting.body.save()
    meeting.signatures.filter(role="adjuster").delete()
    revision = adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    assert client.get(f"/r/koping/protokoll/{revision.pk}/").status_code == 404
    assert "2018-05-24" in client.get("/r/koping/anslag/").content.decode()


def test_the_editor_uses_a_fixed_number_of_queries(secretary, council):
    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert secretary.get(f"/councils/koping/meetings/{meeting.pk}/edit/").status_code == 200
        return len(captured)

    few = queries()
    AgendaItem.objects.create(meeting=meeting, number=13, title="Övrigt")
    Attendance.objects.create(meeting=meeting, name="Ny gäst", kind="guest")
    assert queries() == few
    assert meeting_in(council, meeting.pk).items.count() == 13


def test_a_formal_body_records_deputies_and_partial_attendance(secretary, council):
    body = _body(council)
    body.formal_rules = True
    body.save()
    meeting = Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), status="held")
    secretary.post(f"/councils/koping/meetings/{meeting.pk}/attendance/members/")
    row = Attendance.objects.get(meeting=meeting, name="Roger Eklund")
    secretary.post(
        f"/councils/koping/meetings/{meeting.pk}/attendance/",
        {
            f"mark-{row.pk}": "present",
            f"serving-{row.pk}": "Eva Sjö",
            f"partial-{row.pk}": "t.o.m. § 5",
        },
    )
    row.refresh_from_db()
    assert (row.serving_for, row.partial_note) == ("Eva Sjö", "t.o.m. § 5")


def test_a_malformed_attendance_post_is_refused(secretary, council):
    meeting = Meeting.objects.create(body=_body(council), date=dt.date(2026, 12, 3), status="held")
    response = secretary.post(
        f"/councils/koping/meetings/{meeting.pk}/attendance/", {"mark-ett": "present"}
    )
    assert response.status_code == 400
    response = secretary.post(
        f"/councils/koping/meetings/{meeting.pk}/attendance/", {"mark-999999": "present"}
    )
    assert response.status_code == 400


def test_a_reporter_reads_the_minutes_with_secret_items_masked(client, council, users):
    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )
    AgendaItem.objects.filter(meeting=meeting, number=5).update(not_for_publication=True)
    client.force_login(users["reporter"])
    page = client.get(f"/councils/koping/meetings/{meeting.pk}/").content.decode()
    assert "Information från kommunen" in page
    assert "glaskross" not in page
    search = client.get("/councils/koping/meetings/search/?q=glaskross").content.decode()
    assert "Information från kommunen" not in search
    client.force_login(users["member"])
    assert "glaskross" in client.get(f"/councils/koping/meetings/{meeting.pk}/").content.decode()


def test_an_attachment_marked_not_for_publication_is_masked_in_public(client, council, users):
    from conftest import make_user

    council.publishes = True
    council.save()
    meeting, _ = minutes_import(
        actor=None, council=council, data=seed_text().encode(), filename="s"
    )
    client.force_login(users["secretary"])
    plan = meeting.attachments.get(title__contains="Genomförandeplan")
    client.post(
        f"/councils/koping/meetings/attachments/{plan.pk}/publication/",
        {"not_for_publication": "1"},
    )
    andreas = make_user("andreas", council, "member")
    person = Person.objects.create(name="Andreas Trygg", user=andreas)
    person.councils.add(council)
    adjustment.minutes_freeze(actor=users["secretary"], meeting=meeting)
    approve(andreas, meeting, "adjuster")
    revision = meeting.revisions.get()
    public = client.get(f"/r/koping/protokoll/{revision.pk}/").content.decode()
    assert "Genomförandeplan" in public  # the title stays
    assert "Polisen och Köpings kommun gemensamt" not in public  # the text does not
    assert "Medborgarlöften Köpings kommun 2018" in public


def test_moving_an_item_records_the_new_numbers_of_both_items(secretary, council):
    from samverkan.core.audit import history_of

    meeting = Meeting.objects.create(body=_body(council), date=dt.date(2026, 12, 3))
    a = AgendaItem.objects.create(meeting=meeting, number=1, title="A")
    b = AgendaItem.objects.create(meeting=meeting, number=2, title="B")
    secretary.post(f"/councils/koping/meetings/items/{b.pk}/move/", {"direction": "up"})
    assert history_of(a).get().changes == {"number": [1, 2]}
    assert history_of(b).get().changes == {"number": [2, 1]}
