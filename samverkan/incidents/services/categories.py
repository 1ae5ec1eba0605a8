"""The council's category tree and its named places."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverkan.core.audit import Actor, audit_create, audit_create_many, audit_update, snapshot
from samverkan.core.errors import ServiceError
from samverkan.incidents import geo
from samverkan.incidents.models import Category, Place, PlaceKind
from samverkan.organisations.models import Council

# The default tree (docs domain.md, "Default incident categories"): (code, name, children).
DEFAULT_CATEGORIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "vandalism",
        "Skadegörelse",
        [
            ("broken_glass", "Glaskross"),
            ("graffiti", "Klotter"),
            ("other_damage", "Övrig skadegörelse"),
            ("vehicle_damage", "Skadegörelse på fordon"),
        ],
    ),
    (
        "fire",
        "Brand",
        [
            ("arson_small", "Anlagd brand (container, papperskorg)"),
            ("vehicle_fire", "Fordonsbrand"),
            ("fireworks", "Fyrverkerier/pyroteknik"),
        ],
    ),
    (
        "littering",
        "Nedskräpning",
        [("litter", "Nedskräpning"), ("dumping", "Dumpning"), ("needles", "Kanyler/sprutor")],
    ),
    (
        "disorder",
        "Ordningsstörning",
        [
            ("gathering", "Samling som skapar otrygghet"),
            ("intoxicated", "Berusade/påverkade personer"),
            ("disturbance", "Bråk/störande beteende"),
            ("reckless_driving", "Buskörning (moped, A-traktor, bil)"),
            ("throwing", "Stenkastning"),
        ],
    ),
    (
        "drugs",
        "Narkotika",
        [
            ("dealing_suspected", "Misstänkt handel/langning"),
            ("drug_find", "Fynd av narkotika eller tillbehör"),
        ],
    ),
    (
        "violence",
        "Våld och hot",
        [
            ("threat_staff", "Hot/våld mot anställd"),
            ("assault", "Misshandel/slagsmål"),
            ("threat", "Hot"),
        ],
    ),
    (
        "theft",
        "Tillgrepp",
        [
            ("burglary", "Inbrott/försök (skola, källare, förråd)"),
            ("theft_other", "Stöld"),
            ("bike_theft", "Cykelstöld"),
        ],
    ),
    (
        "unsafe_place",
        "Otrygg plats",
        [
            ("lighting", "Bristande belysning"),
            ("vegetation", "Skymd sikt/vegetation"),
            ("broken_equipment", "Trasig utrustning/lekplats"),
            ("abandoned_vehicle", "Övergivet fordon"),
        ],
    ),
    (
        "other",
        "Övrigt",
        [("event", "Arrangemang/evenemang"), ("observation", "Övrig iakttagelse")],
    ),
]


def categories_ensure_defaults(*, actor: Actor = None, council: Council) -> list[Category]:
    """Create the default categories the council lacks (by code); keep the ones it has.

    A category the council renamed keeps its new name: only missing codes are created.
    """
    with transaction.atomic():
        existing = {c.code: c for c in Category.objects.filter(council=council).exclude(code="")}
        # Two INSERTs in all, groups first so that the new subcategories can point at them.
        groups = Category.objects.bulk_create(
            Category(council=council, code=code, name=name, position=group_position * 10)
            for group_position, (code, name, _children) in enumerate(DEFAULT_CATEGORIES, start=1)
            if code not in existing
        )
        by_code = {**existing, **{group.code: group for group in groups}}
        children = Category.objects.bulk_create(
            Category(
                council=council,
                parent=by_code[code],
                code=child_code,
                name=child_name,
                position=position,
            )
            for code, _name, group_children in DEFAULT_CATEGORIES
            for position, (child_code, child_name) in enumerate(group_children, start=1)
            if child_code not in existing
        )
        created = [*groups, *children]
        audit_create_many(actor=actor, instances=created, council_id=council.pk)
    return created


def _check_category(
    council: Council, name: str, parent: Category | None, instance: Category | None
) -> str:
    name = name.strip()
    if not name:
        raise ServiceError(_("Give the category a name."), field="name")
    if parent is not None:
        if parent.council_id != council.pk:
            raise ServiceError(_("Choose a group of this council."), field="parent")
        if parent.parent_id is not None:
            raise ServiceError(
                _("Categories have two levels: choose a group, not a subcategory."),
                field="parent",
            )
        if instance is not None and (parent.pk == instance.pk or instance.children.exists()):
            raise ServiceError(
                _("A group with subcategories cannot itself be put under a group."),
                field="parent",
            )
    clash = Category.objects.filter(council=council, parent=parent, name__iexact=name)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ServiceError(_("The group already has a category with this name."), field="name")
    return name


def category_create(
    *, actor: Actor, council: Council, name: str, parent: Category | None = None, position: int = 0
) -> Category:
    name = _check_category(council, name, parent, None)
    with transaction.atomic():
        category = Category.objects.create(
            council=council, parent=parent, name=name, position=position
        )
        audit_create(actor=actor, instance=category, council_id=council.pk)
    return category


def category_update(
    *, actor: Actor, category: Category, name: str, parent: Category | None, position: int
) -> Category:
    council = category.council
    name = _check_category(council, name, parent, category)
    with transaction.atomic():
        before = snapshot(category)
        category.name, category.parent, category.position = name, parent, position
        category.save()
        audit_update(actor=actor, instance=category, before=before, council_id=council.pk)
    return category


def _check_place_kind(kind: str) -> None:
    if kind and kind not in PlaceKind.values:
        raise ServiceError(_("Choose a kind of place from the list."), field="kind")


def place_create(*, actor: Actor, council: Council, name: str, kind: str, geometry: Any) -> Place:
    name = name.strip()
    _check_place_kind(kind)
    geo.parse_geometry(geometry)
    if Place.objects.filter(council=council, name__iexact=name).exists():
        raise ServiceError(_("The council already has a place with this name."), field="name")
    with transaction.atomic():
        place = Place.objects.create(council=council, name=name, kind=kind, geometry=geometry)
        audit_create(actor=actor, instance=place, council_id=council.pk)
    return place


def place_update(*, actor: Actor, place: Place, name: str, kind: str, geometry: Any) -> Place:
    name = name.strip()
    _check_place_kind(kind)
    geo.parse_geometry(geometry)
    clash = Place.objects.filter(council_id=place.council_id, name__iexact=name)
    if clash.exclude(pk=place.pk).exists():
        raise ServiceError(_("The council already has a place with this name."), field="name")
    with transaction.atomic():
        before = snapshot(place)
        place.name, place.kind, place.geometry = name, kind, geometry
        place.save()
        audit_update(actor=actor, instance=place, before=before, council_id=place.council_id)
    return place
