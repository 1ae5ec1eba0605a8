"""Coordinators review reports: the filtered list, correction, handling, merging, history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.core.errors import ServiceError
from samverkan.incidents.models import Incident, IncidentStatus, Place
from samverkan.incidents.services.incidents import (
    What,
    Where,
    incident_mark_handled,
    incident_merge,
    incident_moderate,
    incident_report,
)


def _report(council, category, *, days_ago=1, source="partner", cost=None, place=None):
    return incident_report(
        actor=None,
        council=council,
        where=Where(place=place, address="" if place else "Torget"),
        what=What(
            category=category,
            occurred_from=timezone.now() - dt.timedelta(days=days_ago),
            cost=cost,
        ),
        source=source,
    )


@pytest.fixture
def many(council, categories, school, kbab):
    for day in range(30):
        incident = _report(council, categories["graffiti"], days_ago=day + 1, place=school)
        Incident.objects.filter(pk=incident.pk).update(organisation=kbab)
    _report(council, categories["broken_glass"], days_ago=2, source="citizen")


def test_the_list_filters_and_takes_a_fixed_number_of_queries(
    coordinator_client, council, categories, many, django_assert_num_queries
):
    url = reverse("incidents:incident_list", args=[council.slug])
    with django_assert_num_queries(7):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 31
    with django_assert_num_queries(7):
        response = coordinator_client.get(url, {"page": "2"})
    assert len(response.context["page"]) == 6
    response = coordinator_client.get(url, {"status": "pending"})
    assert response.context["page"].paginator.count == 1
    response = coordinator_client.get(url, {"category": categories["vandalism"].pk})
    assert response.context["page"].paginator.count == 31
    response = coordinator_client.get(url, {"source": "citizen"})
    assert response.context["page"].paginator.count == 1


def test_a_period_filter_shows_the_totals_per_category(
    coordinator_client, council, categories, many, django_assert_num_queries
):
    today = timezone.localdate()
    url = reverse("incidents:incident_list", args=[council.slug])
    query = {
        "period_from": (today - dt.timedelta(days=10)).isoformat(),
        "period_to": today.isoformat(),
    }
    with django_assert_num_queries(10):
        response = coordinator_client.get(url, query)
    totals = {t.category.code: t.count for t in response.context["totals"]}
    # The citizen's report waits for moderation, so it does not count yet.
    assert totals == {"graffiti": 10}


def test_a_bad_filter_answers_400_and_lists_everything(coordinator_client, council, many):
    url = reverse("incidents:incident_list", args=[council.slug])
    response = coordinator_client.get(url, {"status": "nonsense", "period_from": "igår"})
    assert response.status_code == 400
    assert response.context["page"].paginator.count == 31


def test_the_detail_page_shows_the_history_and_a_fixed_number_of_queries(
    coordinator_client, council, categories, school, django_assert_num_queries
):
    incident = _report(council, categories["broken_glass"], place=school, cost=100)
    url = reverse("incidents:incident_detail", args=[council.slug, incident.pk])
    with django_assert_num_queries(8):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert "History" in response.content.decode()


def test_a_coordinator_corrects_the_cost_when_the_invoice_comes(
    coordinator_client, council, categories, school
):
    incident = _report(council, categories["broken_glass"], place=school)
    url = reverse("incidents:incident_edit", args=[council.slug, incident.pk])
    page = coordinator_client.get(url)
    # The correction has the same map over the point fields as the report form.
    assert 'data-place-select="id_place"' in page.content.decode()
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["occurred_from"] = timezone.localtime(incident.occurred_from).strftime("%Y-%m-%dT%H:%M")
    data["cost"] = "18500"
    assert coordinator_client.post(url, data).status_code == 302
    incident.refresh_from_db()
    assert incident.cost == 18500
    detail = coordinator_client.get(
        reverse("incidents:incident_detail", args=[council.slug, incident.pk])
    )
    assert "18500" in detail.content.decode()
    # A negative cost is refused and nothing changes.
    response = coordinator_client.post(url, {**data, "cost": "-5"})
    assert response.status_code == 400
    incident.refresh_from_db()
    assert incident.cost == 18500


def test_handling_merging_and_moderation(council, users, categories):
    coordinator = users["coordinator"]
    first = _report(council, categories["graffiti"])
    second = _report(council, categories["graffiti"])
    third = _report(council, categories["graffiti"])
    incident_mark_handled(actor=coordinator, incident=first)
    assert first.status == IncidentStatus.HANDLED
    with pytest.raises(ServiceError):
        incident_mark_handled(actor=coordinator, incident=first)
    # A duplicate merged into a report that is later merged follows it: no chains.
    incident_merge(actor=coordinator, incident=third, into=second)
    incident_merge(actor=coordinator, incident=second, into=first)
    third.refresh_from_db()
    assert third.merged_into == first
    with pytest.raises(ServiceError):
        incident_merge(actor=coordinator, incident=first, into=first)
    with pytest.raises(ServiceError):
        incident_merge(actor=coordinator, incident=first, into=second)
    with pytest.raises(ServiceError):
        incident_moderate(actor=coordinator, incident=first, publish=True)


def test_merging_over_http_keeps_a_link(coordinator_client, council, categories):
    first = _report(council, categories["graffiti"])
    second = _report(council, categories["graffiti"])
    url = reverse("incidents:incident_merge", args=[council.slug, second.pk])
    response = coordinator_client.post(url, {"into": "999999"})
    assert response.status_code == 400
    assert "There is no report with this number." in response.content.decode()
    assert coordinator_client.post(url, {"into": first.pk}).status_code == 302
    page = coordinator_client.get(
        reverse("incidents:incident_detail", args=[council.slug, second.pk])
    ).content.decode()
    assert reverse("incidents:incident_detail", args=[council.slug, first.pk]) in page


def test_a_reporter_sees_its_own_report_but_not_others(client, council, users, categories):
    own = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(address="Torget"),
        what=What(category=categories["graffiti"], occurred_from=timezone.now()),
    )
    other = _report(council, categories["graffiti"])
    client.force_login(users["reporter"])
    assert (
        client.get(reverse("incidents:incident_detail", args=[council.slug, own.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("incidents:incident_detail", args=[council.slug, other.pk])).status_code
        == 403
    )
    # The reporter corrects the cost of its own report when the invoice comes, while it is new.
    edit = reverse("incidents:incident_edit", args=[council.slug, own.pk])
    data = {
        "category": categories["graffiti"].pk,
        "address": "Torget",
        "occurred_from": timezone.localtime(own.occurred_from).strftime("%Y-%m-%dT%H:%M"),
        "cost": "2300",
    }
    assert client.post(edit, data).status_code == 302
    own.refresh_from_db()
    assert own.cost == 2300
    incident_mark_handled(actor=users["coordinator"], incident=own)
    assert client.get(edit).status_code == 403
    other_edit = reverse("incidents:incident_edit", args=[council.slug, other.pk])
    assert client.get(other_edit).status_code == 403


def test_my_reports_lists_only_the_viewers_own(
    client, council, users, categories, django_assert_num_queries
):
    for actor in [users["reporter"], users["reporter"], users["coordinator"]]:
        incident_report(
            actor=actor,
            council=council,
            where=Where(address="Torget"),
            what=What(category=categories["graffiti"], occurred_from=timezone.now()),
        )
    client.force_login(users["reporter"])
    url = reverse("incidents:my_reports", args=[council.slug])
    with django_assert_num_queries(6):
        response = client.get(url)
    assert response.context["page"].paginator.count == 2


def test_the_council_edits_its_category_tree(coordinator_client, council, categories):
    url = reverse("incidents:category_create", args=[council.slug])
    data = {"name": "Mopedåkning i gångtunnel", "parent": categories["disorder"].pk, "position": 9}
    assert coordinator_client.post(url, data).status_code == 302
    # The same name in the same group again, and a subcategory as a group, are refused.
    assert coordinator_client.post(url, data).status_code == 400
    nested = {**data, "name": "Annat", "parent": categories["graffiti"].pk}
    assert coordinator_client.post(url, nested).status_code == 400
    edit = reverse("incidents:category_edit", args=[council.slug, categories["graffiti"].pk])
    payload = {"name": "Klotter och tags", "parent": categories["vandalism"].pk, "position": 2}
    assert coordinator_client.post(edit, payload).status_code == 302
    page = coordinator_client.get(reverse("incidents:category_list", args=[council.slug]))
    assert "Klotter och tags" in page.content.decode()


def test_the_council_keeps_its_places_with_checked_geometry(coordinator_client, council):
    url = reverse("incidents:place_create", args=[council.slug])
    good = {
        "name": "Resecentrum",
        "kind": "station",
        "geometry": '{"type": "Point", "coordinates": [15.9925, 59.5105]}',
    }
    assert coordinator_client.post(url, good).status_code == 302
    for bad in [
        {**good, "name": "Berlin", "geometry": '{"type": "Point", "coordinates": [13.4, 52.5]}'},
        # Latitude first by mistake: lands in the sea east of Somalia.
        {**good, "name": "Omvänd", "geometry": '{"type": "Point", "coordinates": [59.5, 15.99]}'},
        {
            **good,
            "name": "Kors",
            "geometry": '{"type": "Polygon", "coordinates": '
            "[[[15.99,59.51],[16.0,59.52],[16.0,59.51],[15.99,59.52],[15.99,59.51]]]}",
        },
        {**good, "name": "Linje", "geometry": '{"type": "LineString", "coordinates": []}'},
        {**good, "name": "Trasig", "geometry": "{inte json"},
    ]:
        response = coordinator_client.post(url, bad)
        assert response.status_code == 400, bad["name"]
    assert [p.name for p in Place.objects.filter(council=council)] == ["Resecentrum"]


@pytest.mark.parametrize("name", ["aggregate_list", "place_list", "category_list"])
def test_the_setup_lists_take_a_fixed_number_of_queries(
    coordinator_client, council, categories, school, kbab, name, django_assert_num_queries
):
    from samverkan.incidents.demo import load_demo_incidents

    load_demo_incidents(council)
    url = reverse(f"incidents:{name}", args=[council.slug])
    with django_assert_num_queries(5 if name == "category_list" else 6):
        response = coordinator_client.get(url)
    assert response.status_code == 200


def test_a_photo_is_served_to_the_coordinator_and_its_reporter_only(
    client, council, users, categories
):
    from samverkan.incidents.tests.conftest import upload

    incident = incident_report(
        actor=users["reporter"],
        council=council,
        where=Where(address="Torget"),
        what=What(category=categories["graffiti"], occurred_from=timezone.now()),
        photos=[upload()],
    )
    url = reverse("incidents:photo", args=[council.slug, incident.photos.get().pk])
    client.force_login(users["reporter"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    client.force_login(users["member"])
    assert client.get(url).status_code == 403
    client.force_login(users["outsider"])
    assert client.get(url).status_code == 404


def test_the_merge_page_offers_reports_of_the_same_event_close_by(
    council, categories, school, client, users, django_assert_max_num_queries
):
    # given a report of broken glass at the school, another one the next day (a duplicate), one
    # of graffiti at the school and one of broken glass a month later
    report = _report(council, categories["broken_glass"], days_ago=2, place=school)
    same = _report(council, categories["broken_glass"], days_ago=1, place=school)
    _report(council, categories["graffiti"], days_ago=1, place=school)
    _report(council, categories["broken_glass"], days_ago=40, place=school)
    client.force_login(users["coordinator"])
    url = reverse("incidents:incident_merge", args=[council.slug, report.pk])
    # when the coordinator opens the merge page (a fixed number of queries)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    # then only the duplicate is offered, with a button of its own
    assert [c.pk for c in response.context["candidates"]] == [same.pk]
    assert f'name="into" value="{same.pk}"' in response.content.decode()
    # and one press merges it
    assert client.post(url, {"into": same.pk}).status_code == 302
    assert Incident.objects.get(pk=report.pk).merged_into_id == same.pk


def test_saving_a_correction_without_a_change_records_no_change_of_time(
    council, categories, school, client, users
):
    from samverkan.core.models import AuditEvent

    report = _report(council, categories["graffiti"], place=school)
    # a time of whole minutes, as the form gives it
    report.occurred_from = report.occurred_from.replace(second=0, microsecond=0)
    Incident.objects.filter(pk=report.pk).update(occurred_from=report.occurred_from)
    client.force_login(users["coordinator"])
    url = reverse("incidents:incident_edit", args=[council.slug, report.pk])
    form = client.get(url).context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in ((f.name, f.value()) for f in form)
        if name not in ("photos", "confirm_personal_data")
    }
    data["occurred_from"] = timezone.localtime(report.occurred_from).strftime("%Y-%m-%dT%H:%M")
    before = AuditEvent.objects.count()
    assert client.post(url, data).status_code == 302
    changes = [e.changes for e in AuditEvent.objects.order_by("pk")[before:]]
    assert not any("occurred_from" in c for c in changes)
