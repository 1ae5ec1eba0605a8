"""The lägesbild's services and selectors: writing sections with who wrote them, source tables,
structured problems with their priorities, the decision under an agenda item with the frozen
PDF's checksum, publication, next year's from this one, and who may read a draft."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser

from samverkan.core.errors import NotFoundError, ServiceError
from samverkan.core.models import AuditEvent
from samverkan.incidents.models import TargetGroup
from samverkan.incidents.services.categories import categories_ensure_defaults
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.insights.models import Problem, SectionKey, SituationReportStatus, SourceKind
from samverkan.insights.selectors import situation_report as selectors
from samverkan.insights.services import situation_report as services
from samverkan.insights.services.situation_report import ProblemFields
from samverkan.meetings.models import AgendaItem, ItemFile, Meeting
from samverkan.organisations.models import Body, Council

pytestmark = pytest.mark.usefixtures("english_messages")

YEAR = 2018
NOON = dt.datetime(YEAR, 5, 4, 12, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def report(council):
    return services.situation_report_create(actor=None, council=council, year=YEAR)


@pytest.fixture
def item(council):
    body = Body.objects.filter(council=council).first()
    meeting = Meeting.objects.create(body=body, date=dt.date(YEAR, 11, 20))
    return AgendaItem.objects.create(meeting=meeting, number=3, title="Lägesbild 2018")


def test_a_section_keeps_who_wrote_it_and_when_and_is_audited(report, users):
    # when the police member writes the police's assessment
    section = services.section_write(
        actor=users["police"], report=report, key=SectionKey.POLICE, text=" Fler inbrott. "
    )
    # then the section says who wrote it, and the trail has the change
    assert section.text == "Fler inbrott."
    assert section.written_by == users["police"]
    assert section.written_at is not None
    services.section_write(
        actor=users["coordinator"], report=report, key=SectionKey.POLICE, text="Färre inbrott."
    )
    section.refresh_from_db()
    assert section.written_by == users["coordinator"]
    event = AuditEvent.objects.filter(model="insights.ReportSection", action="update").get()
    assert event.changes["text"] == ["Fler inbrott.", "Färre inbrott."]


def test_it_refuses_an_unknown_section_and_too_long_a_text(report):
    with pytest.raises(ServiceError, match="sections"):
        services.section_write(actor=None, report=report, key="secret", text="x")
    with pytest.raises(ServiceError, match="at most"):
        services.section_write(actor=None, report=report, key="summary", text="x" * 20_001)
    assert not report.sections.exists()


def test_a_source_table_needs_a_title_a_source_and_rows(report):
    with pytest.raises(ServiceError, match="source"):
        services.source_table_save(
            actor=None, report=report, kind=SourceKind.OTHER, title="NTU", source="", rows=[]
        )
    with pytest.raises(ServiceError, match="at least one row"):
        services.source_table_save(
            actor=None, report=report, kind=SourceKind.OTHER, title="NTU", source="Brå", rows=[]
        )
    table = services.source_table_save(
        actor=None,
        report=report,
        kind=SourceKind.OTHER,
        title="Nationella trygghetsundersökningen",
        source="Brå 2018",
        rows=[("Otrygga utomhus kvällstid", "29 %")],
    )
    assert table.rows == [["Otrygga utomhus kvällstid", "29 %"]]


def test_a_prioritised_problem_needs_a_rationale_and_takes_the_next_priority(report, users):
    with pytest.raises(ServiceError, match="why"):
        services.problem_save(
            actor=None, report=report, fields=ProblemFields(title="Inbrott", prioritised=True)
        )
    first = services.problem_save(
        actor=None,
        report=report,
        fields=ProblemFields(
            title="Skadegörelse i centrum",
            offender="Unga i grupp",
            place="Stora torget",
            target="Butiker",
            prioritised=True,
            rationale="Flest händelser.",
        ),
    )
    second = services.problem_save(
        actor=None,
        report=report,
        fields=ProblemFields(title="Otrygghet", prioritised=True, rationale="Enkäten."),
    )
    assert (first.priority, second.priority) == (1, 2)
    with pytest.raises(ServiceError, match="already has priority 1"):
        services.problem_save(
            actor=None,
            report=report,
            problem=second,
            fields=ProblemFields(title="Otrygghet", prioritised=True, priority=1, rationale="x"),
        )
    # a problem that is not prioritised has no priority
    third = services.problem_save(
        actor=None, report=report, fields=ProblemFields(title="Klotter", priority=5)
    )
    assert third.priority is None
    parts = selectors.report_parts(
        selectors.access_situation_report(users["member"], report.council, YEAR)
    )
    assert [p.title for p in parts.prioritised] == ["Skadegörelse i centrum", "Otrygghet"]


def test_deciding_freezes_the_pdf_on_the_item_with_its_checksum(report, item):
    # when
    services.situation_report_decide(
        actor=None,
        report=report,
        item=item,
        filename="lagesbild-2018.pdf",
        render=lambda: b"%PDF-1.7 x",
    )
    # then
    report.refresh_from_db()
    assert report.status == SituationReportStatus.DECIDED
    stored = ItemFile.objects.get(item=item)
    assert report.decided_file == stored
    assert report.decided_checksum == hashlib.sha256(b"%PDF-1.7 x").hexdigest()
    assert report.decided_checksum == hashlib.sha256(stored.file.read()).hexdigest()
    # and nothing of a decided report changes
    with pytest.raises(ServiceError, match="decided"):
        services.section_write(actor=None, report=report, key="summary", text="Ändrad")


def test_it_refuses_an_item_of_another_council(report, other_council):
    body = Body.objects.create(council=other_council, name="Rådet")
    meeting = Meeting.objects.create(body=body, date=dt.date(YEAR, 11, 20))
    foreign = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    with pytest.raises(ServiceError, match="own meetings"):
        services.situation_report_decide(
            actor=None, report=report, item=foreign, filename="l.pdf", render=lambda: b"%PDF-1.7"
        )
    report.refresh_from_db()
    assert report.status == SituationReportStatus.DRAFT


def test_only_a_decided_report_of_a_publishing_council_is_published(report, item, council):
    with pytest.raises(ServiceError, match="decided"):
        services.situation_report_publish(actor=None, report=report)
    services.situation_report_decide(
        actor=None, report=report, item=item, filename="l.pdf", render=lambda: b"%PDF-1.7"
    )
    with pytest.raises(ServiceError, match="does not publish"):
        services.situation_report_publish(actor=None, report=report)
    assert not selectors.public_situation_reports(council).exists()
    Council.objects.filter(pk=council.pk).update(publishes=True)
    report.council.refresh_from_db()
    services.situation_report_publish(actor=None, report=report)
    council.refresh_from_db()
    assert list(selectors.public_situation_reports(council)) == [report]


def test_a_draft_is_read_only_by_those_who_read_what_is_not_public(report, users, council):
    assert selectors.access_situation_report(users["member"], council, YEAR) == report
    assert selectors.access_situation_report(users["police"], council, YEAR) == report
    for viewer in (users["viewer"], users["reporter"], users["outsider"], AnonymousUser()):
        with pytest.raises(NotFoundError):
            selectors.access_situation_report(viewer, council, YEAR)
    Council.objects.filter(pk=council.pk).update(publishes=True)
    council.refresh_from_db()
    assert not selectors.public_situation_reports(council).exists()


def test_next_years_starts_from_this_ones_texts_tables_and_problems(report, council, users):
    services.section_write(actor=None, report=report, key="summary", text="Lugnt år.")
    services.source_table_save(
        actor=None,
        report=report,
        kind=SourceKind.POLICE,
        title="Polisens siffror",
        source="Polisen",
        rows=[("Inbrott", "12")],
    )
    services.problem_save(
        actor=None,
        report=report,
        fields=ProblemFields(title="Inbrott", prioritised=True, rationale="Ökar."),
    )
    # when
    following = services.situation_report_create(
        actor=users["coordinator"], council=council, year=YEAR + 1, copy_from=report
    )
    # then
    assert following.status == SituationReportStatus.DRAFT
    assert following.sections.get(key="summary").text == "Lugnt år."
    assert following.sections.get(key="summary").written_by == users["coordinator"]
    assert following.tables.get().rows == [["Inbrott", "12"]]
    copied = following.problems.get()
    assert (copied.title, copied.priority, copied.rationale) == ("Inbrott", 1, "Ökar.")
    assert Problem.objects.count() == 2
    with pytest.raises(ServiceError, match="already has"):
        services.situation_report_create(actor=None, council=council, year=YEAR + 1)


def test_the_mapping_counts_the_years_incidents_who_is_affected_and_named_places(council):
    category = categories_ensure_defaults(council=council)[0]
    for target in (TargetGroup.SCHOOL, TargetGroup.SCHOOL, ""):
        incident_report(
            actor=None,
            council=council,
            where=Where(address="Stora torget"),
            what=What(category=category, occurred_from=NOON, cost=100, target_group=target),
        )
    m = selectors.mapping(council, YEAR)
    assert m.incident_count == 3
    assert [(t.target_group, t.count) for t in m.targets] == [("school", 2), ("", 1)]
    assert len(m.trend) == 12
    assert m.crime == []


def test_a_persons_data_names_the_parts_of_the_lagesbild_they_wrote(council, users):
    # given: the police member's login writes the police's section, as a person of the council
    from samverkan.organisations.models import Person
    from samverkan.organisations.personal_data import personal_data_sections
    from samverkan.organisations.services import person_create, person_link_user

    police = users["police"]
    person = Person.objects.filter(user=police).first() or person_create(
        actor=None, council=council, name="Polis Persson"
    )
    if person.user_id is None:
        person_link_user(actor=None, person=person, user=police)
        person.refresh_from_db()
    report = services.situation_report_create(actor=None, council=council, year=2026)
    services.section_write(actor=police, report=report, key="police", text="Polisens bild.")

    # when
    sections = {s.key: s for s in personal_data_sections(person=person, council=council)}

    # then
    rows = sections["situation_report_parts"].rows
    assert [(row["year"], row["part"]) for row in rows] == [(2026, "The police's assessment")]
