"""The period report of the situational picture (lägesbild) as PDF/A and DOCX, in Swedish.

The PDF carries the same SVG charts as the page (WeasyPrint draws them); the DOCX carries the
same charts as PNG images drawn from the same figures (core/charts), each with its table.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils import translation

from samverkan.core.charts import bar_png, hbar_png
from samverkan.core.documents import render_pdf
from samverkan.insights.selectors.dashboard import DashboardFilter

CHART_WIDTH_CM = 16


def period_report_title(f: DashboardFilter) -> str:
    return f"Lägesbild {f.period_from:%Y-%m-%d}–{f.period_to:%Y-%m-%d}"


def period_report_filename(f: DashboardFilter, suffix: str) -> str:
    """An ASCII name every mail program and file system takes."""
    return f"lagesbild-{f.period_from:%Y-%m-%d}-{f.period_to:%Y-%m-%d}.{suffix}"


def filter_text(f: DashboardFilter) -> str:
    """The filter in words, for the report's heading."""
    parts = []
    if f.category is not None:
        parts.append(f"kategori {f.category.name}")
    if f.place is not None:
        parts.append(f"plats {f.place.name}")
    if f.area is not None:
        parts.append(f"område {f.area.name}")
    if f.organisation is not None:
        parts.append(f"rapporterat av {f.organisation.name}")
    if f.source:
        parts.append(f"källa {f.source}")
    return ", ".join(parts)


def period_report_pdf(context: dict[str, Any], f: DashboardFilter) -> bytes:
    with translation.override("sv"):
        return render_pdf(
            "insights/documents/period_report.html",
            {**context, "title": period_report_title(f), "filter_text": filter_text(f)},
        )


def _table(doc: Any, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _chart(doc: Any, png: bytes, title: str) -> None:
    """A chart as a picture with its title as alternative text, and the title as caption."""
    from docx.shared import Cm

    doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    picture = doc.inline_shapes[-1]
    picture._inline.docPr.set("descr", title)  # noqa: SLF001 (python-docx has no API for it)
    doc.add_paragraph(title, style="Caption")


def _kr(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def period_report_docx(context: dict[str, Any], f: DashboardFilter) -> bytes:
    from docx import Document
    from docx.shared import Pt

    board = context["board"]
    council = context["council"]
    with translation.override("sv"):
        doc = Document()
        doc.core_properties.title = period_report_title(f)
        doc.core_properties.language = "sv-SE"
        doc.styles["Normal"].font.size = Pt(10)
        doc.add_heading(period_report_title(f), level=1)
        doc.add_paragraph(f"{council.name}, {council.municipality.name}")
        if filter_text(f):
            doc.add_paragraph(f"Urval: {filter_text(f)}")
        doc.add_heading("Antal och kostnad per kategori", level=2)
        counted = [(t.category.name, t.count) for t in board.totals if t.count]
        if counted:
            _chart(doc, hbar_png(counted), "Antal rapporter per kategori")
        costs = [(t.category.name, t.cost) for t in board.totals if t.cost]
        if costs:
            _chart(doc, hbar_png(costs, unit=" kr"), "Kostnad per kategori (kr)")
        _table(
            doc,
            ["Kategori", "Antal", "Kostnad (kr)"],
            [
                [
                    (f"{t.category.parent.name}: " if t.category.parent else "") + t.category.name,
                    ("–" if t.count_incomplete and not t.count else str(t.count))
                    + (" (periodsummor utan antal)" if t.count_incomplete else ""),
                    _kr(t.cost),
                ]
                for t in board.totals
            ]
            + [["Totalt", str(board.total_count), _kr(board.total_cost)]],
        )
        doc.add_paragraph(
            "Partners periodsummor räknas en gång: de ersätter samma partners enskilda "
            "rapporter av samma kategori och period."
        )

        doc.add_heading("Utveckling per månad mot samma månad året före", level=2)
        _chart(
            doc,
            bar_png(
                [f"{r.month:%Y-%m}" for r in board.trend],
                [
                    ("Perioden", [r.count for r in board.trend]),
                    ("Året före", [r.previous_count for r in board.trend]),
                ],
            ),
            "Rapporter per månad mot samma månad året före",
        )
        _table(
            doc,
            ["Månad", "Antal", "Året före", "Kostnad (kr)", "Kostnad året före (kr)"],
            [
                [
                    f"{r.month:%Y-%m}",
                    str(r.count),
                    str(r.previous_count),
                    _kr(r.cost),
                    _kr(r.previous_cost),
                ]
                for r in board.trend
            ],
        )

        doc.add_heading("Platser med flest rapporter", level=2)
        if board.places:
            _table(
                doc,
                ["Plats", "Antal", "Kostnad (kr)"],
                [[p.name, str(p.count), _kr(p.cost)] for p in board.places],
            )
        else:
            doc.add_paragraph("Inga rapporter på namngivna platser under perioden.")

        doc.add_heading("Veckodag och timme", level=2)
        _table(
            doc,
            ["Veckodag", *[f"{h:02d}" for h in range(24)]],
            [[name, *[str(n) for n, _shade in row]] for name, row in context["heat"]],
        )

        doc.add_heading("Kartceller med flest rapporter", level=2)
        if board.cells:
            _table(
                doc,
                ["Kartcell (H3)", "Antal", "Namngivna platser"],
                [[c.cell, str(c.count), ", ".join(c.place_names)] for c in board.cells],
            )
        else:
            doc.add_paragraph("Inga rapporter med plats på kartan under perioden.")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
