"""A tour of every page, including forms with errors and refusals, at desktop width.

The stories cover what people do; this tour makes sure no page is left out of the automatic
accessibility check (each visit runs axe, and watches for script errors and CSP violations).
"""

from __future__ import annotations

import re

from django.conf import settings
from playwright.sync_api import expect

from samverkan.organisations import services
from samverkan.organisations.models import Body, Membership, Organisation, Person
from tests.browser import ui
from tests.browser.visitor import Visitor


def test_every_page_passes_the_checks(visitor: Visitor, users, council):
    page = visitor.page
    kommun = Organisation.objects.get(council=council, name="Köpings kommun")
    for number in range(settings.PAGE_SIZE + 1):
        services.organisation_create(
            actor=None, council=council, name=f"Skola {number:02d}", parent=kommun
        )
    body = Body.objects.get(council=council)
    person = Person.objects.get(name="Roger Eklund")
    membership = Membership.objects.get(person=person)
    c = "/councils/koping"

    visitor.log_in(users["site_admin"].username)
    for path in [
        "/",
        f"{c}/",
        f"{c}/organisations/",
        f"{c}/organisations/?page=2",
        f"{c}/organisations/?ended=1",
        f"{c}/organisations/{kommun.pk}/",
        f"{c}/organisations/{kommun.pk}/edit/",
        f"{c}/bodies/",
        f"{c}/bodies/{body.pk}/",
        f"{c}/bodies/{body.pk}/edit/",
        f"{c}/people/",
        f"{c}/people/?q=Roger",
        f"{c}/people/?q=Ingen+alls",
        f"{c}/people/{person.pk}/",
        f"{c}/people/{person.pk}/edit/",
        f"{c}/memberships/{membership.pk}/edit/",
        f"{c}/access/",
        "/account/api-tokens/",
        "/tillganglighet/",
        "/integritet/",
    ]:
        visitor.visit(path)
        if "?page=" in path:
            pages = page.get_by_role("navigation", name=ui.PAGES)
            expect(pages.get_by_role("link")).to_have_count(1)

    # Each form, sent empty or wrong, shows its error summary.
    for path in [
        "/councils/new/",
        f"{c}/organisations/new/",
        f"{c}/organisations/{kommun.pk}/end/",
        f"{c}/bodies/new/",
        f"{c}/bodies/{body.pk}/end/",
        f"{c}/people/new/",
        f"{c}/bodies/{body.pk}/members/new/",
    ]:
        visitor.visit(path)
        visitor.submit(ui.SAVE)
        expect(page.get_by_role("alert")).to_contain_text(ui.ERROR_SUMMARY)

    visitor.visit(f"{c}/people/new/")
    visitor.field("name").fill("Eva Berg")
    visitor.field("email").fill("inte en adress")
    visitor.submit(ui.SAVE)
    expect(visitor.field("email")).to_have_attribute("aria-invalid", "true")

    visitor.visit(f"{c}/access/")
    visitor.field("username", prefix="grant").fill("finns-inte")
    visitor.submit(ui.GRANT_ROLE)
    expect(page.get_by_role("alert")).to_be_visible()
    visitor.field("username", prefix="new").fill("ny-inloggning")
    visitor.field("email", prefix="new").fill("inte en adress")
    visitor.submit(ui.SEND_INVITATION)
    expect(page.get_by_role("alert")).to_be_visible()

    # A new API token is shown once.
    visitor.visit("/account/api-tokens/")
    page.get_by_label(re.compile("program", re.IGNORECASE)).fill("Kalender")
    visitor.submit(ui.CREATE_TOKEN)
    expect(page.locator("code.token")).to_be_visible()

    # Pages that refuse or do not exist.
    visitor.visit(f"{c}/organisations/999999/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_refusals_are_accessible(visitor: Visitor, users, council):
    page = visitor.page
    visitor.log_in(users["viewer"].username)
    response = visitor.visit("/councils/koping/organisations/new/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    response = visitor.visit("/councils/arboga/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
