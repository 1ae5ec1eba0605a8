"""The permission rows of the notice, file, standard-item and feed routes, walked with every
role."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samverkan.accounts.tests.matrix import LOGIN, ROLES
from samverkan.meetings import urls as meetings_urls
from samverkan.meetings.tests.permission_rows_notice import ROWS, notice_ids
from samverkan.meetings.views import agenda_template, feeds, item_files, notice


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_every_notice_file_standard_item_and_feed_route_has_a_row():
    routes = {
        p.name
        for p in meetings_urls.urlpatterns
        if getattr(p.callback, "__module__", "")
        in {m.__name__ for m in (agenda_template, feeds, item_files, notice)}
    }
    assert {name.removeprefix("meetings:") for name, *_ in ROWS} == routes


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
