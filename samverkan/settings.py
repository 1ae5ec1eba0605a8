"""Settings for Samverkan, read from the environment with safe defaults.

Every variable is documented in README.md. Bad values fail loudly at start-up.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from samverkan.env import (
    PRIVATE_DIRECTORY,
    PRIVATE_FILE,
    env_bool,
    env_int,
    env_list,
    env_required,
    env_secret,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent


def private_directory(path: Path) -> Path:
    """Create the directory (and its missing parents) for the platform's user only."""
    if not path.exists():
        path.mkdir(mode=PRIVATE_DIRECTORY, parents=True)
        path.chmod(PRIVATE_DIRECTORY)  # mkdir's mode passes through the umask
    return path


def private_file(path: Path, content: str = "") -> Path:
    """Create the file for the platform's user only (never readable by others, not even for
    a moment); an existing file is left as it is."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return path
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(content)
    path.chmod(PRIVATE_FILE)
    return path


VAR_DIR = private_directory(
    Path(os.environ.get("SAMVERKAN_VAR_DIR", BASE_DIR.parent / "var")).resolve()
)


def _secret_key() -> str:
    given = env_secret("SECRET_KEY")
    if given:
        return given
    # Generated once and kept, so sessions survive restarts.
    key_file = private_file(VAR_DIR / "secret_key", secrets.token_urlsafe(50))
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "template_partials",
    "csp",
    "leaflet",  # django-leaflet: Leaflet served from its static files, never from a CDN
    "django_tasks",
    "django_tasks_db",
    "samverkan.core",
    "samverkan.accounts",
    "samverkan.organisations",
    "samverkan.meetings",
    "samverkan.plans",
    "samverkan.incidents",
    "samverkan.dialogue",
    "samverkan.insights",
    "samverkan.demo",
    "samverkan.opendata",
    "samverkan.webhooks",
    # The operator's console (core/console.py), site administrators only; after the
    # project's apps, whose templates replace the admin's. The simple config
    # finds no admin.py by itself (leaflet's needs GDAL): urls.py imports the project's.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.humanize",  # allauth's list of security keys says when each was last used
    # After the project's apps, so that the project's templates replace allauth's.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Single sign-on (OpenID Connect, SAML 2.0), configured from the environment below.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.usersessions",  # a login's sessions, listed and ended on Mitt konto
]

MIDDLEWARE = [
    # First: every log line of the request, even a redirect's, carries its id.
    "samverkan.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "samverkan.accounts.sso.SAMLHostMiddleware",  # SAML without a Host header: 400
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samverkan.core.middleware.LanguageMiddleware",
    "samverkan.core.middleware.RequestSizeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samverkan.accounts.session_activity.SessionActivityMiddleware",
    "samverkan.accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "samverkan.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "samverkan.urls"
WSGI_APPLICATION = "samverkan.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            # Made here, empty and private, so that sqlite does not make it world-readable.
            "NAME": str(private_file(VAR_DIR / "samverkan.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while one writer writes. A page cache of 64 MiB per
                # connection (SQLite's default is 2 MiB) keeps the indexes of a large incident
                # table in memory: an import into a million reports is a fifth faster.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA cache_size=-65536;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    # Files under var/, shared by every worker process of this machine. The rate limits count
    # in the database (core.RateCount): a cache evicts entries when full.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(private_directory(VAR_DIR / "cache")),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 first; logins with older hashes are upgraded when they next log in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# django-allauth: local logins by user name, no sign-up (a coordinator invites), password reset
# by a one-time link to the login's e-mail address. Its own cache-based limit on failed logins is
# off: accounts/login_limit.py counts them durably, in front of it.
ACCOUNT_ADAPTER = "samverkan.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "samverkan.accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": None}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Samverkan: "
# The second factor (allauth.mfa): an app's one-time codes (TOTP) and recovery codes. Which roles
# must have it is each council's setting (accounts.SecondFactorPolicy); a login that must and has
# none is led to enrol before anything else. SECOND_FACTOR_OPTIONAL lets every login skip it: the
# demo sets it (and the login page says so); never in production.
# allauth's tracking writes on every request; accounts/session_activity.py does it every 5 min.
USERSESSIONS_TRACK_ACTIVITY = False
# Passkeys and security keys (WebAuthn) count as the second factor like an app; the relying
# party is the host the browser asked for (allauth's adapter), so a key made on one address of
# the site does not work on another. Signing in with a passkey alone is off: every sign-in passes
# the password form, where the durable lockout, the security log and the sign-in record live.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
# Our forms put allauth's checks behind the durable wait and refuse a malformed passkey answer.
MFA_FORMS = {
    "authenticate": "samverkan.accounts.forms.AuthenticateForm",
    "reauthenticate": "samverkan.accounts.forms.ReauthenticateForm",
    "add_webauthn": "samverkan.accounts.forms.AddPasskeyForm",
    "authenticate_webauthn": "samverkan.accounts.forms.AuthenticatePasskeyForm",
    "reauthenticate_webauthn": "samverkan.accounts.forms.ReauthenticatePasskeyForm",
}
MFA_TOTP_ISSUER = "Samverkan"
# An app's code is taken for one 30-second step either side (RFC 6238's allowed delay): a code
# typed as the app turned over, or a phone's clock a little off, is not refused.
MFA_TOTP_TOLERANCE = 1
SECOND_FACTOR_OPTIONAL = env_bool("SECOND_FACTOR_OPTIONAL", False)

# Single sign-on for the staff of the municipality and the police (docs/design/identity.md):
# OpenID Connect and SAML 2.0 providers, each from the environment only. A first sign-in links
# to an invited login by a verified e-mail address; nobody signs up; roles stay in the platform.
SSO_PROVIDER_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")
# OpenID Connect `amr` values (RFC 8176) that say a second factor was used.
SSO_OIDC_SECOND_FACTOR_AMR = ["mfa", "otp", "hwk", "swk", "sms", "tel", "sc", "fpt", "face"]
# SAML AuthnContextClassRef values of a multi-factor kind: ADFS and Entra ID, REFEDS, the SAML
# standard's own, and the Swedish e-identification's level 3 and above.
SSO_SAML_SECOND_FACTOR_CONTEXTS = [
    "http://schemas.microsoft.com/claims/multipleauthn",
    "https://refeds.org/profile/mfa",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
    "http://id.elegnamnden.se/loa/1.0/loa3",
    "http://id.elegnamnden.se/loa/1.0/loa4",
]
# ADFS's claim names first, then the common ones.
SSO_SAML_EMAIL_ATTRIBUTES = [
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    "urn:oid:0.9.2342.19200300.100.1.3",
    "email",
    "mail",
]


def sso_provider_ids(name: str) -> list[str]:
    ids = env_list(name, [])
    for provider_id in ids:
        if not SSO_PROVIDER_ID.fullmatch(provider_id):
            raise ImproperlyConfigured(
                f"{name}: {provider_id!r} must be lower-case letters, digits and dashes"
            )
    if len(set(ids)) != len(ids):
        raise ImproperlyConfigured(f"{name} names a provider twice")
    return ids


def sso_prefix(kind: str, provider_id: str) -> str:
    return f"SSO_{kind}_{provider_id.upper().replace('-', '_')}"


def sso_oidc_apps() -> list[dict[str, Any]]:
    """One allauth app per provider named in SSO_OIDC_PROVIDERS (Entra ID: the issuer is
    https://login.microsoftonline.com/<tenant>/v2.0)."""
    apps = []
    for provider_id in sso_provider_ids("SSO_OIDC_PROVIDERS"):
        prefix = sso_prefix("OIDC", provider_id)
        secret = env_secret(f"{prefix}_CLIENT_SECRET")
        if not secret:
            raise ImproperlyConfigured(f"{prefix}_CLIENT_SECRET or its _FILE must be set")
        scopes = env_list(f"{prefix}_SCOPES", ["openid", "profile", "email"])
        if "openid" not in scopes:
            raise ImproperlyConfigured(f"{prefix}_SCOPES must include openid")
        apps.append(
            {
                "provider_id": provider_id,
                "name": os.environ.get(f"{prefix}_NAME", "").strip() or provider_id,
                "client_id": env_required(f"{prefix}_CLIENT_ID"),
                "secret": secret,
                "settings": {
                    "server_url": env_url(f"{prefix}_ISSUER"),
                    "scope": scopes,
                    "oauth_pkce_enabled": True,
                    "second_factor_amr": env_list(
                        f"{prefix}_SECOND_FACTOR_AMR", SSO_OIDC_SECOND_FACTOR_AMR
                    ),
                },
            }
        )
    return apps


def sso_saml_idp(prefix: str) -> dict[str, str]:
    """The identity provider from its metadata: a file read now, or an address read at sign-in."""
    metadata_url = env_url(f"{prefix}_METADATA_URL", required=False)
    metadata_file = os.environ.get(f"{prefix}_METADATA_FILE", "").strip()
    if bool(metadata_url) == bool(metadata_file):
        raise ImproperlyConfigured(f"Set one of {prefix}_METADATA_URL and {prefix}_METADATA_FILE")
    if metadata_url:
        return {"metadata_url": metadata_url, "entity_id": env_required(f"{prefix}_ENTITY_ID")}
    try:
        xml = Path(metadata_file).read_text(encoding="utf-8")
        idp = OneLogin_Saml2_IdPMetadataParser.parse(
            xml, entity_id=os.environ.get(f"{prefix}_ENTITY_ID") or None
        )["idp"]
        return {
            "entity_id": idp["entityId"],
            "sso_url": idp["singleSignOnService"]["url"],
            "x509cert": idp["x509cert"],
        }
    except (OSError, KeyError, ValueError, SyntaxError) as exc:
        raise ImproperlyConfigured(
            f"{prefix}_METADATA_FILE is not an identity provider's metadata: {exc}"
        ) from exc


def sso_saml_apps() -> list[dict[str, Any]]:
    """One allauth app per provider named in SSO_SAML_PROVIDERS (ADFS and the like)."""
    apps = []
    for provider_id in sso_provider_ids("SSO_SAML_PROVIDERS"):
        prefix = sso_prefix("SAML", provider_id)
        apps.append(
            {
                "provider_id": provider_id,
                "name": os.environ.get(f"{prefix}_NAME", "").strip() or provider_id,
                # allauth calls it the organisation: it names the provider in the addresses.
                "client_id": provider_id,
                "settings": {
                    "idp": sso_saml_idp(prefix),
                    "attribute_mapping": {
                        "uid": "http://schemas.microsoft.com/identity/claims/objectidentifier",
                        "email": env_list(f"{prefix}_EMAIL_ATTRIBUTES", SSO_SAML_EMAIL_ATTRIBUTES),
                    },
                    "second_factor_contexts": env_list(
                        f"{prefix}_SECOND_FACTOR_CONTEXTS", SSO_SAML_SECOND_FACTOR_CONTEXTS
                    ),
                    "sp": {"entity_id": os.environ.get(f"{prefix}_SP_ENTITY_ID", "").strip()},
                    "advanced": {
                        "want_assertion_signed": True,
                        "reject_idp_initiated_sso": True,
                        "allow_single_label_domains": True,
                    },
                },
            }
        )
    return apps


SOCIALACCOUNT_ADAPTER = "samverkan.accounts.sso.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, Any]] = {
    "openid_connect": {"APPS": sso_oidc_apps()},
    "saml": {"APPS": sso_saml_apps(), "provider_class": "samverkan.accounts.sso.SAMLProvider"},
}
# A first sign-in finds the invited login by a verified e-mail address and links it.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "organisations:home"
LOGOUT_REDIRECT_URL = "organisations:home"
# Failed logins of one user name at one address before it must wait (a minute, doubling with each
# further failure up to LOGIN_LOCKOUT_SECONDS); accounts/login_limit.py.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
if LOGIN_MAX_FAILURES < 1 or LOGIN_LOCKOUT_SECONDS < 60:
    raise ImproperlyConfigured(
        "LOGIN_MAX_FAILURES must be at least 1 and LOGIN_LOCKOUT_SECONDS at least 60"
    )

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["samverkan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = private_directory(VAR_DIR / "static")
MEDIA_ROOT = private_directory(VAR_DIR / "media")
# Uploaded files and the directories made for them: for the platform's user only.
FILE_UPLOAD_PERMISSIONS = PRIVATE_FILE
FILE_UPLOAD_DIRECTORY_PERMISSIONS = PRIVATE_DIRECTORY
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_storage() -> dict[str, Any] | None:
    """Uploaded files on S3-compatible object storage (django-storages with boto3) when the
    operator names a bucket (S3_BUCKET); None keeps them on the filesystem under MEDIA_ROOT.
    Files are private: no ACL is given (the bucket's own, which must not be public) and the
    platform never links to the bucket; every file is read back through its access-checked
    view. docs/operations.md."""
    bucket = os.environ.get("S3_BUCKET", "").strip()
    if not bucket:
        return None
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_secret("S3_SECRET_ACCESS_KEY"),
            "location": os.environ.get("S3_PREFIX", "").strip("/"),
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


if (_s3 := s3_storage()) is not None:
    STORAGES["default"] = _s3
WHITENOISE_USE_FINDERS = True
# Static files under hashed names (cached for a year by browsers) and compressed (gzip, Brotli),
# served from STATIC_ROOT: what `samverkan run` serves, having collected them when they changed
# (core/static_files.py). Off by default, so that tests and a checkout read them in place.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
if STATIC_MANIFEST:
    STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    WHITENOISE_USE_FINDERS = False

# Sessions and cookies: secure by default; SECURE_COOKIES=false only for plain-HTTP development.
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# A load balancer may ask /healthz over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Behind a reverse proxy every request comes from the proxy's address: trust its
# X-Forwarded-Proto, and take the client's address from the last hop of X-Forwarded-For.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# Open311: requests one API key may create an hour (more answer 429), to hold back a flood.
OPEN311_POSTS_PER_HOUR = env_int("OPEN311_POSTS_PER_HOUR", 120)
if OPEN311_POSTS_PER_HOUR < 1:
    raise ImproperlyConfigured(
        f"OPEN311_POSTS_PER_HOUR must be at least 1, not {OPEN311_POSTS_PER_HOUR}"
    )
# The JSON API: requests one token may make in a window of API_RATE_WINDOW_SECONDS (more answer
# 429 with Retry-After); api/router.py.
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
API_RATE_WINDOW_SECONDS = env_int("API_RATE_WINDOW_SECONDS", 60)
if API_RATE_LIMIT < 1 or API_RATE_WINDOW_SECONDS < 1:
    raise ImproperlyConfigured("API_RATE_LIMIT and API_RATE_WINDOW_SECONDS must be at least 1")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# What an upload may unpack to (core/upload_limits.py), checked before any decoding: a ZIP
# container's (DOCX, XLSX) members and uncompressed sizes, an image's pixels, a PDF's pages, a
# sheet's rows and columns; and the photos one person may send per request and per hour.
_MIB = 1024 * 1024
UPLOAD_MAX_ZIP_MEMBERS = env_int("UPLOAD_MAX_ZIP_MEMBERS", 10_000)
# A sheet of 500,000 rows (the most a table import reads) unpacks to about 180 MiB of XML.
UPLOAD_MAX_UNPACKED_MEMBER_BYTES = env_int("UPLOAD_MAX_UNPACKED_MEMBER_BYTES", 256 * _MIB)
UPLOAD_MAX_UNPACKED_BYTES = env_int("UPLOAD_MAX_UNPACKED_BYTES", 256 * _MIB)
UPLOAD_MAX_IMAGE_PIXELS = env_int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000)
UPLOAD_MAX_PDF_PAGES = env_int("UPLOAD_MAX_PDF_PAGES", 500)
UPLOAD_MAX_SHEET_ROWS = env_int("UPLOAD_MAX_SHEET_ROWS", 500_000)
UPLOAD_MAX_SHEET_COLUMNS = env_int("UPLOAD_MAX_SHEET_COLUMNS", 1_000)
UPLOAD_MAX_PHOTOS_PER_REQUEST = env_int("UPLOAD_MAX_PHOTOS_PER_REQUEST", 5)
UPLOAD_MAX_PHOTOS_PER_HOUR = env_int("UPLOAD_MAX_PHOTOS_PER_HOUR", 60)
# A request body larger than this is refused with 413 from its Content-Length before it is
# read (core.middleware.RequestSizeMiddleware): the largest upload (an incident import of
# 50 MB, or five photos of 10 MB) and its form. The proxy's client_max_body_size matches it.
UPLOAD_MAX_REQUEST_BYTES = env_int("UPLOAD_MAX_REQUEST_BYTES", 52 * _MIB)
for _name in [name for name in dir() if name.startswith("UPLOAD_MAX_")]:
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, not {globals()[_name]}")

