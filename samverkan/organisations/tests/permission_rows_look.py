"""Permission-matrix rows for the council's own look (see accounts/tests/matrix.py): the
coordinator sets it; its logo and stylesheet are public, as its notice board is."""

from __future__ import annotations

import io

from PIL import Image

from samverkan.accounts.tests.matrix import EVERYONE, MANAGE_ACCESS
from samverkan.organisations import services
from samverkan.organisations.models import Council


def extra_ids(council: Council, user: object = None) -> dict[str, object]:
    out = io.BytesIO()
    Image.new("RGB", (30, 10), (26, 82, 118)).save(out, format="PNG")
    services.council_look_change(
        actor=None,
        council=council,
        display_name="",
        colour="#1a5276",
        contact_line="",
        logo=(out.getvalue(), "logo.png"),
    )
    return {}


def _slug(i: dict[str, object]) -> dict[str, object]:
    return {"slug": i["slug"]}


PAGES = [
    ("organisations:council_look", _slug, "get", MANAGE_ACCESS),
    (
        "organisations:council_look",
        _slug,
        "post",
        MANAGE_ACCESS,
        lambda i: {"display_name": "", "colour": "#1a5276", "contact_line": "Kommunen"},
    ),
    ("organisations:public_logo", _slug, "get", EVERYONE),
    ("organisations:public_look_css", _slug, "get", EVERYONE),
]
