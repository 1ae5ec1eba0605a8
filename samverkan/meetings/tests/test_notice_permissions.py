"""The permission rows of the notice, file, standard-item and feed routes, walked with every
role through urls_notice.py, as the project's matrix walks them once they are wired."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from samverkan.accounts.tests.matrix import LOGIN, ROLES
from samverkan.meetings.tests.permission_rows_notice import ROWS, notice_ids
from samverkan.meetings.tests.urls_notice import NOTICE_ROUTE_NAMES


@pytest.fixture(autouse=True)
def _media_and_urls(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with override_settings(ROOT_URLCONF="samverkan.meetings.tests.urls_notice"):
        yield


def test_every_new_route_has_a_row():
    assert {name.removeprefix("meetings:") for name, *_ in ROWS} == NOTICE_ROUTE_NAMES


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "kwargs", "method", "expected"), ROWS, ids=[f"{r[2]} {r[0]}" for r in ROWS]
)
def test_routes_answer_each_role_as_the_rows_say(
    client, users, council, mailoutbox, role, name, kwargs, method, expected
):
    # given
    if users[role] is not None:
        client.force_login(users[role])
    url = reverse(name, kwargs=kwargs({"slug": council.slug, **notice_ids(council)}))
    # when
    response = getattr(client, method)(url)
    # then
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
    elif want == 200 and method == "post":
        assert response.status_code == 302
    else:
        assert response.status_code == want
