"""The operator opens each kind of the console's pages (lists, a record's page, filters, an
action's confirmation) under the site's Content-Security-Policy: the browser reports no
violation and no script error, and every page passes axe (see visitor.py).

A listener of `securitypolicyviolation`, installed before any script of the page, collects
every violation the page itself causes (Django admin's pages load their scripts and styles from
files: none needs an inline script or style).
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from samverkan.accounts.models import SignIn
from samverkan.core.models import AuditEvent
from tests.browser.visitor import Visitor

LISTEN = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push(`${event.effectiveDirective} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def test_the_consoles_pages_work_under_the_content_security_policy(open_visitor, users):
    # given a sign-in and an audit event to open
    SignIn.objects.create(user=users["member"], method="password", outcome="succeeded")
    operator: Visitor = open_visitor()
    operator.log_in("admin")
    operator.page.add_init_script(LISTEN)
    event = AuditEvent.objects.order_by("-pk").first()
    member = users["member"]
    page = operator.page

    def visit(path: str) -> None:
        """Open the page, and read the page's own violations before axe runs on it."""
        page.goto(operator.url(path))
        page.wait_for_load_state("load")
        assert page.evaluate("window.violations") == [], path
        operator.check()

    # The index, the logins and a login's page with its last sign-ins.
    visit("/admin/")
    visit("/admin/auth/user/")
    visit(f"/admin/auth/user/{member.pk}/change/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("body")).to_contain_text(re.compile("(succeeded|lyckades)"))
    # The sign-ins, the audit trail with a filter, and one event's page.
    visit("/admin/accounts/signin/")
    visit("/admin/organisations/auditevent/?action__exact=create")
    if event is not None:
        visit(f"/admin/organisations/auditevent/{event.pk}/change/")
    visit("/admin/core/feedback/")
    visit("/admin/incidents/open311key/")
    # An action's confirmation page (deactivating a login), left without confirming.
    visit("/admin/auth/user/")
    page.locator(f'input[name="_selected_action"][value="{member.pk}"]').check()
    page.locator('select[name="action"]').select_option("deactivate")
    operator.submit(re.compile("^(Go|Utför)$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("window.violations") == []
    operator.assert_no_problems()
