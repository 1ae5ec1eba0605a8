"""The council's standard agenda items, and putting them on a meeting's agenda."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.meetings.models import AgendaItem, AgendaTemplateItem, Meeting, MeetingStatus
from samverkan.meetings.services.agenda_template import (
    DEFAULT_ITEMS,
    agenda_apply_template,
    agenda_template_create_defaults,
    agenda_template_item_create,
    agenda_template_item_delete,
    agenda_template_item_move,
    agenda_template_item_update,
)
from samverkan.organisations.models import Body

URL = "/councils/koping/meetings/standard-items/"


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages in English (chosen with the language switch's cookie), to assert on the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield
    # The language middleware leaves the request's language active in this thread.
    translation.deactivate()


@pytest.fixture
def meeting(council):
    return Meeting.objects.create(
        body=Body.objects.get(council=council), date=dt.date(2026, 3, 5), place="Rådhuset"
    )


def _titles(council, placement):
    return list(
        AgendaTemplateItem.objects.filter(council=council, placement=placement).values_list(
            "title", flat=True
        )
    )


def _agenda(meeting):
    return list(meeting.items.order_by("number").values_list("number", "title"))


# Services ----------------------------------------------------------------------------------


def test_the_defaults_are_the_customary_five(council):
    agenda_template_create_defaults(actor=None, council=council)
    assert _titles(council, "opening") == [
        "Sammanträdets öppnande",
        "Val av protokolljusterare",
        "Föregående protokoll",
    ]
    assert _titles(council, "closing") == ["Kommande sammanträden", "Sammanträdets avslutning"]
    assert AuditEvent.objects.filter(model="meetings.AgendaTemplateItem").count() == 5


def test_it_refuses_the_defaults_when_the_council_has_items(council):
    agenda_template_item_create(actor=None, council=council, placement="opening", title="Upprop")
    with pytest.raises(ServiceError):
        agenda_template_create_defaults(actor=None, council=council)


def test_items_are_added_last_in_their_placement(council):
    agenda_template_create_defaults(actor=None, council=council)
    item = agenda_template_item_create(
        actor=None, council=council, placement="opening", title="  Upprop  "
    )
    assert item.title == "Upprop"
    assert item.position == 4
    assert _titles(council, "opening")[-1] == "Upprop"


@pytest.mark.parametrize(
    ("placement", "title"),
    [("opening", ""), ("opening", "   "), ("middle", "Upprop"), ("opening", "x" * 301)],
)
def test_it_refuses_bad_items(council, placement, title):
    with pytest.raises(ServiceError):
        agenda_template_item_create(actor=None, council=council, placement=placement, title=title)
    assert not AgendaTemplateItem.objects.exists()


def test_it_refuses_a_title_the_council_already_has(council):
    agenda_template_create_defaults(actor=None, council=council)
    with pytest.raises(ServiceError) as refused:
        agenda_template_item_create(
            actor=None, council=council, placement="closing", title="sammanträdets  ÖPPNANDE"
        )
    assert refused.value.field == "title"


def test_a_title_can_be_changed(council, users):
    item = agenda_template_item_create(actor=None, council=council, placement="opening", title="A")
    agenda_template_item_update(actor=users["secretary"], item=item, title="Upprop")
    item.refresh_from_db()
    assert item.title == "Upprop"
    event = AuditEvent.objects.filter(model="meetings.AgendaTemplateItem", action="update").get()
    assert event.changes == {"title": ["A", "Upprop"]}
    assert event.actor == users["secretary"]


def test_items_move_up_and_down_within_their_placement(council):
    agenda_template_create_defaults(actor=None, council=council)
    third = AgendaTemplateItem.objects.get(title="Föregående protokoll")
    agenda_template_item_move(actor=None, item=third, up=True)
    assert _titles(council, "opening") == [
        "Sammanträdets öppnande",
        "Föregående protokoll",
        "Val av protokolljusterare",
    ]
    first = AgendaTemplateItem.objects.get(title="Sammanträdets öppnande")
    agenda_template_item_move(actor=None, item=first, up=True)  # already first: stays
    agenda_template_item_move(actor=None, item=first, up=False)
    assert _titles(council, "opening")[:2] == ["Föregående protokoll", "Sammanträdets öppnande"]
    last = AgendaTemplateItem.objects.get(title="Sammanträdets avslutning")
    agenda_template_item_move(actor=None, item=last, up=False)  # already last: stays
    assert _titles(council, "closing") == ["Kommande sammanträden", "Sammanträdets avslutning"]


def test_deleting_an_item_closes_the_gap(council):
    agenda_template_create_defaults(actor=None, council=council)
    agenda_template_item_delete(
        actor=None, item=AgendaTemplateItem.objects.get(title="Val av protokolljusterare")
    )
    positions = AgendaTemplateItem.objects.filter(council=council, placement="opening")
    assert [(i.title, i.position) for i in positions] == [
        ("Sammanträdets öppnande", 1),
        ("Föregående protokoll", 2),
    ]
    assert AuditEvent.objects.filter(action="delete").count() == 1


def test_applying_puts_opening_items_first_and_closing_items_last(council, meeting):
    # given a meeting with its own items, numbered with a gap
    AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    AgendaItem.objects.create(meeting=meeting, number=3, title="Medborgarlöften")
    agenda_template_create_defaults(actor=None, council=council)
    # when
    created = agenda_apply_template(actor=None, meeting=meeting)
    # then every item is numbered 1..n
    assert len(created) == 5
    assert _agenda(meeting) == [
        (1, "Sammanträdets öppnande"),
        (2, "Val av protokolljusterare"),
        (3, "Föregående protokoll"),
        (4, "Lägesbild"),
        (5, "Medborgarlöften"),
        (6, "Kommande sammanträden"),
        (7, "Sammanträdets avslutning"),
    ]
    renumbered = AuditEvent.objects.filter(model="meetings.AgendaItem", action="update")
    assert sorted(e.changes["number"][1] for e in renumbered) == [4, 5]


def test_applying_skips_titles_already_on_the_agenda(council, meeting):
    AgendaItem.objects.create(meeting=meeting, number=1, title="Val av  protokolljusterare")
    AgendaItem.objects.create(meeting=meeting, number=2, title="Lägesbild")
    agenda_template_create_defaults(actor=None, council=council)
    agenda_apply_template(actor=None, meeting=meeting)
    titles = [title for _number, title in _agenda(meeting)]
    assert titles == [
        "Sammanträdets öppnande",
        "Föregående protokoll",
        "Val av  protokolljusterare",
        "Lägesbild",
        "Kommande sammanträden",
        "Sammanträdets avslutning",
    ]
    # and applying again adds nothing
    assert agenda_apply_template(actor=None, meeting=meeting) == []
    assert meeting.items.count() == 6


def test_applying_to_an_empty_agenda_numbers_from_one(council, meeting):
    agenda_template_create_defaults(actor=None, council=council)
    agenda_apply_template(actor=None, meeting=meeting)
    assert [number for number, _title in _agenda(meeting)] == [1, 2, 3, 4, 5]


def test_applying_follows_the_councils_order(council, meeting):
    agenda_template_create_defaults(actor=None, council=council)
    agenda_template_item_move(
        actor=None, item=AgendaTemplateItem.objects.get(title="Föregående protokoll"), up=True
    )
    agenda_apply_template(actor=None, meeting=meeting)
    assert _agenda(meeting)[1] == (2, "Föregående protokoll")


def test_applying_needs_standard_items(council, meeting):
    with pytest.raises(ServiceError):
        agenda_apply_template(actor=None, meeting=meeting)


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CANCELLED])
def test_applying_needs_a_planned_meeting(council, meeting, status):
    meeting.status = status
    meeting.save()
    agenda_template_create_defaults(actor=None, council=council)
    with pytest.raises(ServiceError):
        agenda_apply_template(actor=None, meeting=meeting)
    assert not meeting.items.exists()


def test_the_default_titles_are_not_translated():
    assert DEFAULT_ITEMS["opening"][0] == "Sammanträdets öppnande"


# The page ----------------------------------------------------------------------------------


@pytest.fixture
def secretary(client, users):
    client.force_login(users["secretary"])
    return client


def test_a_council_without_items_is_offered_the_defaults(secretary, council):
    page = secretary.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sammanträdets öppnande" in html
    assert 'name="defaults"' in html
    # when the offer is taken
    done = secretary.post(URL, {"defaults": "1"})
    assert done.status_code == 302
    assert AgendaTemplateItem.objects.filter(council=council).count() == 5
    assert 'name="defaults"' not in secretary.get(URL).content.decode()


def test_the_defaults_twice_are_refused(secretary, council):
    agenda_template_item_create(actor=None, council=council, placement="opening", title="Upprop")
    assert secretary.post(URL, {"defaults": "1"}).status_code == 400
    assert AgendaTemplateItem.objects.count() == 1


def test_the_page_adds_renames_moves_and_deletes(secretary, council):
    # add
    response = secretary.post(URL, {"add": "1", "add-placement": "closing", "add-title": "Övrigt"})
    assert response.status_code == 302
    item = AgendaTemplateItem.objects.get(title="Övrigt")
    assert item.placement == "closing"
    # rename
    response = secretary.post(URL, {"rename": item.pk, f"item-{item.pk}-title": "Övriga frågor"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Övriga frågor"
    # move
    other = agenda_template_item_create(
        actor=None, council=council, placement="closing", title="Avslutning"
    )
    assert secretary.post(URL, {"up": other.pk}).status_code == 302
    assert _titles(council, "closing") == ["Avslutning", "Övriga frågor"]
    assert secretary.post(URL, {"down": other.pk}).status_code == 302
    assert _titles(council, "closing") == ["Övriga frågor", "Avslutning"]
    # delete
    assert secretary.post(URL, {"delete": item.pk}).status_code == 302
    assert _titles(council, "closing") == ["Avslutning"]


@pytest.mark.parametrize(
    "data",
    [
        {"add": "1", "add-placement": "opening", "add-title": ""},
        {"add": "1", "add-placement": "somewhere", "add-title": "Upprop"},
        {},
    ],
)
def test_bad_input_is_refused(secretary, council, data):
    assert secretary.post(URL, data).status_code == 400
    assert not AgendaTemplateItem.objects.exists()


def test_a_bad_rename_keeps_the_old_title_and_shows_why(secretary, council):
    item = agenda_template_item_create(actor=None, council=council, placement="opening", title="A")
    agenda_template_item_create(actor=None, council=council, placement="opening", title="B")
    response = secretary.post(URL, {"rename": item.pk, f"item-{item.pk}-title": "b"})
    assert response.status_code == 400
    assert "already has this standard item" in response.content.decode()
    item.refresh_from_db()
    assert item.title == "A"


@pytest.mark.parametrize("action", ["rename", "up", "down", "delete"])
def test_unknown_or_other_councils_items_are_not_found(secretary, council, other_council, action):
    foreign = agenda_template_item_create(
        actor=None, council=other_council, placement="opening", title="Upprop"
    )
    assert secretary.post(URL, {action: foreign.pk}).status_code == 404
    assert secretary.post(URL, {action: "999999"}).status_code == 404
    assert secretary.post(URL, {action: "abc"}).status_code == 404
    assert AgendaTemplateItem.objects.get().title == "Upprop"


@pytest.mark.parametrize(
    ("role", "status"), [("member", 403), ("reporter", 403), ("outsider", 404)]
)
def test_only_meeting_managers_edit_standard_items(client, users, council, role, status):
    client.force_login(users[role])
    assert client.get(URL).status_code == status
    assert client.post(URL, {"defaults": "1"}).status_code == status
    assert not AgendaTemplateItem.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, council):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response.url


def test_the_page_uses_a_fixed_number_of_queries(secretary, council):
    agenda_template_item_create(actor=None, council=council, placement="opening", title="A")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert secretary.get(URL).status_code == 200
        return len(captured)

    few = queries()
    for title in ("B", "C", "D"):
        agenda_template_item_create(actor=None, council=council, placement="closing", title=title)
    assert queries() == few


def test_the_apply_button_adds_the_items_and_returns(secretary, council, meeting):
    agenda_template_create_defaults(actor=None, council=council)
    url = f"/councils/koping/meetings/{meeting.pk}/apply-standard-items/"
    response = secretary.post(url, {"next": f"/councils/koping/meetings/{meeting.pk}/send-notice/"})
    assert response.status_code == 302
    assert response.url.endswith("/send-notice/")
    assert meeting.items.count() == 5
    # a foreign `next` is not followed
    response = secretary.post(url, {"next": "https://example.com/"})
    assert response.url == f"/councils/koping/meetings/{meeting.pk}/"


def test_the_apply_button_reports_a_refusal(secretary, council, meeting):
    url = f"/councils/koping/meetings/{meeting.pk}/apply-standard-items/"
    response = secretary.post(url, follow=True)
    assert "no standard items yet" in response.content.decode()
    assert not meeting.items.exists()


def test_the_apply_button_is_post_only_and_scoped(secretary, council, other_council):
    other_body = Body.objects.create(council=other_council, name="Rådet", kind="council")
    foreign = Meeting.objects.create(body=other_body, date=dt.date(2026, 3, 5))
    assert (
        secretary.post(f"/councils/koping/meetings/{foreign.pk}/apply-standard-items/").status_code
        == 404
    )
    assert (
        secretary.post("/councils/koping/meetings/999999/apply-standard-items/").status_code == 404
    )
    meeting = Meeting.objects.create(
        body=Body.objects.get(council=council), date=dt.date(2026, 4, 1)
    )
    assert (
        secretary.get(f"/councils/koping/meetings/{meeting.pk}/apply-standard-items/").status_code
        == 405
    )
