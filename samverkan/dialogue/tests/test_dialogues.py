"""Dialogue meetings: recording a meeting and the inputs heard, and taking an input up as a plan
activity or a promise draft, through the services and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.dialogue.models import Dialogue, DialogueInput, Theme
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
    dialogue_input_to_activity,
    dialogue_input_to_promise,
)
from samverkan.plans.models import Activity, Plan, Promise, PromiseSet
from samverkan.plans.services.activities import plan_create
from samverkan.plans.services.promises import PromiseSetFields, promise_set_create

DAY = dt.date(2018, 3, 14)


@pytest.fixture
def dialogue(council) -> Dialogue:
    return dialogue_create(
        actor=None,
        council=council,
        fields=DialogueFields(
            held_on=DAY,
            place_text="Nygårdens äldreboende",
            organisers=list(council.organisations.all()[:1]),
            announced_via=["website", "facebook", "newspaper"],
            participants=23,
        ),
    )


@pytest.fixture
def plan(council) -> Plan:
    return plan_create(actor=None, council=council, title="Genomförandeplan 2018", year=2018)


@pytest.fixture
def promise_set(council) -> PromiseSet:
    return promise_set_create(
        actor=None, council=council, fields=PromiseSetFields(title="Medborgarlöften", year=2018)
    )


def _url(name: str, dialogue: Dialogue, **kwargs: object) -> str:
    return reverse(
        f"dialogue:{name}", kwargs={"slug": dialogue.council.slug, "pk": dialogue.pk, **kwargs}
    )


def test_a_dialogue_is_recorded_with_how_it_was_announced(dialogue):
    assert dialogue.announced_via == ["website", "facebook", "newspaper"]
    assert dialogue.organisers.count() == 1
    assert AuditEvent.objects.filter(model="dialogue.Dialogue", object_id=str(dialogue.pk)).exists()


def test_themes_are_built_up_and_reused_whatever_the_letter_case(dialogue):
    dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Mörkt i parken", theme="Belysning")
    )
    dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Lampan trasig", theme=" belysning ")
    )
    assert list(Theme.objects.values_list("name", flat=True)) == ["Belysning"]
    assert [i.position for i in dialogue.inputs.all()] == [0, 1]


def test_an_unknown_announcement_or_no_place_is_refused(council):
    with pytest.raises(ServiceError):
        dialogue_create(
            actor=None,
            council=council,
            fields=DialogueFields(held_on=DAY, place_text="Torget", announced_via=["radio"]),
        )
    with pytest.raises(ServiceError):
        dialogue_create(actor=None, council=council, fields=DialogueFields(held_on=DAY))
    assert not Dialogue.objects.exists()


def test_an_input_becomes_a_plan_activity_and_keeps_the_link(dialogue, plan):
    item = dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Mer belysning i Nygårdsparken")
    )
    activity = dialogue_input_to_activity(actor=None, item=item, plan=plan)
    item.refresh_from_db()
    assert item.activity == activity
    assert activity.text == "Mer belysning i Nygårdsparken"
    assert list(activity.dialogue_inputs.all()) == [item]
    # an input is taken up once
    with pytest.raises(ServiceError):
        dialogue_input_to_activity(actor=None, item=item, plan=plan)
    assert Activity.objects.count() == 1


def test_an_input_becomes_a_promise_draft_at_the_end_of_the_set(dialogue, promise_set):
    item = dialogue_input_add(actor=None, dialogue=dialogue, fields=InputFields(text="Trygg väg"))
    promise = dialogue_input_to_promise(
        actor=None, item=item, promise_set=promise_set, parties=["police"]
    )
    item.refresh_from_db()
    assert item.promise == promise
    assert promise.promise_set == promise_set
    assert promise.parties == ["police"]


def test_a_promise_draft_without_who_makes_it_is_refused(dialogue, promise_set):
    # given
    item = dialogue_input_add(actor=None, dialogue=dialogue, fields=InputFields(text="Trygg väg"))
    # when
    with pytest.raises(ServiceError) as error:
        dialogue_input_to_promise(actor=None, item=item, promise_set=promise_set, parties=[])
    # then: nothing saved, and the input is still free to take up
    assert error.value.field == "parties"
    assert not Promise.objects.exists()
    item.refresh_from_db()
    assert item.promise is None


def test_another_councils_plan_is_refused(dialogue, other_council):
    other_plan = plan_create(actor=None, council=other_council, title="Plan", year=2018)
    item = dialogue_input_add(actor=None, dialogue=dialogue, fields=InputFields(text="Något"))
    with pytest.raises(ServiceError):
        dialogue_input_to_activity(actor=None, item=item, plan=other_plan)
    assert not Activity.objects.exists()


# Pages ------------------------------------------------------------------------------------


def test_a_coordinator_records_a_dialogue_and_an_input_through_the_pages(
    coordinator_client, council
):
    # given
    url = reverse("dialogue:dialogue_create", kwargs={"slug": council.slug})
    organisation = council.organisations.first()
    # when
    response = coordinator_client.post(
        url,
        {
            "held_on": "2018-03-14",
            "place_text": "Nygårdens äldreboende",
            "organisers": [organisation.pk],
            "announced_via": ["website", "posters"],
            "announced_other": "Mun till mun",
            "participants": "23",
        },
    )
    # then
    dialogue = Dialogue.objects.get()
    assert response.status_code == 302
    response = coordinator_client.post(
        _url("dialogue_input_add", dialogue), {"text": "Mörkt vid busshållplatsen", "theme": "Ljus"}
    )
    assert response.status_code == 302
    page = coordinator_client.get(_url("dialogue_detail", dialogue)).content.decode()
    assert "Mörkt vid busshållplatsen" in page
    assert "Mun till mun" in page
    assert '<option value="Ljus">' in page


@pytest.mark.parametrize(
    "data",
    [
        {"held_on": "2018-03-14", "announced_via": ["radio"], "place_text": "Torget"},
        {"held_on": "2018-03-14"},
        {"held_on": "not a date", "place_text": "Torget"},
        {"held_on": "2018-03-14", "place_text": "Torget", "participants": "-4"},
    ],
)
def test_bad_input_answers_400_and_saves_nothing(coordinator_client, council, data):
    url = reverse("dialogue:dialogue_create", kwargs={"slug": council.slug})
    response = coordinator_client.post(url, data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Dialogue.objects.exists()


def test_an_empty_input_answers_400(coordinator_client, dialogue):
    response = coordinator_client.post(_url("dialogue_input_add", dialogue), {"text": " "})
    assert response.status_code == 400
    assert not DialogueInput.objects.exists()


def test_the_input_page_makes_a_plan_activity_shown_on_the_dialogue(
    coordinator_client, dialogue, plan
):
    item = dialogue_input_add(actor=None, dialogue=dialogue, fields=InputFields(text="Fler vuxna"))
    url = _url("dialogue_input_to_activity", dialogue, input_pk=item.pk)
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"plan": plan.pk})
    assert response.status_code == 302
    activity = Activity.objects.get()
    page = coordinator_client.get(_url("dialogue_detail", dialogue)).content.decode()
    assert reverse("plans:activity_detail", args=[dialogue.council.slug, activity.pk]) in page


def test_the_promise_page_refuses_no_party(coordinator_client, dialogue, promise_set):
    item = dialogue_input_add(actor=None, dialogue=dialogue, fields=InputFields(text="Fler vuxna"))
    url = _url("dialogue_input_to_promise", dialogue, input_pk=item.pk)
    response = coordinator_client.post(url, {"promise_set": promise_set.pk, "text": "Vi lovar"})
    assert response.status_code == 400
    assert "Välj vem som lovar." in response.content.decode()
    assert "Vi lovar</textarea>" in response.content.decode()
    assert not Promise.objects.exists()
    response = coordinator_client.post(
        url, {"promise_set": promise_set.pk, "parties": ["municipality", "police"]}
    )
    assert response.status_code == 302
    assert Promise.objects.get().text == "Fler vuxna"


def test_the_list_takes_a_fixed_number_of_queries(
    coordinator_client, council, django_assert_num_queries
):
    for number in range(30):
        dialogue_create(
            actor=None,
            council=council,
            fields=DialogueFields(held_on=DAY, place_text=f"Plats {number}"),
        )
    url = reverse("dialogue:dialogue_list", kwargs={"slug": council.slug})
    coordinator_client.get(url)
    # session, user, council, role, count, page
    with django_assert_num_queries(6):
        page = coordinator_client.get(url)
    assert page.status_code == 200
    assert coordinator_client.get(url + "?page=2").status_code == 200


def test_the_detail_page_takes_a_fixed_number_of_queries(
    coordinator_client, dialogue, plan, django_assert_num_queries
):
    for number in range(10):
        item = dialogue_input_add(
            actor=None,
            dialogue=dialogue,
            fields=InputFields(text=f"Input {number}", theme=f"Tema {number}"),
        )
        if number % 2:
            dialogue_input_to_activity(actor=None, item=item, plan=plan)
    url = _url("dialogue_detail", dialogue)
    coordinator_client.get(url)
    with django_assert_num_queries(11):
        page = coordinator_client.get(url)
    assert page.status_code == 200


def test_an_input_is_edited_with_a_new_theme(coordinator_client, dialogue):
    item = dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text="Mörkt", theme="Ljus")
    )
    url = _url("dialogue_input_edit", dialogue, input_pk=item.pk)
    page = coordinator_client.get(url).content.decode()
    assert '<option value="Ljus">' in page
    assert coordinator_client.post(url, {"text": ""}).status_code == 400
    response = coordinator_client.post(url, {"text": "Mörkt vid torget", "theme": "Belysning"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text, item.theme.name) == ("Mörkt vid torget", "Belysning")
    assert AuditEvent.objects.filter(
        model="dialogue.DialogueInput", object_id=str(item.pk), action="update"
    ).exists()


def test_the_promise_page_offers_only_sets_still_being_written(
    coordinator_client, council, dialogue, promise_set
):
    # given: a set signed and published beside the draft
    from samverkan.plans.models import PromiseSetStatus

    signed = promise_set_create(
        actor=None, council=council, fields=PromiseSetFields(title="Löften 2017", year=2017)
    )
    PromiseSet.objects.filter(pk=signed.pk).update(status=PromiseSetStatus.PUBLISHED)
    item = dialogue_input_add(actor=None, dialogue=dialogue, fields=InputFields(text="Fler vuxna"))
    url = _url("dialogue_input_to_promise", dialogue, input_pk=item.pk)

    # when
    offered = coordinator_client.get(url).context["form"].fields["promise_set"].queryset

    # then: the draft is offered, the signed set is not, and posting it is refused
    assert list(offered) == [promise_set]
    response = coordinator_client.post(url, {"promise_set": signed.pk, "parties": ["police"]})
    assert response.status_code == 400
    assert not Promise.objects.exists()
