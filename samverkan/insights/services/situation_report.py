"""Writes for the lägesbild (SituationReport): its written sections, source tables and problems
while a draft, its decision under a meeting's agenda item (a frozen PDF with its checksum) and
its publication. Every write is audited with the changed fields."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.audit import Actor, audit_create, audit_delete, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.insights.models import (
    Problem,
    ReportSection,
    SectionKey,
    SituationReport,
    SituationReportStatus,
    SourceKind,
    SourceTable,
)
from samverkan.meetings.models import AgendaItem
from samverkan.meetings.services.item_files import document_attach
from samverkan.organisations.models import Council

MIN_YEAR, MAX_YEAR = 1990, 2100
SECTION_MAX = 20_000
FIELD_MAX = 4_000
TABLE_ROWS_MAX = 50
CELL_MAX = 200


def _writer(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _ensure_draft(report: SituationReport) -> None:
    if report.status != SituationReportStatus.DRAFT:
        raise ServiceError(
            _("The situation report is decided and cannot change. Start next year's instead.")
        )


def _year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ServiceError(
            _("The year must be between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR},
            field="year",
        )
    return year


@transaction.atomic
def situation_report_create(
    *, actor: Actor, council: Council, year: int, copy_from: SituationReport | None = None
) -> SituationReport:
    """Start the year's draft, empty or from an earlier report: its texts, source tables and
    problems are copied (not its internal notes' authorship: the copies are the actor's)."""
    _year(year)
    if copy_from is not None and copy_from.council_id != council.pk:
        raise ServiceError(_("Choose one of the council's own situation reports."), field="year")
    if SituationReport.objects.filter(council=council, year=year).exists():
        raise ServiceError(
            _("The council already has a situation report for %(year)s.") % {"year": year},
            field="year",
        )
    report = SituationReport.objects.create(council=council, year=year)
    audit_create(actor=actor, instance=report, council_id=council.pk)
    if copy_from is None:
        return report
    now, writer = timezone.now(), _writer(actor)
    for section in copy_from.sections.all():
        if section.text:
            copied = ReportSection.objects.create(
                report=report, key=section.key, text=section.text, written_by=writer, written_at=now
            )
            audit_create(actor=actor, instance=copied, council_id=council.pk)
    for table in copy_from.tables.all():
        copied_table = SourceTable.objects.create(
            report=report,
            kind=table.kind,
            title=table.title,
            source=table.source,
            rows=table.rows,
            written_by=writer,
            written_at=now,
        )
        audit_create(actor=actor, instance=copied_table, council_id=council.pk)
    for problem in copy_from.problems.all():
        fields = ProblemFields(
            **{name: getattr(problem, name) for name in ProblemFields.__dataclass_fields__}
        )
        copied_problem = Problem.objects.create(
            report=report, **asdict(fields), written_by=writer, written_at=now
        )
        audit_create(actor=actor, instance=copied_problem, council_id=council.pk)
    return report


@transaction.atomic
def section_write(*, actor: Actor, report: SituationReport, key: str, text: str) -> ReportSection:
    """Write one section; who wrote it and when is kept beside it and in the audit trail."""
    _ensure_draft(report)
    if key not in SectionKey.values:
        raise ServiceError(_("Choose one of the report's sections."), field="key")
    text = text.strip()
    if len(text) > SECTION_MAX:
        raise ServiceError(
            _("A section is at most %(max)s characters.") % {"max": f"{SECTION_MAX:,}"},
            field="text",
        )
    section = ReportSection.objects.select_for_update().filter(report=report, key=key).first()
    if section is None:
        section = ReportSection.objects.create(
            report=report, key=key, text=text, written_by=_writer(actor), written_at=timezone.now()
        )
        audit_create(actor=actor, instance=section, council_id=report.council_id)
        return section
    if section.text == text:
        return section
    before = snapshot(section)
    section.text, section.written_by, section.written_at = text, _writer(actor), timezone.now()
    section.save()
    audit_update(actor=actor, instance=section, before=before, council_id=report.council_id)
    return section


def _rows(rows: Sequence[tuple[str, str]]) -> list[list[str]]:
    cleaned = [[label.strip(), value.strip()] for label, value in rows if label.strip()]
    if not cleaned:
        raise ServiceError(_("Write at least one row: a label and its value."), field="rows")
    if len(cleaned) > TABLE_ROWS_MAX:
        raise ServiceError(
            _("A table has at most %(max)d rows.") % {"max": TABLE_ROWS_MAX}, field="rows"
        )
    if any(len(label) > CELL_MAX or len(value) > CELL_MAX for label, value in cleaned):
        raise ServiceError(
            _("A label or value is at most %(max)d characters.") % {"max": CELL_MAX},
            field="rows",
        )
    return cleaned


@transaction.atomic
def source_table_save(
    *,
    actor: Actor,
    report: SituationReport,
    kind: str,
    title: str,
    source: str,
    rows: Sequence[tuple[str, str]],
    table: SourceTable | None = None,
) -> SourceTable:
    """Add a source table, or change one of the report's."""
    _ensure_draft(report)
    if kind not in SourceKind.values:
        raise ServiceError(_("Choose where the table belongs."), field="kind")
    if table is not None and table.report_id != report.pk:
        raise ServiceError(_("The table is not part of this situation report."))
    title, source = title.strip(), source.strip()
    if not title:
        raise ServiceError(_("Give the table a title."), field="title")
    if not source:
        raise ServiceError(_("Name the source of the figures."), field="source")
    cleaned = _rows(rows)
    now, writer = timezone.now(), _writer(actor)
    if table is None:
        table = SourceTable.objects.create(
            report=report,
            kind=kind,
            title=title,
            source=source,
            rows=cleaned,
            written_by=writer,
            written_at=now,
        )
        audit_create(actor=actor, instance=table, council_id=report.council_id)
        return table
    before = snapshot(table)
    table.kind, table.title, table.source, table.rows = kind, title, source, cleaned
    table.written_by, table.written_at = writer, now
    table.save()
    audit_update(actor=actor, instance=table, before=before, council_id=report.council_id)
    return table


