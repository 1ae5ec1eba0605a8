"""The places of the secrecy matrix, and the rows each area adds.

Beside the permission matrix (who may open a route) the secrecy matrix pins what a role reads
there: a distinct marker is planted in every restricted field, and every place that content
can reach (pages, PDF, DOCX, CSV, XLSX, e-mail, search, the API, files attached to agenda
items, public pages) is read as every role of `matrix.ROLES`. A marker must never reach a role
outside the place's readers, and must reach each reader, so that the test cannot pass by
showing nothing.

Every area that keeps restricted content adds `<app>/tests/secrecy_rows*.py` with a
module-level `PLACES` (a list of `Place`) and `plant(council, users) -> dict` that creates the
records holding the markers (built once for the whole matrix) and returns the ids its places
use. `test_secrecy_matrix.py` walks them all.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client

# Roles that may read items not for publication and see people (view_restricted and
# view_people in accounts/access.py); the reporter, anonymous visitors and outsiders may not.
RESTRICTED_READERS = frozenset({"site_admin", "coordinator", "secretary", "member", "viewer"})
PEOPLE_READERS = RESTRICTED_READERS
# Roles that change records (change_records): review reports, read free-text answers.
CHANGE_RECORDS = frozenset({"site_admin", "coordinator", "secretary"})
NOBODY: frozenset[str] = frozenset()
# Roles that see the council at all: they get the place's public content (the control).
SEE_COUNCIL = frozenset({*RESTRICTED_READERS, "reporter"})
EVERYONE = frozenset({*SEE_COUNCIL, "anonymous", "outsider"})

Ids = dict[str, Any]


@dataclass(frozen=True)
class Place:
    """A place restricted content can reach.

    `read(client, ids)` returns everything the logged-in client gets there as text (see
    `response_text`). `secrets` must appear for each role of `readers` and for no other;
    `never` must appear for no role (a public page, a file every reader of the agenda gets);
    `shown` must appear for each role of `shown_to`, proving the place rendered its content.
    """

    name: str
    read: Callable[[Client, Ids], str]
    secrets: tuple[str, ...]
    readers: frozenset[str] = RESTRICTED_READERS
    never: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    shown_to: frozenset[str] = field(default=SEE_COUNCIL)
    # What one login gets (its own mail): read per role, not once per group of roles.
    per_login: bool = False


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def xlsx_text(content: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def content_text(content: bytes, content_type: str) -> str:
    """The text of a page or document, whatever its kind."""
    if content.startswith(b"%PDF-") or "pdf" in content_type:
        return pdf_text(content)
    if "wordprocessingml" in content_type:
        return docx_text(content)
    if "spreadsheetml" in content_type:
        return xlsx_text(content)
    return content.decode("utf-8", errors="replace")


def response_text(response: HttpResponseBase) -> str:
    if isinstance(response, StreamingHttpResponse):
        body = b"".join(bytes(chunk) for chunk in response)
    else:
        assert isinstance(response, HttpResponse)  # noqa: S101 (narrows the type)
        body = response.content
    return content_text(body, response.get("Content-Type", ""))


def get(url: Callable[[Ids], str]) -> Callable[[Client, Ids], str]:
    """A place read with one GET."""
    return lambda client, ids: response_text(client.get(url(ids)))


def login_of(client: Client) -> User | None:
    """The login a test client was logged in as, or None."""
    pk = client.session.get("_auth_user_id")
    return User.objects.filter(pk=pk).first() if pk is not None else None


def _area_modules() -> list[Any]:
    root = Path(__file__).resolve().parents[2]
    names = sorted(
        ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for path in root.glob("*/tests/secrecy_rows*.py")
    )
    return [importlib.import_module(name) for name in names]


PLACES: list[Place] = []
PLANTS: list[Any] = []
for _module in _area_modules():
    PLACES += getattr(_module, "PLACES", [])
    if hasattr(_module, "plant"):
        PLANTS.append(_module.plant)
