"""Odd input on the meeting pages gets a clear answer, never a server error."""

from __future__ import annotations

import datetime as dt

from samverkan.meetings.calendar import calendar
from samverkan.meetings.models import Meeting
from samverkan.meetings.services.minutes_import import minutes_import
from samverkan.organisations.models import Body


def _meeting(council, **fields):
    body = Body.objects.get(council=council, kind="council")
    return Meeting.objects.create(body=body, date=dt.date(2026, 12, 3), **fields)


def test_a_year_in_other_digits_is_ignored(coordinator_client, council):
    assert coordinator_client.get("/councils/koping/meetings/?year=²²²²").status_code == 200


def test_an_attendance_row_in_other_digits_is_refused(coordinator_client, council):
    meeting = _meeting(council, status="held")
    response = coordinator_client.post(
        f"/councils/koping/meetings/{meeting.pk}/attendance/", {"mark-²": "present"}
    )
    assert response.status_code == 400


def test_a_meeting_date_outside_the_calendar_is_refused(coordinator_client, council):
    meeting = _meeting(council)
    response = coordinator_client.post(
        f"/councils/koping/meetings/{meeting.pk}/facts/",
        {"facts-date": "0001-01-01", "facts-start_time": "10:00"},
    )
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2026, 12, 3)


def test_a_late_meeting_without_an_end_ends_the_next_day_in_the_calendar(council):
    meeting = _meeting(council, start_time=dt.time(23, 0))
    ics = calendar([meeting], name="Rådet", host="example.se")
    # 23.00 in Stockholm in December is 22.00 UTC; two hours later is the next day.
    assert "DTSTART:20261203T220000Z" in ics
    assert "DTEND:20261204T000000Z" in ics


def test_a_notice_with_a_time_no_clock_shows_imports_without_it(council):
    notice = (
        "KALLELSE\n\nBrottsförebyggande rådet\n\nTid: 2026-12-10, kl. 13.15–15.00\n"
        "Plats: Rådhuset\n\nFöredragningslista\n\n1. Mötets öppnande\n"
        "2. Medborgarlöften kl 24\n3. Avslutning\n"
    ).encode()
    meeting, _plan = minutes_import(actor=None, council=council, data=notice, filename="k.txt")
    assert meeting.items.count() == 3
    assert meeting.items.get(number=2).planned_time is None


def test_a_place_typed_with_a_carriage_return_is_kept_on_one_line(coordinator_client, council):
    # given a place pasted with a bare carriage return and a bell in it
    meeting = _meeting(council)
    # when it is saved through the form
    response = coordinator_client.post(
        f"/councils/koping/meetings/{meeting.pk}/facts/",
        {"facts-date": "2026-12-03", "facts-place": "Stadshuset\rSal 3\x07"},
    )
    # then the place is one line, without the control characters
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Stadshuset Sal 3"


def test_a_line_break_in_a_place_injects_no_line_into_the_calendar(council):
    # given a place that holds line breaks, saved past the forms
    place = "Rådhuset\rATTENDEE:mailto:x@example.se\r\nBEGIN:VALARM\nX\x0bY\x85Z\u2028W\x07"
    meeting = _meeting(council, start_time=dt.time(13, 0), place=place)
    # when the meeting is a calendar
    ics = calendar([meeting], name="Rådet\rX-INJECTED:1", host="example.se")
    # then every line is a property of its own; the place is one escaped value
    lines = ics.split("\r\n")
    assert lines[-1] == ""
    assert not any("\r" in line or "\n" in line for line in lines)
    assert [line for line in lines if line.startswith(("ATTENDEE", "BEGIN:VALARM", "X-INJ"))] == []
    unfolded = ics.replace("\r\n ", "")
    assert (
        "LOCATION:Rådhuset\\nATTENDEE:mailto:x@example.se\\nBEGIN:VALARM\\nX\\nY\\nZ\\nW"
        in unfolded
    )
    assert "X-WR-CALNAME:Rådet\\nX-INJECTED:1" in unfolded
