"""A developer at the municipality reads the API's reference page, finds the meetings of
version 1 and the OpenAPI document, and the page passes axe as every page does."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser import ui
from tests.browser.visitor import Visitor

REFERENCE = ui.exactly("API reference", "API-referens")


def test_developer_reads_the_api_reference(visitor: Visitor, council):
    page = visitor.page
    visitor.visit("/api/docs")
    expect(page.get_by_role("heading", level=1)).to_have_text(REFERENCE)
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    # The list of operations leads to each one's parameters.
    operations = page.get_by_role("navigation", name=ui.exactly("API operations", "Anrop i API:et"))
    operations.get_by_role("link", name="GET /api/v1/councils/{slug}/meetings/{pk}").click()
    section = page.get_by_role("region", name="GET /api/v1/councils/{slug}/meetings/{pk}")
    expect(section.get_by_role("table")).to_contain_text("slug")
    expect(section).to_contain_text("MeetingDetailOut")

    # The OpenAPI document for tools, and OParl without a token.
    expect(
        page.get_by_role("link", name=ui.exactly("The OpenAPI document", "OpenAPI-dokumentet"))
    ).to_have_attribute("href", "/api/openapi.json")
    # (a JSON answer is no page for axe: its address is checked, its content in opendata/tests)
    expect(page.get_by_role("link", name="OParl 1.1")).to_have_attribute("href", "/oparl/1.1/")
