"""A real SAML 2.0 identity provider for the test suite: pysaml2's IdP (saml2.server.Server),
signing with a self-signed key made at its start (xmlsec1 from Debian), in a small WSGI app.

`python -m tests.providers.saml.serve STATE PORT`. STATE holds users.json ({username:
{password, email, authn_context}}) and sp.xml, the service provider's metadata (read at every
request, so a test may add its server's address). It writes idp.pem and cert.pem there, and
answers on 127.0.0.1:PORT: /metadata, and /sso where the user types the password.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, xmldsig
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def make_key(state: Path) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (state / "idp.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    (state / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def idp(state: Path, base: str) -> Server:
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{base}/metadata",
            "key_file": str(state / "idp.pem"),
            "cert_file": str(state / "cert.pem"),
            "xmlsec_binary": "/usr/bin/xmlsec1",
            "metadata": {"inline": [(state / "sp.xml").read_text("utf-8")]},
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "want_authn_requests_signed": False,
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 15},
                            "attribute_restrictions": None,
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
        }
    )
    return Server(config=config)


def page(title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1>{body}</main></body></html>"
    ).encode()


def app(state: Path, base: str) -> Callable[..., Iterable[bytes]]:
    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        path = environ["PATH_INFO"]
        if path == "/metadata":
            xml = create_metadata_string(None, config=idp(state, base).config)
            start_response("200 OK", [("Content-Type", "application/samlmetadata+xml")])
            return [xml if isinstance(xml, bytes) else xml.encode()]
        if path != "/sso":
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        if environ["REQUEST_METHOD"] == "GET":
            query = parse_qs(environ.get("QUERY_STRING", ""))
            hidden = "".join(
                f'<input type="hidden" name="{name}" value="{html.escape(query[name][0])}">'
                for name in ("SAMLRequest", "RelayState")
                if name in query
            )
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
            return [
                page(
                    "Polisens inloggning",
                    f'<form method="post" action="/sso">{hidden}'
                    '<p><label for="id_username">Användarnamn</label> '
                    '<input id="id_username" name="username" autocomplete="username"></p>'
                    '<p><label for="id_password">Lösenord</label> '
                    '<input id="id_password" name="password" type="password" '
                    'autocomplete="current-password"></p>'
                    "<button type=submit>Logga in hos identitetsleverantören</button></form>",
                )
            ]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        form = {k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()}
        users = json.loads((state / "users.json").read_text("utf-8"))
        user = users.get(form.get("username", ""))
        if user is None or user["password"] != form.get("password"):
            start_response("401 Unauthorized", [("Content-Type", "text/html; charset=utf-8")])
            return [page("Fel användarnamn eller lösenord", "")]
        server = idp(state, base)
        request = server.parse_authn_request(form["SAMLRequest"], BINDING_HTTP_REDIRECT)
        args = server.response_args(request.message, [BINDING_HTTP_POST])
        response = server.create_authn_response(
            identity={EMAIL: [user["email"]]},
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=form["username"]),
            authn={"class_ref": user["authn_context"], "authn_auth": f"{base}/metadata"},
            sign_response=True,
            sign_assertion=True,
            sign_alg=xmldsig.SIG_RSA_SHA256,
            digest_alg=xmldsig.DIGEST_SHA256,
            **args,
        )
        encoded = base64.b64encode(str(response).encode()).decode()
        relay = form.get("RelayState", "")
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [
            page(
                "Du är inloggad hos polisen",
                f'<form method="post" action="{html.escape(args["destination"])}">'
                f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
                f'<input type="hidden" name="RelayState" value="{html.escape(relay)}">'
                "<button type=submit>Fortsätt till tjänsten</button></form>",
            )
        ]

    return application


def main() -> None:
    state, port = Path(sys.argv[1]), int(sys.argv[2])
    make_key(state)
    base = f"http://127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, app(state, base), ThreadingServer, QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
