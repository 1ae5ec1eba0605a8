"""A visitor finds the accessibility statement and the privacy page, and reports a problem."""

from __future__ import annotations

from playwright.sync_api import expect

from samverkan.core.models import Feedback
from tests.browser import ui
from tests.browser.visitor import Visitor


def test_visitor_reads_accessibility_statement_and_sends_feedback(visitor: Visitor, council):
    page = visitor.page
    footer = page.get_by_role("contentinfo")
    visitor.visit("/")

    # The footer of every page links to the statement and to the privacy page.
    visitor.follow(ui.PERSONAL_DATA, scope=footer)
    expect(page.get_by_role("heading", level=1)).to_have_text(ui.PRIVACY_TITLE)
    expect(page.get_by_role("table")).to_be_visible()
    visitor.follow(ui.ACCESSIBILITY_STATEMENT, scope=footer)
    expect(page.get_by_role("heading", level=1)).to_have_text(ui.ACCESSIBILITY_STATEMENT)
    expect(page.get_by_role("main")).to_contain_text("2018:1937")

    # Sends feedback; the trap for robots stays out of the way.
    visitor.field("page_url").fill("/councils/koping/")
    visitor.field("message").fill("Tabellen med ledamöter är svår att läsa med skärmläsare.")
    visitor.field("email").fill("anna@example.se")
    # The trap for robots is neither seen, nor reached with Tab, nor read out.
    expect(page.get_by_role("textbox")).to_have_count(3)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=ui.SEND_FEEDBACK)).to_be_focused()
    visitor.submit(ui.SEND_FEEDBACK)
    expect(page.get_by_role("status")).to_contain_text(ui.THANK_YOU)
    expect(page.get_by_role("heading", level=1)).to_have_text(ui.ACCESSIBILITY_STATEMENT)
    expect(visitor.field("message")).to_have_value("")

    feedback = Feedback.objects.get()
    assert feedback.message == "Tabellen med ledamöter är svår att läsa med skärmläsare."
    assert feedback.page_url == "/councils/koping/"
    assert feedback.email == "anna@example.se"


def test_feedback_without_a_message_is_refused_with_an_error_summary(visitor: Visitor):
    page = visitor.page
    visitor.visit("/tillganglighet/")
    visitor.field("page_url").fill("/login/")
    visitor.submit(ui.SEND_FEEDBACK)

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(ui.ERROR_SUMMARY)
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_message")
    expect(summary.get_by_role("link")).to_contain_text(ui.REQUIRED)
    expect(visitor.field("page_url")).to_have_value("/login/")
    expect(visitor.field("message")).to_have_accessible_description(ui.REQUIRED)
    expect(page.get_by_role("status")).to_have_count(0)
    assert not Feedback.objects.exists()
