"""A citizen reports an unsafe place on the public form, without a login, and gets a receipt by
e-mail; the report waits in the moderation queue, of which the coordinator hears by e-mail,
until the coordinator publishes it, of which the citizen hears."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from samverkan.incidents.models import Category, Incident, IncidentStatus
from samverkan.incidents.services.categories import categories_ensure_defaults
from tests.browser.ui import exactly

SEND_REPORT = exactly("Send report", "Skicka rapporten")
PUBLISH = exactly("Publish", "Publicera")
FILTER = exactly("Filter", "Filtrera")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_citizen_report_is_moderated(open_visitor, users, council):
    # given a council that publishes, with the default categories
    council.publishes = True
    council.save()
    categories_ensure_defaults(council=council)
    unsafe = Category.objects.get(council=council, code="unsafe_place")
    users["coordinator"].email = "samordnare@koping.se"
    users["coordinator"].save()

    # A citizen on a phone, not logged in, with JavaScript off: the form still works.
    citizen = open_visitor(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = citizen.page
    citizen.visit(f"/r/{council.slug}/rapportera/")
    # The honeypot is out of sight, left of the screen.
    trap = page.locator("#id_website").bounding_box()
    assert trap is not None
    assert trap["x"] + trap["width"] < 0
    # A first try without a description is refused, and what was typed is kept.
    citizen.field("category").select_option(str(unsafe.pk))
    citizen.field("address").fill("Gångtunneln vid Resecentrum")
    citizen.submit(SEND_REPORT)
    expect(page.get_by_role("alert")).to_be_visible()
    expect(citizen.field("address")).to_have_value("Gångtunneln vid Resecentrum")
    assert not Incident.objects.exists()

    citizen.field("address").fill("Gångtunneln vid Resecentrum")
    citizen.field("description").fill("Belysningen i tunneln är trasig och det är mörkt.")
    citizen.field("email").fill("medborgare@example.se")
    citizen.submit(SEND_REPORT)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Thank you|Tack", re.I))
    incident = Incident.objects.get()
    assert incident.status == IncidentStatus.PENDING
    assert incident.reported_by is None

    # Nothing the citizen wrote is public: the thanks page does not echo it.
    expect(page.get_by_role("main")).not_to_contain_text("Belysningen")
    # The citizen has a receipt with the report's number; the coordinator a word with a link.
    inbox = {message.to[0]: message for message in mail.outbox}
    assert set(inbox) == {"medborgare@example.se", "samordnare@koping.se"}
    assert f"nr {incident.pk}" in inbox["medborgare@example.se"].subject
    assert f"/incidents/{incident.pk}/" in inbox["samordnare@koping.se"].body
    mail.outbox.clear()

    # The coordinator finds it in the moderation queue and publishes it.
    coordinator = open_visitor()
    cpage = coordinator.page
    coordinator.log_in(users["coordinator"].username)
    coordinator.visit(f"/councils/{council.slug}/incidents/")
    coordinator.field("status").select_option("pending")
    coordinator.submit(FILTER)
    main = cpage.get_by_role("main")
    coordinator.follow(re.compile(rf"^(Report|Rapport) {incident.pk}$"), scope=main)
    expect(main).to_contain_text("Belysningen i tunneln")
    expect(main).to_contain_text("medborgare@example.se")
    coordinator.submit(PUBLISH)
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.PUBLISHED
    # The citizen hears that the report was read and is now public.
    assert [message.to for message in mail.outbox] == [["medborgare@example.se"]]
    assert "visas nu" in mail.outbox[0].body
    expect(cpage.get_by_role("status")).to_be_visible()
    # The history shows who published it.
    expect(cpage.get_by_role("region", name=re.compile("History|Historik"))).to_contain_text(
        users["coordinator"].username
    )
