"""The period report is made by the worker, not in the page: in Chromium, the coordinator asks
for its PDF, sees the document's page wait with a progress bar until `samverkan worker` takes
it, and downloads the file the page then offers, a PDF."""

from __future__ import annotations

from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.documents import fetch_document
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

REPORT_PDF = exactly("Download as PDF", "Ladda ner som PDF")
WAITING = containing("Waiting for the worker", "Väntar på att bakgrundsprocessen")


def test_coordinator_downloads_the_period_report(open_visitor, users, council, settings):
    # given the real queue in the database, and no worker running until the story says so
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    visitor: Visitor = open_visitor()
    main = visitor.page.get_by_role("main")
    visitor.log_in(users["coordinator"].username)
    visitor.visit(f"/councils/{council.slug}/lagesbild/report/")

    def ask() -> None:
        # The link leads to the document's page, which waits for the worker with a bar.
        main.get_by_role("link", name=REPORT_PDF).click()
        expect(main).to_contain_text(WAITING)
        expect(main.get_by_role("progressbar")).to_be_visible()
        visitor.check()
        # The worker makes it; the page notices by itself (htmx) and offers the file.
        call_command("worker", "--once", verbosity=0)

    content = fetch_document(visitor, ask)
    assert content.startswith(b"%PDF")
