"""The situational picture: figures per category with period totals counted once, the trend
against a year earlier, places, weekday by hour, map cells, CSV downloads and the public variant.

Run on SQLite and on PostgreSQL (DATABASE_URL): the grouping by month, weekday and hour is done
by the database in the council's time zone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import h3  # type: ignore[import-untyped]
import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.incidents.demo import load_demo_incidents
from samverkan.incidents.models import IncidentSource
from samverkan.incidents.services.aggregates import Total, aggregates_report
from samverkan.incidents.services.incidents import What, Where, incident_report
from samverkan.incidents.tests.conftest import INSIDE_SCHOOL
from samverkan.insights.selectors import dashboard as figures

pytestmark = pytest.mark.usefixtures("english_pages")

JAN, MAY = dt.date(2018, 1, 1), dt.date(2018, 5, 31)
SEED = {"broken_glass": 325_000, "graffiti": 16_000, "other_damage": 25_000}


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def _report(
    council, category, day, *, hour=12, cost=None, organisation=None, where=None, target="", **kw
):
    return incident_report(
        actor=None,
        council=council,
        where=where or Where(address="Torget"),
        what=What(category=category, occurred_from=_at(day, hour), cost=cost, target_group=target),
        organisation=organisation,
        **kw,
    )


def _period(start=JAN, end=MAY, **kw) -> figures.DashboardFilter:
    return figures.DashboardFilter(period_from=start, period_to=end, **kw)


def _by_code(totals):
    return {t.category.code: (t.count, t.cost) for t in totals}


@pytest.fixture
def kbab_table(council, kbab, categories):
    return aggregates_report(
        actor=None,
        council=council,
        organisation=kbab,
        period_from=JAN,
        period_to=MAY,
        totals=[Total(category=categories[code], cost=cost) for code, cost in SEED.items()],
    )


# Per category -----------------------------------------------------------------------------


def test_the_seeds_table_comes_out_of_the_demo_data(council, kbab):
    load_demo_incidents(council)
    totals = figures.category_totals(council, _period())
    assert {code: cost for code, (_n, cost) in _by_code(totals).items()} == SEED


def test_the_dashboard_page_shows_the_seeds_table(council, kbab, users, client):
    load_demo_incidents(council)
    client.force_login(users["coordinator"])
    response = client.get(
        reverse("insights:dashboard", args=[council.slug]),
        {"period_from": "2018-01-01", "period_to": "2018-05-31"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    for cost in ("325\u00a0000", "16\u00a0000", "25\u00a0000", "366\u00a0000"):
        assert cost in page
    assert 'role="img"' in page
    assert 'aria-labelledby="trend-chart-title"' in page


def test_counts_and_costs_with_the_partners_total_counted_once(
    council, kbab, categories, kbab_table
):
    glass = categories["broken_glass"]
    # KBAB's own single report lies within its total: it is not counted again.
    _report(council, glass, dt.date(2018, 2, 3), cost=9_000, organisation=kbab)
    # Another reporter's counts, and so does a report after KBAB's period.
    _report(council, glass, dt.date(2018, 3, 3), cost=1_000)
    _report(council, categories["graffiti"], dt.date(2018, 4, 3), cost=500)
    totals = _by_code(figures.category_totals(council, _period()))
    assert totals["broken_glass"] == (1, 326_000)
    assert totals["graffiti"] == (1, 16_500)
    # Narrowed to KBAB: its total alone, still once.
    narrowed = _by_code(figures.category_totals(council, _period(organisation=kbab)))
    assert narrowed["broken_glass"] == (0, 325_000)
    # Narrowed to the group: its subcategories, with the total counted once.
    vandalism = categories["vandalism"]
    grouped = _by_code(figures.category_totals(council, _period(category=vandalism)))
    assert grouped["broken_glass"] == (1, 326_000)
    assert set(grouped) == {"broken_glass", "graffiti", "other_damage"}


def test_a_place_filter_leaves_the_period_totals_out(council, kbab, categories, kbab_table, school):
    glass = categories["broken_glass"]
    _report(council, glass, dt.date(2018, 2, 3), cost=2_000, where=Where(place=school))
    totals = _by_code(figures.category_totals(council, _period(place=school)))
    assert totals == {"broken_glass": (1, 2_000)}


def test_pending_rejected_and_merged_reports_do_not_count(council, categories):
    glass = categories["broken_glass"]
    _report(council, glass, dt.date(2018, 2, 3))
    _report(council, glass, dt.date(2018, 2, 4), source=IncidentSource.CITIZEN)  # pending
    totals = _by_code(figures.category_totals(council, _period(source=IncidentSource.CITIZEN)))
    assert totals == {}
    assert _by_code(figures.category_totals(council, _period())) == {"broken_glass": (1, 0)}


# Trend, places, weekdays, cells ---------------------------------------------------------------


def test_the_trend_compares_each_month_with_the_same_month_a_year_earlier(council, categories):
    glass = categories["broken_glass"]
    _report(council, glass, dt.date(2017, 1, 15), cost=100)
    _report(council, glass, dt.date(2017, 1, 20), cost=100)
    _report(council, glass, dt.date(2018, 1, 5), cost=300)
    _report(council, glass, dt.date(2018, 3, 31), hour=23)  # late on the last day, local time
    trend = figures.monthly_trend(council, _period())
    assert [r.month for r in trend] == [dt.date(2018, m, 1) for m in range(1, 6)]
    january, _feb, march = trend[0], trend[1], trend[2]
    assert (january.count, january.cost, january.previous_count, january.previous_cost) == (
        1,
        300,
        2,
        200,
    )
    assert march.count == 1


def test_a_weeks_trend_counts_the_same_days_of_both_years(council, categories):
    # given reports in November of two years, inside and outside one week of it
    glass = categories["broken_glass"]
    for day in (3, 12, 13, 28):
        _report(council, glass, dt.date(2025, 11, day))
    for day in (2, 10, 11, 16):
        _report(council, glass, dt.date(2026, 11, day))
    # when the period is the week of 10–16 November 2026
    trend = figures.monthly_trend(council, _period(dt.date(2026, 11, 10), dt.date(2026, 11, 16)))
    # then November counts that week in both years, and nothing else
    [november] = trend
    assert (november.count, november.previous_count) == (3, 2)


def test_weekday_and_hour_in_local_time(council, categories):
    glass = categories["broken_glass"]
    # 2018-01-01 was a Monday; 23:30 in Stockholm is 22:30 UTC.
    _report(council, glass, dt.date(2018, 1, 1), hour=23)
    _report(council, glass, dt.date(2018, 1, 1), hour=23)
    _report(council, glass, dt.date(2018, 1, 7), hour=0)  # a Sunday just after midnight
    table = figures.weekday_hours(council, _period())
    assert table.row(1)[23] == 2
    assert table.row(7)[0] == 1
    assert table.largest == 2
    assert sum(sum(table.row(d)) for d in range(1, 8)) == 3


def test_top_places_and_the_area_filter(council, categories, school, area):
    glass = categories["broken_glass"]
    for _ in range(3):
        _report(council, glass, dt.date(2018, 2, 3), where=Where(place=school))
    point = Where(latitude=INSIDE_SCHOOL[0], longitude=INSIDE_SCHOOL[1])
    _report(council, glass, dt.date(2018, 2, 4), where=point)
    _report(council, glass, dt.date(2018, 2, 5))  # an address only: no place, no cell
    places = figures.top_places(council, _period())
    assert (places[0].name, places[0].count) == ("Nygårdsskolan", 4)
    in_area = figures.category_totals(council, _period(area=area))
    assert _by_code(in_area) == {"broken_glass": (4, 0)}


def test_cells_fold_into_coarser_parents(council, categories, school):
    glass = categories["broken_glass"]
    for _ in range(3):
        _report(council, glass, dt.date(2018, 2, 3), where=Where(place=school))
    fine = figures.cell_counts(council, _period(), 9)
    coarse = figures.cell_counts(council, _period(), 7)
    assert sum(r.count for r in fine) == sum(r.count for r in coarse) == 3
    assert all(h3.get_resolution(r.cell) == 7 for r in coarse)
    named = figures.name_cells(council, figures.cell_counts(council, _period(), 8))
    assert "Nygårdsskolan" in named[0].place_names
    outside = figures.cell_counts(council, _period(), 8, bbox=(11.0, 57.0, 12.0, 58.0))
    assert outside == []
    assert figures.resolution_for_zoom(16) == 9
    assert figures.resolution_for_zoom(3) == 5
    assert figures.resolution_for_zoom(16, public=True) == 7


def test_the_dashboard_answers_in_a_fixed_number_of_queries(
    council, categories, school, users, client, django_assert_num_queries
):
    client.force_login(users["coordinator"])
    url = reverse("insights:dashboard", args=[council.slug])
    query = {"period_from": "2018-01-01", "period_to": "2018-05-31"}
    _report(council, categories["broken_glass"], dt.date(2018, 2, 3), where=Where(place=school))
    client.get(url, query)  # warm the session and the caches
    # one query tells of totals partly outside, one counts who is affected
    with django_assert_num_queries(19) as first:
        client.get(url, query)
    for day in range(1, 20):
        _report(council, categories["graffiti"], dt.date(2018, 3, day), where=Where(place=school))
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(url, query)


# Pages, downloads, the map's data -----------------------------------------------------------------


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize(
    "figure", ["categories", "trend", "places", "targets", "weekdays", "cells"]
)
def test_each_figure_downloads_as_csv(council, kbab, users, client, figure):
    load_demo_incidents(council)
    client.force_login(users["viewer"])
    response = client.get(
        reverse("insights:dashboard_csv", args=[council.slug, figure]),
        {"period_from": "2018-01-01", "period_to": "2018-05-31"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"handelseoversikt-{figure}-2018-01-01-2018-05-31.csv" in response["Content-Disposition"]
    rows = _rows(response)
    assert rows[0]
    if figure == "categories":
        assert {r[1]: r[3] for r in rows[1:]} == {
            "Glaskross": "325000",
            "Klotter": "16000",
            "Övrig skadegörelse": "25000",
        }
    if figure == "trend":
        assert [r[0] for r in rows[1:]] == ["2018-01", "2018-02", "2018-03", "2018-04", "2018-05"]


def test_an_unknown_figure_is_not_found(council, users, client):
    client.force_login(users["viewer"])
    response = client.get(reverse("insights:dashboard_csv", args=[council.slug, "people"]))
    assert response.status_code == 404


def test_a_bad_period_keeps_the_input_and_answers_400(council, users, client):
    client.force_login(users["viewer"])
    response = client.get(
        reverse("insights:dashboard", args=[council.slug]),
        {"period_from": "2018-05-31", "period_to": "2018-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The period must not end before it starts." in page
    assert 'value="2018-05-31"' in page
    response = client.get(
        reverse("insights:dashboard", args=[council.slug]), {"period_from": "not a day"}
    )
    assert response.status_code == 400


def test_the_map_page_works_without_javascript(council, categories, school, users, client):
    _report(council, categories["broken_glass"], dt.date(2018, 2, 3), where=Where(place=school))
    client.force_login(users["viewer"])
    response = client.get(
        reverse("insights:dashboard_map", args=[council.slug]),
        {"period_from": "2018-01-01", "period_to": "2018-05-31"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "/static/leaflet/leaflet.js" in page
    assert "<script>" not in page  # nothing inline: the Content-Security-Policy holds
    assert "Nygårdsskolan" in page  # the cell table names the place


def test_the_cells_endpoint_follows_the_zoom(council, categories, school, users, client):
    _report(council, categories["broken_glass"], dt.date(2018, 2, 3), where=Where(place=school))
    client.force_login(users["viewer"])
    url = reverse("insights:dashboard_hexagons", args=[council.slug])
    query = {"period_from": "2018-01-01", "period_to": "2018-05-31", "bbox": "15.9,59.4,16.1,59.6"}
    data = client.get(url, {**query, "zoom": "14"}).json()
    assert data["resolution"] == 9
    assert data["features"][0]["properties"]["count"] == 1
    assert client.get(url, {**query, "zoom": "10"}).json()["resolution"] == 5
    assert client.get(url, {**query, "bbox": "a,b,c,d"}).status_code == 400
    assert client.get(url, {**query, "zoom": "99"}).status_code == 400
    places = client.get(reverse("insights:dashboard_places", args=[council.slug])).json()
    assert places["features"][0]["properties"]["name"] == "Nygårdsskolan"


# The public variant --------------------------------------------------------------------------


def test_the_public_variant_shows_aggregates_only(council, kbab, categories, school, client):
    council.publishes = True
    council.save()
    glass, graffiti = categories["broken_glass"], categories["graffiti"]
    for day in range(1, 7):
        _report(
            council,
            glass,
            dt.date(2018, 2, day),
            cost=1_234_567,
            where=Where(place=school),
            organisation=kbab,
        )
    incident = _report(council, graffiti, dt.date(2018, 2, 9), where=Where(place=school))
    incident.description = "Hemlig beskrivning"
    incident.save()
    url = reverse("insights:public_dashboard", args=[council.slug])
    response = client.get(url, {"period_from": "2018-01-01", "period_to": "2018-05-31"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "&lt;5" in page  # graffiti: one report
    assert ">6<" in page  # broken glass: six
    for hidden in ("1234567", "Hemlig", "Köpings Bostads AB", "KBAB"):
        assert hidden not in page
    cells = client.get(
        reverse("insights:public_hexagons", args=[council.slug]),
        {"period_from": "2018-01-01", "period_to": "2018-05-31", "zoom": "16"},
    ).json()
    assert cells["resolution"] == 7
    assert cells["features"][0]["properties"]["count"] == 7


def test_the_public_variant_hides_small_cells(council, categories, school, client):
    council.publishes = True
    council.save()
    _report(council, categories["broken_glass"], dt.date(2018, 2, 3), where=Where(place=school))
    cells = client.get(
        reverse("insights:public_hexagons", args=[council.slug]),
        {"period_from": "2018-01-01", "period_to": "2018-05-31", "zoom": "12"},
    ).json()
    assert cells["features"][0]["properties"] == {
        "cell": cells["features"][0]["properties"]["cell"],
        "count": None,
        "label": "<5",
    }


def test_the_public_variant_needs_a_publishing_council(council, client):
    assert client.get(reverse("insights:public_dashboard", args=[council.slug])).status_code == 404
    url = reverse("insights:public_hexagons", args=[council.slug])
    assert client.get(url).status_code == 404


def test_the_map_page_and_an_area_filter_answer_in_a_fixed_number_of_queries(
    council, categories, school, area, users, client, django_assert_num_queries
):
    client.force_login(users["coordinator"])
    query = {"period_from": "2018-01-01", "period_to": "2018-05-31", "area": str(area.pk)}
    _report(council, categories["broken_glass"], dt.date(2018, 2, 3), where=Where(place=school))
    pages = [
        reverse("insights:dashboard", args=[council.slug]),
        reverse("insights:dashboard_map", args=[council.slug]),
    ]
    counts = []
    for url in pages:
        client.get(url, query)
        with django_assert_num_queries(100, exact=False) as before:
            assert client.get(url, query).status_code == 200
        counts.append(len(before.captured_queries))
    for day in range(1, 15):
        _report(council, categories["graffiti"], dt.date(2018, 3, day), where=Where(place=school))
    for url, count in zip(pages, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url, query)
    assert counts == [21, 13]  # the dashboard: one query more for who is affected


def test_a_period_that_cuts_a_partners_total_says_it_is_left_out(
    council, kbab, kbab_table, users, client
):
    client.force_login(users["coordinator"])
    url = reverse("insights:dashboard", args=[council.slug])
    # January–March cuts KBAB's January–May total: it is not counted, and the page says why
    cut = client.get(url, {"period_from": "2018-01-01", "period_to": "2018-03-31"})
    assert [a.category.code for a in cut.context["partly"]] == [
        "broken_glass",
        "graffiti",
        "other_damage",
    ]
    assert "2018-01-01 – 2018-05-31" in cut.content.decode()
    assert cut.context["board"].total_cost == 0
    # the whole of January–May holds it: nothing to explain
    whole = client.get(url, {"period_from": "2018-01-01", "period_to": "2018-05-31"})
    assert whole.context["partly"] == []


def test_the_dashboard_tells_who_is_affected_in_the_period(council, categories, users, client):
    # given: two reports at schools, one at a housing company, one that does not say, and one
    # at a school outside the period
    glass = categories["broken_glass"]
    _report(council, glass, dt.date(2018, 2, 3), cost=1_000, target="school")
    _report(council, glass, dt.date(2018, 3, 4), cost=500, target="school")
    _report(council, categories["graffiti"], dt.date(2018, 3, 5), target="housing")
    _report(council, categories["graffiti"], dt.date(2018, 4, 6))
    _report(council, glass, dt.date(2018, 7, 1), target="school")
    client.force_login(users["member"])
    query = {"period_from": "2018-01-01", "period_to": "2018-05-31"}

    # when
    page = client.get(reverse("insights:dashboard", args=[council.slug]), query)
    csv_rows = _rows(
        client.get(reverse("insights:dashboard_csv", args=[council.slug, "targets"]), query)
    )

    # then: largest first, those that do not say last
    assert [(r.target_group, r.count, r.cost) for r in page.context["board"].targets] == [
        ("school", 2, 1_500),
        ("housing", 1, 0),
        ("", 1, 0),
    ]
    html = page.content.decode()
    assert "Who is affected" in html
    assert '<th scope="row">A school</th><td class="num">2</td>' in html
    assert csv_rows[1:] == [
        ["a school", "2", "1500"],
        ["a housing company", "1", "0"],
        ["not said", "1", "0"],
    ]
    # a filter narrows it as it narrows every figure
    narrowed = figures.target_groups(council, _period(category=categories["graffiti"]))
    assert [(r.target_group, r.count) for r in narrowed] == [("housing", 1), ("", 1)]
