"""Permission-matrix rows for the notice, item files, standard items and calendar feeds."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from samverkan.accounts.models import CouncilRole
from samverkan.accounts.tests.matrix import EVERYONE, MANAGE_MEETINGS, SEE_COUNCIL
from samverkan.meetings.models import AgendaItem, CalendarFeed, ItemFile, Meeting
from samverkan.organisations.models import Body

# The smallest file that the upload check takes for a PDF.
MATRIX_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MATRIX_PDF_NAME = "meetings/tests/matrix-notice.pdf"


def _meeting(i):
    return {"slug": i["slug"], "pk": i["notice_meeting"]}


# (url name, kwargs from ids, method, answers). POSTs that succeed redirect: 302 stands for 200.
ROWS = [
    ("meetings:agenda_template", lambda i: {"slug": i["slug"]}, "get", MANAGE_MEETINGS),
    ("meetings:agenda_apply_template", _meeting, "post", MANAGE_MEETINGS),
    (
        "meetings:item_file_add",
        lambda i: {"slug": i["slug"], "item_pk": i["notice_item"]},
        "get",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:item_file_download",
        lambda i: {"slug": i["slug"], "pk": i["notice_file"]},
        "get",
        SEE_COUNCIL,
    ),
    (
        "meetings:item_file_delete",
        lambda i: {"slug": i["slug"], "pk": i["notice_file"]},
        "post",
        MANAGE_MEETINGS,
    ),
    ("meetings:notice_pdf", _meeting, "get", SEE_COUNCIL),
    ("meetings:notice_docx", _meeting, "get", SEE_COUNCIL),
    ("meetings:notice_send", _meeting, "get", MANAGE_MEETINGS),
    ("meetings:notice_send", _meeting, "post", MANAGE_MEETINGS),
    ("meetings:calendar_feeds", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    # No login: the token is the secret, so every visitor with it gets the feed.
    ("meetings:calendar_feed", lambda i: {"token": i["notice_feed_token"]}, "get", EVERYONE),
]


def notice_ids(council, user=None):
    """A planned meeting with an item, a stored item file, and a live calendar feed."""
    body = Body.objects.filter(council=council).order_by("id").first()
    # Dated before the matrix's own meeting, so that "the first meeting" stays that one.
    meeting = Meeting.objects.create(
        body=body, date=dt.date(2026, 1, 15), start_time=dt.time(13, 15), place="Rådhuset"
    )
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Lägesbild")
    if not default_storage.exists(MATRIX_PDF_NAME):
        default_storage.save(MATRIX_PDF_NAME, ContentFile(MATRIX_PDF))
    item_file = ItemFile.objects.create(
        item=item,
        file=MATRIX_PDF_NAME,
        filename="lägesbild.pdf",
        content_type="application/pdf",
        size=len(MATRIX_PDF),
    )
    token = "no-feed"
    owner = CouncilRole.objects.filter(council=council).order_by("id").first()
    if owner is not None:
        token = secrets.token_urlsafe(32)
        CalendarFeed.objects.create(body=body, user_id=owner.user_id, token=token)
    return {
        "notice_meeting": meeting.pk,
        "notice_item": item.pk,
        "notice_file": item_file.pk,
        "notice_feed_token": token,
    }


PAGES = ROWS
extra_ids = notice_ids
