"""A partner's status report reaches the public page of the promises only once a coordinator
has reviewed it; until then the page shows the last reviewed report."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from samverkan.core.errors import ServiceError
from samverkan.organisations.models import Body
from samverkan.organisations.services import (
    membership_create,
    organisation_create,
    person_create,
    person_link_user,
)
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet, StatusUpdate
from samverkan.plans.services.activities import activity_update_status, status_update_approve

REVIEWED = "Vandringen är bokad till den 12 maj."
PARTNER = "Boende på Nygård har klagat på grannarna i trappuppgång 4."


@pytest.fixture
def activity(council, users):
    council.publishes = True
    council.save(update_fields=["publishes"])
    kbab = organisation_create(actor=None, council=council, name="Köpings Bostads AB")
    person = person_create(actor=None, council=council, name="Peter Landin")
    person_link_user(actor=None, person=person, user=users["reporter"])
    body = Body.objects.get(council=council)
    membership_create(actor=None, body=body, person=person, role="member", organisation=kbab)
    promise_set = PromiseSet.objects.create(
        council=council, title="Medborgarlöften", year=2026, status="published"
    )
    promise = Promise.objects.create(promise_set=promise_set, text="Vi lovar trygghet.")
    plan = Plan.objects.create(council=council, title="Plan 2026", year=2026)
    activity = Activity.objects.create(plan=plan, text="Trygghetsvandring på Nygård")
    activity.organisations.add(kbab)
    activity.promises.add(promise)
    activity_update_status(
        actor=users["coordinator"], activity=activity, status="in_progress", note=REVIEWED
    )
    return activity


def _public(client) -> str:
    client.logout()
    page: str = client.get(reverse("plans:public_plan", args=["koping", 2026])).content.decode()
    return page


def test_a_partners_report_waits_for_review_before_the_public_page(client, users, activity):
    # when the housing company's reporter reports on its activity
    client.force_login(users["reporter"])
    response = client.post(
        reverse("plans:activity_status", args=["koping", activity.pk]),
        {"status": "done", "note": PARTNER},
    )
    assert response.status_code == 302
    # then the public page still shows the coordinator's report
    page = _public(client)
    assert REVIEWED in page
    assert PARTNER not in page
    # and the coordinator sees it waiting, with a button to approve it
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(users["coordinator"])
    detail = client.get(reverse("plans:activity_detail", args=["koping", activity.pk]))
    assert "Approve for the public page" in detail.content.decode()
    update = StatusUpdate.objects.get(note=PARTNER)
    # when the coordinator approves it
    client.post(reverse("plans:status_update_approve", args=["koping", update.pk]))
    # then it is on the public page, and who reviewed it is kept
    page = _public(client)
    assert PARTNER in page
    assert REVIEWED not in page
    update.refresh_from_db()
    assert update.reviewed_by == users["coordinator"]


def test_a_coordinators_report_needs_no_review(users, activity):
    update = activity_update_status(
        actor=users["coordinator"], activity=activity, status="done", note="Klart."
    )
    assert not update.needs_review
    with pytest.raises(ServiceError):
        status_update_approve(actor=users["coordinator"], update=update)


def test_a_partners_figures_wait_too(client, users, activity):
    activity_update_status(
        actor=users["reporter"],
        activity=activity,
        status="in_progress",
        figure_label="ronderingar",
        figure=12,
    )
    assert "ronderingar" not in _public(client)


def test_only_those_who_keep_the_plan_approve(client, users, activity):
    update = activity_update_status(
        actor=users["reporter"], activity=activity, status="done", note=PARTNER
    )
    client.force_login(users["reporter"])
    url = reverse("plans:status_update_approve", args=["koping", update.pk])
    assert client.post(url).status_code == 403
    update.refresh_from_db()
    assert update.reviewed_at is None


def test_a_partners_report_reaches_the_meetings_status_report(client, users, activity):
    """The coordinator's week: partner updates never reached a meeting's report."""
    import datetime as dt

    from django.utils import timezone

    from samverkan.meetings.models import Meeting

    meeting = Meeting.objects.create(
        body=Body.objects.get(council=activity.plan.council),
        date=timezone.localdate() + dt.timedelta(days=10),
    )
    client.force_login(users["reporter"])
    client.post(
        reverse("plans:activity_status", args=["koping", activity.pk]),
        {"status": "done", "note": PARTNER},
    )
    # those who keep the plan see the partner's report in the meeting's status report
    client.force_login(users["coordinator"])
    page = client.get(reverse("plans:status_report", args=["koping", meeting.pk]))
    assert page.status_code == 200
    assert PARTNER in page.content.decode()
