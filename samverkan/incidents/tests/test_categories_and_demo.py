"""The default category tree, and the demo's places of Köping and KBAB's period totals."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.core.errors import ServiceError
from samverkan.incidents.demo import load_demo_incidents, remove_demo_incidents
from samverkan.incidents.models import AggregateReport, Category, Incident, Place
from samverkan.incidents.selectors import category_tree, period_totals
from samverkan.incidents.services.categories import (
    categories_ensure_defaults,
    category_update,
    place_create,
)
from samverkan.insights.selectors.dashboard import DashboardFilter, dashboard, default_period


def test_the_defaults_are_the_domain_tree_and_are_created_once(
    council, django_assert_max_num_queries
):
    # A fixed number of queries, not two per category.
    with django_assert_max_num_queries(12):
        created = categories_ensure_defaults(council=council)
    tree = {group.name: [c.name for c in children] for group, children in category_tree(council)}
    assert list(tree) == [
        "Skadegörelse",
        "Brand",
        "Nedskräpning",
        "Ordningsstörning",
        "Narkotika",
        "Våld och hot",
        "Tillgrepp",
        "Otrygg plats",
        "Övrigt",
    ]
    assert tree["Skadegörelse"][:3] == ["Glaskross", "Klotter", "Övrig skadegörelse"]
    assert categories_ensure_defaults(council=council) == []
    assert Category.objects.filter(council=council).count() == len(created)


def test_a_renamed_default_keeps_its_new_name(council, users):
    categories_ensure_defaults(council=council)
    graffiti = Category.objects.get(council=council, code="graffiti")
    category_update(
        actor=users["coordinator"],
        category=graffiti,
        name="Klotter och tags",
        parent=graffiti.parent,
        position=2,
    )
    categories_ensure_defaults(council=council)
    assert Category.objects.get(council=council, code="graffiti").name == "Klotter och tags"


def test_the_demo_loads_places_and_the_seeds_kbab_table(council, kbab):
    load_demo_incidents(council)
    load_demo_incidents(council)  # twice: nothing doubles
    assert Place.objects.filter(council=council).count() == 5
    totals = period_totals(council, dt.date(2018, 1, 1), dt.date(2018, 5, 31))
    assert [(t.category.name, t.cost) for t in totals] == [
        ("Glaskross", 325_000),
        ("Klotter", 16_000),
        ("Övrig skadegörelse", 25_000),
    ]
    # a year and a half of invented reports up to today, and three citizens' reports to moderate
    assert Incident.objects.filter(council=council, source="partner").count() == 240
    assert Incident.objects.filter(council=council, status="pending").count() == 3
    board = dashboard(council, DashboardFilter(*default_period()))
    assert board.total_count > 100
    assert board.cells
    remove_demo_incidents(council)
    assert not Incident.objects.exists()
    assert not AggregateReport.objects.exists()
    assert not Category.objects.filter(council=council).exists()


def test_a_place_of_a_kind_not_in_the_list_is_refused_and_nothing_saved(council):
    # A kind outside the list would break every map page that names the place's kind.
    square = {"type": "Point", "coordinates": [15.994, 59.514]}
    with pytest.raises(ServiceError) as refused:
        place_create(
            actor=None, council=council, name="Stora torget", kind="square", geometry=square
        )
    assert refused.value.field == "kind"
    assert not Place.objects.filter(council=council).exists()
