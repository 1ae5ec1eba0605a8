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
