"""A passkey, for the tests: a software authenticator that answers a site's WebAuthn options.

It makes an ES256 key pair, answers registration with "none" attestation and signs assertions,
as a phone or a security key would after the browser's ceremony; the answers are the JSON that
allauth's script posts. The browser story uses Chromium's own virtual authenticator instead.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from fido2.cose import ES256
from fido2.utils import websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)


class PasskeyDevice:
    def __init__(self, origin: str = "https://testserver") -> None:
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.user_handle = b""
        self.counter = 0

    def _client_data(self, kind: str, challenge: str) -> CollectedClientData:
        return CollectedClientData.create(
            type=kind, challenge=websafe_decode(challenge), origin=self.origin
        )

    def _flags(self) -> AuthenticatorData.FLAG:
        return AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV

    def register(self, creation_options: dict[str, Any]) -> str:
        """The answer to the page's `creation_options`, as the JSON the form posts."""
        options = creation_options["publicKey"]
        rp_id = options["rp"]["id"]
        self.user_handle = websafe_decode(options["user"]["id"])
        credential = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        auth_data = AuthenticatorData.create(
            hashlib.sha256(rp_id.encode()).digest(),
            self._flags() | AuthenticatorData.FLAG.AT,
            self.counter,
            credential,
        )
        client_data = self._client_data("webauthn.create", options["challenge"])
        attestation = AttestationObject.create("none", auth_data, {})
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(client_data),
                    "attestationObject": websafe_encode(attestation),
                },
                "clientExtensionResults": {"credProps": {"rk": False}},
            }
        )

    def sign_in(self, request_options: dict[str, Any]) -> str:
        """The answer to the page's `request_options`, as the JSON the form posts."""
        options = request_options["publicKey"]
        self.counter += 1
        auth_data = AuthenticatorData.create(
            hashlib.sha256(options["rpId"].encode()).digest(), self._flags(), self.counter
        )
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(auth_data + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(client_data),
                    "authenticatorData": websafe_encode(auth_data),
                    "signature": websafe_encode(signature),
                    "userHandle": websafe_encode(self.user_handle),
                },
                "clientExtensionResults": {},
            }
        )
