"""A document the worker makes (the period report, a follow-up), as a user fetches it: its link
or button leads to the document's page, which offers the file once made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Download, expect

from tests.browser.ui import containing
from tests.browser.visitor import Visitor

READY = containing("The document is ready.", "Dokumentet är klart.")
FILE = containing("Download ", "Ladda ner ")


def fetch_document(visitor: Visitor, ask: Callable[[], None]) -> bytes:
    """Ask for the document (`ask` clicks its link or button), wait on its page until it is
    made (the queue runs it, or the story's worker has), and download the file offered."""
    return Path(fetch_download(visitor, ask).path()).read_bytes()


def fetch_download(visitor: Visitor, ask: Callable[[], None]) -> Download:
    """As `fetch_document`, the download itself (its suggested file name)."""
    ask()
    main = visitor.page.get_by_role("main")
    expect(main).to_contain_text(READY, timeout=15_000)
    visitor.check()
    with visitor.page.expect_download() as download:
        main.get_by_role("link", name=FILE).click()
    return download.value
