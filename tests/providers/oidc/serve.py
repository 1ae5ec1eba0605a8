"""Start the test OpenID Connect provider: `python -m tests.providers.oidc.serve STATE PORT`.

STATE is a directory holding users.json ({username: {password, email, email_verified, name,
amr}}) and client.json ({client_id, client_secret}); a fresh RSA key and database are made
there. It answers on 127.0.0.1:PORT until it is stopped.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    state, port = Path(sys.argv[1]), int(sys.argv[2])
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (state / "rsa.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    os.environ["TEST_OIDC_STATE"] = str(state)
    os.environ["TEST_OIDC_SECRET_KEY"] = secrets.token_urlsafe(40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.providers.oidc.settings"
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0)
    Application = apps.get_model("oauth2_provider", "Application")  # noqa: N806
    for username, user in json.loads((state / "users.json").read_text("utf-8")).items():
        User.objects.create_user(username=username, password=user["password"])
    client = json.loads((state / "client.json").read_text("utf-8"))
    Application.objects.create(
        name="Samverkan",
        client_id=client["client_id"],
        client_secret=client["client_secret"],
        client_type="confidential",
        authorization_grant_type="authorization-code",
        redirect_uris="http://testserver/",
        algorithm="RS256",
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", port, get_wsgi_application(), ThreadingServer, QuietHandler)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
