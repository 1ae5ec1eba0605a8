"""Dialogue themes: renaming one and merging one into another, audited and all or nothing, and
the list of themes with their number of inputs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.dialogue.models import Dialogue, DialogueInput, Theme
from samverkan.dialogue.services import themes
from samverkan.dialogue.services.dialogues import (
    DialogueFields,
    InputFields,
    dialogue_create,
    dialogue_input_add,
)

DAY = dt.date(2018, 5, 16)


@pytest.fixture
def dialogue(council) -> Dialogue:
    return dialogue_create(
        actor=None, council=council, fields=DialogueFields(held_on=DAY, place_text="Nygården")
    )


def _add(dialogue: Dialogue, text: str, theme: str) -> DialogueInput:
    return dialogue_input_add(
        actor=None, dialogue=dialogue, fields=InputFields(text=text, theme=theme)
    )


def _url(name: str, theme: Theme) -> str:
    return reverse(f"dialogue:{name}", kwargs={"slug": theme.council.slug, "theme_pk": theme.pk})


def test_renaming_a_theme_is_audited(dialogue, users):
    item = _add(dialogue, "Mörkt i parken", "Ljus")
    theme = item.theme
    assert theme is not None
    themes.theme_rename(actor=users["coordinator"], theme=theme, name="  Belysning   i parken ")
    theme.refresh_from_db()
    assert theme.name == "Belysning i parken"
    event = AuditEvent.objects.filter(model="dialogue.Theme", object_id=str(theme.pk)).latest("id")
    assert event.action == "update"
    assert event.changes == {"name": ["Ljus", "Belysning i parken"]}
    assert event.actor == users["coordinator"]


def test_a_rename_may_change_only_the_letter_case(dialogue):
    theme = _add(dialogue, "Mörkt", "belysning").theme
    assert theme is not None
    assert themes.theme_rename(actor=None, theme=theme, name="Belysning").name == "Belysning"


@pytest.mark.parametrize("name", ["", "   ", "x" * 61, "SKRÄP"])
def test_a_rename_to_nothing_too_long_or_another_themes_name_is_refused(dialogue, name):
    theme = _add(dialogue, "Mörkt", "Ljus").theme
    _add(dialogue, "Skräp vid torget", "Skräp")
    assert theme is not None
    with pytest.raises(ServiceError):
        themes.theme_rename(actor=None, theme=theme, name=name)
    theme.refresh_from_db()
    assert theme.name == "Ljus"


def test_merging_moves_every_input_and_removes_the_emptied_theme(dialogue, users):
    # given two themes, one with two inputs and one with one
    first = _add(dialogue, "Mörkt i parken", "Ljus")
    second = _add(dialogue, "Mörkt vid skolan", "Ljus")
    kept = _add(dialogue, "Trasiga lampor", "Belysning")
    ljus, belysning = first.theme, kept.theme
    assert ljus is not None
    assert belysning is not None
    # when
    moved = themes.theme_merge(actor=users["coordinator"], theme=ljus, into=belysning)
    # then
    assert moved == 2
    assert not Theme.objects.filter(pk=ljus.pk).exists()
    assert set(DialogueInput.objects.values_list("theme__name", flat=True)) == {"Belysning"}
    events = AuditEvent.objects.filter(model="dialogue.DialogueInput", action="update")
    assert {e.object_id for e in events} == {str(first.pk), str(second.pk)}
    assert all(e.changes == {"theme": ["Ljus", "Belysning"]} for e in events)
    assert AuditEvent.objects.filter(
        model="dialogue.Theme", object_id=str(ljus.pk), action="delete"
    ).exists()


def test_a_merge_into_itself_or_another_councils_theme_is_refused(dialogue, other_council):
    theme = _add(dialogue, "Mörkt", "Ljus").theme
    assert theme is not None
    foreign = Theme.objects.create(council=other_council, name="Ljus")
    for into in (theme, foreign):
        with pytest.raises(ServiceError):
            themes.theme_merge(actor=None, theme=theme, into=into)
    assert DialogueInput.objects.get().theme == theme


def test_a_merge_that_fails_midway_changes_nothing(dialogue, monkeypatch):
    ljus = _add(dialogue, "Mörkt", "Ljus").theme
    belysning = _add(dialogue, "Lampor", "Belysning").theme
    assert ljus is not None
    assert belysning is not None
    before = AuditEvent.objects.count()

    def broken(**kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(themes, "audit_delete", broken)
    with pytest.raises(RuntimeError):
        themes.theme_merge(actor=None, theme=ljus, into=belysning)
    assert DialogueInput.objects.filter(theme=ljus).count() == 1
    assert Theme.objects.filter(pk=ljus.pk).exists()
    assert AuditEvent.objects.count() == before


def test_the_list_shows_each_theme_with_its_inputs_in_a_fixed_number_of_queries(
    coordinator_client, council, dialogue, django_assert_num_queries
):
    for number in range(30):
        _add(dialogue, f"Input {number}", f"Tema {number:02}")
    _add(dialogue, "Igen", "Tema 00")
    url = reverse("dialogue:theme_list", kwargs={"slug": council.slug})
    coordinator_client.get(url)
    # session, user, council, role, count, page
    with django_assert_num_queries(6):
        page = coordinator_client.get(url)
    assert page.status_code == 200
    rows = page.content.decode()
    assert "Tema 00</td>\n      <td>2</td>" in rows
    second = coordinator_client.get(url + "?page=2")
    assert second.status_code == 200
    assert "Tema 29" in second.content.decode()


def test_the_list_offers_rename_and_merge_only_to_those_who_change_records(client, users, dialogue):
    theme = _add(dialogue, "Mörkt", "Ljus").theme
    assert theme is not None
    url = reverse("dialogue:theme_list", kwargs={"slug": dialogue.council.slug})
    client.force_login(users["coordinator"])
    assert _url("theme_rename", theme) in client.get(url).content.decode()
    client.force_login(users["viewer"])
    page = client.get(url)
    assert page.status_code == 200
    assert "Ljus" in page.content.decode()
    assert _url("theme_rename", theme) not in page.content.decode()


def test_renaming_through_the_page(coordinator_client, dialogue):
    theme = _add(dialogue, "Mörkt", "Ljus").theme
    assert theme is not None
    url = _url("theme_rename", theme)
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"name": "Belysning"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Belysning"


def test_a_rename_to_a_taken_name_keeps_the_typed_name_and_says_why_in_swedish(
    coordinator_client, dialogue
):
    theme = _add(dialogue, "Mörkt", "Ljus").theme
    _add(dialogue, "Skräp", "Skräp")
    assert theme is not None
    with translation.override("sv"):
        response = coordinator_client.post(_url("theme_rename", theme), {"name": "skräp"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="skräp"' in html
    assert "Slå ihop" in html
    theme.refresh_from_db()
    assert theme.name == "Ljus"


def test_merging_through_the_page(coordinator_client, dialogue):
    ljus = _add(dialogue, "Mörkt", "Ljus").theme
    belysning = _add(dialogue, "Lampor", "Belysning").theme
    assert ljus is not None
    assert belysning is not None
    url = _url("theme_merge", ljus)
    page = coordinator_client.get(url).content.decode()
    assert f'<option value="{belysning.pk}">Belysning</option>' in page
    assert f'<option value="{ljus.pk}"' not in page
    response = coordinator_client.post(url, {"into": belysning.pk})
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=ljus.pk).exists()
    assert DialogueInput.objects.filter(theme=belysning).count() == 2


@pytest.mark.parametrize(
    "into", ["", "abc", "99999999999999999999999", "-1", "same", "foreign", "1.5"]
)
def test_a_merge_page_refuses_bad_choices_without_changing_anything(
    coordinator_client, dialogue, other_council, into
):
    ljus = _add(dialogue, "Mörkt", "Ljus").theme
    assert ljus is not None
    foreign = Theme.objects.create(council=other_council, name="Ljus")
    value = {"same": str(ljus.pk), "foreign": str(foreign.pk)}.get(into, into)
    response = coordinator_client.post(_url("theme_merge", ljus), {"into": value})
    assert response.status_code == 400
    assert Theme.objects.filter(pk=ljus.pk).exists()
    assert DialogueInput.objects.get().theme == ljus


def test_another_councils_theme_or_a_huge_id_is_not_found(
    coordinator_client, council, other_council
):
    foreign = Theme.objects.create(council=other_council, name="Ljus")
    for pk in (foreign.pk, 99999999999999999):
        url = reverse("dialogue:theme_rename", kwargs={"slug": council.slug, "theme_pk": pk})
        assert coordinator_client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["", "   ", "Lj\x00us", "x" * 61])
def test_a_rename_page_refuses_an_empty_nul_or_long_name(coordinator_client, dialogue, name):
    theme = _add(dialogue, "Mörkt", "Ljus").theme
    assert theme is not None
    response = coordinator_client.post(_url("theme_rename", theme), {"name": name})
    assert response.status_code == 400
    theme.refresh_from_db()
    assert theme.name == "Ljus"
