"""The police member reads the council's incident list and imports the police's statistics
(issue 20: both answered 403), but does not review reports."""

from __future__ import annotations

from django.urls import reverse

from samverkan.incidents.models import Population


def _url(name: str, council) -> str:
    return reverse(f"incidents:{name}", kwargs={"slug": council.slug})


def test_the_police_member_reads_the_incident_list(client, users, council):
    client.force_login(users["police"])
    response = client.get(_url("incident_list", council))
    assert response.status_code == 200
    # The menu leads to the list, not only to the member's own reports.
    assert _url("incident_list", council) in response.content.decode()


def test_the_police_member_opens_the_statistics_imports(client, users, council):
    client.force_login(users["police"])
    for name in ("statistics_import", "statistics_kolada", "statistics_population"):
        assert client.get(_url(name, council)).status_code == 200, name
    page = client.get(reverse("insights:statistics", args=[council.slug])).content.decode()
    assert _url("statistics_import", council) in page


def test_the_police_member_enters_the_population(client, users, council):
    client.force_login(users["police"])
    response = client.post(
        _url("statistics_population", council), {"year": "2018", "count": "25000"}
    )
    assert response.status_code == 302
    assert Population.objects.filter(council=council, year=2018, count=25000).exists()


def test_a_member_who_does_not_sit_for_the_police_is_still_refused(client, users, council):
    client.force_login(users["member"])
    assert client.get(_url("incident_list", council)).status_code == 403
    assert client.get(_url("statistics_import", council)).status_code == 403


def test_the_police_member_does_not_review_reports(client, users, council):
    client.force_login(users["police"])
    assert client.get(_url("category_list", council)).status_code == 403
