"""Shared fixtures: a council with one login per role, and an outsider from another council."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import User

from samverkan.accounts.models import Role
from samverkan.accounts.services import council_role_grant, login_credentials_set, user_create
from samverkan.organisations import services
from samverkan.organisations.models import BodyKind, Council

PASSWORD = "Rätt-lösen-2026"  # noqa: S105 (the tests' own logins)

# The browser suite drives Playwright's sync API, which runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    from django.conf import settings

    # Hashing is made slow on purpose; tests create many logins.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The suite's personas sign in with a password only, as the demo's do; the tests of the
    # second factor (accounts/tests/test_second_factor.py) turn this off.
    settings.SECOND_FACTOR_OPTIONAL = True
    # Queued tasks (the mails of core/mail.py) run when their transaction commits, so a test
    # reads mail.outbox as a user reads their inbox; core/tests/test_mail.py runs the real
    # database queue through `samverkan worker`.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django_tasks.signals import clear_tasks_handlers

    clear_tasks_handlers(setting="TASKS")  # django-tasks read the setting at start-up


@pytest.fixture
def mails_leave_at_once(monkeypatch):
    """Queued mails are delivered as they are queued, not when the test's transaction commits
    (it never does): for tests that read mail.outbox right after a service that mails."""
    monkeypatch.setattr("samverkan.core.mail._after_commit", lambda enqueue: enqueue())


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def council(db) -> Council:
    return make_council()


def make_council() -> Council:
    """Köping's council with two organisations, the council body and its chair."""
    council = services.council_create(
        actor=None,
        municipality_name="Köpings kommun",
        name="Brottsförebyggande rådet",
        slug="koping",
    )
    kommun = services.organisation_create(actor=None, council=council, name="Köpings kommun")
    services.organisation_create(
        actor=None, council=council, name="Tekniska kontoret", parent=kommun
    )
    body = services.body_create(
        actor=None, council=council, name="Brottsförebyggande rådet", kind=BodyKind.COUNCIL
    )
    person = services.person_create(
        actor=None, council=council, name="Roger Eklund", email="roger@example.se"
    )
    services.membership_create(
        actor=None, body=body, person=person, role="chair", organisation=kommun
    )
    return council


@pytest.fixture
def other_council(db) -> Council:
    return make_other_council()


def make_other_council() -> Council:
    other = services.council_create(
        actor=None, municipality_name="Arboga kommun", name="Trygghetsrådet", slug="arboga"
    )
    services.organisation_create(actor=None, council=other, name="Arboga kommun")
    return other


def make_user(username: str, council: Council | None = None, role: str | None = None) -> User:
    user = user_create(actor=None, username=username, password=PASSWORD)
    # As if its holder had chosen the password through an invitation (see test_four_eyes.py).
    login_credentials_set(user=user, how="password")
    if council is not None and role is not None:
        council_role_grant(actor=None, council=council, user=user, role=role)
    return user


@pytest.fixture
def users(council, other_council) -> dict[str, User | None]:
    return make_users(council, other_council)


def make_users(council: Council, other_council: Council) -> dict[str, User | None]:
    """One login per role in `council`, a site admin, an outsider, and None for anonymous."""
    admin = user_create(actor=None, username="admin", password=PASSWORD, is_site_admin=True)
    result: dict[str, User | None] = {"anonymous": None, "site_admin": admin}
    for role in Role.values:
        result[role] = make_user(role, council, role)
    result["police"] = make_police_member(council)
    result["outsider"] = make_user("outsider", other_council, Role.COORDINATOR)
    return result


def make_police_member(council: Council) -> User:
    """A member who sits for the police (kind police): keeps the promises and the agreement,
    reads the incident list and imports statistics (accounts/access.py)."""
    from samverkan.organisations.models import Body, OrganisationKind

    user = make_user("police", council, Role.MEMBER)
    police = services.organisation_create(
        actor=None, council=council, name="Polisen Västra Mälardalen", kind=OrganisationKind.POLICE
    )
    person = services.person_create(actor=None, council=council, name="Nils Polisson")
    services.person_link_user(actor=None, person=person, user=user)
    body = Body.objects.filter(council=council).order_by("id").first()
    assert body is not None  # noqa: S101 (make_council makes one)
    services.membership_create(
        actor=None, body=body, person=person, role="member", organisation=police
    )
    return user


@pytest.fixture
def coordinator_client(client, users):
    client.force_login(users["coordinator"])
    return client


# The real identity providers of the single sign-on tests (tests/providers/).
from tests.providers.running import (  # noqa: E402, F401
    oidc_provider,
    saml_provider,
    sso_oidc,
    sso_saml,
)
