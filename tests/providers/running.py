"""The test suite's real identity providers, each a process on 127.0.0.1 started once per run.

`oidc_provider` is a django-oauth-toolkit project (tests/providers/oidc/) that issues ID tokens
signed with a key made at its start; its users are below, each with what the provider says of
them: the e-mail, whether it is verified, and how they signed in (`amr`).
`sso_oidc` configures Samverkan to use it, as SSO_OIDC_* in the environment would.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_PASSWORD = "Leverantörens-lösen-1"

# Who the provider knows. Anna has a login in Samverkan; Bo's address is not verified by the
# provider; Cecilia signed in with a password only; Okänd has no login in Samverkan; David's
# address is vouched for as Entra ID does it.
OIDC_USERS: dict[str, dict[str, Any]] = {
    "anna": {"email": "anna.sso@koping.se", "email_verified": True, "amr": ["pwd", "mfa"]},
    "bo": {"email": "bo.sso@koping.se", "email_verified": False, "amr": ["pwd", "mfa"]},
    "cecilia": {"email": "cecilia.sso@koping.se", "email_verified": True, "amr": ["pwd"]},
    "okand": {"email": "okand.sso@koping.se", "email_verified": True, "amr": ["pwd", "mfa"]},
    # As Entra ID says it: no email_verified, but the tenant verified the address's domain.
    "david": {"email": "david.sso@koping.se", "xms_edov": True, "amr": ["pwd", "mfa"]},
}


@dataclass(frozen=True)
class Provider:
    url: str
    client_id: str
    client_secret: str

    @property
    def origin(self) -> str:
        return "{0.scheme}://{0.netloc}".format(urlsplit(self.url))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test provider stopped: {process.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the test provider did not answer at {url}")


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    state = tmp_path_factory.mktemp("oidc-provider")
    users = {
        name: {**user, "password": PROVIDER_PASSWORD, "name": name.title()}
        for name, user in OIDC_USERS.items()
    }
    (state / "users.json").write_text(json.dumps(users), encoding="utf-8")
    client = {"client_id": "samverkan-test", "client_secret": "hemlig-klient-nyckel"}
    (state / "client.json").write_text(json.dumps(client), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(  # noqa: S603 (the suite's own provider)
        [sys.executable, "-m", "tests.providers.oidc.serve", str(state), str(port)],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/o"
    try:
        wait_until_up(process, f"{url}/.well-known/openid-configuration")
        yield Provider(
            url=url, client_id=client["client_id"], client_secret=client["client_secret"]
        )
    finally:
        process.terminate()
        process.wait(timeout=10)


def oidc_app(provider: Provider) -> dict[str, Any]:
    """The provider as settings.sso_oidc_apps() makes it from SSO_OIDC_TESTKOMMUN_*."""
    return {
        "provider_id": "testkommun",
        "name": "Testkommunen",
        "client_id": provider.client_id,
        "secret": provider.client_secret,
        "settings": {
            "server_url": provider.url,
            "scope": ["openid", "profile", "email"],
            "oauth_pkce_enabled": True,
            "second_factor_amr": ["mfa", "otp", "hwk", "swk"],
        },
    }


@pytest.fixture
def sso_oidc(settings: Any, oidc_provider: Provider) -> Provider:
    """Samverkan configured with the test provider."""
    from samverkan.settings import sso_origins

    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {"APPS": [oidc_app(oidc_provider)]},
    }
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {
            **directives,
            "form-action": ["'self'", *sso_origins(settings.SOCIALACCOUNT_PROVIDERS)],
        },
    }
    return oidc_provider


# The SAML identity provider's users, with how each signed in (AuthnContextClassRef).
SAML_USERS: dict[str, dict[str, Any]] = {
    "anna": {"email": "anna.sso@koping.se", "authn_context": "https://refeds.org/profile/mfa"},
    "cecilia": {
        "email": "cecilia.sso@koping.se",
        "authn_context": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    },
    "okand": {"email": "okand.sso@koping.se", "authn_context": "https://refeds.org/profile/mfa"},
}
SP_ENTITY_ID = "samverkan-test-sp"


@dataclass
class SamlProvider:
    url: str
    state: Path
    acs: list[str]

    @property
    def origin(self) -> str:
        return self.url

    def certificate(self) -> str:
        lines = (self.state / "cert.pem").read_text("utf-8").strip().splitlines()
        return "".join(lines[1:-1])

    def serve(self, site: str) -> None:
        """Let the provider answer Samverkan at this address too (the browser's live server)."""
        acs = f"{site.rstrip('/')}/account/saml/polisen/acs/"
        if acs not in self.acs:
            self.acs.append(acs)
        services = "".join(
            '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:'
            f'HTTP-POST" Location="{url}" index="{index}"/>'
            for index, url in enumerate(self.acs, start=1)
        )
        (self.state / "sp.xml").write_text(
            '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            f'entityID="{SP_ENTITY_ID}"><md:SPSSODescriptor AuthnRequestsSigned="false" '
            'WantAssertionsSigned="true" '
            'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            f"{services}</md:SPSSODescriptor></md:EntityDescriptor>",
            encoding="utf-8",
        )


@pytest.fixture(scope="session")
def saml_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SamlProvider]:
    state = tmp_path_factory.mktemp("saml-provider")
    users = {name: {**user, "password": PROVIDER_PASSWORD} for name, user in SAML_USERS.items()}
    (state / "users.json").write_text(json.dumps(users), encoding="utf-8")
    port = free_port()
    provider = SamlProvider(url=f"http://127.0.0.1:{port}", state=state, acs=[])
    provider.serve("http://testserver")
    process = subprocess.Popen(  # noqa: S603 (the suite's own provider)
        [sys.executable, "-m", "tests.providers.saml.serve", str(state), str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        wait_until_up(process, f"{provider.url}/metadata")
        yield provider
    finally:
        process.terminate()
        process.wait(timeout=10)


def saml_app(provider: SamlProvider) -> dict[str, Any]:
    """The provider as settings.sso_saml_apps() makes it from SSO_SAML_POLISEN_*."""
    from samverkan.settings import SSO_SAML_EMAIL_ATTRIBUTES, SSO_SAML_SECOND_FACTOR_CONTEXTS

    return {
        "provider_id": "polisen",
        "name": "Polisen",
        "client_id": "polisen",
        "settings": {
            "idp": {
                "entity_id": f"{provider.url}/metadata",
                "sso_url": f"{provider.url}/sso",
                "x509cert": provider.certificate(),
            },
            "attribute_mapping": {
                "uid": "http://schemas.microsoft.com/identity/claims/objectidentifier",
                "email": SSO_SAML_EMAIL_ATTRIBUTES,
            },
            "second_factor_contexts": SSO_SAML_SECOND_FACTOR_CONTEXTS,
            "sp": {"entity_id": SP_ENTITY_ID},
            "advanced": {
                "want_assertion_signed": True,
                "reject_idp_initiated_sso": True,
                "allow_single_label_domains": True,
            },
        },
    }


@pytest.fixture
def sso_saml(settings: Any, saml_provider: SamlProvider) -> SamlProvider:
    """Samverkan configured with the test SAML provider."""
    from samverkan.settings import sso_origins

    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": {**settings.SOCIALACCOUNT_PROVIDERS["saml"], "APPS": [saml_app(saml_provider)]},
    }
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {
            **directives,
            "form-action": ["'self'", *sso_origins(settings.SOCIALACCOUNT_PROVIDERS)],
        },
    }
    return saml_provider