# The base map (docs/operations.md, "Base map"): a raster tile archive the platform serves
# itself at /tiles/ (MBTiles or PMTiles), else a tile service's URL template ({z}/{x}/{y}, or a
# WMTS REST template), else none: the maps then draw the council's areas and places only.
MAP_TILES_FILE = os.environ.get("MAP_TILES_FILE", "")
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
# The credit line under every map; an archive's own credit (its metadata) when left empty.
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "")
# The police's public events feed, fetched by `samverkan fetch-police-events` for the councils
# that turn it on (docs/formats/police-events.md).
POLICE_EVENTS_URL = os.environ.get("POLICE_EVENTS_URL", "https://polisen.se/api/events")
POLICE_EVENTS_USER_AGENT = os.environ.get(
    "POLICE_EVENTS_USER_AGENT", "Samverkan (lokalt brottsförebyggande råd)"
)
# Kolada's API v2, asked for the key figures a council chooses (incidents/kolada.py); a closed
# network points it at a mirror or imports Kolada's answer saved as a file.
KOLADA_URL = os.environ.get("KOLADA_URL", "https://api.kolada.se/v2")


def sso_origins(providers: dict[str, dict[str, Any]]) -> list[str]:
    """The providers' own sites: signing in submits a form here that leads to their pages."""
    addresses = [
        *(app["settings"]["server_url"] for app in providers["openid_connect"]["APPS"]),
        *(
            app["settings"]["idp"].get("sso_url") or app["settings"]["idp"]["metadata_url"]
            for app in providers["saml"]["APPS"]
        ),
    ]
    return sorted({"{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in addresses})


def map_tile_origins(tiles_file: str, tiles_url: str) -> list[str]:
    """The origin of the tile service the maps draw from, for the CSP's img-src."""
    parts = urlsplit(tiles_url)
    if tiles_file or parts.scheme not in ("http", "https") or not parts.netloc:
        return []
    return [f"{parts.scheme}://{parts.netloc}"]


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # A tile service's origin too, when the operator names one and no local archive.
        "img-src": [SELF, "data:", *map_tile_origins(MAP_TILES_FILE, MAP_TILES_URL)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Signing in through a provider submits a form here that leads to the provider's page.
        "form-action": [SELF, *sso_origins(SOCIALACCOUNT_PROVIDERS)],
        "frame-ancestors": [NONE],
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "samverkan@localhost")
# The address people reach the site at, for links in mails sent by the worker (reminders,
# digests), which know no request. `make run` serves http://127.0.0.1:8000.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The item documents attached to a notice e-mail add up to at most this; the rest are linked.
NOTICE_ATTACHMENT_MAX_BYTES = env_int("NOTICE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# The files of one queued e-mail add up to at most this (core/mail.py); keep it above the notice's.
MAIL_ATTACHMENTS_MAX_BYTES = env_int("MAIL_ATTACHMENTS_MAX_BYTES", 25 * 1024 * 1024)
# Webhooks go only to public addresses, and to those in these networks (comma-separated CIDR,
# such as "10.20.0.0/16,192.0.2.7"): loopback, private, link-local and reserved ones are refused
# unless listed (docs/operations.md). A receiver holds a worker at most WEBHOOK_TIMEOUT seconds.
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS", [])
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5)
for _network in WEBHOOK_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"WEBHOOK_ALLOWED_NETWORKS: {_network!r} is not a network such as 10.20.0.0/16"
        ) from exc
if not 1 <= WEBHOOK_TIMEOUT <= 30:
    raise ImproperlyConfigured(f"WEBHOOK_TIMEOUT must be 1 to 30 seconds, not {WEBHOOK_TIMEOUT}")

TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

# The accessibility statement names who answers feedback; set these per installation.
SITE_OWNER = os.environ.get("SITE_OWNER", "Köpings kommun")
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "")

