"""Atom feeds for a municipality's website: the notice board and the published minutes.

The notice board's feed is every council's own, as its page is; the minutes' feed only of a
council that publishes, with the minutes of bodies that publish theirs (docs/formats/feeds.md).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from samverkan.meetings.models import Posting
from samverkan.meetings.selectors.meetings import postings_of
from samverkan.meetings.selectors.publication import published_meetings
from samverkan.organisations.models import BodyMandate, Council
from samverkan.organisations.selectors import access_public_council

ENTRIES = 50  # the newest; the page behind each feed holds the rest


def _feed(request: HttpRequest, title: str, page: str) -> Atom1Feed:
    return Atom1Feed(
        title=title,
        link=request.build_absolute_uri(page),
        description=title,
        language=get_language(),
        feed_url=request.build_absolute_uri(),
    )


def _response(feed: Atom1Feed) -> HttpResponse:
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _minutes_page(council: Council, posting: Posting) -> str | None:
    if council.publishes and posting.revision.meeting.body.publishes_minutes:
        return reverse(
            "meetings:public_minutes", kwargs={"slug": council.slug, "pk": posting.revision_id}
        )
    return None


def _posting_text(posting: Posting) -> str:
    meeting = posting.revision.meeting
    adjusted = posting.revision.adjusted_at
    lines = [
        f"{_('Meeting date')}: {meeting.date:%Y-%m-%d}",
        f"{_('Adjusted')}: {timezone.localtime(adjusted):%Y-%m-%d}" if adjusted else "",
        f"{_('Notice posted')}: {posting.posted_on:%Y-%m-%d}",
        f"{_('Notice taken down')}: {posting.removed_on:%Y-%m-%d}",
        f"{_('Where the minutes are kept')}: {posting.kept_at}",
    ]
    if meeting.body.mandate == BodyMandate.DECIDES:
        lines.append(
            _("Anyone may appeal a decision within three weeks of the day the notice was posted.")
        )
    else:
        lines.append(
            _(
                "%(body)s is an advisory body and does not decide under the Local Government "
                "Act, so its minutes hold no decisions to appeal."
            )
            % {"body": meeting.body.name}
        )
    return "\n".join(line for line in lines if line)


@require_GET
def notice_board_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Each posting of adjusted minutes, with its appeal period, newest first."""
    council = access_public_council(slug, publishing=False)
    board = reverse("meetings:notice_board", kwargs={"slug": slug})
    feed = _feed(request, f"{_('Notice board')}: {council.name}, {council.municipality}", board)
    for posting in postings_of(council, current_only=False)[:ENTRIES]:
        meeting = posting.revision.meeting
        page = _minutes_page(council, posting)
        feed.add_item(
            title=f"{meeting.body.name} {meeting.date:%Y-%m-%d}",
            link=request.build_absolute_uri(page or board),
            description=_posting_text(posting),
            unique_id=request.build_absolute_uri(f"{board}#posting-{posting.pk}"),
            pubdate=posting.created_at,
            updateddate=posting.updated_at,
        )
    return _response(feed)


@require_GET
def minutes_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The published minutes, each meeting once with its newest adjusted revision."""
    council = access_public_council(slug)
    board = reverse("meetings:notice_board", kwargs={"slug": slug})
    feed = _feed(request, f"{_('Minutes')}: {council.name}, {council.municipality}", board)
    published = sorted(published_meetings(council), key=lambda p: p.published_at, reverse=True)
    for entry in published[:ENTRIES]:
        meeting, revision = entry.meeting, entry.revision
        page = reverse("meetings:public_minutes", kwargs={"slug": slug, "pk": revision.pk})
        pdf = reverse("meetings:public_minutes_pdf", kwargs={"slug": slug, "pk": revision.pk})
        feed.add_item(
            title=f"{meeting.body.name} {meeting.date:%Y-%m-%d}",
            link=request.build_absolute_uri(page),
            description=_("Read the minutes of %(body)s %(date)s")
            % {"body": meeting.body.name, "date": f"{meeting.date:%Y-%m-%d}"},
            unique_id=request.build_absolute_uri(page),
            pubdate=revision.adjusted_at,
            updateddate=revision.adjusted_at,
            enclosures=[Enclosure(request.build_absolute_uri(pdf), "0", "application/pdf")],
        )
    return _response(feed)
