"""The audit trail: every change keeps who, when and what, and is never rewritten."""

from __future__ import annotations

import pytest

from samverkan.core.audit import audit_create_many, history_of
from samverkan.core.models import AuditEvent
from samverkan.organisations import services
from samverkan.organisations.models import Organisation


def test_it_records_each_changed_field_from_what_to_what(council, users):
    # given
    organisation = Organisation.objects.get(council=council, name="Tekniska kontoret")
    # when
    services.organisation_update(
        actor=users["secretary"],
        organisation=organisation,
        name="Tekniska förvaltningen",
        short_name="TF",
        parent=organisation.parent,
    )
    # then
    event = history_of(organisation).first()
    assert event.actor == users["secretary"]
    assert event.action == "update"
    assert event.changes == {
        "name": ["Tekniska kontoret", "Tekniska förvaltningen"],
        "short_name": ["", "TF"],
    }
    assert event.council_id == council.pk


def test_an_edit_that_changes_nothing_records_nothing(council, users):
    organisation = Organisation.objects.get(council=council, name="Köpings kommun")
    before = history_of(organisation).count()
    services.organisation_update(
        actor=users["coordinator"], organisation=organisation, name="Köpings kommun"
    )
    assert history_of(organisation).count() == before


def test_events_cannot_be_rewritten_or_deleted(council):
    event = AuditEvent.objects.first()
    event.object_repr = "förfalskad"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_the_history_is_shown_on_the_record_page_with_labels(coordinator_client, council, users):
    organisation = Organisation.objects.get(council=council, name="Köpings kommun")
    services.organisation_update(
        actor=users["coordinator"],
        organisation=organisation,
        name="Köpings kommun",
        short_name="KK",
    )
    html = coordinator_client.get(
        f"/councils/{council.slug}/organisations/{organisation.pk}/"
    ).content.decode()
    assert "Historik" in html
    assert "Kortnamn" in html
    assert "KK" in html
    assert "coordinator" in html


def test_flags_and_choices_read_as_words_in_the_history(coordinator_client, council, users):
    from samverkan.organisations.models import Body

    body = Body.objects.get(council=council)
    services.body_update(
        actor=users["coordinator"], body=body, name=body.name, kind="working_committee",
        formal_rules=True,
    )  # fmt: skip
    html = coordinator_client.get(f"/councils/{council.slug}/bodies/{body.pk}/").content.decode()
    assert "arbetsutskott" in html
    assert "<td>nej</td><td>ja</td>" in html


def test_an_import_is_audited_in_a_fixed_number_of_queries(
    council, users, django_assert_num_queries
):
    # given: 50 records made by an import, each naming the same council by id only
    before = AuditEvent.objects.count()
    made = Organisation.objects.bulk_create(
        Organisation(council_id=council.pk, name=f"Förening {n}") for n in range(50)
    )
    # when: their creation is audited, the council is fetched and named once, not 50 times
    with django_assert_num_queries(3):  # the council and its municipality (its name), one insert
        audit_create_many(actor=users["coordinator"], instances=made, council_id=council.pk)
    # then: every record has its event, naming the council
    events = AuditEvent.objects.filter(
        model="organisations.Organisation", object_id__in=[str(o.pk) for o in made]
    )
    assert AuditEvent.objects.count() - before == 50
    assert {e.changes["council"][1] for e in events} == {str(council)}


# How the history shows values ------------------------------------------------------------


def _shown(model, changes):
    """The (old, new) of each changed field as the history shows them, in Swedish."""
    from django.utils import translation

    from samverkan.core.audit import labelled_changes

    with translation.override("sv"):
        return [(old, new) for _label, old, new in labelled_changes(model, changes)]


def test_a_list_reads_as_words_joined_by_commas(council):
    from samverkan.dialogue.models import Survey
    from samverkan.dialogue.services.builder import SurveyFields, survey_create, survey_update

    # given: a survey whose areas change, audited as the services do
    survey = survey_create(
        actor=None, council=council, fields=SurveyFields("Enkät", areas=["Nygård"])
    )
    survey_update(
        actor=None, survey=survey, fields=SurveyFields("Enkät", areas=["Nygård", "Centrum"])
    )
    # when
    event = history_of(survey).filter(action="update").get()
    # then: not "['Nygård', 'Centrum']"
    assert _shown(Survey, {"areas": event.changes["areas"]}) == [("Nygård", "Nygård, Centrum")]


