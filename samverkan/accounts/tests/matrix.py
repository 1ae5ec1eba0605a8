"""The answers of the permission matrix, and the rows each area adds.

Every area that adds pages or API routes adds its rows in `<app>/tests/permission_rows*.py`:
module-level `PAGES` (url name, kwargs from ids, method, answers[, POST data from ids]) and
optionally `API`
(method, path template, body factory, answers), `extra_ids(council, user) -> dict` for the
records every role's case uses (built once for the whole matrix, with user None) and
`user_ids(council, user) -> dict` for the records kept for one login (an upload waiting for its
own uploader; user None for anonymous). `test_permission_matrix.py` walks them all and fails on
a route without a row.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

ROLES = [
    "anonymous",
    "site_admin",
    "coordinator",
    "secretary",
    "member",
    # a member who sits for the police: keeps the promises and the agreement, reads the
    # incident list and imports statistics (accounts/access.py POLICE_MEMBER)
    "police",
    "reporter",
    "viewer",
    "outsider",
]
LOGIN = "login"  # anonymous visitors are sent to the login page


def answers(
    *,
    admin,
    coordinator,
    secretary,
    member,
    reporter,
    viewer,
    outsider,
    anonymous=LOGIN,
    police=None,
):
    """The answer per role; the police member answers as a member unless told."""
    return {
        "anonymous": anonymous,
        "site_admin": admin,
        "coordinator": coordinator,
        "secretary": secretary,
        "member": member,
        "police": member if police is None else police,
        "reporter": reporter,
        "viewer": viewer,
        "outsider": outsider,
    }


EVERYONE = answers(
    admin=200,
    coordinator=200,
    secretary=200,
    member=200,
    reporter=200,
    viewer=200,
    outsider=200,
    anonymous=200,
)
SEE_COUNCIL = answers(
    admin=200, coordinator=200, secretary=200, member=200, reporter=200, viewer=200, outsider=404
)
SEE_PEOPLE = answers(
    admin=200, coordinator=200, secretary=200, member=200, reporter=403, viewer=200, outsider=404
)
CHANGE = answers(
    admin=200, coordinator=200, secretary=200, member=403, reporter=403, viewer=403, outsider=404
)
MANAGE_ACCESS = answers(
    admin=200, coordinator=200, secretary=403, member=403, reporter=403, viewer=403, outsider=404
)
SITE_ADMIN = answers(
    admin=200, coordinator=403, secretary=403, member=403, reporter=403, viewer=403, outsider=403
)
LOGGED_IN = answers(
    admin=200, coordinator=200, secretary=200, member=200, reporter=200, viewer=200, outsider=200
)


MANAGE_MEETINGS = CHANGE
# Keep the citizen promises and the agreement; read the incident list; import statistics.
MANAGE_PROMISES = {**CHANGE, "police": 200}
VIEW_INCIDENTS = MANAGE_PROMISES
IMPORT_STATISTICS = MANAGE_PROMISES
# Read what is not yet public (unsigned promises, view_restricted): the viewer and the reporter
# do not see that it exists.
READ_RESTRICTED = answers(
    admin=200, coordinator=200, secretary=200, member=200, reporter=404, viewer=404, outsider=404
)
# The API answers like the pages, but an anonymous caller gets 401 instead of the login page.
# A document the worker makes (a period report, a follow-up): its link queues the job and
# redirects to the job's page (302 where the page would answer 200).
QUEUE_DOCUMENT = {role: 302 if answer == 200 else answer for role, answer in SEE_COUNCIL.items()}
API_READ_COUNCIL = {**SEE_COUNCIL, "anonymous": 401}
API_READ_PEOPLE = {**SEE_PEOPLE, "anonymous": 401}
API_CHANGE = {**CHANGE, "anonymous": 401}
API_ANY_TOKEN = {**LOGGED_IN, "anonymous": 401}


def _area_modules() -> list[Any]:
    root = Path(__file__).resolve().parents[2]
    names = sorted(
        ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for path in root.glob("*/tests/permission_rows*.py")
    )
    return [importlib.import_module(name) for name in names]


AREA_PAGES: list[Any] = []
AREA_API: list[Any] = []
EXTRA_IDS: list[Any] = []
USER_IDS: list[Any] = []
for _module in _area_modules():
    AREA_PAGES += getattr(_module, "PAGES", [])
    AREA_API += getattr(_module, "API", [])
    if hasattr(_module, "extra_ids"):
        EXTRA_IDS.append(_module.extra_ids)
    if hasattr(_module, "user_ids"):
        USER_IDS.append(_module.user_ids)
