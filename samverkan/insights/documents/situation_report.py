"""The lägesbild as PDF/A and DOCX, in Swedish: one structure (core/documents.py) with its
charts (core/charts: SVG in the PDF, PNG in Word, each with its table) and tables, in the
sections a council's lägesbild has. The copy for publication never holds the internal notes."""

from __future__ import annotations

from django.utils import timezone, translation

from samverkan.core import charts
from samverkan.core.documents import (
    Block,
    BulletList,
    Document,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    document_docx,
    document_pdf,
)
from samverkan.insights.models import (
    Problem,
    ReportSection,
    SectionKey,
    SituationReport,
    SourceTable,
)
from samverkan.insights.selectors.situation_report import Mapping, Parts, mapping, report_parts
from samverkan.organisations.selectors import council_look


def situation_report_filename(report: SituationReport, suffix: str) -> str:
    """An ASCII name every mail program and file system takes."""
    return f"lagesbild-{report.year}.{suffix}"


def _kr(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _written(section: ReportSection | None) -> str:
    if section is None or section.written_at is None:
        return ""
    who = (
        section.written_by.get_full_name() or section.written_by.username
        if section.written_by
        else ""
    )
    when = f"{timezone.localtime(section.written_at):%Y-%m-%d}"
    return f"Skrivet av {who}, {when}." if who else f"Skrivet {when}."


def _text(parts: Parts, key: str, heading: str, empty: str) -> list[Block]:
    section = parts.sections.get(key)
    blocks: list[Block] = [Heading(heading, 2)]
    blocks.append(Paragraph(section.text if section and section.text else empty))
    if section and section.text and _written(section):
        blocks.append(Paragraph(_written(section), "meta"))
    return blocks


def _incidents(m: Mapping) -> list[Block]:
    blocks: list[Block] = [Heading("Rådets rapporterade händelser och kostnader", 3)]
    counted = [(t.category.name, t.count) for t in m.totals if t.count]
    if counted:
        svg = charts.hbar_chart(
            chart_id="lb-categories",
            title=f"Händelser per kategori {m.year}",
            rows=counted,
        )
        blocks.append(Figure(f"Händelser per kategori {m.year}", svg, charts.hbar_png(counted)))
        blocks.append(
            Table(
                [(t.category.name, str(t.count), _kr(t.cost)) for t in m.totals],
                header=("Kategori", "Antal", "Kostnad (kr)"),
                row_headers=True,
                numeric=(1, 2),
                footer=[("Totalt", str(m.incident_count), _kr(m.incident_cost))],
            )
        )
    else:
        blocks.append(Paragraph(f"Inga händelser rapporterade {m.year}."))
    labels = [f"{r.month:%Y-%m}" for r in m.trend]
    series = [
        (str(m.year), [r.count for r in m.trend]),
        (str(m.year - 1), [r.previous_count for r in m.trend]),
    ]
    if any(r.count or r.previous_count for r in m.trend):
        title = f"Händelser per månad {m.year} mot {m.year - 1}"
        blocks.append(
            Figure(
                title,
                charts.bar_chart(chart_id="lb-trend", title=title, labels=labels, series=series),
                charts.bar_png(labels, series),
            )
        )
        blocks.append(
            Table(
                [(f"{r.month:%Y-%m}", str(r.count), str(r.previous_count)) for r in m.trend],
                header=("Månad", str(m.year), str(m.year - 1)),
                row_headers=True,
                numeric=(1, 2),
            )
        )
    return blocks


def _affected_and_places(m: Mapping) -> list[Block]:
    blocks: list[Block] = [Heading("Vem drabbas", 3)]
    if m.targets:
        blocks.append(
            Table(
                [(t.label, str(t.count), _kr(t.cost)) for t in m.targets],
                header=("Drabbad", "Antal", "Kostnad (kr)"),
                row_headers=True,
                numeric=(1, 2),
            )
        )
    else:
        blocks.append(Paragraph("Inga händelser som säger vem som drabbats."))
    blocks.append(Heading("Platser med många händelser", 3))
    if m.places:
        blocks.append(
            Table(
                [(p.name, p.kind_label, str(p.count), _kr(p.cost)) for p in m.places],
                header=("Plats", "Slag", "Antal", "Kostnad (kr)"),
                row_headers=True,
                numeric=(2, 3),
            )
        )
    else:
        blocks.append(Paragraph("Inga händelser på namngivna platser."))
    return blocks


def _surveys_and_crime(m: Mapping) -> list[Block]:
    blocks: list[Block] = [Heading("Trygghet och utsatthet enligt enkäter", 3)]
    if m.surveys:
        for summary in m.surveys:
            blocks.append(Paragraph(f"{summary.survey.title}: {summary.responses} svar."))
            if summary.means:
                blocks.append(
                    Table(
                        [(mean.question, mean.shown) for mean in summary.means],
                        header=("Fråga", "Medel (1–5)"),
                        row_headers=True,
                        numeric=(1,),
                    )
                )
    else:
        blocks.append(Paragraph(f"Inga trygghetsenkäter {m.year}."))
    blocks.append(Heading("Polisanmälda brott", 3))
    if m.crime:
        blocks.append(
            Table(
                [
                    (
                        str(row.year),
                        str(row.crimes),
                        "–" if row.per_100k is None else f"{row.per_100k:.0f}",
                    )
                    for row in m.crime
                ],
                header=("År", "Anmälda brott", "Per 100 000 invånare"),
                row_headers=True,
                numeric=(1, 2),
            )
        )
    else:
        blocks.append(Paragraph("Ingen brottsstatistik importerad för året."))
    if m.offence_types:
        blocks.append(Heading("Anmälda brott per brottstyp, jämfört med andra områden", 3))
        blocks.append(
            Table(
                [
                    (
                        row.category,
                        _figure(row.count),
                        _rate(row.per_1000),
                        _rate(row.county_per_1000),
                        _rate(row.group_per_1000),
                        _rate(row.country_per_1000),
                        _figure(row.change, signed=True),
                    )
                    for row in m.offence_types
                ],
                header=(
                    "Brottstyp",
                    "Antal",
                    "Per 1 000 inv.",
                    m.areas.get("county") or "Länet",
                    m.areas.get("group") or "Kommungruppen",
                    m.areas.get("country") or "Riket",
                    "Förändring från året före",
                ),
                row_headers=True,
                numeric=(1, 2, 3, 4, 5, 6),
            )
        )
    return blocks


def _figure(value: int | None, *, signed: bool = False) -> str:
    if value is None:
        return "–"
    return f"{value:+d}" if signed else str(value)


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def _tables(tables: list[SourceTable], empty: str) -> list[Block]:
    if not tables:
        return [Paragraph(empty)]
    blocks: list[Block] = []
    for table in tables:
        blocks.append(Heading(table.title, 3))
        blocks.append(Table([tuple(row) for row in table.rows], row_headers=True))
        blocks.append(Paragraph(f"Källa: {table.source}", "meta"))
    return blocks


def _problem(problem: Problem) -> Section:
    rows = [
        (label, value)
        for label, value in (
            ("Vad", problem.what),
            ("Var", problem.where),
            ("När", problem.when),
            ("Vem drabbas", problem.affected),
            ("Orsaker", problem.causes),
            ("Riskfaktorer", problem.risk_factors),
            ("Skyddsfaktorer", problem.protective_factors),
            ("Gärningsperson", problem.offender),
            ("Plats", problem.place),
            ("Mål/offer", problem.target),
        )
        if value
    ]
    blocks: list[Block] = [Heading(problem.title, 3)]
    if rows:
        blocks.append(Table(rows, row_headers=True))
    if problem.prioritised:
        blocks.append(Paragraph(f"Prioriterat ({problem.priority}): {problem.rationale}"))
    return Section(blocks)


def situation_report_document(
    report: SituationReport, parts: Parts, m: Mapping, *, with_internal: bool
) -> Document:
    """The report as one structure for both renderings; internal notes only when asked for."""
    council = report.council
    status = report.get_status_display()
    meta = (
        f"{council.name}, {council.municipality.name}. Status: {status}. "
        f"Framtagen {timezone.localtime():%Y-%m-%d %H:%M}."
    )
    title = f"Lägesbild {report.year}"
    body: list[Block] = [
        Section(
            _text(parts, SectionKey.SUMMARY, "Sammanfattning", "Ingen sammanfattning skriven.")
        ),
        Section(
            [
                Heading("Kartläggning", 2),
                *_incidents(m),
                *_affected_and_places(m),
                *_surveys_and_crime(m),
                *_text(
                    parts, SectionKey.CONSEQUENCES, "Konsekvenser", "Inga konsekvenser beskrivna."
                )[1:],
            ]
        ),
        Section(
            [
                *_text(
                    parts,
                    SectionKey.POLICE,
                    "Polisens bedömning",
                    "Polisen har inte skrivit sin bedömning.",
                ),
                *_tables(parts.police_tables, "Inga siffror från polisen."),
            ]
        ),
        Section(
            [Heading("Övrig information", 2), *_tables(parts.other_tables, "Inga övriga källor.")]
        ),
        Section(
            [
                *_text(parts, SectionKey.ANALYSIS, "Analys", "Ingen analys skriven."),
                *[_problem(p) for p in parts.problems],
            ]
        ),
        Section(
            [
                Heading("Prioriterade problem", 2),
                BulletList([f"{p.priority}. {p.title}: {p.rationale}" for p in parts.prioritised])
                if parts.prioritised
                else Paragraph("Inga problem prioriterade."),
            ]
        ),
        Section(
            _text(parts, SectionKey.SOURCES, "Källor och begränsningar", "Inga källor angivna.")
        ),
    ]
    if with_internal and parts.text(SectionKey.INTERNAL):
        body.append(Section(_text(parts, SectionKey.INTERNAL, "Interna anteckningar", "")))
    return Document(
        title=title,
        author=f"{council.name}, {council.municipality.name}",
        description=(
            f"Lägesbild {report.year} enligt lagen (2023:196) om kommuners ansvar "
            "för brottsförebyggande arbete"
        ),
        header=[Heading(title, 1), Paragraph(meta, "meta")],
        body=body,
        look=council_look(council),
    )


def situation_report_pdf(
    report: SituationReport, parts: Parts, m: Mapping, *, with_internal: bool
) -> bytes:
    with translation.override("sv"):
        return document_pdf(
            situation_report_document(report, parts, m, with_internal=with_internal)
        )


def situation_report_docx(
    report: SituationReport, parts: Parts, m: Mapping, *, with_internal: bool
) -> bytes:
    with translation.override("sv"):
        return document_docx(
            situation_report_document(report, parts, m, with_internal=with_internal)
        )


def publication_pdf(report: SituationReport) -> bytes:
    """The copy for publication of a report as it stands: what a decision freezes."""
    return situation_report_pdf(
        report, report_parts(report), mapping(report.council, report.year), with_internal=False
    )
