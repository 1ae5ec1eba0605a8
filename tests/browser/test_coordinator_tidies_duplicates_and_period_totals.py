"""The coordinator tidies the incident records in Chromium: a duplicate report is merged into
the one the page offers, and a partner's period total that overlaps another is refused, then the
old total is removed after a question. axe checks every page."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from samverkan.incidents.models import AggregateReport, Category, Incident
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.categories import categories_ensure_defaults, place_create
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations import services as org_services
from tests.browser.ui import exactly
from tests.browser.visitor import Visitor

SCHOOL = {"type": "Point", "coordinates": [15.979, 59.5195]}


def test_coordinator_tidies_duplicates_and_period_totals(open_visitor, users, council):
    # given two reports of the same broken window a day apart, and KBAB's January–May total
    categories_ensure_defaults(council=council)
    glass = Category.objects.get(council=council, code="broken_glass")
    school = place_create(
        actor=None, council=council, name="Nygårdsskolan", kind="school", geometry=SCHOOL
    )
    first, second = (
        incident_report(
            actor=None,
            council=council,
            where=Where(place=school),
            what=What(category=glass, occurred_from=timezone.now() - dt.timedelta(days=days)),
        )
        for days in (2, 1)
    )
    kbab = org_services.organisation_create(actor=None, council=council, name="KBAB")
    aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=dt.date(2018, 1, 1),
        period_to=dt.date(2018, 5, 31),
        totals=[Total(category=glass, cost=325_000)],
    )
    coordinator: Visitor = open_visitor()
    page = coordinator.page
    main = page.get_by_role("main")
    coordinator.log_in(users["coordinator"].username)

    # The merge page offers the other report of the same event: one press merges.
    coordinator.visit(f"/councils/{council.slug}/incidents/{first.pk}/merge/")
    expect(
        main.get_by_role("row", name=re.compile(rf"(Report|Rapport) {second.pk}"))
    ).to_be_visible()
    coordinator.submit(exactly(f"Slå ihop med denna (Rapport {second.pk})"))
    assert Incident.objects.get(pk=first.pk).merged_into_id == second.pk

    # An overlapping total is refused with the reason, and nothing is saved.
    coordinator.visit(f"/councils/{council.slug}/incidents/period-totals/new/")
    coordinator.field("organisation").select_option(str(kbab.pk))
    coordinator.field("period_from").fill("2018-03-01")
    coordinator.field("period_to").fill("2018-04-30")
    coordinator.field("category", prefix="rows-0").select_option(str(glass.pk))
    coordinator.field("cost", prefix="rows-0").fill("1000")
    coordinator.submit(exactly("Spara summorna"))
    expect(main.get_by_role("alert")).to_contain_text("överlappar")
    assert AggregateReport.objects.count() == 1

    # The old total is removed after a question.
    coordinator.visit(f"/councils/{council.slug}/incidents/period-totals/")
    coordinator.follow(re.compile("^Ta bort"), scope=main)
    expect(main).to_contain_text("2018-01-01 till 2018-05-31")
    coordinator.submit(exactly("Ta bort"))
    assert not AggregateReport.objects.exists()
    coordinator.finish()
