"""The status report (lägesrapport) for a meeting as PDF/A and DOCX, in Swedish."""

from __future__ import annotations

from django.utils import translation
from django.utils.text import slugify

from samverkan.core.documents import (
    Block,
    BulletList,
    Document,
    Heading,
    Paragraph,
    Section,
    Table,
    document_docx,
    document_pdf,
)
from samverkan.organisations.models import Council
from samverkan.organisations.selectors import council_look
from samverkan.plans.models import Activity
from samverkan.plans.services.reports import StatusReport


def status_report_title(report: StatusReport) -> str:
    meeting = report.meeting
    return f"Lägesrapport {meeting.body.name} {meeting.date:%Y-%m-%d}"


def status_report_filename(report: StatusReport, suffix: str) -> str:
    """An ASCII name every mail program and file system takes."""
    meeting = report.meeting
    return f"lagesrapport-{slugify(meeting.body.name)}-{meeting.date:%Y-%m-%d}.{suffix}"


def responsible(activity: Activity) -> str:
    """The responsible organisations by short name, else the cell as the document wrote it."""
    organisations = [o.short_name or o.name for o in activity.organisations.all()]
    return ", ".join(organisations) or activity.responsible_text


def _capital(label: str) -> str:
    return label.capitalize() or "–"


def status_report_document(report: StatusReport, council: Council) -> Document:
    """The status report as one structure for both renderings."""
    meeting = report.meeting
    since = (
        f"föregående sammanträde {report.previous.date:%Y-%m-%d}"
        if report.previous is not None
        else f"{report.since:%Y-%m-%d}"
    )
    changes: list[Block] = [Heading(f"Förändringar sedan {since}", 2)]
    if report.changes:
        changes.append(
            Table(
                [
                    (
                        change.activity.text,
                        _capital(change.old_label),
                        _capital(change.new_label),
                        f"{change.on:%Y-%m-%d}",
                        change.note,
                    )
                    for change in report.changes
                ],
                header=("Aktivitet", "Tidigare status", "Ny status", "Datum", "Notering"),
            )
        )
    else:
        changes.append(Paragraph("Ingen status har rapporterats sedan dess."))
    if report.new_activities:
        changes += [
            Heading("Nya aktiviteter", 3),
            BulletList([activity.text for activity in report.new_activities]),
        ]
    body: list[Block] = [Section(changes)]
    for section in report.sections:
        rows: list[tuple[str, ...]] = [
            (
                row.activity.text,
                responsible(row.activity),
                _capital(row.status_label),
                f"{row.status_on:%Y-%m-%d}" if row.status_on else "",
                row.note + (" (intern)" if row.note_internal else ""),
            )
            for row in section.rows
        ] or [("Planen har inga aktiviteter.",)]
        header = ("Aktivitet", "Ansvarig", "Status", "Statusdatum", "Senaste notering")
        body.append(Section([Heading(section.plan.title, 2), Table(rows, header=header)]))
    if not report.sections:
        body.append(Paragraph(f"Det finns ingen genomförandeplan för {meeting.date.year}."))
    return Document(
        title=status_report_title(report),
        author=f"{council.name}, {council.municipality.name}",
        description="Lägesrapport för genomförandeplanen",
        header=[
            Heading("Lägesrapport: genomförandeplanen", 1),
            Paragraph(
                f"{meeting.body.name} {meeting.date:%Y-%m-%d}, {council.name}, "
                f"{council.municipality.name}",
                "meta",
            ),
        ],
        body=body,
        look=council_look(council),
    )


def status_report_pdf(report: StatusReport, council: Council) -> bytes:
    with translation.override("sv"):
        return document_pdf(status_report_document(report, council))


def status_report_docx(report: StatusReport, council: Council) -> bytes:
    with translation.override("sv"):
        return document_docx(status_report_document(report, council))
