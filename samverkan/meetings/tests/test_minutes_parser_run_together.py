"""Decisions as text flattened out of a PDF gives them: att-clauses run together without their
commas, a decision "Enligt förslaget" that points back at the proposal, a free decision that
shares its paragraph with a reference number, and a page counter beside the signature box."""

from __future__ import annotations

from samverkan.meetings.importers.minutes import parse_minutes

HEAD = """PROTOKOLL
Trygghetsrådet
Datum: 2025-03-04
Tid: 13.00-15.00
Plats: Rådhuset

Närvarande: Anna Ek (S), Bo Lind (M)

"""


def _decisions(body: str) -> list[str]:
    parsed = parse_minutes(HEAD + body)
    return [decision.text for item in parsed.items for decision in item.decisions]


def test_att_clauses_run_together_without_a_comma_are_two_decisions() -> None:
    decisions = _decisions(
        "§ 1 Ekonomi\nBeslutades att godkänna redovisningen att lägga den till handlingarna.\n"
    )
    assert decisions == [
        "Beslutades att godkänna redovisningen.",
        "Beslutades att lägga den till handlingarna.",
    ]


def test_an_att_clause_that_belongs_to_its_verb_is_not_split() -> None:
    decisions = _decisions(
        "§ 1 Uppdrag\nRådet beslutar att uppdra åt samordnaren att lägga fram en plan"
        " att föreslå nämnden att anta planen.\n"
    )
    assert decisions == [
        "Rådet beslutar att uppdra åt samordnaren att lägga fram en plan.",
        "Rådet beslutar att föreslå nämnden att anta planen.",
    ]


def test_a_decision_as_proposed_takes_the_proposals_points() -> None:
    decisions = _decisions(
        "§ 1 Enkäten\nFöreslaget beslut\n1. Rådet tackar för redovisningen.\n"
        "2. Rådet ger samordnaren i uppdrag att sprida resultatet.\nBeslut\nEnligt förslaget.\n"
    )
    assert decisions == [
        "Rådet tackar för redovisningen.",
        "Rådet ger samordnaren i uppdrag att sprida resultatet.",
    ]


def test_a_free_decision_after_a_reference_number_in_run_on_text_is_read() -> None:
    decisions = _decisions(
        "§ 1 Belysning\nDnr 2022/412 Tunnlarna är inventerade. Rådet beslutar att prioritera"
        " tunneln vid hamnen.\n"
    )
    assert decisions == ["Rådet beslutar att prioritera tunneln vid hamnen."]
