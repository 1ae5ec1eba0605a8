"""A visitor: one browser tab, watched for errors and checked for accessibility on every page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Request,
    Response,
    Route,
    expect,
)

from conftest import PASSWORD
from tests.browser.ui import LOG_IN

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_AXE = Axe()
# Chromium reports a page that answers 4xx (a form with errors answers 400); that is not a fault.
STATUS_REPORT = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node.get('html', '')[:200]}")
            summary = node.get("failureSummary")
            if summary:
                lines.extend(f"      {line}" for line in summary.splitlines())
    return "\n".join(lines)


def check_accessibility(page: Page) -> None:
    """Fail with a readable list when axe finds any WCAG 2.1 A/AA violation on the page."""
    results = _AXE.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    assert not violations, format_violations(page.url, violations)


class Visitor:
    """One person's browser tab, watched for errors and checked on every page it lands on.

    Every main-frame navigation is recorded; `check()` runs axe on the current page. A test
    fails if it navigates away from a page that was never checked, so no page escapes.
    """

    def __init__(
        self,
        page: Page,
        base_url: str,
        axe_page: Callable[[], Page] | None = None,
    ) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.origin = urlsplit(self.base_url).netloc
        # Other sites this visitor may open: an identity provider the test started.
        self.other_origins: set[str] = set()
        self.problems: list[str] = []
        self.unchecked: list[str] = []
        self.pending: str | None = None
        # With JavaScript off axe cannot run in the page itself; it runs in a twin page then.
        self._axe_page = axe_page
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("request", self._on_request)
        page.on("response", self._on_response)
        # A new document (not a jump to an anchor in the same one) fires domcontentloaded.
        page.on("domcontentloaded", self._on_new_document)
        page.context.route("**/*", self._route)

    # Listeners ---------------------------------------------------------------------------

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"CSP violation on {self.page.url}: {text}")
        elif message.type == "error" and not self._is_expected_status_report(message):
            self.problems.append(f"console error on {self.page.url}: {text}")

    def _is_expected_status_report(self, message: ConsoleMessage) -> bool:
        # Only the status of the page itself; a missing style sheet or script is a fault.
        location = message.location.get("url", "") if message.location else ""
        return bool(STATUS_REPORT.match(message.text)) and location in {"", self.page.url}

    def _on_page_error(self, error: Error) -> None:
        self.problems.append(f"JavaScript error on {self.page.url}: {error}")

    def _on_request(self, request: Request) -> None:
        if not self._is_local(request.url):
            self.problems.append(f"request to another host: {request.method} {request.url}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 500:
            self.problems.append(f"server error {response.status} for {response.url}")

    def _on_new_document(self, page: Page) -> None:
        if self.pending is not None:
            self.unchecked.append(self.pending)
        self.pending = page.url

    def _route(self, route: Route) -> None:
        if self._is_local(route.request.url):
            route.continue_()
        else:
            route.abort()

    def _is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return True
        return parts.netloc == self.origin or parts.netloc in self.other_origins

    def allow(self, origin: str) -> None:
        """Let the visitor open another site of this machine (the tests' identity provider)."""
        self.other_origins.add(urlsplit(origin).netloc)

    # Actions -----------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base_url + path

    def visit(self, path: str) -> Response | None:
        """Open a page of the live server by its path and check it."""
        response = self.page.goto(self.url(path))
        self.check()
        return response

    def check(self) -> None:
        """Check the page the visitor is on now: no errors so far, and no axe violations."""
        self.page.wait_for_load_state("load")
        self.assert_no_problems()
        if self._axe_page is None:
            check_accessibility(self.page)
            self._forget_axe_style_reports()
        else:
            self._check_in_twin(self._axe_page())
        self.pending = None

    def _forget_axe_style_reports(self) -> None:
        """Forget the CSP's reports of axe's own style elements, made while it ran.

        axe rebuilds a style sheet's @import (Django admin's forms.css imports widgets.css) in a
        <style> element of its own, which the CSP refuses. The page's own reports came before
        axe ran and were asserted above; a listener of `securitypolicyviolation` installed
        before the page's scripts (test_operator_opens_the_consoles_pages.py) sees none.
        """
        self.problems = [
            problem
            for problem in self.problems
            if not (problem.startswith("CSP violation") and "Applying inline style" in problem)
        ]

    def _check_in_twin(self, twin: Page) -> None:
        # Serve the exact HTML this page got at its own address, so styles load as they did.
        html = self.page.content()
        url = self.page.url

        def fulfil(route: Route) -> None:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

        def this_page(address: str) -> bool:
            return address == url

        twin.route(this_page, fulfil)
        try:
            twin.goto(url)
            check_accessibility(twin)
        finally:
            twin.unroute(this_page, fulfil)

    def submit(self, name: str | re.Pattern[str]) -> None:
        """Press the form's button with this accessible name, wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=name).click()
        self.check()

    def follow(self, name: str | re.Pattern[str], scope: Locator | None = None) -> None:
        """Follow the link with this accessible name and check the page it leads to."""
        where = scope if scope is not None else self.page
        with self.page.expect_navigation():
            where.get_by_role("link", name=name).click()
        self.check()

    def field(self, name: str, prefix: str = "") -> Locator:
        """The form field with this name, proved to have an accessible name (its label)."""
        element_id = f"id_{prefix}-{name}" if prefix else f"id_{name}"
        locator = self.page.locator(f"#{element_id}")
        expect(locator).to_have_accessible_name(re.compile(r"\w"))
        return locator

    def log_in(self, username: str, password: str = PASSWORD) -> None:
        """Log in through the login form, as a person would."""
        self.visit("/login/")
        self.field("username").fill(username)
        self.field("password").fill(password)
        self.submit(LOG_IN)

    def assert_no_problems(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "The browser reported problems:\n" + "\n".join(problems)

    def finish(self) -> None:
        if self.pending is not None and not self.page.is_closed():
            self.check()
        self.assert_no_problems()
        assert not self.unchecked, (
            "These pages were visited but never checked for accessibility (use visit, submit, "
            "follow or check): " + ", ".join(self.unchecked)
        )
