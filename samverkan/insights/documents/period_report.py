"""The period report of the incident overview (händelseöversikt) as PDF/A and DOCX, in Swedish: one
structure (core/documents.py) with the page's SVG charts for the PDF and the same charts as PNG
for Word, each with its table."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from samverkan.core.charts import bar_png, hbar_png
from samverkan.core.documents import (
    Block,
    Cell,
    Document,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    document_docx,
    document_pdf,
)
from samverkan.core.map_image import MapCell, map_html, map_png
from samverkan.incidents.selectors import address_nearest, places_geojson
from samverkan.insights.selectors.dashboard import DashboardFilter
from samverkan.organisations.selectors import council_look


def period_report_title(f: DashboardFilter) -> str:
    return f"Händelseöversikt {f.period_from:%Y-%m-%d}–{f.period_to:%Y-%m-%d}"


def period_report_filename(f: DashboardFilter, suffix: str) -> str:
    """An ASCII name every mail program and file system takes."""
    return f"handelseoversikt-{f.period_from:%Y-%m-%d}-{f.period_to:%Y-%m-%d}.{suffix}"


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


def _kr(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _categories(context: dict[str, Any]) -> Section:
    board = context["board"]
    blocks: list[Block] = [Heading("Antal och kostnad per kategori", 2)]
    counted = [(t.category.name, t.count) for t in board.totals if t.count]
    if counted:
        blocks.append(
            Figure("Antal rapporter per kategori", context["category_chart"], hbar_png(counted))
        )
    costs = [(t.category.name, t.cost) for t in board.totals if t.cost]
    if costs:
        blocks.append(
            Figure("Kostnad per kategori (kr)", context["cost_chart"], hbar_png(costs, unit=" kr"))
        )
    if board.totals:
        rows = [
            (
                (f"{t.category.parent.name}: " if t.category.parent else "") + t.category.name,
                ("–" if t.count_incomplete and not t.count else str(t.count))
                + (" (periodsummor utan antal)" if t.count_incomplete else ""),
                _kr(t.cost),
            )
            for t in board.totals
        ]
        blocks.append(
            Table(
                rows,
                header=("Kategori", "Antal", "Kostnad (kr)"),
                row_headers=True,
                numeric=(1, 2),
                footer=[("Totalt", str(board.total_count), _kr(board.total_cost))],
            )
        )
    else:
        blocks.append(Paragraph("Inget rapporterat under perioden."))
    blocks.append(
        Paragraph(
            "Partners periodsummor räknas en gång: de ersätter samma partners enskilda "
            "rapporter av samma kategori och period."
        )
    )
    return Section(blocks)


def _trend(context: dict[str, Any]) -> Section:
    board = context["board"]
    months = [f"{r.month:%Y-%m}" for r in board.trend]
    png = bar_png(
        months,
        [
            ("Perioden", [r.count for r in board.trend]),
            ("Året före", [r.previous_count for r in board.trend]),
        ],
    )
    rows = [
        (
            f"{r.month:%Y-%m}",
            str(r.count),
            str(r.previous_count),
            _kr(r.cost),
            _kr(r.previous_cost),
        )
        for r in board.trend
    ]
    return Section(
        [
            Heading("Utveckling per månad mot samma månad året före", 2),
            Figure("Rapporter per månad mot samma månad året före", context["trend_chart"], png),
            Table(
                rows,
                header=("Månad", "Antal", "Året före", "Kostnad (kr)", "Kostnad året före (kr)"),
                row_headers=True,
                numeric=(1, 2, 3, 4),
            ),
            Paragraph("Endast enskilda rapporter: periodsummor saknar månad."),
        ]
    )


def _places_hours_cells(context: dict[str, Any]) -> list[Block]:
    board = context["board"]
    places: Block = (
        Table(
            [(p.name, str(p.count), _kr(p.cost)) for p in board.places],
            header=("Plats", "Antal", "Kostnad (kr)"),
            row_headers=True,
            numeric=(1, 2),
        )
        if board.places
        else Paragraph("Inga rapporter på namngivna platser under perioden.")
    )
    heat = Table(
        [
            (name.capitalize(), *(Cell(str(count), f"heat-{shade}") for count, shade in row))
            for name, row in context["heat"]
        ],
        header=("Dag", *(f"{hour:02d}" for hour in range(24))),
        row_headers=True,
        style="report heat",
    )
    return [
        Section([Heading("Platser med flest rapporter", 2), places]),
        Section([Heading("Veckodag och timme", 2), heat]),
        Section([Heading("Kartceller med flest rapporter", 2), _cells_map(context)]),
    ]


def cell_name(council: Any, cell: Any) -> str:
    """A map cell by its named places, else its nearest address, else its point: never by its
    H3 id, which means nothing to a reader."""
    if cell.place_names:
        return ", ".join(cell.place_names)
    found = address_nearest(council, cell.latitude, cell.longitude)
    if found is not None:
        return f"nära {found.label}"
    return f"kring {cell.latitude:.4f}, {cell.longitude:.4f}".replace(".", ",", 2)


def _cells_map(context: dict[str, Any]) -> Block:
    board, council = context["board"], context["council"]
    if not board.cells:
        return Paragraph("Inga rapporter med plats på kartan under perioden.")
    rows = [
        (str(number), cell_name(council, cell), str(cell.count))
        for number, cell in enumerate(board.cells, 1)
    ]
    table = Table(rows, header=("Nr", "Område", "Antal"), numeric=(0, 2))
    places = [
        (feature["properties"]["name"], feature["geometry"])
        for feature in places_geojson(council)["features"]
    ]
    cells = [MapCell(cell.cell, cell.count, number) for number, cell in enumerate(board.cells, 1)]
    png = map_png(places, cells)
    caption = "Karta: kartcellerna med flest rapporter, numrerade som i tabellen"
    return Figure(caption, map_html(png, caption), png, table)


def period_report_document(context: dict[str, Any], f: DashboardFilter) -> Document:
    """The report as one structure for both renderings (figures from report_context)."""
    council = context["council"]
    meta = f"{council.name}, {council.municipality.name}"
    if filter_text(f):
        meta += f". Urval: {filter_text(f)}"
    meta += f". Framtagen {context['generated']:%Y-%m-%d %H:%M}."
    return Document(
        title=period_report_title(f),
        author=f"{council.name}, {council.municipality.name}",
        description="Händelseöversikt: rapporterade händelser och kostnader för perioden",
        header=[Heading(period_report_title(f), 1), Paragraph(meta, "meta")],
        body=[_categories(context), _trend(context), *_places_hours_cells(context)],
        look=council_look(council),
    )


def period_report_pdf(context: dict[str, Any], f: DashboardFilter) -> bytes:
    with translation.override("sv"):
        return document_pdf(period_report_document(context, f))


def period_report_docx(context: dict[str, Any], f: DashboardFilter) -> bytes:
    with translation.override("sv"):
        return document_docx(period_report_document(context, f))
