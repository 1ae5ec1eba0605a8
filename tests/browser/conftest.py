"""The browser suite: user stories in a real headless Chromium against a live server.

Every page a test lands on is checked with axe-core (WCAG 2.1 A and AA), and a test fails when
the browser reports a JavaScript error or a Content-Security-Policy violation, or when a page
asks for anything from a host other than the live server. See visitor.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests.browser.visitor import Visitor, check_accessibility

__all__ = ["check_accessibility"]

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A Swedish municipality's users: a Swedish browser, Swedish time.
CONTEXT_OPTIONS: dict[str, Any] = {"locale": "sv-SE", "timezone_id": "Europe/Stockholm"}
# Playwright waits 30 s by default; a page of this app answers in milliseconds.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder `browser`, so `-m "not browser"` leaves them out."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the item, so teardown knows whether the test passed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    pw = sync_playwright().start()
    yield pw
    pw.stop()


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


def _new_context(browser: Browser, **options: Any) -> BrowserContext:
    context = browser.new_context(**{**CONTEXT_OPTIONS, **options})
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def open_visitor(
    request: pytest.FixtureRequest, browser: Browser, live_server: Any
) -> Iterator[Callable[..., Visitor]]:
    """Open a visitor in a fresh browser context; keyword arguments go to new_context.

    When the test has passed, each visitor's last page is checked too, and the test errors if
    any page it saw escaped the accessibility check or the browser reported a problem late.
    """
    contexts: list[BrowserContext] = []
    visitors: list[Visitor] = []

    def open_(**options: Any) -> Visitor:
        context = _new_context(browser, **options)
        contexts.append(context)
        twin: Callable[[], Page] | None = None
        if options.get("java_script_enabled") is False:
            # axe is JavaScript: it checks such pages in a twin tab that has JavaScript on.
            twins: list[Page] = []

            def twin_page() -> Page:
                if not twins:
                    twin_context = _new_context(browser, **{**options, "java_script_enabled": True})
                    contexts.append(twin_context)
                    twins.append(twin_context.new_page())
                return twins[0]

            twin = twin_page
        visitor = Visitor(context.new_page(), live_server.url, axe_page=twin)
        visitors.append(visitor)
        return visitor

    yield open_
    try:
        call_report = getattr(request.node, "report_call", None)
        if call_report is not None and call_report.passed:
            for visitor in visitors:
                visitor.finish()
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def visitor(open_visitor: Callable[..., Visitor]) -> Visitor:
    """A fresh browser context and tab, as a Swedish user opens it."""
    return open_visitor()
