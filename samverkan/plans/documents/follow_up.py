"""The yearly follow-up (uppföljning) of a plan as PDF/A and DOCX, in Swedish."""

from __future__ import annotations

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
from samverkan.plans.services.follow_up import Figure, FollowUpReport, PromiseOutcome


def follow_up_title(report: FollowUpReport) -> str:
    return f"Uppföljning {report.plan.title}"


def follow_up_filename(report: FollowUpReport, suffix: str) -> str:
    return f"uppfoljning-{report.plan.year}-{report.plan.pk}.{suffix}"


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
    return Document(
        title=follow_up_title(report),
        author=f"{council.name}, {council.municipality.name}",
        description="Uppföljning av genomförandeplan och medborgarlöften",
        header=[
            Heading(f"Uppföljning: {report.plan.title}", 1),
            Paragraph(f"{council.name}, {council.municipality.name}", "meta"),
        ],
        body=body,
    )


def follow_up_pdf(report: FollowUpReport, council: Council) -> bytes:
    with translation.override("sv"):
        return document_pdf(follow_up_document(report, council))


def follow_up_docx(report: FollowUpReport, council: Council) -> bytes:
    with translation.override("sv"):
        return document_docx(follow_up_document(report, council))
