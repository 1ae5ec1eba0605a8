"""The project's URLs with the archive routes added, for testing them before they are wired
into meetings/urls.py. Routes already wired there are not added twice."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from samverkan import urls as project_urls
from samverkan.meetings import urls as meetings_urls
from samverkan.meetings.views import archive as archive_views

c = meetings_urls.c
# The lines for meetings/urls.py.
ARCHIVE_URLPATTERNS = [
    path(c + "search/", archive_views.archive_search, name="archive_search"),
    path(c + "decisions/", archive_views.decision_register, name="decision_register"),
]


def _wired() -> set[str]:
    return {p.name for p in meetings_urls.urlpatterns if isinstance(p, URLPattern) and p.name}


def _meetings_include(pattern: object) -> bool:
    return isinstance(pattern, URLResolver) and pattern.app_name == "meetings"


meetings_patterns = list(meetings_urls.urlpatterns) + [
    pattern for pattern in ARCHIVE_URLPATTERNS if pattern.name not in _wired()
]
urlpatterns = [p for p in project_urls.urlpatterns if not _meetings_include(p)] + [
    path("", include((meetings_patterns, "meetings"))),
]
