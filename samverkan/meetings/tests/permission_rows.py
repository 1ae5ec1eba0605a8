"""Permission-matrix rows for the meeting pages (see accounts/tests/matrix.py)."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import MANAGE_MEETINGS, SEE_COUNCIL

PAGES = [
    ("meetings:meeting_list", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    (
        "meetings:meeting_detail",
        lambda i: {"slug": i["slug"], "pk": i["meeting"]},
        "get",
        SEE_COUNCIL,
    ),
    ("meetings:minutes_pdf", lambda i: {"slug": i["slug"], "pk": i["meeting"]}, "get", SEE_COUNCIL),
    (
        "meetings:minutes_docx",
        lambda i: {"slug": i["slug"], "pk": i["meeting"]},
        "get",
        SEE_COUNCIL,
    ),
    ("meetings:meeting_ics", lambda i: {"slug": i["slug"], "pk": i["meeting"]}, "get", SEE_COUNCIL),
    ("meetings:minutes_upload", lambda i: {"slug": i["slug"]}, "get", MANAGE_MEETINGS),
    (
        "meetings:minutes_preview",
        lambda i: {"slug": i["slug"], "pk": i["pending"]},
        "get",
        MANAGE_MEETINGS,
    ),
    (
        "meetings:minutes_confirm",
        lambda i: {"slug": i["slug"], "pk": i["pending"]},
        "post",
        MANAGE_MEETINGS,
    ),
]
