"""The Open311 GeoReport v2 endpoints under /open311/v2/, and service discovery.

Services are the council's incident categories; a request is a citizen's report. Only
published reports are listed; a request created over Open311 can be read back by its id (or
its token) while it awaits moderation, without what the citizen wrote or pointed to. Creating
is limited per API key; every GET answer may be read from any origin. See
docs/formats/open311.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    ValidationError,
)
from django.core.paginator import Paginator
from django.core.validators import URLValidator, validate_email
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from samverkan.core import ratelimit
from samverkan.core.errors import ServiceError
from samverkan.core.privacy import personal_data_found
from samverkan.incidents.models import (
    MEDIA_URL_MAX,
    Category,
    Incident,
    IncidentSource,
    IncidentStatus,
    Open311Request,
)
from samverkan.incidents.open311.keys import key_check
from samverkan.incidents.open311.serialise import error, respond
from samverkan.incidents.open311.services import open311_request_create
from samverkan.incidents.services.incidents import Where
from samverkan.organisations.models import Council

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-25T00:00:00Z"
MAX_DESCRIPTION = 4000  # the specification's limit
MAX_ADDRESS = 200
MAX_IDS = 1000
MAX_SPAN = dt.timedelta(days=90)
PAGE_SIZE = 1000  # the specification's default: the first 1000 requests
# Text a client sends must not hold control characters (a database cannot store NUL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ID = re.compile(r"[0-9]{1,18}")
_TOKEN = re.compile(r"[0-9a-f]{32}")
_MEDIA_URL = URLValidator(schemes=["http", "https"])
RATE_SCOPE = "open311-key"
RATE_WINDOW = 60 * 60

Handler = Callable[..., HttpResponse]


class Open311Error(Exception):
    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def _endpoint(methods: tuple[str, ...]) -> Callable[[Handler], Handler]:
    """Answer every refusal, and any malformed request, in the specification's error format.

    Every GET answer, refusals included, may be read by a web app on any origin (CORS): they
    hold only what is public. POST answers may not.
    """

    def decorate(view: Handler) -> Handler:
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            response = _answer(view, methods, request, fmt, **kwargs)
            if request.method == "GET":
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorate


def _answer(
    view: Handler, methods: tuple[str, ...], request: HttpRequest, fmt: str, **kwargs: Any
) -> HttpResponse:
    if request.method not in methods:
        response = error(fmt, 405, _("This method is not allowed here."))
        response["Allow"] = ", ".join(methods)
        return response
    try:
        return view(request, fmt, **kwargs)
    except Open311Error as exc:
        response = error(fmt, exc.status, exc.description)
        if exc.retry_after is not None:
            response["Retry-After"] = str(exc.retry_after)
        return response
    except (RequestDataTooBig, TooManyFieldsSent):
        return error(fmt, 400, _("The request is too large."))
    except SuspiciousOperation:
        return error(fmt, 400, _("The request is malformed."))


def _params(request: HttpRequest) -> QueryDict:
    return request.POST if request.method == "POST" else request.GET


def _text(params: QueryDict, name: str, limit: int) -> str:
    value = params.get(name, "")
    if len(value) > limit:
        raise Open311Error(
            400,
            _("%(name)s is too long: at most %(limit)d characters.")
            % {"name": name, "limit": limit},
        )
    if _CONTROL.search(value):
        raise Open311Error(400, _("%(name)s holds control characters.") % {"name": name})
    return value.strip()


def _council(request: HttpRequest) -> Council:
    """The council named by jurisdiction_id; it may be left out when only one council reports."""
    wanted = request.GET.get("jurisdiction_id") or (
        request.POST.get("jurisdiction_id") if request.method == "POST" else None
    )
    councils = Council.objects.filter(publishes=True).order_by("id")
    if wanted:
        council = None
        if not _CONTROL.search(wanted):
            council = councils.filter(slug=wanted.strip()[:100]).first()
        if council is None:
            raise Open311Error(404, _("jurisdiction_id provided was not found."))
        return council
    found = list(councils[:2])
    if not found:
        raise Open311Error(404, _("No council takes reports here."))
    if len(found) > 1:
        raise Open311Error(400, _("jurisdiction_id was not provided: name the council."))
    return found[0]


def service_code(category: Category) -> str:
    return category.code or str(category.pk)


def _category(council: Council, code: str) -> Category | None:
    if _CONTROL.search(code):
        return None
    categories = Category.objects.filter(council=council).select_related("parent")
    found = categories.filter(code=code).first() if code else None
    if found is None and _ID.fullmatch(code):
        found = categories.filter(code="", pk=int(code)).first()
    return found


def _checked_category(council: Council, code: str) -> Category:
    category = _category(council, code)
    if category is None:
        raise Open311Error(404, _("service_code provided was not found."))
    return category


# ----- Service discovery, service list and definitions


@_endpoint(("GET",))
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    services_url = reverse("incidents:open311_services", kwargs={"fmt": "json"})
    base = request.build_absolute_uri(services_url.rsplit("/", 1)[0])
    data = {
        "changeset": CHANGESET,
        "contact": _("Contact the crime prevention council that publishes the reports."),
        "key_service": _("Ask the site's administrator for an API key for your app."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return respond(fmt, "discovery", data)


def _service(category: Category, children: list[str]) -> dict[str, Any]:
    group = category.parent.name if category.parent is not None else category.name
    return {
        "service_code": service_code(category),
        "service_name": category.name,
        "description": category.name
        if category.parent is None
        else f"{category.parent.name}: {category.name}",
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(children),
        "group": group,
    }


@_endpoint(("GET",))
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    council = _council(request)
    categories = list(Category.objects.filter(council=council).select_related("parent"))
    children: dict[int, list[str]] = {}
    for category in categories:
        if category.parent_id is not None:
            children.setdefault(category.parent_id, []).append(category.name)
    rows = [_service(c, children.get(c.pk, [])) for c in categories]
    return respond(fmt, "services", rows)


@_endpoint(("GET",))
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    council = _council(request)
    category = _checked_category(council, code)
    # No category asks for more than the common fields: the list of attributes is empty.
    data = {"service_code": service_code(category), "attributes": []}
    return respond(fmt, "service_definition", data)


# ----- Requests


def _status(incident: Incident) -> str:
    closed = incident.merged_into_id is not None or incident.status in (
        IncidentStatus.REJECTED,
        IncidentStatus.HANDLED,
    )
    return "closed" if closed else "open"


def _status_notes(incident: Incident) -> str:
    if incident.merged_into_id is not None:
        return _("Merged with another report of the same thing.")
    if incident.status == IncidentStatus.PENDING:
        return _("Awaiting moderation.")
    if incident.status == IncidentStatus.REJECTED:
        return _("Not published.")
    return ""


def _when(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _link(incident: Incident) -> Open311Request | None:
    """The report's Open311 row, fetched with it (select_related), or None for other reports."""
    try:
        return incident.open311
    except Open311Request.DoesNotExist:
        return None


