"""A member signed in on a computer and a phone sees both on Mitt konto, by browser and when,
with no address, and ends the phone's session from the computer; the operator then
deactivates the login in the console, which ends the computer's too."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor

PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)


def test_a_member_ends_a_session_and_the_operator_deactivates_the_login(open_visitor, users):
    # given the member signed in on a computer and on a phone
    computer: Visitor = open_visitor()
    computer.log_in("member")
    phone: Visitor = open_visitor(user_agent=PHONE)
    phone.log_in("member")

    # The member finds their sessions on Mitt konto and ends the phone's.
    computer.visit("/account/")
    computer.follow(re.compile("^(Your sessions|Dina sessioner)"))
    rows = computer.page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(computer.page.locator("table")).to_contain_text(re.compile("Safari (on|på) iPhone"))
    expect(computer.page.locator("table")).not_to_contain_text("127.0.0.1")
    computer.submit(re.compile(r"^(End|Avsluta) Safari"))
    expect(computer.page.get_by_role("status")).to_contain_text(
        re.compile("(The session was ended|Sessionen avslutades)")
    )
    expect(computer.page.locator("tbody tr")).to_have_count(1)

    # The phone is signed out.
    phone.visit("/account/")
    expect(phone.page.get_by_role("button", name=ui.LOG_IN)).to_be_visible()

    # The operator deactivates the login in the console; the computer is signed out too.
    operator: Visitor = open_visitor()
    operator.log_in("admin")
    operator.visit("/admin/auth/user/?q=member")
    operator.page.get_by_role("checkbox").last.check()
    operator.page.get_by_label(re.compile("^(Action|Åtgärd)")).select_option("deactivate")
    operator.submit(re.compile("^(Go|Utför)$"))
    expect(operator.page.locator(".messagelist")).to_contain_text(
        re.compile("(Deactivated|Inaktiverade): 1")
    )
    computer.visit("/account/")
    expect(computer.page.get_by_role("button", name=ui.LOG_IN)).to_be_visible()

    # The console's other pages pass the same checks (each visit runs axe).
    for path in (
        "/admin/",
        "/admin/core/auditevent/",
        "/admin/core/feedback/",
        "/admin/accounts/signin/",
        "/admin/incidents/open311key/add/",
    ):
        operator.visit(path)
        expect(operator.page.get_by_role("heading", level=1)).to_be_visible()
