"""The yearly follow-up (uppföljning) of a plan as PDF/A and DOCX, in Swedish."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils import translation

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
from samverkan.plans.models import OutcomePeriod
from samverkan.plans.services.follow_up import Figure, FollowUpReport, PromiseOutcome

# Sections a floor above adds to the follow-up (as `models.council_links` finds the links a
# floor above adds): insights registers the effect at the measures' places, which plans may not
# compute since it may not read incidents. Each builder gets the report and returns a section
# or None.
SectionBuilder = Callable[[FollowUpReport], Section | None]
_EXTRA_SECTIONS: list[SectionBuilder] = []


def follow_up_section_register(builder: SectionBuilder) -> None:
    """Add a section to every follow-up document (once: registering again changes nothing)."""
    if builder not in _EXTRA_SECTIONS:
        _EXTRA_SECTIONS.append(builder)


def follow_up_title(report: FollowUpReport) -> str:
    return f"Uppföljning {report.plan.title}"


def follow_up_filename(report: FollowUpReport, suffix: str) -> str:
    period = "" if report.period == OutcomePeriod.YEAR else f"-{report.period}"
    return f"uppfoljning-{report.year}{period}-{report.plan.pk}.{suffix}"


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "–"
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} {unit}".strip()


def _indicators(report: FollowUpReport) -> Section:
    """Each measure's indicators: baseline, target, and the outcome of the report's period."""
    rows: list[tuple[str, ...]] = [
        (
            outcome.activity.text,
            goal.indicator.name,
            _number(goal.indicator.baseline_value, goal.indicator.unit)
            + (f" ({goal.indicator.baseline_year})" if goal.indicator.baseline_year else ""),
            _number(goal.indicator.target_value, goal.indicator.unit)
            + (f" ({goal.indicator.target_year})" if goal.indicator.target_year else ""),
            _number(goal.outcome.value, goal.indicator.unit) if goal.outcome else "Ej rapporterat",
            (goal.outcome.note if goal.outcome else "")
            + (" (intern)" if goal.outcome and goal.outcome.internal and goal.outcome.note else ""),
        )
        for outcome in report.activities
        for goal in outcome.indicators
    ] or [("Planens åtgärder har inga indikatorer.",)]
    header = ("Åtgärd", "Indikator", "Utgångsvärde", "Mål", "Utfall", "Kommentar")
    return Section(
        [
            Heading(f"Indikatorer: mål och utfall {_period_sv(report)}", 2),
            Table(rows, header=header),
        ]
    )


PERIODS_SV = {"t1": "T1 (januari–april)", "t2": "T2 (maj–augusti)", "t3": "T3 (september–december)"}


def _period_sv(report: FollowUpReport) -> str:
    return f"{report.year} {PERIODS_SV.get(report.period, 'helår')}"


def _figures(figures: list[Figure]) -> str:
    return "; ".join(f"{f.label}: {f.total}" for f in figures)


def _promise(number: int, outcome: PromiseOutcome) -> Section:
    promise = outcome.promise
    blocks: list[Block] = [Heading(f"Löfte {number}: {promise.text}", 3)]
    parties = promise.party_labels()
    if parties:
        joint = " (gemensamt löfte)" if promise.joint else ""
        blocks.append(Paragraph(f"Lämnas av {' och '.join(parties)}{joint}."))
    blocks += [
        Paragraph(f"Status: {outcome.status_label.capitalize() or '–'}."),
        Paragraph(f"Utfall: {promise.outcome or 'Inte beskrivet.'}"),
    ]
    if outcome.done:
        blocks += [
            Paragraph("Genomförda aktiviteter:"),
            BulletList(
                [
                    done.activity.text + (f"; {_figures(done.figures)}" if done.figures else "")
                    for done in outcome.done
                ]
            ),
        ]
    if outcome.others:
        blocks += [
            Paragraph("Övriga aktiviteter:"),
            BulletList(
                [
                    f"{other.activity.text} ({other.status_label or 'ingen status'})"
                    for other in outcome.others
                ]
            ),
        ]
    if outcome.figures:
        blocks.append(Paragraph(f"Summerat: {_figures(outcome.figures)}."))
    return Section(blocks, "promise")


def follow_up_document(report: FollowUpReport, council: Council) -> Document:
    """The follow-up as one structure for both renderings."""
    body: list[Block] = [
        Section(
            [
                Heading("Sammanfattning", 2),
                Paragraph(report.summary or "Ingen sammanfattning är skriven."),
            ]
        )
    ]
    if report.promises:
        body.append(
            Section(
                [
                    Heading("Medborgarlöften", 2),
                    *(_promise(n, o) for n, o in enumerate(report.promises, start=1)),
                ]
            )
        )
    rows: list[tuple[str, ...]] = [
        (
            outcome.activity.text,
            outcome.status_label.capitalize() or "–",
            outcome.grade_label.capitalize() or "–",
            "\n".join(
                f"{n.on:%Y-%m-%d}: {n.text}" + (" (intern)" if n.internal else "")
                for n in outcome.notes
            ),
            "\n".join(f"{f.label}: {f.total}" for f in outcome.figures),
        )
        for outcome in report.activities
    ] or [("Planen har inga aktiviteter.",)]
    header = ("Aktivitet", "Status", "Bedömning", "Noteringar", "Utfall i siffror")
    body.append(Section([Heading("Aktiviteter", 2), Table(rows, header=header)]))
    body.append(_indicators(report))
    for builder in _EXTRA_SECTIONS:
        section = builder(report)
        if section is not None:
            body.append(section)
    return Document(
        title=follow_up_title(report),
        author=f"{council.name}, {council.municipality.name}",
        description="Uppföljning av genomförandeplan och medborgarlöften",
        header=[
            Heading(f"Uppföljning: {report.plan.title}", 1),
            Paragraph(f"{council.name}, {council.municipality.name}", "meta"),
            Paragraph(
                f"Period: {_period_sv(report)}. Planen gäller {report.plan.period_label}.", "meta"
            ),
        ],
        body=body,
        look=council_look(council),
    )


def follow_up_pdf(report: FollowUpReport, council: Council) -> bytes:
    with translation.override("sv"):
        return document_pdf(follow_up_document(report, council))


def follow_up_docx(report: FollowUpReport, council: Council) -> bytes:
    with translation.override("sv"):
        return document_docx(follow_up_document(report, council))