def _request_row(council: Council, incident: Incident) -> dict[str, Any]:
    # Nothing a citizen wrote, and not the point, is public before a coordinator publishes it.
    public = incident.status == IncidentStatus.PUBLISHED
    link = _link(incident)
    media_url = link.media_url if public and link is not None and link.media_url else None
    return {
        "service_request_id": str(incident.pk),
        "status": _status(incident),
        "status_notes": _status_notes(incident),
        "service_name": incident.category.name,
        "service_code": service_code(incident.category),
        "description": incident.description if public else "",
        "agency_responsible": council.name,
        "service_notice": "",
        "requested_datetime": _when(incident.created_at),
        "updated_datetime": _when(incident.updated_at),
        "expected_datetime": None,
        "address": incident.address if public else "",
        "address_id": None,
        "zipcode": None,
        "lat": incident.latitude if public else None,
        "long": incident.longitude if public else None,
        "media_url": media_url,
    }


def _reports(council: Council) -> QuerySet[Incident]:
    return (
        Incident.objects.filter(council=council, source=IncidentSource.CITIZEN)
        .select_related("category", "open311")
        .order_by("-created_at", "-id")
    )


def _date(params: QueryDict, name: str) -> dt.datetime | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = None if _CONTROL.search(raw) else parse_datetime(raw)
    except ValueError:
        value = None
    # Years far out would overflow the 90-day span worked out from them.
    if value is None or not 1900 <= value.year <= 2200:
        raise Open311Error(400, _("%(name)s is not an ISO 8601 date and time.") % {"name": name})
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _page(params: QueryDict, name: str, default: int, limit: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not _ID.fullmatch(raw) or not 1 <= int(raw) <= limit:
        raise Open311Error(
            400,
            _("%(name)s must be a whole number from 1 to %(limit)d.")
            % {"name": name, "limit": limit},
        )
    return int(raw)


def _filtered(council: Council, params: QueryDict) -> QuerySet[Incident]:
    reports = _reports(council).filter(status=IncidentStatus.PUBLISHED)
    ids_raw = params.get("service_request_id", "").strip()
    if ids_raw:
        ids = [part.strip() for part in ids_raw.split(",") if part.strip()]
        if len(ids) > MAX_IDS or not all(_ID.fullmatch(part) for part in ids):
            raise Open311Error(
                400, _("service_request_id must be a comma-separated list of request ids.")
            )
        # The list of ids overrides every other filter.
        return reports.filter(pk__in=[int(part) for part in ids])
    codes = [part.strip() for part in params.get("service_code", "").split(",") if part.strip()]
    codes = [code for code in codes[:MAX_IDS] if not _CONTROL.search(code)]
    if codes:
        by_id = [int(code) for code in codes if _ID.fullmatch(code)]
        reports = reports.filter(
            Q(category__code__in=codes) | Q(category__code="", category_id__in=by_id)
        )
    start, end = _date(params, "start_date"), _date(params, "end_date")
    if start is None:
        end = end or timezone.now()
        start = end - MAX_SPAN
    elif end is None:
        end = start + MAX_SPAN
    if end < start:
        raise Open311Error(400, _("end_date is before start_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(400, _("start_date and end_date are more than 90 days apart."))
    reports = reports.filter(created_at__gte=start, created_at__lte=end)
    statuses = {part.strip() for part in params.get("status", "").split(",") if part.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status must be open or closed."))
    if statuses == {"open"}:
        reports = reports.filter(merged_into__isnull=True)
    elif statuses == {"closed"}:
        reports = reports.filter(merged_into__isnull=False)
    return reports


def _float(params: QueryDict, name: str) -> float | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw[:50])
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise Open311Error(400, _("%(name)s is not a number.") % {"name": name})
    return value


def _media_url(params: QueryDict) -> str:
    """An http(s) address of at most MEDIA_URL_MAX characters, without a user name or password;
    kept as given and never fetched."""
    value = _text(params, "media_url", MEDIA_URL_MAX)
    if not value:
        return ""
    refusal = Open311Error(400, _("media_url must be an http or https address."))
    try:
        _MEDIA_URL(value)
    except ValidationError as exc:
        raise refusal from exc
    # A user name or password in the address would be shown to staff.
    if urlsplit(value).username is not None:
        raise refusal
    return value


def _check_rate(key_id: int) -> None:
    """Hold back a flood from one app: OPEN311_POSTS_PER_HOUR requests per key an hour."""
    if ratelimit.limited(RATE_SCOPE, str(key_id), limit=settings.OPEN311_POSTS_PER_HOUR):
        raise Open311Error(
            429,
            _("Too many requests with this api_key: try again in an hour."),
            retry_after=RATE_WINDOW,
        )
    ratelimit.record(RATE_SCOPE, str(key_id), window=RATE_WINDOW)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    api_key = params.get("api_key", "").strip()
    if not api_key:
        raise Open311Error(403, _("api_key was not provided."))
    key = key_check(api_key)
    if key is None:
        raise Open311Error(403, _("api_key is not valid or has been revoked."))
    _check_rate(key.pk)
    council = _council(request)
    code = _text(params, "service_code", 100)
    if not code:
        raise Open311Error(400, _("service_code was not provided."))
    category = _checked_category(council, code)
    latitude, longitude = _float(params, "lat"), _float(params, "long")
    if (latitude is None) != (longitude is None):
        raise Open311Error(400, _("Give both lat and long, or neither."))
    address = _text(params, "address_string", MAX_ADDRESS)
    if latitude is None and not address:
        if params.get("address_id", "").strip():
            raise Open311Error(
                400, _("address_id is not supported here: give lat and long or address_string.")
            )
        raise Open311Error(
            400, _("A location was not provided: give lat and long or address_string.")
        )
    description = _text(params, "description", MAX_DESCRIPTION)
    found = personal_data_found(description)
    if found:
        raise Open311Error(
            400,
            _(
                "The description seems to hold %(what)s. Do not write personal data: "
                "describe the place and what happened."
            )
            % {"what": ", ".join(str(item) for item in found)},
        )
    email = _text(params, "email", 254)
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise Open311Error(400, _("email is not a valid e-mail address.")) from exc
    media_url = _media_url(params)
    # first_name, last_name, phone, device_id and account_id are not kept: a citizen's report
    # keeps an e-mail address for feedback, and nothing more about them.
    try:
        incident = open311_request_create(
            key=key,
            council=council,
            category=category,
            where=Where(latitude=latitude, longitude=longitude, address=address),
            description=description,
            contact_email=email,
            media_url=media_url,
        )
    except ServiceError as exc:
        raise Open311Error(400, str(exc.message)) from exc
    link = _link(incident)
    data = [
        {
            "service_request_id": str(incident.pk),
            "token": link.token if link is not None else None,
            "service_notice": _(
                "Thank you. The report awaits moderation; "
                "what you wrote is published only if a coordinator approves it."
            ),
            "account_id": None,
        }
    ]
    return respond(fmt, "service_requests", data)


@csrf_exempt
@_endpoint(("GET", "POST"))
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    council = _council(request)
    params = request.GET
    page_size = _page(params, "page_size", PAGE_SIZE, PAGE_SIZE)
    page = Paginator(_filtered(council, params), page_size).get_page(
        _page(params, "page", 1, 1_000_000)
    )
    return respond(fmt, "service_requests", [_request_row(council, i) for i in page.object_list])


@_endpoint(("GET",))
def request_detail(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    council = _council(request)
    incident = None
    if _ID.fullmatch(request_id):
        # A published report; before publication (or after it is withdrawn) only the app that
        # sent it reads it, by the token its POST was answered with: ids are guessable.
        readable = Q(status=IncidentStatus.PUBLISHED)
        token = request.GET.get("token", "")
        if _TOKEN.fullmatch(token):
            readable |= Q(open311__token=token)
        incident = _reports(council).filter(pk=int(request_id)).filter(readable).first()
    if incident is None:
        raise Open311Error(404, _("service_request_id provided was not found."))
    return respond(fmt, "service_requests", [_request_row(council, incident)])


@_endpoint(("GET",))
def token(request: HttpRequest, fmt: str, token_id: str) -> HttpResponse:
    """The service_request_id of the request a POST answered with this token."""
    council = _council(request)
    link = None
    if _TOKEN.fullmatch(token_id):
        link = Open311Request.objects.filter(token=token_id, incident__council=council).first()
    if link is None:
        raise Open311Error(404, _("token_id provided was not found."))
    data = [{"service_request_id": str(link.incident_id), "token": link.token}]
    return respond(fmt, "service_requests", data)


FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    re_path(r"^open311/discovery" + FMT, discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + FMT, services, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<code>[^/]{1,100})" + FMT,
        service_definition,
        name="open311_service_definition",
    ),
    re_path(r"^open311/v2/requests" + FMT, requests, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[^/]{1,100})" + FMT,
        request_detail,
        name="open311_request",
    ),
    re_path(r"^open311/v2/tokens/(?P<token_id>[^/]{1,100})" + FMT, token, name="open311_token"),
]
