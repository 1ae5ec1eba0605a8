"""A scanned PDF (no text layer) is read by OCR: a scanned page of the seed gives the same date
and attendance as its text; the import says OCR was used and how sure it was; without OCR, or
past its time limit, the import refuses with a clear message."""

from __future__ import annotations

import pytest

from samverkan.core.errors import ServiceError
from samverkan.core.importing.rejections import ImportRejected
from samverkan.core.importing.text import extract_document, extract_text, ocr_available, ocr_pdf
from samverkan.demo.loader import seed_text
from samverkan.meetings.importers.minutes import parse_minutes
from samverkan.meetings.services.minutes_import import minutes_import_plan
from tests.import_corpus.scan import scanned_pdf

needs_ocr = pytest.mark.skipif(not ocr_available(), reason="`make ocr` installs Tesseract")

SEED_LINES = seed_text().split("\n")
# The seed's first page: the meeting, its place, who was there, and the first items.
FIRST_PAGE = SEED_LINES[4:48]


@pytest.fixture(scope="module")
def scanned_seed_page() -> bytes:
    return scanned_pdf([FIRST_PAGE])


def _when_and_who(text: str) -> tuple[object, ...]:
    minutes = parse_minutes(text)
    attendance = minutes.attendance
    return (
        minutes.date,
        minutes.start,
        minutes.end,
        minutes.place,
        [p.name for p in attendance.present],
        [p.name for p in attendance.guests],
        sorted(p.name for p in attendance.absent),
    )


@needs_ocr
def test_a_scanned_page_of_the_seed_gives_the_date_and_attendance_of_its_text(
    scanned_seed_page: bytes,
) -> None:
    with pytest.raises(ImportRejected) as rejected:
        extract_text(scanned_seed_page, "skannat.pdf")
    assert rejected.value.code == "no_text_layer"  # no text layer of its own

    extracted = extract_document(scanned_seed_page, "skannat.pdf")

    assert extracted.ocr
    assert extracted.pages == 1
    assert extracted.confidence is not None
    assert extracted.confidence > 80
    assert _when_and_who(extracted.text) == _when_and_who(seed_text())


@needs_ocr
@pytest.mark.django_db
def test_the_preview_says_ocr_was_used_and_how_sure_it_was(council, scanned_seed_page) -> None:
    plan = minutes_import_plan(council=council, data=scanned_seed_page, filename="skannat.pdf")
    assert plan.ocr_confidence is not None
    assert plan.ocr_confidence > 80
    assert plan.date.isoformat() == "2018-05-24"
    text_plan = minutes_import_plan(
        council=council, data=seed_text().encode(), filename="protokoll.txt"
    )
    assert text_plan.ocr_confidence is None


@pytest.mark.django_db
def test_without_ocr_a_scan_is_refused_with_a_clear_message(
    council, scanned_seed_page, monkeypatch
) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    with pytest.raises(ImportRejected) as rejected:
        extract_document(scanned_seed_page, "skannat.pdf")
    assert rejected.value.code == "ocr_unavailable"
    with pytest.raises(ServiceError, match="make ocr"):
        minutes_import_plan(council=council, data=scanned_seed_page, filename="skannat.pdf")


@needs_ocr
def test_ocr_stops_at_its_time_limit(scanned_seed_page: bytes) -> None:
    with pytest.raises(ImportRejected) as rejected:
        ocr_pdf(scanned_seed_page, time_limit=0.05)
    assert rejected.value.code == "ocr_timeout"
    assert "took too long" in rejected.value.message


@needs_ocr
def test_the_polices_scanned_promises_are_read_as_promises() -> None:
    from samverkan.plans.importers.plan_documents import parse_plan_file

    lines = [
        "Köping – medborgarlöften",
        "",
        "Löftena gäller 2019-01-01 – 2020-12-31.",
        "",
        "• Polisen lovar att vara synliga i centrum fredag och lördag kväll.",
        "• Kommunen lovar att ta bort klotter inom 48 timmar.",
        "",
        "Köping den 24 maj 2018",
    ]
    promises = parse_plan_file(scanned_pdf([lines]), "medborgarloften.pdf", "promises")
    assert [p.parties for p in promises.promises] == [["police"], ["municipality"]]
    assert (promises.valid_from, promises.valid_to) == ("2019-01-01", "2020-12-31")