PAGE_SIZE = env_int("PAGE_SIZE", 25)
# An activity whose status has not changed for this many days is shown as unchanged for long.
PLAN_STALE_DAYS = env_int("PLAN_STALE_DAYS", 90)
# Free-text survey answers are blanked this many days after the survey closed or the answer was
# given (`samverkan purge-free-text`, daily); 0 keeps them. Three years by default.
SURVEY_FREE_TEXT_RETENTION_DAYS = env_int("SURVEY_FREE_TEXT_RETENTION_DAYS", 3 * 365)
if not 0 <= SURVEY_FREE_TEXT_RETENTION_DAYS <= 100 * 365:
    raise ImproperlyConfigured(
        "SURVEY_FREE_TEXT_RETENTION_DAYS must be 0 (keep) or a number of days up to 36500, "
        f"not {SURVEY_FREE_TEXT_RETENTION_DAYS}"
    )

# A citizen's e-mail address for feedback on a report is blanked this many days after the report
# was made (`samverkan purge-contact-emails`, daily); 0 keeps them. Two years by default.
# /healthz fails when less than this many megabytes are free under SAMVERKAN_VAR_DIR.
HEALTH_MIN_FREE_MB = env_int("HEALTH_MIN_FREE_MB", 500)
INCIDENT_CONTACT_RETENTION_DAYS = env_int("INCIDENT_CONTACT_RETENTION_DAYS", 2 * 365)
if not 0 <= INCIDENT_CONTACT_RETENTION_DAYS <= 100 * 365:
    raise ImproperlyConfigured(
        "INCIDENT_CONTACT_RETENTION_DAYS must be 0 (keep) or a number of days up to 36500, "
        f"not {INCIDENT_CONTACT_RETENTION_DAYS}"
    )

# One line per event with time, level, logger and request id; JSON lines for a log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}")

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secrets of URLs (calendar feed tokens, Open311 keys) are masked in every line.
    # Each line also carries the id of its request (core/log_format.py).
    "filters": {
        "redact_secrets": {"()": "samverkan.core.log_redaction.RedactSecrets"},
        "request_id": {"()": "samverkan.core.log_format.RequestId"},
    },
    "formatters": {
        "plain": {"()": "samverkan.core.log_format.PlainFormatter"},
        "json": {"()": "samverkan.core.log_format.JsonFormatter"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["redact_secrets", "request_id"],
        },
        # The development server's request log, as Django keeps it, with the same filter.
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # The PDF renderer narrates every layout step at INFO.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Every sign-in, failed or not, with the login name only (accounts/login_limit.py).
        "samverkan.security": {"level": "INFO"},
    },
    # Request logs carry URLs only; personal data never goes into log messages.
}
