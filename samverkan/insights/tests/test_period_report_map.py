"""The period report's map: drawn on the server (core/map_image.py) from the council's places
as the base, with the map cells numbered as in the table beside it; cells are named by their
places or nearest address, never by an H3 id."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from PIL import Image
from pypdf import PdfReader

from samverkan.core.map_image import MapCell, _scale_metres, map_png
from samverkan.incidents.demo import load_demo_incidents
from samverkan.organisations.tests.document_jobs import document_response

pytestmark = pytest.mark.usefixtures("english_pages")


def _recent() -> dict[str, str]:
    """The demo's recent reports near the named places (incidents/demo.py)."""
    today = timezone.localdate()
    return {
        "period_from": f"{today - dt.timedelta(days=400):%Y-%m-%d}",
        "period_to": f"{today:%Y-%m-%d}",
    }


H3_ID = re.compile(r"\b8[0-9a-f]{14}\b")
CAPTION = "Karta: kartcellerna med flest rapporter, numrerade som i tabellen"


@pytest.fixture
def seed(council, kbab, categories, school):
    load_demo_incidents(council)


def test_the_pdf_has_the_map_and_names_no_cell_by_its_id(council, seed, users, client):
    client.force_login(users["viewer"])
    response = document_response(
        client, reverse("insights:period_report_pdf", args=[council.slug]), _recent()
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert not H3_ID.search(text)
    assert "Nr Område Antal" in text
    assert CAPTION in text
    maps = [
        image for page in reader.pages for image in page.images if image.image.size == (1200, 800)
    ]
    assert len({image.data for image in maps}) == 1  # one map (pages may share a resource)


def test_the_docx_has_the_map_and_the_cells_by_name(council, seed, users, client):
    client.force_login(users["viewer"])
    response = document_response(
        client, reverse("insights:period_report_docx", args=[council.slug]), _recent()
    )
    document = Document(io.BytesIO(response.content))
    shape = document.inline_shapes[-1]
    assert shape._inline.docPr.get("descr") == CAPTION
    table = next(
        t for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["Nr", "Område"]
    )
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names
    assert all(name and not H3_ID.search(name) for name in names)
    assert [row.cells[0].text for row in table.rows[1:]] == [
        str(n) for n in range(1, len(names) + 1)
    ]


def test_the_map_draws_places_as_the_base_with_cells_and_a_scale():
    square = {
        "type": "Polygon",
        "coordinates": [
            [[15.99, 59.51], [16.01, 59.51], [16.01, 59.52], [15.99, 59.52], [15.99, 59.51]]
        ],
    }
    png = map_png(
        [("Nygård", square), ("Torget", {"type": "Point", "coordinates": [16.0, 59.515]})],
        [MapCell("8908b12ae6bffff", 3, 1)],
    )
    image = Image.open(io.BytesIO(png))
    assert image.size == (1200, 800)
    colours = {colour for _count, colour in image.getcolors(1_000_000) or []}
    assert any(r > 150 and g < 140 and b < 120 for r, g, b in colours)  # the cell's red
    assert (0, 0, 0) in colours  # the scale bar


def test_the_scale_is_a_round_length_that_fits():
    assert _scale_metres(2.0, 240) == 200
    assert _scale_metres(10.0, 240) == 2000
