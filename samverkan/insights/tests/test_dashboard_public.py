"""The public situational picture counts whole calendar months that have ended, never days: two
requests of overlapping periods (or the same page on consecutive days) differ by whole months,
so that comparing them cannot single out one report hidden behind "<5"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.organisations.models import Council

pytestmark = pytest.mark.usefixtures("english_pages")


@pytest.fixture
def publishing(council):
    Council.objects.filter(pk=council.pk).update(publishes=True)
    council.refresh_from_db()
    return council


def _report(council, category, day: dt.date, place) -> None:
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 30)))
    if day == timezone.localdate():  # today: a moment that has passed
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))
        when = max(start, timezone.now() - dt.timedelta(minutes=1))
    incident_report(
        actor=None,
        council=council,
        where=Where(place=place),
        what=What(category=category, occurred_from=when),
    )


def _figures(client, council, **query: str) -> tuple[object, ...]:
    """Everything the public page and its map give for the query."""
    response = client.get(reverse("insights:public_dashboard", args=[council.slug]), query)
    assert response.status_code == 200, response.content
    cells = client.get(
        reverse("insights:public_hexagons", args=[council.slug]), {**query, "zoom": "16"}
    ).json()
    context = response.context
    return (
        context["filters"].period_from,
        context["filters"].period_to,
        context["totals"],
        context["trend"],
        context["cells"],
        cells["features"],
    )


def test_a_day_range_is_answered_with_its_whole_months(client, publishing, categories, school):
    # given six reports in February 2018: on the 1st, and from the 20th on
    glass = categories["broken_glass"]
    for day in (1, 20, 21, 22, 23, 24):
        _report(publishing, glass, dt.date(2018, 2, day), school)
    # when a visitor asks for the 3rd to the 9th of February
    response = client.get(
        reverse("insights:public_dashboard", args=[publishing.slug]),
        {"period_from": "2018-02-03", "period_to": "2018-02-09"},
    )
    # then the figures are February's, and the page says so
    page = response.content.decode()
    assert response.status_code == 200
    assert "Reported incidents from 2018-02-01 to 2018-02-28." in page
    assert ">6<" in page
    assert "whole calendar months" in page
    assert 'type="month"' in page


def test_overlapping_periods_cannot_single_out_one_report(client, publishing, categories, school):
    # given five reports early in March and a single one on the 15th
    glass = categories["broken_glass"]
    for day in range(1, 6):
        _report(publishing, glass, dt.date(2018, 3, day), school)
    _report(publishing, glass, dt.date(2018, 3, 15), school)
    # when two periods are asked for that differ by that one day
    up_to_14 = _figures(client, publishing, period_from="2018-03-01", period_to="2018-03-14")
    up_to_15 = _figures(client, publishing, period_from="2018-03-01", period_to="2018-03-15")
    later = _figures(client, publishing, period_from="2018-03-15", period_to="2018-03-31")
    # then every figure and map cell is the same: March as a whole
    assert up_to_14 == up_to_15 == later
    assert up_to_14[:2] == (dt.date(2018, 3, 1), dt.date(2018, 3, 31))


def test_the_month_under_way_is_not_public(client, publishing, categories, school):
    # given a report today
    today = timezone.localdate()
    _report(publishing, categories["broken_glass"], today, school)
    url = reverse("insights:public_dashboard", args=[publishing.slug])
    # then the page shows the twelve months that have ended, without it
    response = client.get(url)
    first_of_month = today.replace(day=1)
    assert response.context["filters"].period_to == first_of_month - dt.timedelta(days=1)
    assert response.context["totals"] == [] or all(
        count == 0 for _category, count in response.context["totals"]
    )
    # and asking for this month alone is refused with a message (and figures of the default)
    response = client.get(url, {"period_from": f"{today:%Y-%m}", "period_to": f"{today:%Y-%m}"})
    assert response.status_code == 400
    assert "Public figures are for months that have ended." in response.content.decode()
    assert response.context["filters"].period_to < first_of_month


def test_a_month_can_be_chosen_as_a_month(client, publishing, categories, school):
    _report(publishing, categories["broken_glass"], dt.date(2018, 4, 10), school)
    figures = _figures(client, publishing, period_from="2018-04", period_to="2018-04")
    assert figures[:2] == (dt.date(2018, 4, 1), dt.date(2018, 4, 30))
