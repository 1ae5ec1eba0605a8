"""The coordinator's import runs in the worker, not in the page: in Chromium, an uploaded
incident table waits with a progress bar until `samverkan worker` takes it, the page moves on
by itself when it is done and shows the import's report; a second import, cancelled while it
waits, leaves nothing imported, and both are found again in the list of the council's imports.
"""

from __future__ import annotations

import re

from django.core.management import call_command
from playwright.sync_api import expect

from samverkan.incidents.models import Incident
from samverkan.incidents.services.categories import categories_ensure_defaults
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

IMPORT = exactly("Import all rows", "Importera alla rader")
CANCEL = exactly("Cancel the import", "Avbryt importen")
WAITING = containing("Waiting for the worker", "Väntar på att bakgrundsprocessen")
COLUMNS = exactly("Choose the columns of the incidents", "Välj kolumnerna för händelserna")
IMPORTED = containing("2 incidents were imported", "2 händelser importerades")
CANCELLED = containing("Nothing was imported", "Ingenting importerades")

TABLE = (
    "Ärendenummer;Datum;Kategori;Adress\n"
    "A1;2018-03-01;Glaskross;Torggatan 3\n"
    "A2;2018-03-02 21:30;Klotter;Torggatan 5\n"
)


def _upload(visitor: Visitor, council_slug: str) -> None:
    visitor.visit(f"/councils/{council_slug}/incidents/import/")
    visitor.field("file").set_input_files(
        {"name": "export.csv", "mimeType": "text/csv", "buffer": TABLE.encode()}
    )
    with visitor.page.expect_navigation():
        visitor.page.locator("main form button[type=submit]").click()
    visitor.check()


def _worker_runs(visitor: Visitor, then: re.Pattern[str]) -> None:
    """The worker takes what is queued; the waiting page notices by itself (htmx) and reloads."""
    call_command("worker", "--once", verbosity=0)
    expect(visitor.page.get_by_role("main")).to_contain_text(then, timeout=15_000)
    visitor.check()


def test_coordinator_follows_a_long_import(open_visitor, users, council, settings):
    # given the real queue in the database, and no worker running until the story says so
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    categories_ensure_defaults(actor=None, council=council)
    visitor: Visitor = open_visitor()
    main = visitor.page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)

    # The upload waits for the worker with a progress bar and a way to cancel.
    _upload(visitor, council.slug)
    expect(main).to_contain_text(WAITING)
    expect(main.get_by_role("progressbar")).to_be_visible()
    expect(main.get_by_role("button", name=CANCEL)).to_be_visible()
    # When the worker has read the file, the page moves on to the columns by itself.
    call_command("worker", "--once", verbosity=0)
    expect(main.get_by_role("heading", name=COLUMNS)).to_be_visible(timeout=15_000)
    visitor.check()
    expect(main).to_contain_text("Torggatan 3")

    # The import waits too; the worker imports it and the page shows the report.
    visitor.submit(IMPORT)
    expect(main.get_by_role("progressbar")).to_be_visible()
    assert not Incident.objects.filter(council=council).exists()
    _worker_runs(visitor, IMPORTED)
    expect(main).to_contain_text(containing("Ready to import: 2", "Klara att importera: 2"))
    assert Incident.objects.filter(council=council).count() == 2

    # A second file, cancelled while it waits: nothing of it is imported.
    Incident.objects.filter(council=council).delete()
    _upload(visitor, council.slug)
    call_command("worker", "--once", verbosity=0)
    expect(main.get_by_role("heading", name=COLUMNS)).to_be_visible(timeout=15_000)
    visitor.check()
    visitor.submit(IMPORT)
    visitor.submit(CANCEL)
    expect(main).to_contain_text(CANCELLED)
    call_command("worker", "--once", verbosity=0)
    assert not Incident.objects.filter(council=council).exists()

    # Both are found again in the council's list of imports.
    visitor.visit(f"/councils/{council.slug}/incidents/imports/")
    # each file was read, then imported or cancelled
    expect(main.get_by_role("row", name=re.compile("export.csv"))).to_have_count(4)
