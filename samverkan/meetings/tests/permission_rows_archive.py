"""Permission-matrix rows for the archive: the search and the decision register."""

from __future__ import annotations

from samverkan.accounts.tests.matrix import SEE_COUNCIL

# (url name, kwargs from ids, method, answers)
ROWS = [
    ("meetings:archive_search", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
    ("meetings:decision_register", lambda i: {"slug": i["slug"]}, "get", SEE_COUNCIL),
]

PAGES = ROWS
