"""Single sign-on is configured from the environment alone, and bad values stop the start."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core.exceptions import ImproperlyConfigured

from samverkan import settings

ENTRA = "https://login.microsoftonline.com/0b1c2d3e-aaaa-bbbb-cccc-123456789abc/v2.0"


def entra(monkeypatch, **overrides: str) -> None:
    values = {
        "SSO_OIDC_PROVIDERS": "entra,polisen",
        "SSO_OIDC_ENTRA_NAME": "Köpings kommun",
        "SSO_OIDC_ENTRA_ISSUER": ENTRA,
        "SSO_OIDC_ENTRA_CLIENT_ID": "4f1c-app",
        "SSO_OIDC_ENTRA_CLIENT_SECRET": "hemligt",
        "SSO_OIDC_POLISEN_NAME": "Polisen",
        "SSO_OIDC_POLISEN_ISSUER": "https://idp.polisen.example/realms/staff",
        "SSO_OIDC_POLISEN_CLIENT_ID": "samverkan",
        **overrides,
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)


def test_entra_id_and_a_second_provider_are_read_from_the_environment(monkeypatch, tmp_path):
    secret = tmp_path / "polisen-secret"
    secret.write_text("från-fil\n")
    entra(monkeypatch, SSO_OIDC_POLISEN_CLIENT_SECRET_FILE=str(secret))
    apps = settings.sso_oidc_apps()
    assert [(app["provider_id"], app["name"]) for app in apps] == [
        ("entra", "Köpings kommun"),
        ("polisen", "Polisen"),
    ]
    assert apps[0]["settings"]["server_url"] == ENTRA
    assert apps[0]["settings"]["scope"] == ["openid", "profile", "email"]
    assert apps[1]["secret"] == "från-fil"


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("SSO_OIDC_PROVIDERS", "Entra!", "SSO_OIDC_PROVIDERS"),
        ("SSO_OIDC_PROVIDERS", "entra,entra", "twice"),
        ("SSO_OIDC_ENTRA_ISSUER", "http://login.example.com/v2.0", "SSO_OIDC_ENTRA_ISSUER"),
        ("SSO_OIDC_ENTRA_ISSUER", "", "SSO_OIDC_ENTRA_ISSUER"),
        ("SSO_OIDC_ENTRA_CLIENT_ID", "", "SSO_OIDC_ENTRA_CLIENT_ID"),
        ("SSO_OIDC_POLISEN_CLIENT_SECRET", "", "SSO_OIDC_POLISEN_CLIENT_SECRET"),
        ("SSO_OIDC_ENTRA_SCOPES", "profile,email", "openid"),
    ],
)
def test_a_bad_value_stops_the_start_and_names_the_variable(monkeypatch, name, value, complaint):
    entra(monkeypatch, SSO_OIDC_POLISEN_CLIENT_SECRET="x")
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=complaint):
        settings.sso_oidc_apps()


def idp_metadata(entity_id: str, sso_url: str) -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "adfs.koping.example")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    body = "".join(cert.public_bytes(serialization.Encoding.PEM).decode().splitlines()[1:-1])
    return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{entity_id}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>
      <ds:X509Certificate>{body}</ds:X509Certificate>
    </ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{sso_url}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


def test_an_adfs_is_read_from_its_metadata_file(monkeypatch, tmp_path):
    metadata = tmp_path / "adfs.xml"
    metadata.write_text(
        idp_metadata(
            "http://adfs.koping.example/adfs/services/trust",
            "https://adfs.koping.example/adfs/ls/",
        )
    )
    monkeypatch.setenv("SSO_SAML_PROVIDERS", "adfs")
    monkeypatch.setenv("SSO_SAML_ADFS_NAME", "Köpings kommun (ADFS)")
    monkeypatch.setenv("SSO_SAML_ADFS_METADATA_FILE", str(metadata))
    [app] = settings.sso_saml_apps()
    idp = app["settings"]["idp"]
    assert idp["entity_id"] == "http://adfs.koping.example/adfs/services/trust"
    assert idp["sso_url"] == "https://adfs.koping.example/adfs/ls/"
    assert idp["x509cert"]
    assert app["settings"]["attribute_mapping"]["email"][0] == (
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
    )
    assert (
        "http://schemas.microsoft.com/claims/multipleauthn"
        in (app["settings"]["second_factor_contexts"])
    )


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"SSO_SAML_ADFS_METADATA_FILE": "/nonexistent/adfs.xml"},
        {"SSO_SAML_ADFS_METADATA_URL": "https://adfs.example/FederationMetadata.xml"},
        {"SSO_SAML_ADFS_METADATA_FILE": "{not_metadata}"},
    ],
)
def test_a_saml_provider_without_usable_metadata_stops_the_start(monkeypatch, tmp_path, env):
    not_metadata = tmp_path / "not.xml"
    not_metadata.write_text("<html>inloggning</html>")
    monkeypatch.setenv("SSO_SAML_PROVIDERS", "adfs")
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(not_metadata=not_metadata))
    with pytest.raises(ImproperlyConfigured, match="SSO_SAML_ADFS_"):
        settings.sso_saml_apps()
