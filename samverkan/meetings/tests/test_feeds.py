"""Private calendar feeds: made and revoked by their owner, read by calendar programs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samverkan.accounts.models import CouncilRole
from samverkan.core.errors import ServiceError
from samverkan.core.models import AuditEvent
from samverkan.meetings.models import CalendarFeed, Meeting, MeetingStatus
from samverkan.meetings.services.feeds import calendar_feed_create, calendar_feed_revoke
from samverkan.organisations.models import Body
from samverkan.organisations.services import body_create

PAGE = "/councils/koping/meetings/calendar-feeds/"


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages in English (chosen with the language switch's cookie), to assert on the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    yield
    # The language middleware leaves the request's language active in this thread.
    translation.deactivate()


@pytest.fixture
def body(council):
    return Body.objects.get(council=council)


@pytest.fixture
def meetings(council, body):
    """Planned, held and cancelled meetings of the council, and one of another body."""
    committee = body_create(
        actor=None, council=council, name="Arbetsutskottet", kind="working_committee"
    )
    return {
        "held": Meeting.objects.create(
            body=body, date=dt.date(2025, 11, 20), status=MeetingStatus.HELD, place="Rådhuset"
        ),
        "planned": Meeting.objects.create(
            body=body, date=dt.date(2026, 3, 5), start_time=dt.time(13, 15), place="Rådhuset"
        ),
        "cancelled": Meeting.objects.create(
            body=body, date=dt.date(2026, 5, 7), status=MeetingStatus.CANCELLED
        ),
        "other_body": Meeting.objects.create(body=committee, date=dt.date(2026, 2, 12)),
    }


def _feed_url(feed):
    return f"/feeds/{feed.token}.ics"


# Services ----------------------------------------------------------------------------------


def test_a_feed_has_a_long_random_token(users, body):
    one = calendar_feed_create(actor=users["member"], body=body, user=users["member"])
    two = calendar_feed_create(actor=users["member"], body=body, user=users["member"])
    assert len(one.token) >= 43
    assert one.token != two.token
    assert one.revoked_at is None


def test_the_audit_trail_never_holds_the_token(users, body):
    feed = calendar_feed_create(actor=users["member"], body=body, user=users["member"])
    calendar_feed_revoke(actor=users["member"], feed=feed)
    events = AuditEvent.objects.filter(model="meetings.CalendarFeed")
    assert [e.action for e in events.order_by("id")] == ["create", "update"]
    for event in events:
        assert feed.token not in str(event.changes)
        assert "token" not in event.changes
    assert "revoked_at" in events.get(action="update").changes


def test_revoking_twice_changes_nothing(users, body):
    feed = calendar_feed_create(actor=None, body=body, user=users["member"])
    first = calendar_feed_revoke(actor=None, feed=feed).revoked_at
    assert calendar_feed_revoke(actor=None, feed=feed).revoked_at == first


def test_nobody_gets_a_feed_of_a_council_they_do_not_see(users, body):
    with pytest.raises(ServiceError):
        calendar_feed_create(actor=None, body=body, user=users["outsider"])
    assert not CalendarFeed.objects.exists()


# The feed ----------------------------------------------------------------------------------


def test_the_feed_holds_every_meeting_of_the_body_without_a_login(client, users, body, meetings):
    feed = calendar_feed_create(actor=None, body=body, user=users["reporter"])
    response = client.get(_feed_url(feed))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR")
    for kind in ("held", "planned", "cancelled"):
        assert f"UID:meeting-{meetings[kind].pk}@" in text
    assert f"UID:meeting-{meetings['other_body'].pk}@" not in text
    assert "STATUS:CANCELLED" in text
    assert "X-WR-CALNAME:Brottsförebyggande rådet\\, Köpings kommun" in text
    assert "DTSTART:20260305T121500Z" in text  # 13.15 in Stockholm, winter time


def test_a_revoked_feed_stops_answering(client, users, body, meetings):
    feed = calendar_feed_create(actor=None, body=body, user=users["member"])
    assert client.get(_feed_url(feed)).status_code == 200
    calendar_feed_revoke(actor=None, feed=feed)
    assert client.get(_feed_url(feed)).status_code == 404


@pytest.mark.parametrize(
    "token", ["unknown", "x" * 43, "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg"]
)
def test_an_unknown_token_is_not_found(client, council, token):
    assert client.get(f"/feeds/{token}.ics").status_code == 404


def test_the_feed_stops_when_its_owner_loses_access(client, users, council, body, meetings):
    feed = calendar_feed_create(actor=None, body=body, user=users["viewer"])
    CouncilRole.objects.filter(user=users["viewer"], council=council).delete()
    assert client.get(_feed_url(feed)).status_code == 404


def test_the_feed_stops_when_its_owners_login_is_deactivated(client, users, body, meetings):
    feed = calendar_feed_create(actor=None, body=body, user=users["viewer"])
    users["viewer"].is_active = False
    users["viewer"].save()
    assert client.get(_feed_url(feed)).status_code == 404


def test_the_feed_answers_get_only(client, users, body):
    feed = calendar_feed_create(actor=None, body=body, user=users["viewer"])
    assert client.post(_feed_url(feed)).status_code == 405


def test_the_feed_uses_a_fixed_number_of_queries(client, users, body, meetings):
    feed = calendar_feed_create(actor=None, body=body, user=users["viewer"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_feed_url(feed)).status_code == 200
        return len(captured)

    few = queries()
    for day in (10, 11, 12):
        Meeting.objects.create(body=body, date=dt.date(2026, 9, day))
    assert queries() == few


# The page ----------------------------------------------------------------------------------


def test_a_member_makes_a_feed_and_sees_its_full_address(client, users, body):
    client.force_login(users["member"])
    response = client.post(PAGE, {"create": body.pk})
    feed = CalendarFeed.objects.get()
    assert response.status_code == 302
    assert response.url == f"{PAGE}#feed-{feed.pk}"
    assert feed.user == users["member"]
    html = client.get(PAGE).content.decode()
    assert f'value="http://testserver/feeds/{feed.token}.ics"' in html


def test_the_page_shows_only_the_users_own_live_feeds(client, users, body):
    own = calendar_feed_create(actor=None, body=body, user=users["member"])
    revoked = calendar_feed_create(actor=None, body=body, user=users["member"])
    calendar_feed_revoke(actor=None, feed=revoked)
    others = calendar_feed_create(actor=None, body=body, user=users["secretary"])
    client.force_login(users["member"])
    html = client.get(PAGE).content.decode()
    assert own.token in html
    assert revoked.token not in html
    assert others.token not in html


def test_a_member_revokes_their_feed(client, users, body):
    feed = calendar_feed_create(actor=None, body=body, user=users["member"])
    client.force_login(users["member"])
    assert client.post(PAGE, {"revoke": feed.pk}).status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert client.get(_feed_url(feed)).status_code == 404


def test_nobody_revokes_someone_elses_feed(client, users, body):
    feed = calendar_feed_create(actor=None, body=body, user=users["secretary"])
    client.force_login(users["coordinator"])
    assert client.post(PAGE, {"revoke": feed.pk}).status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


@pytest.mark.parametrize(
    ("data", "status"),
    [({}, 400), ({"create": "999999"}, 404), ({"create": "abc"}, 404), ({"revoke": "9"}, 404)],
)
def test_bad_input_is_refused(client, users, body, data, status):
    client.force_login(users["member"])
    assert client.post(PAGE, data).status_code == status
    assert not CalendarFeed.objects.exists()


def test_no_feed_of_another_councils_body(client, users, body, other_council):
    foreign = body_create(actor=None, council=other_council, name="Trygghetsrådet", kind="council")
    client.force_login(users["coordinator"])
    assert client.post(PAGE, {"create": foreign.pk}).status_code == 404
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("role", ["reporter", "viewer", "member", "secretary", "site_admin"])
def test_every_role_that_sees_the_council_may_make_feeds(client, users, body, role):
    client.force_login(users[role])
    assert client.get(PAGE).status_code == 200
    assert client.post(PAGE, {"create": body.pk}).status_code == 302


def test_outsiders_and_visitors_are_kept_out(client, users, body):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/login/" in response.url
    client.force_login(users["outsider"])
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {"create": body.pk}).status_code == 404


def test_the_page_uses_a_fixed_number_of_queries(client, users, council, body):
    calendar_feed_create(actor=None, body=body, user=users["member"])
    client.force_login(users["member"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    few = queries()
    committee = body_create(
        actor=None, council=council, name="Arbetsutskottet", kind="working_committee"
    )
    calendar_feed_create(actor=None, body=committee, user=users["member"])
    calendar_feed_create(actor=None, body=body, user=users["member"])
    assert queries() == few
