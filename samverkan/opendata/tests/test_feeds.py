"""The Atom feeds a municipality's website reads: the notice board and the published minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.opendata.tests.published import SECRET_TEXT, adjust, held_meeting, publishing
from samverkan.organisations.models import Body, Council, Person

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(content: bytes) -> list[dict[str, Any]]:
    feed = ElementTree.fromstring(content)  # noqa: S314 (our own feed)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary") or "",
            "links": [link.get("href") for link in entry.findall(f"{ATOM}link")],
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def posted(council: Council) -> dict[str, Any]:
    body = Body.objects.get(council=council)
    roger = Person.objects.get(name="Roger Eklund")
    meeting = held_meeting(body, dt.date(2026, 3, 5), person=roger)
    return {"body": body, "meeting": meeting, "revision": adjust(meeting)}


def test_the_notice_board_feed_gives_each_posting_with_its_appeal_period(client, council, posted):
    response = client.get(reverse("opendata:notice_board_feed", kwargs={"slug": council.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    [entry] = entries(response.content)
    assert entry["title"] == "Brottsförebyggande rådet 2026-03-05"
    posted_on = timezone.localdate().isoformat()
    assert f"Anslaget uppsatt: {posted_on}" in entry["summary"]
    assert "Förvaringsplats för protokollet: Kommunledningskontoret" in entry["summary"]
    # an advisory body's notice does not invite appeals
    assert "rådgivande organ" in entry["summary"]
    # a council that does not publish links the board, not the minutes
    assert entry["links"][0].endswith(f"/r/{council.slug}/anslag/")
    assert SECRET_TEXT not in response.content.decode()


def test_the_notice_board_page_links_its_feeds(client, council, posted):
    page = client.get(reverse("meetings:notice_board", args=[council.slug])).content.decode()
    board = reverse("opendata:notice_board_feed", kwargs={"slug": council.slug})
    minutes = reverse("opendata:minutes_feed", kwargs={"slug": council.slug})
    # for a feed reader (in the head) and for a person (in the page)
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert f'href="{board}"' in page
    assert f'href="{minutes}"' in page
    assert "anslagstavlan som flöde (Atom)" in page


def test_a_deciding_body_s_posting_says_how_to_appeal(client, council, posted):
    Body.objects.filter(pk=posted["body"].pk).update(mandate="decides")
    response = client.get(reverse("opendata:notice_board_feed", kwargs={"slug": council.slug}))
    [entry] = entries(response.content)
    assert "inom tre veckor" in entry["summary"]


def test_the_minutes_feed_links_the_public_minutes_and_their_pdf(client, council, posted):
    url = reverse("opendata:minutes_feed", kwargs={"slug": council.slug})
    assert client.get(url).status_code == 404  # the council does not publish yet
    publishing(council)
    response = client.get(url)
    [entry] = entries(response.content)
    revision = posted["revision"].pk
    assert entry["links"][0].endswith(f"/r/{council.slug}/protokoll/{revision}/")
    assert entry["links"][1].endswith(f"/r/{council.slug}/protokoll/{revision}/protokoll.pdf")
    # and the board's feed now links the minutes too
    board = client.get(reverse("opendata:notice_board_feed", kwargs={"slug": council.slug}))
    assert entries(board.content)[0]["links"][0].endswith(f"/protokoll/{revision}/")


def test_a_body_that_does_not_publish_its_minutes_is_left_out_of_the_minutes_feed(
    client, council, posted
):
    publishing(council)
    Body.objects.filter(pk=posted["body"].pk).update(publishes_minutes=False)
    response = client.get(reverse("opendata:minutes_feed", kwargs={"slug": council.slug}))
    assert entries(response.content) == []


def test_an_unknown_council_has_no_feed(client, db):
    response = client.get(reverse("opendata:notice_board_feed", kwargs={"slug": "nowhere"}))
    assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_the_feeds_read_a_fixed_number_of_queries(
    client, council, django_assert_num_queries, count
):
    publishing(council)
    body = Body.objects.get(council=council)
    for day in range(1, count + 1):
        adjust(held_meeting(body, dt.date(2026, 3, day)))
    # the council, and the postings with their minutes, meetings and bodies
    with django_assert_num_queries(2):
        board = client.get(reverse("opendata:notice_board_feed", kwargs={"slug": council.slug}))
    assert len(entries(board.content)) == count
    # the council; the meetings, their revisions, notices sent, attendance and signatures
    with django_assert_num_queries(6):
        minutes = client.get(reverse("opendata:minutes_feed", kwargs={"slug": council.slug}))
    assert len(entries(minutes.content)) == count
