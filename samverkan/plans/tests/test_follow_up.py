"""The yearly follow-up (uppföljning): each activity's status, grade, notes and figures, each
promise's outcome, the summary, its documents, and carrying unfinished activities over."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from samverkan.core.models import AuditEvent
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.organisations.models import Body, Organisation
from samverkan.organisations.tests.document_jobs import document_response
from samverkan.plans.models import Activity, FollowUp, Grade, Plan, Promise, PromiseSet
from samverkan.plans.services.activities import activity_update_status
from samverkan.plans.services.follow_up import (
    activities_carry_over,
    follow_up_report,
    follow_up_save,
    next_plan_title,
)

pytestmark = pytest.mark.django_db

PROMISES = (
    "Polisen lovar att fotpatrullera i centrum.",
    "Kommunen lovar bättre belysning vid tio passager.",
    "Kommunen och polisen lovar gemensamt en trygghetsvandring.",
)
ACTIVITIES = (
    # text, status, grade, promise numbers
    ("Fotpatrull i centrum fredagar och lördagar", "done", "green", (0,)),
    ("Belysning vid passagerna under Malmabergsvägen", "in_progress", "yellow", (1,)),
    ("Trygghetsvandring på Nygård med de boende", "done", "", (0, 2)),
    ("Kamera vid S:t Olovsskolan", "stopped", "red", ()),
    ("Centrumvärdar på prov under sommaren", "ongoing", "", (2,)),
    ("System för incidentrapportering ses över", "", "", ()),
)


@pytest.fixture
def plan(council):
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften 2026", year=2026, status="published"
    )
    promises = [
        Promise.objects.create(
            promise_set=promise_set, position=i, text=text, parties=["police"], joint=i == 2
        )
        for i, text in enumerate(PROMISES)
    ]
    plan = Plan.objects.create(
        council=council, title="Genomförandeplan 2026", year=2026, promise_set=promise_set
    )
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    for position, (text, status, grade, numbers) in enumerate(ACTIVITIES):
        activity = Activity.objects.create(plan=plan, position=position, text=text, grade=grade)
        activity.organisations.add(kommun)
        activity.promises.set([promises[n] for n in numbers])
        if status:
            activity_update_status(actor=None, activity=activity, status=status)
    return plan


def _activity(plan, start):
    return Activity.objects.get(plan=plan, text__startswith=start)


def test_it_sums_the_figures_per_label_and_keeps_internal_ones_inside(plan):
    # given
    patrol = _activity(plan, "Fotpatrull")
    for figure, internal in ((12, False), (8, False), (5, True)):
        activity_update_status(
            actor=None,
            activity=patrol,
            status="done",
            note=f"Pass med {figure} kontroller" + (" (Nils sjuk)" if internal else ""),
            internal=internal,
            figure_label="kontroller",
            figure=figure,
        )
    activity_update_status(
        actor=None, activity=patrol, status="done", figure_label="böter", figure=3
    )

    # when
    public = follow_up_report(plan, with_internal=False)
    inside = follow_up_report(plan, with_internal=True)

    # then
    row = next(o for o in public.activities if o.activity == patrol)
    assert [(f.label, f.total) for f in row.figures] == [("kontroller", 20), ("böter", 3)]
    assert not any("Nils" in n.text for n in row.notes)
    inner = next(o for o in inside.activities if o.activity == patrol)
    assert [(f.label, f.total) for f in inner.figures] == [("kontroller", 25), ("böter", 3)]
    assert any(n.internal and "Nils" in n.text for n in inner.notes)
    first = public.promises[0]
    assert [o.activity.text[:10] for o in first.done] == ["Fotpatrull", "Trygghetsv"]
    assert [(f.label, f.total) for f in first.figures] == [("kontroller", 20), ("böter", 3)]


def test_each_promise_has_its_status_outcome_and_activities(plan):
    report = follow_up_report(plan, with_internal=False)
    assert [p.promise.text for p in report.promises] == list(PROMISES)
    statuses = [p.status for p in report.promises]
    assert statuses == ["done", "in_progress", "done"]
    joint = report.promises[2]
    assert [o.activity.text[:12] for o in joint.done] == ["Trygghetsvan"]
    assert [o.activity.text[:12] for o in joint.others] == ["Centrumvärda"]
    assert [o.activity.text for o in report.activities] == [a[0] for a in ACTIVITIES]
    grades = [o.grade_label for o in report.activities]
    assert grades[0] == str(Grade.GREEN.label)
    assert grades[2] == ""


def test_the_report_takes_a_fixed_number_of_queries(plan, django_assert_num_queries):
    # 7: with the measures' indicators (none here, so no outcomes are read).
    with django_assert_num_queries(7):
        follow_up_report(plan, with_internal=True)


def test_saving_the_summary_and_outcomes_is_audited(plan, users):
    # given
    promise = plan.promise_set.promises.get(position=0)

    # when
    follow_up_save(
        actor=users["coordinator"],
        plan=plan,
        summary="  Ett lugnare centrum.  ",
        outcomes={promise.pk: "Fotpatrull varje helg, 20 kontroller."},
    )
    follow_up_save(
        actor=users["coordinator"],
        plan=plan,
        summary="Ett lugnare centrum.",
        outcomes={promise.pk: "Fotpatrull varje helg, 20 kontroller."},
    )

    # then
    assert FollowUp.objects.get(plan=plan).summary == "Ett lugnare centrum."
    promise.refresh_from_db()
    assert promise.outcome == "Fotpatrull varje helg, 20 kontroller."
    assert AuditEvent.objects.filter(model="plans.FollowUp").count() == 1
    assert AuditEvent.objects.filter(model="plans.Promise", action="update").count() == 1
    assert follow_up_report(plan, with_internal=False).summary == "Ett lugnare centrum."


def test_the_edit_page_keeps_bad_input_and_saves_nothing(client, users, plan):
    client.force_login(users["secretary"])
    promise = plan.promise_set.promises.get(position=1)
    url = reverse("plans:follow_up_edit", args=["koping", plan.pk])
    response = client.post(
        url, {"summary": "x" * 20001, f"outcome_{promise.pk}": "Tio passager belysta."}
    )
    assert response.status_code == 400
    assert "Tio passager belysta." in response.content.decode()
    assert not FollowUp.objects.exists()
    promise.refresh_from_db()
    assert promise.outcome == ""

    response = client.post(url, {"summary": "Bra år.", f"outcome_{promise.pk}": "Tio belysta."})
    assert response.status_code == 302
    page = client.get(reverse("plans:follow_up", args=["koping", plan.pk])).content.decode()
    assert "Bra år." in page
    assert "Tio belysta." in page


def test_the_page_takes_a_fixed_number_of_queries(
    client, users, plan, django_assert_max_num_queries
):
    client.force_login(users["coordinator"])
    url = reverse("plans:follow_up", args=["koping", plan.pk])
    client.get(url)
    for i in range(10):
        activity = Activity.objects.create(plan=plan, position=20 + i, text=f"Insats {i}")
        activity_update_status(
            actor=None, activity=activity, status="done", figure_label="pass", figure=i
        )
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def _pdf_text(content: bytes) -> str:
    return " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )


def test_the_pdf_read_back_holds_every_activity_and_promise(client, users, plan):
    client.force_login(users["reporter"])
    response = document_response(client, reverse("plans:follow_up_pdf", args=["koping", plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    for activity in ACTIVITIES:
        assert activity[0] in text, activity[0]
    for promise in PROMISES:
        assert promise in text, promise

    docx = document_response(client, reverse("plans:follow_up_docx", args=["koping", plan.pk]))
    document = Document(io.BytesIO(docx.content))
    words = " ".join(p.text for p in document.paragraphs) + " ".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    for activity in ACTIVITIES:
        assert activity[0] in words
    for promise in PROMISES:
        assert promise in words


def test_the_follow_up_is_attached_to_the_meeting_that_approves_it(
    client, users, plan, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    body = Body.objects.get(council=plan.council)
    meeting = Meeting.objects.create(body=body, date=dt.date(2027, 2, 10))
    AgendaItem.objects.create(meeting=meeting, number=1, title="Sammanträdets öppnande")
    item = AgendaItem.objects.create(meeting=meeting, number=2, title="Uppföljning av planen")
    client.force_login(users["coordinator"])
    url = reverse("plans:follow_up_attach", args=["koping", plan.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{item.pk}" selected>' in page

    assert client.post(url, {"item": item.pk}).status_code == 302
    stored = ItemFile.objects.get(item=item)
    with stored.file.open("rb") as handle:
        text = _pdf_text(handle.read())
    assert PROMISES[2] in text


# Carrying over ---------------------------------------------------------------------------


def test_unfinished_activities_are_carried_over_once(plan, users):
    # when: carried over twice
    first = activities_carry_over(actor=users["coordinator"], plan=plan)
    second = activities_carry_over(actor=users["coordinator"], plan=plan)

    # then: the same new plan, each unfinished activity once
    assert first.plan == second.plan
    assert (first.plan.year, first.plan.title) == (2027, "Genomförandeplan 2027")
    assert first.plan.promise_set == plan.promise_set
    carried = {a.text for a in first.carried}
    assert carried == {
        "Belysning vid passagerna under Malmabergsvägen",
        "Centrumvärdar på prov under sommaren",
        "System för incidentrapportering ses över",
    }
    assert (second.carried, second.already) == ([], 3)
    copy = Activity.objects.get(plan=first.plan, text__startswith="Belysning")
    original = _activity(plan, "Belysning")
    assert copy.carried_from == original
    assert (copy.status, copy.grade, copy.status_note) == ("", "", "")
    assert list(copy.organisations.all()) == list(original.organisations.all())
    assert list(copy.promises.all()) == list(original.promises.all())
    assert AuditEvent.objects.filter(model="plans.Activity", action="create").count() == 3
    assert AuditEvent.objects.filter(model="plans.Plan", action="create").count() == 1


def test_carrying_over_uses_next_years_plan_if_there_is_one(plan, council):
    existing = Plan.objects.create(council=council, title="Handlingsplan", year=2027)
    result = activities_carry_over(actor=None, plan=plan)
    assert result.plan == existing
    # Its promises are of another set (none): the copies keep none.
    assert not Activity.objects.filter(plan=existing, promises__isnull=False).exists()
    assert Activity.objects.filter(plan=existing).count() == 3


def test_an_activity_not_for_publication_stays_so_when_carried_over(plan):
    # given
    Activity.objects.filter(plan=plan, text__startswith="Belysning").update(
        not_for_publication=True
    )
    # when
    result = activities_carry_over(actor=None, plan=plan)
    # then: the copy is masked as the original is
    copy = Activity.objects.get(plan=result.plan, text__startswith="Belysning")
    assert copy.not_for_publication
    assert not Activity.objects.get(
        plan=result.plan, text__startswith="Centrumvärdar"
    ).not_for_publication


def test_the_next_plans_title_follows_the_year(council):
    assert next_plan_title(Plan(title="Plan 2026 för Köping", year=2026)) == "Plan 2027 för Köping"
    assert next_plan_title(Plan(title="Handlingsplan", year=2026)) == "Handlingsplan 2027"


def test_the_carry_over_page_confirms_then_carries(client, users, plan):
    url = reverse("plans:follow_up_carry_over", args=["koping", plan.pk])
    client.force_login(users["member"])
    assert client.post(url).status_code == 403
    client.force_login(users["secretary"])
    page = client.get(url).content.decode()
    assert "Belysning vid passagerna" in page
    assert "Fotpatrull i centrum" not in page
    response = client.post(url)
    new_plan = Plan.objects.get(council=plan.council, year=2027)
    assert response.url == reverse("plans:plan_detail", args=["koping", new_plan.pk])
    assert new_plan.activities.count() == 3


def test_another_councils_plan_is_not_found(client, users, other_council):
    theirs = Plan.objects.create(council=other_council, title="Plan", year=2026)
    client.force_login(users["coordinator"])
    for name in ("plans:follow_up", "plans:follow_up_pdf", "plans:follow_up_carry_over"):
        assert client.get(reverse(name, args=["koping", theirs.pk])).status_code == 404


def test_the_downloads_are_for_publication_unless_the_internal_version_is_asked_for(
    client, users, plan
):
    # given: an internal note the coordinator may read
    patrol = _activity(plan, "Fotpatrull")
    activity_update_status(
        actor=None, activity=patrol, status="done", note="Vakten Nils är sjuk.", internal=True
    )
    client.force_login(users["coordinator"])
    pdf_url = reverse("plans:follow_up_pdf", args=["koping", plan.pk])
    docx_url = reverse("plans:follow_up_docx", args=["koping", plan.pk])
    # when: downloaded as offered first, and as asked for inside
    public = _pdf_text(document_response(client, pdf_url).content)
    inside = _pdf_text(document_response(client, pdf_url, {"version": "internal"}).content)
    words = " ".join(
        p.text for p in Document(io.BytesIO(document_response(client, docx_url).content)).paragraphs
    ) + " ".join(
        c.text
        for t in Document(io.BytesIO(document_response(client, docx_url).content)).tables
        for r in t.rows
        for c in r.cells
    )
    # then: the note is only where it was asked for
    assert "Nils" not in public
    assert "Nils" not in words
    assert "Vakten Nils är sjuk. (intern)" in inside
    # and the page offers the choice, publication first
    html = client.get(reverse("plans:follow_up", args=["koping", plan.pk])).content.decode()
    assert 'name="version" value="public" checked' in html
    assert 'name="version" value="internal"' in html
    # a reporter asking for the internal version still gets the one for publication
    client.force_login(users["reporter"])
    assert "Nils" not in _pdf_text(
        document_response(client, pdf_url, {"version": "internal"}).content
    )
