"""The lägesbild's pages and documents: writing as the coordinator and the police member, bad
input kept and refused in words, the draft's secrecy (viewer, public pages, downloads for
publication), the decision's frozen file, and the pinned queries of the list."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.urls import reverse
from docx import Document as DocxDocument
from pypdf import PdfReader

from samverkan.insights.models import SectionKey, SituationReport, SituationReportStatus
from samverkan.insights.services import situation_report as services
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.meetings.services.item_files import item_file_delete
from samverkan.organisations.models import Body, Council

pytestmark = pytest.mark.usefixtures("english_pages")

YEAR = 2018


def _url(council, name="situation_report", **kwargs):
    return reverse(f"insights:{name}", kwargs={"slug": council.slug, "year": YEAR, **kwargs})


@pytest.fixture
def report(council):
    report = services.situation_report_create(actor=None, council=council, year=YEAR)
    services.section_write(actor=None, report=report, key=SectionKey.SUMMARY, text="Lugnt år.")
    services.section_write(
        actor=None, report=report, key=SectionKey.INTERNAL, text="Hemligt om vakterna."
    )
    services.problem_save(
        actor=None,
        report=report,
        fields=services.ProblemFields(
            title="Skadegörelse vid skolan", prioritised=True, rationale="Flest händelser."
        ),
    )
    return report


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = DocxDocument(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_the_police_member_writes_the_police_section_and_it_says_who(client, users, report):
    # given
    client.force_login(users["police"])
    # when
    response = client.post(
        _url(report.council, "situation_report_section", key="police"),
        {"police-text": "Narkotikabrotten ökar kring stationen."},
    )
    # then
    assert response.status_code == 302
    page = client.get(_url(report.council)).content.decode()
    assert "Narkotikabrotten ökar kring stationen." in page
    assert "Written by police," in page


def test_a_bad_table_keeps_what_was_typed_and_says_what_is_wrong(client, users, report):
    client.force_login(users["coordinator"])
    response = client.post(
        _url(report.council, "situation_report_table_add"),
        {"kind": "other", "title": "Skolenkäten", "source": "Skolan", "rows": "Otrygga 12 %"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Line 1 has no semicolon between the label and the value." in page
    assert "Skolenkäten" in page
    assert not report.tables.exists()


def test_a_prioritised_problem_without_a_rationale_is_refused_and_kept(client, users, report):
    client.force_login(users["police"])
    response = client.post(
        _url(report.council, "situation_report_problem_add"),
        {"title": "Inbrott i förråd", "offender": "Okända", "prioritised": "on"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say why the problem is prioritised." in page
    assert "Inbrott i förråd" in page
    assert report.problems.count() == 1


def test_a_year_out_of_range_and_an_unknown_section_are_not_found(client, users, report):
    client.force_login(users["coordinator"])
    url = reverse("insights:situation_report", kwargs={"slug": report.council.slug, "year": 99})
    assert client.get(url).status_code == 404
    bad = _url(report.council, "situation_report_section", key="nonsense")
    assert client.post(bad, {"nonsense-text": "x"}).status_code == 404
    started = client.post(
        reverse("insights:situation_report_start", kwargs={"slug": report.council.slug}),
        {"year": "tjugo"},
    )
    assert started.status_code == 400
    assert SituationReport.objects.count() == 1


def test_a_draft_is_not_found_for_the_viewer_and_not_on_the_public_pages(client, users, report):
    Council.objects.filter(pk=report.council.pk).update(publishes=True)
    client.force_login(users["viewer"])
    assert client.get(_url(report.council)).status_code == 404
    assert client.get(_url(report.council, "situation_report_pdf")).status_code == 404
    client.logout()
    slug = report.council.slug
    listing = client.get(reverse("insights:public_situation_reports", kwargs={"slug": slug}))
    assert "Lugnt år." not in listing.content.decode()
    assert str(YEAR) not in listing.content.decode()
    assert client.get(_url(report.council, "public_situation_report")).status_code == 404


def test_the_download_for_publication_never_holds_the_internal_notes(client, users, report):
    client.force_login(users["coordinator"])
    public_pdf = _pdf_text(client.get(_url(report.council, "situation_report_pdf")).content)
    assert "Lugnt år." in public_pdf
    assert "Skadegörelse vid skolan" in public_pdf
    assert "Hemligt om vakterna." not in public_pdf
    internal = client.get(_url(report.council, "situation_report_docx") + "?version=internal")
    assert "Hemligt om vakterna." in _docx_text(internal.content)
    # the viewer of a decided report asks for the internal one and gets the public one
    SituationReport.objects.filter(pk=report.pk).update(status=SituationReportStatus.DECIDED)
    client.force_login(users["viewer"])
    docx = client.get(_url(report.council, "situation_report_docx") + "?version=internal")
    assert docx.status_code == 200
    assert "Hemligt om vakterna." not in _docx_text(docx.content)
    assert "Lugnt år." in _docx_text(docx.content)


def test_deciding_attaches_the_frozen_pdf_and_publishing_shows_it(client, users, report):
    # given a meeting with the item, and a council that publishes
    council = report.council
    Council.objects.filter(pk=council.pk).update(publishes=True)
    body = Body.objects.filter(council=council).first()
    meeting = Meeting.objects.create(body=body, date=dt.date(2030, 11, 20))
    item = AgendaItem.objects.create(meeting=meeting, number=4, title="Lägesbild 2018")
    client.force_login(users["coordinator"])
    # when
    response = client.post(_url(council, "situation_report_decide"), {"item": str(item.pk)})
    # then the item holds the PDF without internal notes, and the report its checksum
    assert response.status_code == 302
    stored = ItemFile.objects.get(item=item)
    assert stored.filename == "lagesbild-2018.pdf"
    text = _pdf_text(stored.file.read())
    assert "Lugnt år." in text
    assert "Hemligt om vakterna." not in text
    report.refresh_from_db()
    assert report.status == SituationReportStatus.DECIDED
    assert report.decided_checksum in client.get(_url(council)).content.decode()
    # a decided report does not change
    refused = client.post(
        _url(council, "situation_report_section", key="summary"),
        {"summary-text": "Nytt"},
        follow=True,
    )
    assert "is decided and cannot change" in refused.content.decode()
    assert "Nytt" not in refused.content.decode()
    # when published, the public page shows it, never its internal notes
    client.post(_url(council, "situation_report_publish"))
    client.logout()
    page = client.get(_url(council, "public_situation_report")).content.decode()
    assert "Lugnt år." in page
    assert "Skadegörelse vid skolan" in page
    assert "Hemligt om vakterna." not in page
    # and its PDF is the frozen file that was decided, byte for byte
    frozen = client.get(_url(council, "public_situation_report_pdf")).content
    assert hashlib.sha256(frozen).hexdigest() == report.decided_checksum


def test_removing_the_decided_file_from_its_item_keeps_the_public_pdf(client, users, report):
    # given a decided and published lägesbild
    council = report.council
    Council.objects.filter(pk=council.pk).update(publishes=True)
    body = Body.objects.filter(council=council).first()
    meeting = Meeting.objects.create(body=body, date=dt.date(2030, 11, 20))
    item = AgendaItem.objects.create(meeting=meeting, number=4, title="Lägesbild 2018")
    client.force_login(users["coordinator"])
    client.post(_url(council, "situation_report_decide"), {"item": str(item.pk)})
    client.post(_url(council, "situation_report_publish"))
    report.refresh_from_db()
    # when the secretary removes the file from the item before the minutes are adjusted
    item_file_delete(actor=users["secretary"], item_file=ItemFile.objects.get(item=item))
    assert not ItemFile.objects.filter(item=item).exists()
    # then the public PDF is still the decided one, byte for byte
    client.logout()
    response = client.get(_url(council, "public_situation_report_pdf"))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == report.decided_checksum
    assert "Lugnt år." in _pdf_text(response.content)


def test_the_list_pins_its_queries(client, users, council, django_assert_num_queries):
    for year in range(2010, 2016):
        services.situation_report_create(actor=None, council=council, year=year)
    client.force_login(users["member"])
    url = reverse("insights:situation_reports", kwargs={"slug": council.slug})
    client.get(url)
    # session, user, council, role, police seat, count, page, the latest report, messages
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert "Situation report 2015" in response.content.decode()


def test_the_viewer_lists_decided_reports_but_never_a_draft(client, users, report, council):
    services.situation_report_create(actor=None, council=council, year=2016)
    SituationReport.objects.filter(year=2016).update(status=SituationReportStatus.DECIDED)
    url = reverse("insights:situation_reports", kwargs={"slug": council.slug})
    client.force_login(users["viewer"])
    page = client.get(url).content.decode()
    assert "Situation report 2016" in page
    assert f"Situation report {YEAR}" not in page
    client.force_login(users["member"])
    assert f"Situation report {YEAR}" in client.get(url).content.decode()
