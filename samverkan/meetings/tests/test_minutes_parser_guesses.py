"""The parser says which fields it guessed, so the preview asks for a check: values put back
beside labels a PDF gave in a column, items cut from run-on text, a date from the ANSLAG box;
a plainly laid-out document has no guesses."""

from __future__ import annotations

from pathlib import Path

from samverkan.demo.loader import seed_text
from samverkan.meetings.importers.minutes import parse_minutes

CORPUS = Path(__file__).resolve().parents[3] / "tests" / "import_corpus" / "documents"

LABELS_FIRST = """SAMMANTRÄDESPROTOKOLL
Trygghetsrådet

Plats och tid
Beslutande
Övriga deltagare
Utses att justera

Rådhuset, 12 mars 2019 kl. 13.00–15.00
Anna Ek (S), ordförande
Bo Lind (M)

Cia Berg, kommunpolis

Bo Lind

§ 1 Mötets öppnande
Ordföranden öppnar mötet.
"""


def test_values_put_back_beside_their_labels_are_marked_as_guessed() -> None:
    minutes = parse_minutes(LABELS_FIRST)
    assert (minutes.date, minutes.start, minutes.end, minutes.place) == (
        "2019-03-12",
        "13:00",
        "15:00",
        "Rådhuset",
    )
    assert [p.name for p in minutes.attendance.present] == ["Anna Ek", "Bo Lind", "Cia Berg"]
    assert minutes.adjusters == ["Bo Lind"]
    assert {"place", "time", "attendance"} <= set(minutes.guessed)


def test_items_cut_from_a_flattened_pdf_are_marked_as_guessed() -> None:
    minutes = parse_minutes((CORPUS / "pdf-text-1.txt").read_text(encoding="utf-8"))
    assert minutes.flattened
    assert "items" in minutes.guessed


def test_the_seed_has_nothing_guessed() -> None:
    assert parse_minutes(seed_text()).guessed == []
