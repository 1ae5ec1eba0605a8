"""Permission-matrix rows for the archive: the search and the decision register.

A row joins the project's matrix only once its route is wired into meetings/urls.py, so the
matrix stays green in between; test_archive_search.py walks every row through urls_archive.py
meanwhile.
"""

from __future__ import annotations

from django.urls import URLPattern

from samverkan.accounts.tests.matrix import SEE_COUNCIL
from samverkan.meetings import urls as meetings_urls

# (url name, kwargs from ids, method, answers)
ROWS = [
    ("meetings:archive_search", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    ("meetings:decision_register", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
]

_WIRED = {p.name for p in meetings_urls.urlpatterns if isinstance(p, URLPattern)}
PAGES = [row for row in ROWS if row[0].removeprefix("meetings:") in _WIRED]
