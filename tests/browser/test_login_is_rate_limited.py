"""Someone guesses passwords: after a few failures the login is locked, even for the right one."""

from __future__ import annotations

from django.conf import settings
from playwright.sync_api import expect

from conftest import PASSWORD
from samverkan.core import ratelimit
from tests.browser import ui
from tests.browser.visitor import Visitor


def try_password(visitor: Visitor, username: str, password: str) -> None:
    visitor.field("username").fill(username)
    visitor.field("password").fill(password)
    visitor.submit(ui.LOG_IN)


def test_login_is_rate_limited(visitor: Visitor, users):
    page = visitor.page
    summary = page.get_by_role("alert")
    username = users["secretary"].username
    visitor.visit("/login/")

    # Each wrong guess is refused plainly, without saying which of the two was wrong.
    for _attempt in range(settings.LOGIN_MAX_FAILURES):
        try_password(visitor, username, "fel-lösenord")
        expect(summary).to_contain_text(ui.WRONG_PASSWORD)
        expect(visitor.field("username")).to_have_value(username)
        expect(visitor.field("password")).to_have_value("")

    # One more, and the login is locked with a message that says how long to wait.
    try_password(visitor, username, "fel-lösenord")
    expect(summary).to_contain_text(ui.LOCKED_OUT)
    expect(summary).to_contain_text(ui.WAIT_ONE_MINUTE)

    # A thousand other logins and addresses are counted meanwhile (a full cache forgot the
    # lockout then: the file cache held 300 entries and evicted a third of them).
    for i in range(1000):
        ratelimit.record("login-user-addr", f"someone-{i}\n203.0.113.{i % 250}", window=600)

    # Even the right password is refused, and the visitor stays logged out.
    try_password(visitor, username, PASSWORD)
    expect(summary).to_contain_text(ui.LOCKED_OUT)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_have_count(0)
    visitor.visit("/councils/koping/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ui.LOG_IN)


def test_another_login_is_not_locked_out(visitor: Visitor, users):
    page = visitor.page
    visitor.visit("/login/")
    for _attempt in range(settings.LOGIN_MAX_FAILURES + 1):
        try_password(visitor, users["secretary"].username, "fel-lösenord")
    expect(page.get_by_role("alert")).to_contain_text(ui.LOCKED_OUT)

    # A colleague at the same office logs in as usual.
    visitor.log_in(users["member"].username)
    expect(page.get_by_role("button", name=ui.LOG_OUT)).to_be_visible()
