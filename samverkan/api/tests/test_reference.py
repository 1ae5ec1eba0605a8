"""The API's reference page at /api/docs: every operation of the OpenAPI document, as a page
of the site without scripts."""

from __future__ import annotations

from samverkan.api.router import api


def test_the_reference_page_names_every_operation_and_runs_no_script(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv"' in html
    assert "swagger" not in html.lower()
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in html
    assert 'href="/api/openapi.json"' in html
    assert "MeetingDetailOut" in html
