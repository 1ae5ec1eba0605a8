"""Kolada key figures chosen from a list and fetched for the municipality's code from the
configured address (KOLADA_URL): here a local server on 127.0.0.1 answering as Kolada does."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.incidents.models import KeyFigure, Population
from samverkan.incidents.services import statistics

pytestmark = pytest.mark.django_db


def _kolada(kpi: str, year: int, value: float, municipality: str = "1983") -> dict[str, object]:
    return {
        "kpi": kpi,
        "municipality": municipality,
        "period": year,
        "values": [{"gender": "T", "count": 1, "status": "", "value": value}],
    }


class _Kolada(BaseHTTPRequestHandler):
    pages: dict[str, bytes] = {}  # noqa: RUF012 (the test server's answers)
    status = 200
    seen: list[str] = []  # noqa: RUF012 (the test server's log)

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).seen.append(self.path)
        body = self.pages.get(self.path.split("?")[0], b'{"count": 0, "values": []}')
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def kolada(settings):
    server = HTTPServer(("127.0.0.1", 0), _Kolada)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}/v2"
    settings.KOLADA_URL = base
    _Kolada.seen, _Kolada.status = [], 200
    first = {
        "count": 3,
        "values": [_kolada("N07540", 2022, 9876.5), _kolada("N01951", 2022, 26500)],
        "next_page": f"{base}/page2",
    }
    _Kolada.pages = {
        "/v2/data/kpi/N07540,N01951/municipality/1983/year/2022,2023": json.dumps(first).encode(),
        "/v2/page2": json.dumps({"values": [_kolada("N07540", 2023, 9000.0)]}).encode(),
    }
    yield _Kolada
    server.shutdown()
    server.server_close()


@pytest.fixture
def koping(council):
    council.municipality.code = "1983"
    council.municipality.save()
    return council


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def test_key_figures_are_fetched_for_the_municipality_with_their_pages(koping, kolada):
    # when the council fetches two key figures of the list for 2022 and 2023
    result = statistics.key_figures_fetch(
        actor=None, council=koping, kpis=["N07540", "N01951"], years=[2023, 2022]
    )
    # then Kolada was asked for them by the municipality's code, its next page was followed,
    # and the figures and the year's population are saved
    assert kolada.seen[0] == "/v2/data/kpi/N07540,N01951/municipality/1983/year/2022,2023"
    assert kolada.seen[1] == "/v2/page2"
    assert result.created == 3
    assert dict(KeyFigure.objects.filter(kpi="N07540").values_list("year", "value")) == {
        2022: 9876.5,
        2023: 9000.0,
    }
    assert Population.objects.get(council=koping, year=2022).count == 26500


def test_a_next_page_elsewhere_is_not_followed(koping, kolada):
    page = json.loads(kolada.pages["/v2/data/kpi/N07540,N01951/municipality/1983/year/2022,2023"])
    page["next_page"] = "http://example.invalid/steal"
    kolada.pages["/v2/data/kpi/N07540,N01951/municipality/1983/year/2022,2023"] = json.dumps(
        page
    ).encode()
    statistics.key_figures_fetch(
        actor=None, council=koping, kpis=["N07540", "N01951"], years=[2022, 2023]
    )
    assert len(kolada.seen) == 1


@pytest.mark.parametrize(
    ("kpis", "years", "message"),
    [
        (["X99999"], [2022], "Choose key figures from the list"),
        ([], [2022], "Choose key figures from the list"),
        (["N07540"], [1800], "between 1900 and 2200"),
    ],
)
def test_a_bad_choice_is_refused_before_asking(koping, kolada, kpis, years, message):
    with pytest.raises(ServiceError, match=message):
        statistics.key_figures_fetch(actor=None, council=koping, kpis=kpis, years=years)
    assert kolada.seen == []


def test_kolada_out_of_reach_or_answering_nonsense_saves_nothing(koping, kolada):
    kolada.status = 503
    with pytest.raises(ServiceError, match="Kolada could not be reached"):
        statistics.key_figures_fetch(actor=None, council=koping, kpis=["N07540"], years=[2022])
    kolada.status = 200
    kolada.pages["/v2/data/kpi/N07540/municipality/1983/year/2022"] = b"<html>"
    with pytest.raises(ServiceError, match="not JSON"):
        statistics.key_figures_fetch(actor=None, council=koping, kpis=["N07540"], years=[2022])
    assert not KeyFigure.objects.exists()


def test_a_municipality_without_a_code_is_told_so(council, kolada):
    council.municipality.code = ""
    council.municipality.save()
    with pytest.raises(ServiceError, match="no municipality code"):
        statistics.key_figures_fetch(actor=None, council=council, kpis=["N07540"], years=[2022])


def test_the_fetch_page_fetches_and_shows_the_figures_by_name(client, users, koping, kolada):
    client.force_login(users["coordinator"])
    url = reverse("incidents:statistics_kolada_fetch", args=[koping.slug])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kpis": ["N07540", "N01951"], "year_from": "2022", "year_to": "2023"}
    )
    assert response.status_code == 302
    page = client.get(reverse("insights:statistics", args=[koping.slug]))
    assert "Anmälda brott totalt" in page.content.decode()


def test_bad_input_on_the_fetch_page_keeps_what_was_typed(client, users, koping, kolada):
    client.force_login(users["coordinator"])
    url = reverse("incidents:statistics_kolada_fetch", args=[koping.slug])
    response = client.post(url, {"kpis": ["N07540"], "year_from": "2023", "year_to": "2001"})
    assert response.status_code == 400
    assert 'value="2001"' in response.content.decode()
    assert kolada.seen == []
    response = client.post(url, {"kpis": ["X1"], "year_from": "2022", "year_to": "2022"})
    assert response.status_code == 400
    kolada.status = 500
    response = client.post(url, {"kpis": ["N07540"], "year_from": "2022", "year_to": "2022"})
    assert response.status_code == 400
    assert "could not be reached" in response.content.decode() or "Kolada" in (
        response.content.decode()
    )
    assert not KeyFigure.objects.exists()


def test_the_command_fetches_too(koping, kolada):
    call_command(
        "import_statistics",
        koping.slug,
        "kolada-fetch",
        "--kpi",
        "N07540",
        "--kpi",
        "N01951",
        "--year",
        "2022",
        "--year",
        "2023",
    )
    assert KeyFigure.objects.filter(kpi="N07540").count() == 2
