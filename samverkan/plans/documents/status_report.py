"""The status report (lägesrapport) for a meeting as PDF/A and DOCX, in Swedish."""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.text import slugify

from samverkan.core.documents import render_pdf
from samverkan.organisations.models import Council
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


def status_report_pdf(report: StatusReport, council: Council) -> bytes:
    with translation.override("sv"):
        return render_pdf(
            "plans/documents/status_report.html",
            {"report": report, "council": council, "title": status_report_title(report)},
        )


def status_report_docx(report: StatusReport, council: Council) -> bytes:
    from docx import Document
    from docx.shared import Pt

    with translation.override("sv"):
        doc = Document()
        doc.core_properties.title = status_report_title(report)
        doc.core_properties.language = "sv-SE"
        doc.styles["Normal"].font.size = Pt(10.5)
        meeting = report.meeting
        doc.add_heading("Lägesrapport: genomförandeplanen", level=1)
        doc.add_paragraph(
            f"{meeting.body.name} {meeting.date:%Y-%m-%d}, {council.name}, "
            f"{council.municipality.name}"
        )
        since = (
            f"föregående sammanträde {report.previous.date:%Y-%m-%d}"
            if report.previous is not None
            else f"{report.since:%Y-%m-%d}"
        )
        doc.add_heading(f"Förändringar sedan {since}", level=2)
        if report.changes:
            table = doc.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                ("Aktivitet", "Tidigare status", "Ny status", "Datum", "Notering"),
                strict=True,
            ):
                cell.text = text
            for change in report.changes:
                cells = table.add_row().cells
                cells[0].text = change.activity.text
                cells[1].text = change.old_label.capitalize() or "–"
                cells[2].text = change.new_label.capitalize() or "–"
                cells[3].text = f"{change.on:%Y-%m-%d}"
                cells[4].text = change.note
        else:
            doc.add_paragraph("Ingen status har rapporterats sedan dess.")
        if report.new_activities:
            doc.add_heading("Nya aktiviteter", level=3)
            for activity in report.new_activities:
                doc.add_paragraph(activity.text, style="List Bullet")
        for section in report.sections:
            doc.add_heading(section.plan.title, level=2)
            table = doc.add_table(rows=1, cols=5)
            table.style = "Table Grid"
            for cell, text in zip(
                table.rows[0].cells,
                ("Aktivitet", "Ansvarig", "Status", "Statusdatum", "Senaste notering"),
                strict=True,
            ):
                cell.text = text
            for row in section.rows:
                cells = table.add_row().cells
                cells[0].text = row.activity.text
                cells[1].text = responsible(row.activity)
                cells[2].text = row.status_label.capitalize() or "–"
                cells[3].text = f"{row.status_on:%Y-%m-%d}" if row.status_on else ""
                cells[4].text = row.note + (" (intern)" if row.note_internal else "")
        if not report.sections:
            doc.add_paragraph(f"Det finns ingen genomförandeplan för {meeting.date.year}.")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