@transaction.atomic
def source_table_delete(*, actor: Actor, table: SourceTable) -> None:
    _ensure_draft(table.report)
    audit_delete(actor=actor, instance=table, council_id=table.report.council_id)
    table.delete()


@dataclass(frozen=True)
class ProblemFields:
    title: str
    what: str = ""
    where: str = ""
    when: str = ""
    affected: str = ""
    causes: str = ""
    risk_factors: str = ""
    protective_factors: str = ""
    offender: str = ""
    place: str = ""
    target: str = ""
    prioritised: bool = False
    priority: int | None = None
    rationale: str = ""


def _clean_problem(
    report: SituationReport, fields: ProblemFields, problem: Problem | None
) -> dict[str, object]:
    values: dict[str, object] = {
        name: value.strip() if isinstance(value, str) else value
        for name, value in asdict(fields).items()
    }
    if not values["title"]:
        raise ServiceError(_("Name the problem."), field="title")
    for name, value in values.items():
        if isinstance(value, str) and len(value) > FIELD_MAX:
            raise ServiceError(
                _("Each part of the analysis is at most %(max)s characters.")
                % {"max": f"{FIELD_MAX:,}"},
                field=name,
            )
    if not fields.prioritised:
        values["priority"] = None
        return values
    if not values["rationale"]:
        raise ServiceError(_("Say why the problem is prioritised."), field="rationale")
    others = Problem.objects.filter(report=report, prioritised=True)
    if problem is not None:
        others = others.exclude(pk=problem.pk)
    if fields.priority is None:
        values["priority"] = (others.aggregate(n=Max("priority"))["n"] or 0) + 1
    elif not 1 <= fields.priority <= 99:
        raise ServiceError(_("The priority order is a number from 1 to 99."), field="priority")
    elif others.filter(priority=fields.priority).exists():
        raise ServiceError(
            _("Another prioritised problem already has priority %(n)d.") % {"n": fields.priority},
            field="priority",
        )
    return values


@transaction.atomic
def problem_save(
    *,
    actor: Actor,
    report: SituationReport,
    fields: ProblemFields,
    problem: Problem | None = None,
) -> Problem:
    """Add an analysed problem, or change one of the report's; a prioritised problem needs its
    rationale and gets the next free priority unless one is given."""
    _ensure_draft(report)
    if problem is not None and problem.report_id != report.pk:
        raise ServiceError(_("The problem is not part of this situation report."))
    values = _clean_problem(report, fields, problem)
    now, writer = timezone.now(), _writer(actor)
    if problem is None:
        problem = Problem.objects.create(report=report, **values, written_by=writer, written_at=now)
        audit_create(actor=actor, instance=problem, council_id=report.council_id)
        return problem
    before = snapshot(problem)
    for name, value in values.items():
        setattr(problem, name, value)
    problem.written_by, problem.written_at = writer, now
    problem.save()
    audit_update(actor=actor, instance=problem, before=before, council_id=report.council_id)
    return problem


@transaction.atomic
def problem_delete(*, actor: Actor, problem: Problem) -> None:
    _ensure_draft(problem.report)
    audit_delete(actor=actor, instance=problem, council_id=problem.report.council_id)
    problem.delete()


@transaction.atomic
def situation_report_decide(
    *,
    actor: Actor,
    report: SituationReport,
    item: AgendaItem,
    filename: str,
    render: Callable[[], bytes],
) -> SituationReport:
    """Freeze the draft as a PDF on the agenda item it is decided under, with the PDF's
    checksum; from then on the report does not change. `render` makes the copy for
    publication (no internal notes: an item's files go to everyone who reads the agenda)."""
    _ensure_draft(report)
    if item.meeting.body.council_id != report.council_id:
        raise ServiceError(_("Choose an item of the council's own meetings."), field="item")
    content = render()
    item_file = document_attach(actor=actor, item=item, filename=filename, content=content)
    before = snapshot(report)
    report.status = SituationReportStatus.DECIDED
    report.decided_item, report.decided_file = item, item_file
    report.decided_checksum = hashlib.sha256(content).hexdigest()
    # A copy of its own, so removing the item's file cannot take the decided report with it.
    report.decided_pdf.save(filename, ContentFile(content), save=False)
    report.decided_at = timezone.now()
    report.save()
    audit_update(actor=actor, instance=report, before=before, council_id=report.council_id)
    return report


@transaction.atomic
def situation_report_publish(*, actor: Actor, report: SituationReport) -> SituationReport:
    """Publish a decided report on the council's public pages."""
    if report.status == SituationReportStatus.DRAFT:
        raise ServiceError(_("Only a decided situation report can be published."))
    if report.status == SituationReportStatus.PUBLISHED:
        return report
    if not report.council.publishes:
        raise ServiceError(
            _("The council does not publish publicly; turn that on in the council's settings.")
        )
    before = snapshot(report)
    report.status = SituationReportStatus.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    audit_update(actor=actor, instance=report, before=before, council_id=report.council_id)
    return report
