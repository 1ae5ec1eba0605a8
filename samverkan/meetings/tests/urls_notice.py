"""The project's URLs with the notice, file and feed routes added, for testing them before
they are wired into meetings/urls.py. Routes already wired there are not added twice."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from samverkan import urls as project_urls
from samverkan.meetings import urls as meetings_urls
from samverkan.meetings.views import feeds, notice

c = meetings_urls.c
m = c + "<int:pk>/"
# The lines for meetings/urls.py.
NOTICE_URLPATTERNS = [
    path(c + "standard-items/", notice.agenda_template, name="agenda_template"),
    path(c + "calendar-feeds/", feeds.calendar_feeds, name="calendar_feeds"),
    path(c + "items/<int:item_pk>/files/", notice.item_file_add, name="item_file_add"),
    path(c + "files/<int:pk>/", notice.item_file_download, name="item_file_download"),
    path(c + "files/<int:pk>/delete/", notice.item_file_delete, name="item_file_delete"),
    path(m + "apply-standard-items/", notice.agenda_apply_template, name="agenda_apply_template"),
    path(m + "kallelse.pdf", notice.notice_pdf_view, name="notice_pdf"),
    path(m + "kallelse.docx", notice.notice_docx_view, name="notice_docx"),
    path(m + "send-notice/", notice.notice_send, name="notice_send"),
    path("feeds/<slug:token>.ics", feeds.calendar_feed, name="calendar_feed"),
]
NOTICE_ROUTE_NAMES = {pattern.name for pattern in NOTICE_URLPATTERNS}


def _wired() -> set[str]:
    return {p.name for p in meetings_urls.urlpatterns if isinstance(p, URLPattern) and p.name}


def _meetings_include(pattern: object) -> bool:
    return isinstance(pattern, URLResolver) and pattern.app_name == "meetings"


meetings_patterns = list(meetings_urls.urlpatterns) + [
    pattern for pattern in NOTICE_URLPATTERNS if pattern.name not in _wired()
]
urlpatterns = [p for p in project_urls.urlpatterns if not _meetings_include(p)] + [
    path("", include((meetings_patterns, "meetings"))),
]
