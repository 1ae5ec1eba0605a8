"""The status report (lägesrapport) for a meeting: the plan as it stood on the day, what
changed since the body's previous meeting, its documents, and attaching it to the agenda."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from pypdf import PdfReader

from samverkan.core.models import AuditEvent
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.meetings.services.item_files import default_item
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.services import body_create
from samverkan.plans.models import Activity, ActivityStatus, Plan, StatusUpdate
from samverkan.plans.services.activities import activity_update_status
from samverkan.plans.services.reports import PLAN_ITEM_WORDS, previous_meeting, status_report

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def report_on(activity, day, status, note="", internal=False):
    """A status update dated as if made on that day."""
    update = activity_update_status(
        actor=None, activity=activity, status=status, note=note, internal=internal
    )
    StatusUpdate.objects.filter(pk=update.pk).update(at=_at(day))
    return update


@pytest.fixture
def body(council):
    return Body.objects.get(council=council)


@pytest.fixture
def meetings(body):
    """Two meetings of the council, in March and May, and one of another body between."""
    other = body_create(
        actor=None, council=body.council, name="Arbetsutskottet", kind="working_committee"
    )
    march = Meeting.objects.create(body=body, date=dt.date(2026, 3, 5))
    Meeting.objects.create(body=other, date=dt.date(2026, 4, 10))
    may = Meeting.objects.create(body=body, date=dt.date(2026, 5, 20))
    for number, title in enumerate(
        ("Sammanträdets öppnande", "Lägesrapport genomförandeplanen", "Övrigt"), start=1
    ):
        AgendaItem.objects.create(meeting=may, number=number, title=title)
    return march, may


@pytest.fixture
def plan(council):
    plan = Plan.objects.create(council=council, title="Genomförandeplan 2026", year=2026)
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    for position, text in enumerate(
        ("Fotpatrull i centrum", "Trygghetsvandring på Nygård", "Belysning vid passager")
    ):
        activity = Activity.objects.create(plan=plan, position=position, text=text)
        activity.organisations.add(kommun)
    Activity.objects.filter(plan=plan).update(created_at=_at(dt.date(2026, 1, 10)))
    return plan


def _activity(plan: Plan, text: str) -> Activity:
    return Activity.objects.get(plan=plan, text=text)


def test_the_previous_meeting_is_the_same_bodys(meetings):
    march, may = meetings
    assert previous_meeting(may) == march
    assert previous_meeting(march) is None


def test_it_shows_what_changed_since_the_previous_meeting(meetings, plan):
    # given a status before the first meeting, and changes between the two
    march, may = meetings
    patrol = _activity(plan, "Fotpatrull i centrum")
    walk = _activity(plan, "Trygghetsvandring på Nygård")
    report_on(patrol, dt.date(2026, 2, 1), "not_started")
    report_on(patrol, dt.date(2026, 4, 2), "in_progress", "Första passet gick bra.")
    report_on(walk, dt.date(2026, 5, 20), "done", "Vandringen hölls.")
    report_on(walk, dt.date(2026, 5, 25), "stopped", "Efter mötet: räknas inte.")
    new = Activity.objects.create(plan=plan, position=9, text="Kamera vid skolan")
    Activity.objects.filter(pk=new.pk).update(created_at=_at(dt.date(2026, 4, 20)))

    # when
    report = status_report(may, with_internal=False)

    # then
    assert report.previous == march
    changes = {c.activity.text: (c.old_status, c.new_status, c.note) for c in report.changes}
    assert changes == {
        "Fotpatrull i centrum": ("not_started", "in_progress", "Första passet gick bra."),
        "Trygghetsvandring på Nygård": ("", "done", "Vandringen hölls."),
    }
    assert [a.text for a in report.new_activities] == ["Kamera vid skolan"]
    rows = {row.activity.text: row for row in report.sections[0].rows}
    assert rows["Trygghetsvandring på Nygård"].status == "done"  # as it stood on the day
    assert rows["Fotpatrull i centrum"].status_on == dt.date(2026, 4, 2)
    assert rows["Belysning vid passager"].status == ""


def test_internal_notes_only_for_those_who_may_read_them(meetings, plan):
    _march, may = meetings
    patrol = _activity(plan, "Fotpatrull i centrum")
    report_on(patrol, dt.date(2026, 4, 1), "in_progress", "Öppen notering.")
    report_on(patrol, dt.date(2026, 4, 2), "in_progress", "Vakten Nils är sjuk.", internal=True)

    public_row = status_report(may, with_internal=False).sections[0].rows[0]
    internal_row = status_report(may, with_internal=True).sections[0].rows[0]

    assert public_row.note == "Öppen notering."
    assert (internal_row.note, internal_row.note_internal) == ("Vakten Nils är sjuk.", True)


def test_the_first_meeting_of_the_year_reports_since_new_year(meetings, plan):
    march, _may = meetings
    report_on(_activity(plan, "Fotpatrull i centrum"), dt.date(2026, 1, 20), "in_progress")
    report = status_report(march, with_internal=False)
    assert report.previous is None
    assert report.since == dt.date(2026, 1, 1)
    assert [c.new_status for c in report.changes] == ["in_progress"]


def test_the_report_takes_a_fixed_number_of_queries(meetings, plan, django_assert_num_queries):
    _march, may = meetings
    for activity in Activity.objects.filter(plan=plan):
        report_on(activity, dt.date(2026, 4, 1), "in_progress", "Pågår.")
    with django_assert_num_queries(6):
        status_report(may, with_internal=True)


def test_the_default_item_is_the_one_about_the_plan(meetings):
    _march, may = meetings
    items = list(may.items.order_by("number"))
    assert default_item(items, PLAN_ITEM_WORDS).title == "Lägesrapport genomförandeplanen"
    assert default_item(items[:1], PLAN_ITEM_WORDS).title == "Sammanträdets öppnande"


# Pages and documents --------------------------------------------------------------------------


def _url(name: str, meeting: Meeting) -> str:
    return reverse(name, kwargs={"slug": meeting.body.council.slug, "pk": meeting.pk})


def test_the_page_shows_the_changes_and_hides_internal_notes_from_a_reporter(
    client, users, meetings, plan
):
    _march, may = meetings
    patrol = _activity(plan, "Fotpatrull i centrum")
    report_on(patrol, dt.date(2026, 4, 1), "in_progress", "Öppen notering.")
    report_on(patrol, dt.date(2026, 4, 2), "in_progress", "Vakten Nils är sjuk.", internal=True)

    client.force_login(users["reporter"])
    page = client.get(_url("plans:status_report", may)).content.decode()
    assert "Fotpatrull i centrum" in page
    assert "Öppen notering." in page
    assert "Vakten Nils" not in page
    assert "Bifoga lägesrapporten" not in page
    assert "Attach the status report" not in page

    client.force_login(users["member"])
    assert "Vakten Nils" in client.get(_url("plans:status_report", may)).content.decode()


def test_the_page_takes_a_fixed_number_of_queries(
    client, users, meetings, plan, django_assert_max_num_queries
):
    _march, may = meetings
    client.force_login(users["secretary"])
    client.get(_url("plans:status_report", may))  # warm the session
    for i in range(10):
        activity = Activity.objects.create(plan=plan, position=10 + i, text=f"Insats {i}")
        report_on(activity, dt.date(2026, 4, 1), "in_progress", "Pågår.")
    with django_assert_max_num_queries(16):
        response = client.get(_url("plans:status_report", may))
    assert response.status_code == 200


def test_the_pdf_and_word_documents_hold_every_activity(client, users, meetings, plan):
    _march, may = meetings
    report_on(_activity(plan, "Fotpatrull i centrum"), dt.date(2026, 4, 1), "done", "Klart.")
    client.force_login(users["viewer"])

    pdf = client.get(_url("plans:status_report_pdf", may))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    docx = client.get(_url("plans:status_report_docx", may))
    document = Document(io.BytesIO(docx.content))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for activity in Activity.objects.filter(plan=plan):
        assert activity.text in text
        assert activity.text in cells
    with translation.override("sv"):
        done = str(ActivityStatus.DONE.label).capitalize()
    assert "Lägesrapport" in text
    assert done in text


def test_attaching_stores_the_pdf_as_a_file_of_the_item(
    client, users, meetings, plan, settings, tmp_path
):
    # given
    settings.MEDIA_ROOT = tmp_path
    _march, may = meetings
    patrol = _activity(plan, "Fotpatrull i centrum")
    report_on(patrol, dt.date(2026, 4, 2), "in_progress", "Vakten Nils är sjuk.", internal=True)
    item = may.items.get(number=2)
    client.force_login(users["secretary"])

    # when: attached twice
    for _ in range(2):
        response = client.post(_url("plans:status_report_attach", may), {"item": item.pk})
        assert response.status_code == 302

    # then: one file, a PDF without the internal note, audited
    stored = ItemFile.objects.get(item=item)
    assert stored.filename == "lagesrapport-brottsforebyggande-radet-2026-05-20.pdf"
    assert stored.content_type == "application/pdf"
    with stored.file.open("rb") as handle:
        text = " ".join(p.extract_text() for p in PdfReader(handle).pages)
    assert "Fotpatrull i centrum" in text
    assert "Vakten Nils" not in text
    assert AuditEvent.objects.filter(model="meetings.ItemFile", action="create").count() == 2
    assert AuditEvent.objects.filter(model="meetings.ItemFile", action="delete").count() == 1
    files_page = client.get(reverse("meetings:item_file_add", args=["koping", item.pk]))
    assert stored.filename in files_page.content.decode()


def test_attaching_to_an_item_of_another_meeting_is_refused(
    client, users, meetings, plan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    march, may = meetings
    elsewhere = AgendaItem.objects.create(meeting=march, number=1, title="Genomförandeplanen")
    client.force_login(users["secretary"])
    for bad in ({"item": elsewhere.pk}, {"item": "x"}, {}):
        response = client.post(_url("plans:status_report_attach", may), bad)
        assert response.status_code == 400
    assert not ItemFile.objects.exists()


def test_a_meeting_without_items_cannot_take_the_report(client, users, meetings, plan):
    march, _may = meetings
    client.force_login(users["secretary"])
    response = client.post(_url("plans:status_report_attach", march), {"item": "1"})
    assert response.status_code == 400
    assert not ItemFile.objects.exists()


def test_a_meeting_of_another_council_is_not_found(client, users, other_council, meetings):
    body = body_create(actor=None, council=other_council, name="Trygghetsrådet", kind="council")
    theirs = Meeting.objects.create(body=body, date=dt.date(2026, 3, 5))
    client.force_login(users["coordinator"])
    url = reverse("plans:status_report", kwargs={"slug": "koping", "pk": theirs.pk})
    assert client.get(url).status_code == 404


def test_the_status_report_download_leaves_internal_notes_out_unless_asked(
    client, users, meetings, plan
):
    # given
    _march, may = meetings
    patrol = _activity(plan, "Fotpatrull i centrum")
    report_on(patrol, dt.date(2026, 4, 2), "in_progress", "Vakten Nils är sjuk.", internal=True)
    client.force_login(users["coordinator"])
    url = reverse("plans:status_report_pdf", args=["koping", may.pk])
    # then: for publication by default, inside when asked for
    assert "Nils" not in _pdf_text(client.get(url).content)
    assert "Vakten Nils är sjuk." in _pdf_text(client.get(url, {"version": "internal"}).content)


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )
