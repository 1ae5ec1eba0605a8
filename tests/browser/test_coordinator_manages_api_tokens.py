"""A coordinator makes a token for the housing company's system on the token page: it may read
and report activities' status, nothing else. The key is shown once; the token works with its
scope and is refused without one; then the coordinator revokes it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from samverkan.accounts.models import ApiToken
from tests.browser.ui import containing, exactly
from tests.browser.visitor import Visitor

CREATE = exactly("Create token", "Skapa nyckel")


def test_a_coordinator_creates_a_scoped_token_sees_it_once_and_revokes_it(
    open_visitor: Any, users: Any, council: Any
) -> None:
    coordinator: Visitor = open_visitor()
    coordinator.log_in("coordinator")
    coordinator.visit("/account/")
    coordinator.follow(exactly("API tokens", "API-nycklar"))

    # A token without any scope is refused, and the name typed is kept.
    page = coordinator.page
    coordinator.field("name").fill("Fastighetssystemet")
    page.get_by_role(
        "checkbox",
        name=exactly("read everything the login may read", "läsa allt som inloggningen får läsa"),
    ).uncheck()
    coordinator.submit(CREATE)
    expect(page.get_by_role("alert")).to_contain_text(
        containing("Choose at least one thing", "Välj minst en sak")
    )
    expect(coordinator.field("name")).to_have_value("Fastighetssystemet")

    # Read and report status.
    page.get_by_role(
        "checkbox",
        name=exactly("read everything the login may read", "läsa allt som inloggningen får läsa"),
    ).check()
    page.get_by_role(
        "checkbox",
        name=exactly("report the status of activities", "rapportera status för aktiviteter"),
    ).check()
    coordinator.submit(CREATE)
    shown = page.get_by_role("status")
    expect(shown).to_contain_text(containing("Copy it now", "Kopiera den nu"))
    key = shown.locator("code").inner_text()
    token = ApiToken.objects.get(user=users["coordinator"], revoked_at__isnull=True)
    assert token.scope_list == ["read", "write:status"]
    listed = page.get_by_role("listitem").filter(has_text="Fastighetssystemet")
    expect(listed).to_contain_text(containing("report the status", "rapportera status"))

    # The key works within its scope and is refused outside it.
    headers = {"Authorization": f"Bearer {key}"}
    read = page.request.get(coordinator.url("/api/v1/councils/koping/plans"), headers=headers)
    assert read.status == 200
    change = page.request.post(
        coordinator.url("/api/councils/koping/organisations"),
        headers=headers,
        data={"name": "Ny förening"},
    )
    assert change.status == 403
    assert "write:registry" in change.json()["detail"]

    # The key is not shown again.
    coordinator.visit("/account/api-tokens/")
    expect(page.get_by_text(key)).to_have_count(0)

    # Revoked, the token is gone from the list and refused.
    listed = page.get_by_role("listitem").filter(has_text="Fastighetssystemet")
    coordinator.submit(re.compile("(Revoke|Återkalla) Fastighetssystemet"))
    expect(page.get_by_role("status")).to_contain_text(containing("revoked", "återkall"))
    expect(page.get_by_role("listitem").filter(has_text="Fastighetssystemet")).to_have_count(0)
    again = page.request.get(coordinator.url("/api/v1/councils/koping/plans"), headers=headers)
    assert again.status == 401