def test_a_list_of_choices_reads_as_their_labels():
    from samverkan.dialogue.models import Dialogue
    from samverkan.plans.models import Promise

    assert _shown(Dialogue, {"announced_via": ["['website']", ["website", "posters"]]}) == [
        ("kommunens webbplats", "kommunens webbplats, affischer")
    ]
    assert _shown(Promise, {"parties": ["[]", "['municipality', 'police']"]}) == [
        ("", "kommunen, polisen")
    ]


def test_a_geometry_reads_as_a_line_a_point_or_an_area():
    from samverkan.dialogue.models import SafetyWalk
    from samverkan.incidents.models import Place

    route = {"type": "LineString", "coordinates": [[15.99, 59.51]] * 7}
    assert _shown(SafetyWalk, {"route": [None, str(route)]}) == [(None, "linje med 7 punkter")]
    point = "{'type': 'Point', 'coordinates': [15.99, 59.51]}"
    area = {"type": "Polygon", "coordinates": [[[15.9, 59.5], [16.0, 59.5], [15.9, 59.6]]]}
    assert _shown(Place, {"geometry": [point, area]}) == [("punkt 59.51, 15.99", "yta")]


def test_a_time_stamp_reads_as_local_time_to_the_minute():
    from samverkan.incidents.models import Incident

    shown = _shown(Incident, {"occurred_from": ["2026-12-02T15:05:00+00:00", None]})
    assert shown == [("2026-12-02 16:05", None)]


def test_the_walk_history_shows_its_route_in_words(coordinator_client, council):
    import datetime as dt

    from samverkan.dialogue.services.walks import WalkFields, walk_create, walk_update

    walk = walk_create(
        actor=None, council=council, fields=WalkFields(dt.date(2018, 10, 3), area_text="Centrum")
    )
    walk_update(
        actor=None,
        walk=walk,
        fields=WalkFields(
            dt.date(2018, 10, 3), area_text="Centrum", route_text="59.51, 15.99\n59.52, 15.98"
        ),
    )
    html = coordinator_client.get(f"/councils/{council.slug}/safety-walks/{walk.pk}/")
    assert "<td>linje med 2 punkter</td>" in html.content.decode()
    assert "LineString" not in html.content.decode()


def test_the_migration_masks_citizens_addresses_already_in_the_trail(db):
    import importlib

    from django.apps import apps

    from samverkan.core.models import AuditEvent

    event = AuditEvent.objects.create(
        action="create",
        model="incidents.Incident",
        object_id="1",
        object_repr="Klotter",
        changes={"contact_email": [None, "anna@example.se"], "cost": [None, 100]},
    )
    migration = importlib.import_module("samverkan.core.migrations.0002_mask_citizen_emails")
    migration.mask(apps, None)
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.changes == {"contact_email": [None, "•••"], "cost": [None, 100]}


def test_the_migration_masks_contact_details_already_in_the_trail(db):
    import importlib

    from django.apps import apps

    event = AuditEvent.objects.create(
        action="update",
        model="organisations.Person",
        object_id="1",
        object_repr="Anna Berg",
        changes={
            "email": ["", "anna@example.se"],
            "phone": ["070-1234567", ""],
            "name": ["A", "B"],
        },
    )
    migration = importlib.import_module("samverkan.core.migrations.0003_mask_contact_details")
    migration.mask(apps, None)
    event = AuditEvent.objects.get(pk=event.pk)
    assert event.changes == {"email": ["", "•••"], "phone": ["•••", ""], "name": ["A", "B"]}


def test_contact_details_are_recorded_only_as_given(council, users):
    # when
    person = services.person_create(
        actor=users["coordinator"], council=council, name="Anna", email="a@b.se", phone="0701"
    )
    # then
    event = history_of(person).get()
    assert event.changes["email"] == [None, "•••"]
    assert event.changes["phone"] == [None, "•••"]
