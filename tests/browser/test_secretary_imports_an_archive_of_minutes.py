"""The secretary brings in years of minutes at once: a ZIP archive of minutes, notices and
promises goes through the import page to the worker; its page shows a progress bar, then the
report says, file by file, what was imported, what waits for a look (whose preview marks the
guessed fields, corrected before saving) and why a file was refused; a scanned
PDF's preview says its text was read by text recognition and how sure it was."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from samverkan.core.importing.text import ocr_available
from samverkan.demo.loader import seed_text
from samverkan.meetings.models import Meeting
from samverkan.plans.models import PromiseSet
from tests.browser.visitor import Visitor
from tests.import_corpus.scan import scanned_pdf

CORPUS = Path(__file__).resolve().parents[1] / "import_corpus" / "documents"


def _worker_runs(visitor: Visitor) -> None:
    """The worker takes the queued archive; the waiting page notices by itself and reloads."""
    call_command("worker", "--once", verbosity=0)
    expect(visitor.page.get_by_role("main")).to_contain_text(
        "Varje fil importerades helt eller inte alls", timeout=30_000
    )
    visitor.check()


def test_secretary_imports_an_archive_of_minutes(open_visitor, users, council, settings, tmp_path):
    # given the real queue in the database, and no worker running until the story says so
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    archive = tmp_path / "protokoll-2018-2021.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in ("template-1.txt", "items-2.txt", "memory-notes-3.txt", "notice-2.txt"):
            out.write(CORPUS / name, f"protokoll/{name}")
        out.write(CORPUS / "hand-promises-1.txt", "loften/medborgarloften-2021.txt")
        out.write(CORPUS / "pdf-text-3.txt", "protokoll/kolumner.txt")
        out.writestr("protokoll/inkopslista.txt", "Mjölk, bröd och smör.")
    visitor: Visitor = open_visitor()
    page = visitor.page
    main = page.get_by_role("main")
    visitor.log_in(users["secretary"].username)

    visitor.visit("/councils/koping/meetings/")
    visitor.follow("Importera protokoll")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(archive))
    visitor.submit("Läs filen")

    # The archive waits for the worker with a progress bar, and can be left and found again.
    expect(page.get_by_role("heading", level=1)).to_have_text("Arkivimport protokoll-2018-2021.zip")
    expect(main.get_by_role("progressbar")).to_be_visible()
    expect(main.get_by_role("button", name="Avbryt importen")).to_be_visible()
    visitor.visit("/councils/koping/meetings/archive-imports/")
    visitor.follow("protokoll-2018-2021.zip")
    _worker_runs(visitor)

    # The report, file by file.
    table = main.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(8)
    expect(main).to_contain_text(
        "5 importerade, 0 redan importerade tidigare, 1 att granska, 1 avvisade"
    )
    refused = table.get_by_role("row").filter(has_text="inkopslista.txt")
    expect(refused).to_contain_text("Avvisad")
    expect(refused).to_contain_text("Varken protokoll, kallelse eller plandokument")
    promises = table.get_by_role("row").filter(has_text="medborgarloften-2021.txt")
    expect(promises).to_contain_text("Importerad")
    assert Meeting.objects.count() == 4
    assert PromiseSet.objects.filter(council=council).count() == 1

    # Each imported file links to what it became.
    visitor.follow(
        re.compile(r"\d{4}-\d\d-\d\d"),
        scope=table.get_by_role("row").filter(has_text="template-1.txt"),
    )
    expect(main).to_contain_text("Amina Warsame")

    # The file whose time and place were guessed waits for a look: its preview marks them, and
    # the secretary corrects the place before it is saved.
    page.go_back()
    visitor.check()
    look = main.get_by_role("table").get_by_role("row").filter(has_text="kolumner.txt")
    expect(look).to_contain_text("Behöver granskas")
    visitor.follow(re.compile("Förhandsgranska"), scope=look)
    # The worker reads the file for its preview; the page moves on to it by itself.
    expect(main.get_by_role("progressbar")).to_be_visible()
    call_command("worker", "--once", verbosity=0)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kontrollera importen", timeout=30_000
    )
    visitor.check()
    place = page.get_by_label("Plats")
    expect(place).to_have_value("Stadshuset, sammanträdesrum Norrmalm")
    expect(main.locator(".field.guessed").filter(has=place)).to_contain_text(
        "Gissat utifrån layouten: kontrollera."
    )
    place.fill("Stadshuset, sal Norrmalm")
    visitor.submit("Importera")
    expect(page.get_by_role("status")).to_contain_text("Protokollet importerades.")
    assert Meeting.objects.filter(place="Stadshuset, sal Norrmalm").count() == 1

    # The same archive again imports nothing twice.
    visitor.visit("/councils/koping/meetings/import/")
    page.get_by_label("Protokoll eller kallelse").set_input_files(str(archive))
    visitor.submit("Läs filen")
    _worker_runs(visitor)
    expect(main).to_contain_text("0 importerade, 6 redan importerade tidigare")
    assert Meeting.objects.count() == 5


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
