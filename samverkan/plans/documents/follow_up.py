"""The yearly follow-up (uppföljning) of a plan as PDF/A and DOCX, in Swedish."""

from __future__ import annotations

import io

from django.utils import translation

from samverkan.core.documents import render_pdf
from samverkan.organisations.models import Council
from samverkan.plans.services.follow_up import Figure, FollowUpReport


def follow_up_title(report: FollowUpReport) -> str:
    return f"Uppföljning {report.plan.title}"


def follow_up_filename(report: FollowUpReport, suffix: str) -> str:
    return f"uppfoljning-{report.plan.year}-{report.plan.pk}.{suffix}"


def _figures(figures: list[Figure]) -> str:
    return "; ".join(f"{f.label}: {f.total}" for f in figures)


def follow_up_pdf(report: FollowUpReport, council: Council) -> bytes:
    with translation.override("sv"):
        return render_pdf(
            "plans/documents/follow_up.html",
            {"report": report, "council": council, "title": follow_up_title(report)},
        )


def follow_up_docx(report: FollowUpReport, council: Council) -> bytes:
    from docx import Document
    from docx.shared import Pt

    with translation.override("sv"):
        doc = Document()
        doc.core_properties.title = follow_up_title(report)
        doc.core_properties.language = "sv-SE"
        doc.styles["Normal"].font.size = Pt(10.5)
        doc.add_heading(f"Uppföljning: {report.plan.title}", level=1)
        doc.add_paragraph(f"{council.name}, {council.municipality.name}")
        doc.add_heading("Sammanfattning", level=2)
        doc.add_paragraph(report.summary or "Ingen sammanfattning är skriven.")
        if report.promises:
            doc.add_heading("Medborgarlöften", level=2)
        for number, outcome in enumerate(report.promises, start=1):
            promise = outcome.promise
            doc.add_heading(f"Löfte {number}: {promise.text}", level=3)
            parties = promise.party_labels()
            if parties:
                joint = " (gemensamt löfte)" if promise.joint else ""
                doc.add_paragraph(f"Lämnas av {' och '.join(parties)}{joint}.")
            doc.add_paragraph(f"Status: {outcome.status_label.capitalize() or '–'}.")
            doc.add_paragraph(f"Utfall: {promise.outcome or 'Inte beskrivet.'}")
            if outcome.done:
                doc.add_paragraph("Genomförda aktiviteter:")
                for done in outcome.done:
                    figures = _figures(done.figures)
                    doc.add_paragraph(
                        done.activity.text + (f"; {figures}" if figures else ""),
                        style="List Bullet",
                    )
            if outcome.others:
                doc.add_paragraph("Övriga aktiviteter:")
                for other in outcome.others:
                    doc.add_paragraph(
                        f"{other.activity.text} ({other.status_label or 'ingen status'})",
                        style="List Bullet",
                    )
            if outcome.figures:
                doc.add_paragraph(f"Summerat: {_figures(outcome.figures)}.")
        doc.add_heading("Aktiviteter", level=2)
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            ("Aktivitet", "Status", "Bedömning", "Noteringar", "Utfall i siffror"),
            strict=True,
        ):
            cell.text = text
        for activity in report.activities:
            cells = table.add_row().cells
            cells[0].text = activity.activity.text
            cells[1].text = activity.status_label.capitalize() or "–"
            cells[2].text = activity.grade_label.capitalize() or "–"
            cells[3].text = "\n".join(
                f"{n.on:%Y-%m-%d}: {n.text}" + (" (intern)" if n.internal else "")
                for n in activity.notes
            )
            cells[4].text = "\n".join(f"{f.label}: {f.total}" for f in activity.figures)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
