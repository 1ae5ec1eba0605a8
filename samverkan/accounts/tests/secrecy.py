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

Each place names the routes it reads (`routes`: url names of the permission matrix, or
"GET /api/..." paths of its API rows). Every GET route of the permission matrix must be read by
a place, be opened only by roles that read every restricted field (`CHANGE_RECORDS`, checked
against the route's permission row), or be listed in `HOLDS_NOTHING_RESTRICTED` below with the
reason; `test_every_route_is_a_place_or_holds_nothing_restricted` fails otherwise.
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

# Roles that may read items not for publication (view_restricted in accounts/access.py): those
# who sit on the council, the police member too; the viewer, the reporter, anonymous visitors
# and outsiders may not.
RESTRICTED_READERS = frozenset({"site_admin", "coordinator", "secretary", "member", "police"})
# Roles that see people (view_people): the viewer too.
PEOPLE_READERS = frozenset({*RESTRICTED_READERS, "viewer"})
# Roles that change records (change_records): review reports, read free-text answers.
CHANGE_RECORDS = frozenset({"site_admin", "coordinator", "secretary"})
NOBODY: frozenset[str] = frozenset()
# Roles that see the council at all: they get the place's public content (the control).
SEE_COUNCIL = frozenset({*PEOPLE_READERS, "reporter"})
EVERYONE = frozenset({*SEE_COUNCIL, "anonymous", "outsider"})

Ids = dict[str, Any]


@dataclass(frozen=True)
class Place:
    """A place restricted content can reach.

    `read(client, ids)` returns everything the logged-in client gets there as text (see
    `response_text`). `secrets` must appear for each role of `readers` and for no other;
    `never` must appear for no role (a public page, a file every reader of the agenda gets);
    `shown` must appear for each role of `shown_to`, proving the place rendered its content.
    `routes` are the routes it reads: url names ("meetings:minutes_pdf") or API paths
    ("GET /api/councils/{slug}/people"), as the permission matrix names them.
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
    routes: tuple[str, ...] = ()


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


def zip_text(content: bytes) -> str:
    """The text of every member of a ZIP, each read as its kind (JSON, PDF, ...)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(
            content_text(archive.read(name), "application/pdf" if name.endswith(".pdf") else "")
            for name in archive.namelist()
        )


def content_text(content: bytes, content_type: str) -> str:
    """The text of a page or document, whatever its kind."""
    if "zip" in content_type:
        return zip_text(content)
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

# GET routes that roles other than those who change records may open and that show nothing
# restricted (see the module's docstring), each with the reason. A route that shows an item not
# for publication or its decision, an internal status note, an activity not for publication,
# people's contact details, citizens' e-mail addresses, who made a partner's report, free-text
# survey answers, or photos and descriptions of unpublished reports gets a `Place` instead.
_OWN_LOGIN = "the signed-in login's own account (allauth): nothing of the council"
_PUBLIC_FORM = "an empty form for a citizen: nothing of the council's records"
_AGREEMENT = "a form of the cooperation agreement, whose page anyone who sees the council reads"
_AGGREGATES = "counts of reports by category, place, period and map cell: no text of a report"
HOLDS_NOTHING_RESTRICTED: dict[str, str] = {
    "organisations:home": "the list of councils",
    "core:accessibility": "the accessibility statement, the same for everyone",
    "core:privacy": "the privacy notice, the same for everyone",
    "organisations:council_detail": "the council's name and its bodies, no record's content",
    "organisations:organisation_list": "names of member organisations, no person",
    "organisations:organisation_detail": "an organisation's name and kind, no person's details",
    "organisations:person_list": "people's names and organisations, no contact details",
    "organisations:public_logo": "the council's logo, public as its notice board is",
    "organisations:public_look_css": "the council's colour, public as its notice board is",
    "organisations:document_job": "a document's progress, only to the login that asked for it",
    "organisations:document_job_file": "a document made for the login that asked for it, with "
    "what that login may read (the follow-up's places read it through its download link); "
    "nobody else finds it",
    "accounts:api_tokens": "the login's own API tokens",
    "accounts:account": _OWN_LOGIN,
    "accounts:mail_choices": _OWN_LOGIN + " (which e-mails it receives, and its own address)",
    "accounts:sessions": _OWN_LOGIN + " (its own sessions: browser, system and times, no address)",
    "usersessions_list": _OWN_LOGIN + " (allauth's page of its own sessions)",
    "admin:login": "the console's login, which sends everyone to the site's login page",
    "socialaccount_connections": _OWN_LOGIN + " (its own links to identity providers)",
    "socialaccount_login_cancelled": "a fixed message: the provider sign-in was cancelled",
    "socialaccount_signup": "nobody signs up through a provider: a fixed refusal",
    "account_login": _OWN_LOGIN,
    "account_signup": _OWN_LOGIN,
    "account_logout": _OWN_LOGIN,
    "account_inactive": _OWN_LOGIN,
    "account_reauthenticate": _OWN_LOGIN,
    "account_request_reauthentication_code": _OWN_LOGIN,
    "account_confirm_reauthentication_code": _OWN_LOGIN,
    "account_email": _OWN_LOGIN,
    "account_email_verification_sent": _OWN_LOGIN,
    "account_confirm_email": _OWN_LOGIN,
    "account_confirm_login_code": _OWN_LOGIN,
    "account_change_password": _OWN_LOGIN,
    "account_set_password": _OWN_LOGIN,
    "account_reset_password": _OWN_LOGIN,
    "account_reset_password_done": _OWN_LOGIN,
    "account_reset_password_from_key": _OWN_LOGIN,
    "account_reset_password_from_key_done": _OWN_LOGIN,
    "mfa_index": _OWN_LOGIN,
    "mfa_authenticate": _OWN_LOGIN,
    "mfa_reauthenticate": _OWN_LOGIN,
    "mfa_activate_totp": _OWN_LOGIN,
    "mfa_generate_recovery_codes": _OWN_LOGIN,
    "mfa_list_webauthn": _OWN_LOGIN + " (its own passkeys: names and dates)",
    "mfa_add_webauthn": _OWN_LOGIN,
    "mfa_reauthenticate_webauthn": _OWN_LOGIN,
    "mfa_edit_webauthn": _OWN_LOGIN + " (one of its own passkeys; another's is not found)",
    "mfa_remove_webauthn": _OWN_LOGIN + " (one of its own passkeys; another's is not found)",
    "dialogue:survey_list": "surveys' titles and counts of answers",
    "dialogue:survey_detail": "a survey's questions and counts of answers, no answer's text",
    "dialogue:survey_preview": "a survey's questions as a citizen sees them",
    "dialogue:survey_poster": "the survey's public link and the council's contact for it",
    "dialogue:answer": _PUBLIC_FORM,
    "dialogue:thanks": _PUBLIC_FORM,
    "dialogue:dialogue_list": "dialogue meetings' dates and places, no input or activity",
    "dialogue:theme_list": "names of themes given by staff, with counts",
    "dialogue:walk_list": "safety walks' dates and areas, no finding's activity",
    "dialogue:walk_finding_photo": "a finding's photo: findings are for everyone who sees the "
    "council (only the activity made from one can be restricted)",
    "incidents:report": "an empty report form for a partner",
    "incidents:aggregate_create": "an empty form for a count of reports",
    "incidents:my_reports": "the login's own reports, nobody else's",
    "incidents:citizen_report": _PUBLIC_FORM,
    "incidents:address_search": "addresses of the council's register and names of its places: "
    "public facts, no record of the council",
    "incidents:citizen_thanks": _PUBLIC_FORM,
    "insights:dashboard": _AGGREGATES,
    "insights:dashboard_map": _AGGREGATES,
    "insights:dashboard_hexagons": _AGGREGATES,
    "insights:dashboard_places": _AGGREGATES + " (names of places the council set up)",
    "insights:period_report": _AGGREGATES,
    "insights:period_report_pdf": _AGGREGATES,
    "insights:period_report_docx": _AGGREGATES,
    "insights:public_hexagons": _AGGREGATES + ", whole months only",
    "insights:statistics": "official statistics (Kolada, population), no report",
    "incidents:statistics_import": "an empty form for a table of reported crimes",
    "incidents:import_jobs": "the council's imports, for those who import: file names, kinds, "
    "states and the staff login that started each; no record's content",
    "incidents:statistics_map": "the columns of the uploader's own table, nobody else's",
    "incidents:statistics_kolada": "a form and the key figures already fetched from Kolada",
    "incidents:statistics_kolada_fetch": "a form of the key figures on the list and the years",
    "incidents:statistics_population": "a form and the population figures already entered",
    "plans:agreement_create": "an empty form for a cooperation agreement",
    "plans:agreement_edit": _AGREEMENT,
    "plans:commitment_add": _AGREEMENT,
    "plans:commitment_edit": _AGREEMENT,
    "plans:party_add": _AGREEMENT,
    "plans:governance_body_add": _AGREEMENT,
    "plans:governance_body_edit": _AGREEMENT,
    "plans:agreement_signatory_add": _AGREEMENT,
    "plans:promise_set_create": "an empty form for new citizen promises",
    "incidents:open311_discovery": "the Open311 endpoint's description",
    "incidents:open311_services": "the categories a citizen may report",
    "incidents:open311_service_definition": "one category's attributes",
    "incidents:open311_token": "the request's id for the token that names it, nothing else",
    "incidents:police_events": "the police's own public events",
    "meetings:meeting_list": "meetings' dates, bodies, places and counts of items, no item",
    "meetings:calendar_feeds": "the login's own private calendar addresses",
    "plans:agreement_detail": "a cooperation agreement's parties, bodies and commitments",
    "GET /api/councils": "the councils the token's login sees",
    "GET /api/councils/{slug}/organisations": "organisations' names, no person",
    "GET /api/councils/{slug}/organisations/{organisation}": "an organisation's name, no person",
    "GET /api/councils/{slug}/bodies": "bodies' names and kinds",
    "GET /api/councils/{slug}/bodies/{body}": "a body's name and kind",
}
