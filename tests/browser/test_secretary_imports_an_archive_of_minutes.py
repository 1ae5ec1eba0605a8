"""The secretary brings in years of minutes at once: a ZIP archive goes through the import page
and the report says, file by file, what was imported and why a file was refused; a scanned
PDF's preview says its text was read by text recognition and how sure it was."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from samverkan.core.importing.text import ocr_available
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import Meeting
from tests.browser.visitor import Visitor
from tests.import_corpus.scan import scanned_pdf

CORPUS = Path(__file__).resolve().parents[1] / "import_corpus" / "documents"


def test_secretary_imports_an_archive_of_minutes(visitor: Visitor, users, council, tmp_path):
    archive = tmp_path / "protokoll-2018-2021.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in ("template-1.txt", "items-2.txt", "memory-notes-3.txt", "notice-2.txt"):
            out.write(CORPUS / name, f"protokoll/{name}")
        out.writestr("protokoll/inkopslista.txt", "Mjölk, bröd och smör.")
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["secretary"].username)

    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Importera protokoll")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(archive))
    visitor.submit("Läs filen")

    expect(page.get_by_role("heading", level=1)).to_have_text("Arkivet importerat")
    table = main.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(6)
    expect(main).to_contain_text("4 importerade, 0 importerade redan tidigare, 1 avvisade")
    refused = table.get_by_role("row").filter(has_text="inkopslista.txt")
    expect(refused).to_contain_text("Avvisad")
    expect(refused).to_contain_text("ser inte ut som ett protokoll")
    assert Meeting.objects.count() == 4

    # Each imported file links to its meeting.
    visitor.follow(
        re.compile(r"\d{4}-\d\d-\d\d"),
        scope=table.get_by_role("row").filter(has_text="template-1.txt"),
    )
    expect(main).to_contain_text("Amina Warsame")

    # The same archive again imports nothing twice.
    visitor.visit("/councils/koping/meetings/import/")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(archive))
    visitor.submit("Läs filen")
    expect(main).to_contain_text("0 importerade, 4 importerade redan tidigare, 1 avvisade")
    assert Meeting.objects.count() == 4


@pytest.mark.skipif(not ocr_available(), reason="`make ocr` installs Tesseract")
def test_a_scanned_page_shows_how_sure_the_text_recognition_was(
    visitor: Visitor, users, council, tmp_path
):
    scan = tmp_path / "skannat-protokoll.pdf"
    scan.write_bytes(scanned_pdf([seed_text().split("\n")[4:48]]))
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["secretary"].username)

    visitor.visit("/councils/koping/meetings/import/")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(scan))
    visitor.submit("Läs filen")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera importen")
    expect(page.get_by_role("status")).to_contain_text("lästes med textigenkänning (OCR)")
    expect(main).to_contain_text("2018-05-24")
    assert not Meeting.objects.exists()


def test_the_preview_marks_what_the_parser_guessed(visitor: Visitor, users, council, tmp_path):
    # A PDF read by columns: the front page's labels first, then their values.
    document = tmp_path / "protokoll-kolumner.txt"
    document.write_bytes((CORPUS / "pdf-text-3.txt").read_bytes())
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["secretary"].username)

    visitor.visit("/councils/koping/meetings/import/")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(document))
    visitor.submit("Läs filen")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kontrollera importen")
    facts = main.locator("dl.facts")
    expect(facts).to_contain_text("Stadshuset, sammanträdesrum Norrmalm")
    expect(facts.locator("dd").filter(has_text="Stadshuset")).to_contain_text(
        "gissat utifrån layouten: kontrollera"
    )
    expect(facts.locator("dd").filter(has_text="2020-10-05")).not_to_contain_text("gissat")
    assert not Meeting.objects.exists()
